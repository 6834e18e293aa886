// The reduction takes a shared channel variable for frozen: code only ever
// reassigns it. Here the parent does reassign it while the worker can still
// read it, so the premise fails; the exploration says so and starts again
// without the reduction, and finds the leak of the order where the worker
// sends on the old channel.
// RUN: %golife_analyze -Xanalyzer -analyzer-checker=golife %s
// RUN: not %golife --trace --quiet %s -- %runtime_flags 2>&1 >/dev/null | FileCheck %s
#include <go/go.h>

// CHECK: golife: swapChannel: {{[0-9]+}} states, {{.*}}(reduction given up), 2 problems
void swapChannel() {
  auto ch = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  auto ready = go::makeChan<int>();
  go::spawn([&ch, ready] { // expected-note {{goroutine spawned here}}
    ready.recv();
    ch.send(1); // expected-warning {{goroutine blocks forever sending on a channel}} expected-note {{goroutine blocks forever sending}}
  });
  ready.send(0);
  ch = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  ch.recv(); // expected-warning {{goroutine blocks forever receiving from a channel}} expected-note {{goroutine blocks forever receiving}}
}

// Its fix: the channel is replaced before the worker is released. The
// reduction holds here.
// CHECK: golife: swapChannelFixed: {{[0-9]+}} states, {{[0-9]+}} bytes per state, {{[1-9][0-9]*}} expanded by one goroutine alone, 0 problems
void swapChannelFixed() {
  auto ch = go::makeChan<int>();
  auto ready = go::makeChan<int>();
  go::spawn([&ch, ready] {
    ready.recv();
    ch.send(1);
  });
  ch = go::makeChan<int>();
  ready.send(0);
  ch.recv();
}
