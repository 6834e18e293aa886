// Roots are the entry points: functions no other analysed function calls.
// A function they call is analysed with the arguments and objects its
// callers give it, not on its own with unknown ones; on its own only when
// no entry point reaches it (a cycle of calls) or when a caller that
// reaches it cannot be explored to its end.
// RUN: %golife_analyze -Xanalyzer -analyzer-checker=golife %s
// RUN: not %golife --quiet %s -- %runtime_flags | FileCheck %s
// RUN: not %golife --quiet --each-function %s -- %runtime_flags | FileCheck %s --check-prefix=EACH
// RUN: not %golife --quiet --max-states=40 %s -- %runtime_flags 2>&1 | FileCheck %s --check-prefix=BUDGET
#include <go/go.h>

// On its own, with Reply unknown, its worker may be left sending; every
// caller asks for the reply.
void serve(bool Reply) {
  auto Done = go::makeChan<int>();
  go::spawn([=] { Done.send(1); });
  if (Reply)
    (void)Done.recv();
}

void serveTwice() {
  serve(true);
  serve(1 + 1 == 2);
}

// One caller does not ask for it: the leak is found from that caller.
void notify(bool Reply) {
  auto Done = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  go::spawn([=] { Done.send(1); }); // expected-warning {{goroutine blocks forever sending on a channel: no partner can ever come}} expected-note {{goroutine spawned here}} expected-note {{goroutine blocks forever sending}}
  if (Reply)
    (void)Done.recv();
}

void notifyBoth() {
  notify(true);
  notify(false);
} // expected-note {{the function returns here}}

// A cycle of calls no entry point reaches: analysed on its own.
void pong(int Rounds);
void ping(int Rounds) {
  auto Done = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  go::spawn([=] { Done.send(1); }); // expected-warning {{goroutine blocks forever sending on a channel: no partner can ever come}} expected-note {{goroutine spawned here}} expected-note {{goroutine blocks forever sending}}
  if (Rounds > 0) // expected-note {{assuming 'Rounds > 0' is true}}
    pong(Rounds - 1);
} // expected-note {{the function returns here}}
void pong(int Rounds) {
  if (Rounds > 0) // expected-note {{assuming 'Rounds > 0' is false}}
    ping(Rounds - 1);
}

// A caller with many interleavings: under a small state budget it is not
// explored to its end, and what it calls is analysed on its own.
void worker(go::Chan<int> Results, bool Reply) {
  auto Ack = go::makeChan<int>();
  go::spawn([=] { Ack.send(1); });
  Results.send(1);
  if (Reply)
    (void)Ack.recv();
}

void crowd() {
  auto Results = go::makeChan<int>(4);
  for (int I = 0; I < 3; ++I)
    go::spawn([=] { worker(Results, true); });
  for (int I = 0; I < 3; ++I)
    (void)Results.recv();
}

// A function handed to go::spawn by name runs in the goroutine: it is
// analysed there, with what the spawn passes.
void serveSpawned(bool Reply) {
  auto Done = go::makeChan<int>();
  go::spawn([=] { Done.send(1); });
  if (Reply)
    (void)Done.recv();
}

void spawnServe() { go::spawn(serveSpawned, true); }

// CHECK-NOT: warning:
// CHECK: entry-points.cpp:29:24: warning: goroutine blocks forever sending
// CHECK-NOT: warning:
// CHECK: entry-points.cpp:43:24: warning: goroutine blocks forever sending
// CHECK-NOT: warning:

// EACH: entry-points.cpp:16:24: warning: goroutine blocks forever sending
// EACH: entry-points.cpp:29:24: warning: goroutine blocks forever sending
// EACH: entry-points.cpp:43:24: warning: goroutine blocks forever sending
// EACH: entry-points.cpp:56:23: warning: goroutine blocks forever sending
// EACH: entry-points.cpp:74:24: warning: goroutine blocks forever sending

// BUDGET: not fully explored (state budget): crowd
// BUDGET: entry-points.cpp:56:23: warning: goroutine blocks forever sending

// The same choice in the analyzer and in clang-tidy.
// RUN: %clang --analyze -fplugin=%plugin_analyzer -Xanalyzer -analyzer-checker=golife -Xanalyzer -analyzer-config -Xanalyzer golife:EachFunction=true %runtime_flags -o /dev/null %s 2>&1 | FileCheck %s --check-prefix=EACH
// RUN: %clang_tidy --checks='-*,golife-channel-leak' %s -- %runtime_flags 2>&1 | FileCheck %s
// RUN: %clang_tidy --checks='-*,golife-channel-leak' --config='{CheckOptions: {EachFunction: true}}' %s -- %runtime_flags 2>&1 | FileCheck %s --check-prefix=EACH
