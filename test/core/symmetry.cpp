// Goroutines running the same code on the same data are interchangeable:
// which of eight identical workers has delivered its result does not
// matter, only how many have, so the states grow with the number of
// workers, not with the subsets of them (without the reduction this function
// passes the default budget of 20000 states).
// RUN: %golife_analyze -Xanalyzer -analyzer-checker=golife %s
// RUN: not %golife --trace --quiet %s -- %runtime_flags 2>&1 >/dev/null | FileCheck %s
// RUN: not %golife --trace --quiet --no-reduction --max-states 2000 %s -- %runtime_flags 2>&1 >/dev/null | FileCheck --check-prefix=FULL %s
#include <go/go.h>

// CHECK: golife: eightWorkersOneLost: {{[0-9][0-9]?[0-9]?}} states, {{.*}}, 1 problems
// FULL: golife: eightWorkersOneLost: {{[0-9]+}} states, {{.*}}not fully explored (state budget)
void eightWorkersOneLost() {
  auto results = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  for (int i = 0; i < 8; i++)
    go::spawn([results] { results.send(1); }); // expected-warning {{goroutine blocks forever sending on a channel}} expected-note {{goroutine blocks forever sending}} expected-note {{goroutine spawned here}}
  for (int i = 0; i < 7; i++)
    results.recv();
} // expected-note {{the function returns here}}

// Its fix: every result is received.
// CHECK: golife: eightWorkers: {{[0-9][0-9]?[0-9]?}} states, {{.*}}, 0 problems
void eightWorkers() {
  auto results = go::makeChan<int>();
  for (int i = 0; i < 8; i++)
    go::spawn([results] { results.send(1); });
  for (int i = 0; i < 8; i++)
    results.recv();
}

// Workers that differ in their data are not interchangeable: the worker
// whose value is 2 is the one the receiver waits for, and the others leak
// when it comes first.
// CHECK: golife: threeDistinctWorkers: {{[0-9]+}} states, {{.*}}, 2 problems
void threeDistinctWorkers() {
  auto results = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  for (int i = 0; i < 3; i++)
    go::spawn([results, i] { results.send(i); }); // expected-warning {{goroutine blocks forever sending on a channel}} expected-note {{goroutine blocks forever sending}} expected-note {{goroutine spawned here}}
  while (results.recv() != 2) {
  }
} // expected-note {{the function returns here}}

// Its fix: the receiver takes every value.
// CHECK: golife: threeDistinctWorkersDrained: {{[0-9]+}} states, {{.*}}, 0 problems
void threeDistinctWorkersDrained() {
  auto results = go::makeChan<int>();
  for (int i = 0; i < 3; i++)
    go::spawn([results, i] { results.send(i); });
  int sum = 0;
  for (int i = 0; i < 3; i++)
    sum += results.recv();
}
