// go::yield() is a scheduling point (runtime.Gosched): a goroutine that runs
// there sees the state between the two updates around it.
// RUN: %golife_analyze -Xanalyzer -analyzer-checker=golife %s
#include <go/go.h>

void reporterSeesIntermediateState() {
  auto *stage = new int(0);
  auto results = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  go::spawn([stage, results] { // expected-note {{goroutine spawned here}}
    if (*stage == 1)
      results.send(*stage); // expected-warning {{goroutine blocks forever sending on a channel: no partner can ever come}} expected-note {{goroutine blocks forever sending}}
  });
  *stage = 1;
  go::yield();
  *stage = 2;
} // expected-note {{the function returns here}}

// Without the yield, no goroutine can run between the updates.
void noSchedulingPointBetween() {
  auto *stage = new int(0);
  auto results = go::makeChan<int>();
  go::spawn([stage, results] {
    if (*stage == 1)
      results.send(*stage);
  });
  *stage = 1;
  *stage = 2;
}

// Its fix: the result has room in a buffer.
void reporterLeavesResultInBuffer() {
  auto *stage = new int(0);
  auto results = go::makeChan<int>(1);
  go::spawn([stage, results] {
    if (*stage == 1)
      results.send(*stage);
  });
  *stage = 1;
  go::yield();
  *stage = 2;
}
