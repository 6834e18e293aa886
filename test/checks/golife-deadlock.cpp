// RUN: %golife_analyze -Xanalyzer -analyzer-checker=golife.Deadlock %s
#include <go/go.h>

#include <chrono>
#include <mutex>

go::Mutex *PublishedMutex;
go::Cond *PublishedCond;
void lockSomewhere(go::Mutex &mu);
void signalSomewhere(go::Cond &cond);

// A go::Mutex is not reentrant: the second lock waits for the first.
void lockTwice() {
  go::Mutex mu;
  mu.lock();
  mu.lock(); // expected-warning {{goroutine locks a mutex it already holds: it blocks forever}} expected-note {{goroutine locks a mutex it already holds: it blocks forever}}
}

void lockUnlockLock() {
  go::Mutex mu;
  mu.lock();
  mu.unlock();
  mu.lock();
  mu.unlock();
}

// A std::lock_guard holds the mutex until the end of its scope.
void lockUnderGuard() {
  go::Mutex mu;
  std::lock_guard<go::Mutex> guard(mu);
  mu.lock(); // expected-warning {{goroutine locks a mutex it already holds: it blocks forever}} expected-note {{goroutine locks a mutex it already holds: it blocks forever}}
}

void lockAfterGuardScope() {
  go::Mutex mu;
  {
    std::lock_guard<go::Mutex> guard(mu);
  }
  mu.lock();
  mu.unlock();
}

// In a goroutine: the note says where it was spawned.
void lockTwiceInGoroutine() {
  go::Mutex mu;
  go::WaitGroup wg;
  wg.add(1);
  go::spawn([&] { // expected-note {{goroutine spawned here}}
    std::lock_guard<go::Mutex> guard(mu);
    mu.lock(); // expected-warning {{goroutine locks a mutex it already holds: it blocks forever}} expected-note {{goroutine locks a mutex it already holds: it blocks forever}}
    wg.done();
  });
  wg.wait();
}

void lockOnceInGoroutine() {
  go::Mutex mu;
  go::WaitGroup wg;
  wg.add(1);
  go::spawn([&] {
    auto _ = go::defer([&] { wg.done(); });
    std::lock_guard<go::Mutex> guard(mu);
  });
  wg.wait();
}

// Only the retry path locks twice.
void relockOnRetry(bool retry) {
  go::Mutex mu;
  mu.lock();
  if (retry) // expected-note {{assuming 'retry' is true}}
    mu.lock(); // expected-warning {{goroutine locks a mutex it already holds: it blocks forever}} expected-note {{goroutine locks a mutex it already holds: it blocks forever}}
  mu.unlock();
}

void unlockBeforeRetry(bool retry) {
  go::Mutex mu;
  mu.lock();
  if (retry) {
    mu.unlock();
    mu.lock();
  }
  mu.unlock();
}

// AB-BA: the goroutine holds b and waits for a, the parent holds a and
// waits for b. Both are reported.
void lockOrderInversion() {
  go::Mutex a, b;
  go::WaitGroup wg;
  wg.add(1);
  go::spawn([&] { // expected-note {{goroutine spawned here}}
    auto _ = go::defer([&] { wg.done(); });
    b.lock();
    a.lock(); // expected-warning {{goroutines wait for each other's mutexes: lock order inversion}} expected-note {{goroutines wait for each other's mutexes: lock order inversion}}
    a.unlock();
    b.unlock();
  });
  a.lock();
  b.lock(); // expected-warning {{goroutines wait for each other's mutexes: lock order inversion}} expected-note {{goroutines wait for each other's mutexes: lock order inversion}}
  b.unlock();
  a.unlock();
  wg.wait();
}

void lockOrderAgreed() {
  go::Mutex a, b;
  go::WaitGroup wg;
  wg.add(1);
  go::spawn([&] {
    auto _ = go::defer([&] { wg.done(); });
    a.lock();
    b.lock();
    b.unlock();
    a.unlock();
  });
  a.lock();
  b.lock();
  b.unlock();
  a.unlock();
  wg.wait();
}

// A writer that arrives between a reader's two read locks holds off the
// second (Go's writer preference): the writer waits for the reader, the
// reader for the writer.
void readLockTwiceWhileWriterWaits() {
  go::RWMutex mu;
  go::WaitGroup wg;
  wg.add(1);
  go::spawn([&] {
    auto _ = go::defer([&] { wg.done(); });
    mu.lock();
    mu.unlock();
  });
  mu.rlock();
  mu.rlock(); // expected-warning {{goroutine blocks forever read-locking: a waiting writer holds off new readers, and the readers inside never leave}} expected-note {{goroutine blocks forever read-locking}}
  mu.runlock();
  mu.runlock();
  wg.wait();
}

// Its fix: one read lock at a time. Readers still share the lock with no
// writer waiting.
void readLockOnceWhileWriterWaits() {
  go::RWMutex mu;
  go::WaitGroup wg;
  wg.add(2);
  go::spawn([&] {
    auto _ = go::defer([&] { wg.done(); });
    mu.lock();
    mu.unlock();
  });
  go::spawn([&] {
    auto _ = go::defer([&] { wg.done(); });
    mu.rlock();
    mu.runlock();
  });
  mu.rlock();
  mu.runlock();
  mu.rlock();
  mu.runlock();
  wg.wait();
}

// Nobody ever signals the condition variable.
void waitWithoutSignal() {
  go::Mutex mu;
  go::Cond cond(mu);
  mu.lock();
  cond.wait(); // expected-warning {{goroutine waits forever on a condition variable that is never signalled}} expected-note {{goroutine waits forever on a condition variable that is never signalled}}
  mu.unlock();
}

void waitForSignal() {
  go::Mutex mu;
  go::Cond cond(mu);
  bool ready = false;
  go::spawn([&] {
    mu.lock();
    ready = true;
    cond.signal();
    mu.unlock();
  });
  mu.lock();
  while (!ready)
    cond.wait();
  mu.unlock();
}

void waitInGoroutineWithoutSignal() {
  go::Mutex mu;
  go::Cond cond(mu);
  go::spawn([&] { // expected-note {{goroutine spawned here}}
    mu.lock();
    cond.wait(); // expected-warning {{goroutine waits forever on a condition variable that is never signalled}} expected-note {{goroutine waits forever on a condition variable that is never signalled}}
    mu.unlock();
  });
} // expected-note {{the function returns here}}

// The signal is sent on one path only.
void signalOnOnePath(bool ready) {
  go::Mutex mu;
  go::Cond cond(mu);
  go::spawn([&, ready] {
    mu.lock();
    if (ready)
      cond.signal();
    mu.unlock();
  });
  mu.lock();
  cond.wait(); // expected-warning {{goroutine waits forever on a condition variable that is never signalled}} expected-note {{goroutine waits forever on a condition variable that is never signalled}}
  mu.unlock();
}

void signalOnEveryPath(bool ready) {
  go::Mutex mu;
  go::Cond cond(mu);
  bool signalled = false;
  go::spawn([&, ready] {
    mu.lock();
    signalled = true;
    if (ready)
      cond.signal();
    else
      cond.broadcast();
    mu.unlock();
  });
  mu.lock();
  while (!signalled)
    cond.wait();
  mu.unlock();
}

// A lost wakeup: the broadcast may come before the workers wait, and no
// condition is checked, so they wait for a broadcast that already happened.
void broadcastWithoutCondition() {
  go::Mutex mu;
  go::Cond cond(mu);
  go::WaitGroup wg;
  wg.add(2);
  for (int i = 0; i < 2; ++i)
    go::spawn([&] { // expected-note {{goroutine spawned here}}
      mu.lock();
      cond.wait(); // expected-warning {{goroutine waits forever on a condition variable that is never signalled}} expected-note {{goroutine waits forever on a condition variable that is never signalled}}
      mu.unlock();
      wg.done();
    });
  go::sleep(std::chrono::seconds(1));
  mu.lock();
  cond.broadcast();
  mu.unlock();
  wg.wait();
}

void broadcastWithCondition() {
  go::Mutex mu;
  go::Cond cond(mu);
  bool start = false;
  go::WaitGroup wg;
  wg.add(2);
  for (int i = 0; i < 2; ++i)
    go::spawn([&] {
      mu.lock();
      while (!start)
        cond.wait();
      mu.unlock();
      wg.done();
    });
  mu.lock();
  start = true;
  cond.broadcast();
  mu.unlock();
  wg.wait();
}

// Two goroutines wait on one condition variable for different things: the
// worker (queued first) for a job, its owner for the result. Go's signal
// wakes any one waiter: when the job's signal wakes the owner, it waits
// again and the worker never hears of the job.
void signalWakesTheOtherWaiter() {
  go::Mutex mu;
  go::Cond changed(mu);
  bool job = false;
  bool done = false;
  go::WaitGroup started;
  started.add(1);
  go::spawn([&] { // expected-note {{goroutine spawned here}}
    mu.lock();
    started.done();
    while (!job)
      changed.wait(); // expected-warning {{goroutine waits forever on a condition variable that is never signalled}} expected-note {{goroutine waits forever on a condition variable that is never signalled}}
    done = true;
    changed.signal();
    mu.unlock();
  });
  started.wait();
  mu.lock(); // the worker holds the mutex until it waits
  go::spawn([&] {
    mu.lock();
    job = true;
    changed.signal(); // expected-note 2 {{the signal wakes one of several waiters}}
    mu.unlock();
  });
  while (!done)
    changed.wait(); // expected-warning {{goroutine waits forever on a condition variable that is never signalled}} expected-note {{goroutine waits forever on a condition variable that is never signalled}}
  mu.unlock();
}

// Its fix: the job is broadcast, which wakes both.
void broadcastWakesBothWaiters() {
  go::Mutex mu;
  go::Cond changed(mu);
  bool job = false;
  bool done = false;
  go::WaitGroup started;
  started.add(1);
  go::spawn([&] {
    mu.lock();
    started.done();
    while (!job)
      changed.wait();
    done = true;
    changed.signal();
    mu.unlock();
  });
  started.wait();
  mu.lock();
  go::spawn([&] {
    mu.lock();
    job = true;
    changed.broadcast();
    mu.unlock();
  });
  while (!done)
    changed.wait();
  mu.unlock();
}

// The mutex or the condition variable escapes: code the analysis cannot see
// may unlock or signal. Silent.
void mutexPassedToUnknownFunction() {
  go::Mutex mu;
  lockSomewhere(mu);
  mu.lock();
  mu.lock();
}

void mutexStoredInGlobal() {
  go::Mutex mu;
  PublishedMutex = &mu;
  mu.lock();
  mu.lock();
}

void condPassedToUnknownFunction() {
  go::Mutex mu;
  go::Cond cond(mu);
  signalSomewhere(cond);
  mu.lock();
  cond.wait();
  mu.unlock();
}

void condStoredInGlobal() {
  go::Mutex mu;
  go::Cond cond(mu);
  PublishedCond = &cond;
  mu.lock();
  cond.wait();
  mu.unlock();
}
