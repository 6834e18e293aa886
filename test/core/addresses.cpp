// Two objects have two addresses: comparing the addresses of two different
// objects is decided (not equal), and the same object's address equals
// itself, so code that locks a second mutex only when it is another one
// takes one consistent path.
// RUN: %golife_analyze -Xanalyzer -analyzer-checker=golife %s
// RUN: not %golife --quiet %s -- %runtime_flags | FileCheck %s --implicit-check-not=warning:
#include <go/go.h>

void lockBoth(go::Mutex &A, go::Mutex &B) {
  A.lock();
  if (&B != &A)
    B.lock();
  if (&B != &A)
    B.unlock();
  A.unlock();
}

int lockTwoAndOne() {
  return go::run([] {
    go::Mutex First, Second;
    lockBoth(First, Second);
    lockBoth(First, First);
  });
}

// Unlocks the other mutex, which nobody locked, when it is another one.
void unlockOther(go::Mutex &A, go::Mutex &B) {
  A.lock();
  if (&B != &A)
    B.unlock(); // expected-warning {{panic: sync: unlock of unlocked mutex}} expected-note {{panic: sync: unlock of unlocked mutex}}
  A.unlock();
}
// CHECK: addresses.cpp:[[@LINE-3]]:7: warning: panic: sync: unlock of unlocked mutex [golife-mutex-misuse]

int unlockSame() {
  return go::run([] {
    go::Mutex Only;
    unlockOther(Only, Only);
  });
}

int unlockAnother() {
  return go::run([] {
    go::Mutex First, Second;
    unlockOther(First, Second);
  });
}
