// A loop bounded by an unknown count (i < n) runs 0, 1 or 2 rounds: the
// path that would go round a third time ends the loop (n <= 2). Tests of
// an unknown integer are decided by the bounds the path already assumes.
// RUN: %golife_analyze -Xanalyzer -analyzer-checker=golife %s
// RUN: not %golife --quiet %s -- %runtime_flags | FileCheck %s
#include <go/go.h>

// Fan-out over n workers, one reply read: with two, one sender blocks.
void askWorkers(int n) {
  auto replies = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  for (int i = 0; i < n; ++i) // expected-note {{assuming 'i < n' is false after 2 rounds}}
    go::spawn([=] { replies.send(i); }); // expected-warning {{goroutine blocks forever sending on a channel: no partner can ever come}} expected-note {{goroutine spawned here}} expected-note {{goroutine blocks forever sending}}
  if (n > 0)
    replies.recv();
} // expected-note {{the function returns here}}

void askWorkersBuffered(int n) {
  auto replies = go::makeChan<int>(n > 0 ? n : 0);
  for (int i = 0; i < n; ++i)
    go::spawn([=] { replies.send(i); });
  if (n > 0)
    replies.recv();
}

// Every reply read: the two loops agree on n.
void askWorkersReadAll(int n) {
  auto replies = go::makeChan<int>();
  for (int i = 0; i < n; ++i)
    go::spawn([=] { replies.send(i); });
  for (int i = 0; i < n; ++i)
    replies.recv();
}

// Once n > 1 holds, n > 0 holds too: the receive with no sender is never
// reached.
void boundsDecide(int n) {
  auto ch = go::makeChan<int>();
  if (n > 1) {
    go::spawn([=] { ch.send(n); });
    ch.recv();
    if (n <= 0)
      ch.recv(); // never: it would wait forever
  }
}

// CHECK-NOT: warning:
// CHECK: unknown-counts.cpp:12:29: warning: goroutine blocks forever sending
// CHECK-NOT: warning:
