// RUN: %golife_analyze -Xanalyzer -analyzer-checker=golife.MutexMisuse %s
#include <go/go.h>

#include <mutex>

go::Mutex *PublishedMutex;
void lockSomewhere(go::Mutex &mu);

// Unlocking a mutex nobody holds panics.
void unlockUnlocked() {
  go::Mutex mu;
  mu.unlock(); // expected-warning {{panic: sync: unlock of unlocked mutex}} expected-note {{panic: sync: unlock of unlocked mutex}}
}

void unlockLocked() {
  go::Mutex mu;
  mu.lock();
  mu.unlock();
}

void unlockTwice() {
  go::Mutex mu;
  mu.lock();
  mu.unlock();
  mu.unlock(); // expected-warning {{panic: sync: unlock of unlocked mutex}} expected-note {{panic: sync: unlock of unlocked mutex}}
}

// Only one path took the lock.
void unlockWhatMayNotBeLocked(bool exclusive) {
  go::Mutex mu;
  if (exclusive)
    mu.lock();
  mu.unlock(); // expected-warning {{panic: sync: unlock of unlocked mutex}} expected-note {{panic: sync: unlock of unlocked mutex}}
}

void unlockWhatWasLocked(int mode) {
  go::Mutex mu;
  if (mode > 0)
    mu.lock();
  if (mode > 0)
    mu.unlock();
}

void unlockAfterFailedTryLock() {
  go::Mutex mu;
  go::Mutex other;
  other.lock();
  if (!other.tryLock())
    mu.unlock(); // expected-warning {{panic: sync: unlock of unlocked mutex}} expected-note {{panic: sync: unlock of unlocked mutex}}
  other.unlock();
}

void unlockAfterTryLock() {
  go::Mutex mu;
  if (mu.tryLock())
    mu.unlock();
}

// A reader unlock needs a reader lock.
void runlockWithoutRlock() {
  go::RWMutex mu;
  mu.runlock(); // expected-warning {{panic: sync: RUnlock of unlocked RWMutex}} expected-note {{panic: sync: RUnlock of unlocked RWMutex}}
}

void runlockAfterRlock() {
  go::RWMutex mu;
  mu.rlock();
  mu.runlock();
}

// The goroutine returns still holding the mutex: the parent waits for it
// forever.
void goroutineReturnsHoldingLock() {
  go::Mutex mu;
  go::WaitGroup wg;
  wg.add(1);
  go::spawn([&] {
    mu.lock();
    wg.done();
  });
  wg.wait();
  mu.lock(); // expected-warning {{goroutine blocks forever locking a mutex that its holder never unlocks}} expected-note {{goroutine blocks forever locking a mutex that its holder never unlocks}}
  mu.unlock();
}

void goroutineUnlocksBeforeReturn() {
  go::Mutex mu;
  go::WaitGroup wg;
  wg.add(1);
  go::spawn([&] {
    mu.lock();
    mu.unlock();
    wg.done();
  });
  wg.wait();
  mu.lock();
  mu.unlock();
}

// On the failure path the goroutine returns without unlocking.
void earlyReturnKeepsLock(bool fail) {
  go::Mutex mu;
  go::WaitGroup wg;
  wg.add(1);
  go::spawn([&, fail] {
    mu.lock();
    if (fail) {
      wg.done();
      return;
    }
    mu.unlock();
    wg.done();
  });
  wg.wait();
  mu.lock(); // expected-warning {{goroutine blocks forever locking a mutex that its holder never unlocks}} expected-note {{goroutine blocks forever locking a mutex that its holder never unlocks}}
  mu.unlock();
}

void earlyReturnUnderGuard(bool fail) {
  go::Mutex mu;
  go::WaitGroup wg;
  wg.add(1);
  go::spawn([&, fail] {
    auto _ = go::defer([&] { wg.done(); });
    std::lock_guard<go::Mutex> guard(mu);
    if (fail)
      return;
  });
  wg.wait();
  mu.lock();
  mu.unlock();
}

// The parent returns holding the mutex on one path: the worker that waits
// for it is stuck.
void parentReturnsHoldingLock(bool fail) {
  go::Mutex mu;
  go::WaitGroup wg;
  wg.add(1);
  go::spawn([&] { // expected-note {{goroutine spawned here}}
    mu.lock(); // expected-warning {{goroutine blocks forever locking a mutex that its holder never unlocks}} expected-note {{goroutine blocks forever locking a mutex that its holder never unlocks}}
    mu.unlock();
    wg.done();
  });
  mu.lock();
  if (fail) // expected-note {{assuming 'fail' is true}}
    return; // expected-note {{the function returns here}}
  mu.unlock();
  wg.wait();
}

void parentUnlocksOnEveryPath(bool fail) {
  go::Mutex mu;
  go::WaitGroup wg;
  wg.add(1);
  go::spawn([&] {
    mu.lock();
    mu.unlock();
    wg.done();
  });
  mu.lock();
  if (fail) {
    mu.unlock();
    wg.wait();
    return;
  }
  mu.unlock();
  wg.wait();
}

// The mutex escapes: code the analysis cannot see may hold it. Silent.
void passedToUnknownFunction() {
  go::Mutex mu;
  lockSomewhere(mu);
  mu.unlock();
}

void storedInGlobal() {
  go::Mutex mu;
  PublishedMutex = &mu;
  mu.unlock();
}
