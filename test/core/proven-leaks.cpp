// A function over budget still reports the goroutines the states it reached
// prove blocked forever: blocked on objects no other goroutine that can
// still move reaches (nor a timer, nor code outside the analysis). Here the
// helper returns, so its channel is the worker's alone, and the caller then
// counts without end, past any budget.
// RUN: %golife_analyze -Xanalyzer -analyzer-checker=golife -Xanalyzer -analyzer-config -Xanalyzer golife:MaxStates=300 %s
// RUN: not %golife --trace --quiet --max-states 300 %s -- %runtime_flags 2>&1 >/dev/null | FileCheck %s
#include <go/go.h>

void orphan() {
  auto results = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  go::spawn([results] { results.send(1); }); // expected-warning {{goroutine blocks forever sending on a channel}} expected-note {{goroutine blocks forever sending}} expected-note {{goroutine spawned here}}
}

// CHECK: golife: orphanThenCount: 30{{[0-9]}} states, {{.*}}not fully explored (state budget): only what the states reached prove, 1 problems
void orphanThenCount(int limit) {
  orphan();
  for (int i = 0; i != limit; ++i)
    go::yield();
}

// Its fix: the helper receives what its worker sends. Still over budget,
// and nothing is proven.
void drained() {
  auto results = go::makeChan<int>();
  go::spawn([results] { results.send(1); });
  results.recv();
}

// CHECK: golife: drainedThenCount: 30{{[0-9]}} states, {{.*}}not fully explored (state budget): only what the states reached prove, 0 problems
void drainedThenCount(int limit) {
  drained();
  for (int i = 0; i != limit; ++i)
    go::yield();
}

// A worker still reachable by a goroutine that can move is not proven
// blocked: the caller might still receive.
// CHECK: golife: heldThenCount: 30{{[0-9]}} states, {{.*}}not fully explored (state budget): only what the states reached prove, 0 problems
void heldThenCount(int limit) {
  auto results = go::makeChan<int>();
  go::spawn([results] { results.send(1); });
  for (int i = 0; i != limit; ++i)
    go::yield();
  results.recv();
}
