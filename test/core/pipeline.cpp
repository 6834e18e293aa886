// The channel between two stages of a pipeline is reached by those two
// goroutines only: a send meeting a receive there commutes with everything
// else, so the exploration takes it alone, and eight stages cost about
// eight times one (the hand-offs on other channels are not interleaved).
// RUN: %golife_analyze -Xanalyzer -analyzer-checker=golife %s
// RUN: not %golife --trace --quiet %s -- %runtime_flags 2>&1 >/dev/null | FileCheck %s
// RUN: not %golife --trace --quiet --no-reduction %s -- %runtime_flags 2>&1 >/dev/null | FileCheck --check-prefix=FULL %s
#include <go/go.h>

void relay(go::Chan<int> in, go::Chan<int> out) {
  int value = in.recv();
  out.send(value + 1); // expected-warning {{goroutine blocks forever sending on a channel}} expected-note {{goroutine blocks forever sending}}
}

// CHECK: golife: eightStagesLastDropped: {{[0-9][0-9]?[0-9]?}} states, {{.*}}, 1 problems
// FULL: golife: eightStagesLastDropped: {{[0-9]+}} states, {{.*}}, 1 problems
void eightStagesLastDropped() {
  auto first = go::makeChan<int>();
  auto in = first;
  for (int i = 0; i < 8; i++) {
    auto out = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
    go::spawn(relay, in, out); // expected-note {{goroutine spawned here}}
    in = out;
  }
  first.send(0);
} // expected-note {{the function returns here}}

// Its fix: the last stage's value is taken.
// CHECK: golife: eightStages: {{[0-9][0-9]?[0-9]?}} states, {{.*}}, 0 problems
// FULL: golife: eightStages: {{[0-9]+}} states, {{.*}}, 0 problems
void eightStages() {
  auto first = go::makeChan<int>();
  auto in = first;
  for (int i = 0; i < 8; i++) {
    auto out = go::makeChan<int>();
    go::spawn(relay, in, out);
    in = out;
  }
  first.send(0);
  in.recv();
}
