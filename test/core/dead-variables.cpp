// A counter nothing reads (`++ticks`) can never influence a branch, a call
// or a runtime operation: it is not part of the state, so the loop around
// it meets its own states again and the leak next to it is found. A counter
// that does bound a loop (`i < 3`) stays exact: three sends meet three
// receives, and a fourth receive blocks.
// RUN: %golife_analyze -Xanalyzer -analyzer-checker=golife %s
// RUN: not %golife --trace --quiet %s -- %runtime_flags 2>&1 >/dev/null | FileCheck %s
#include <go/go.h>

#include <chrono>

using namespace std::chrono_literals;

// CHECK: golife: countTicksBeside: {{[0-9]+}} states, {{.*}}1 problems
// CHECK-NOT: not fully explored
void countTicksBeside() {
  auto quit = go::makeChan<go::Unit>();
  go::spawn([quit] {
    go::Ticker ticker = go::newTicker(1s);
    int ticks = 0;
    for (;;) {
      int chosen = go::select(go::caseRecv(ticker.C), go::caseRecv(quit));
      if (chosen == 1) {
        ticker.stop();
        return;
      }
      ++ticks;
      ticks += 2;
    }
  });
  auto result = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  go::spawn([result] { result.send(42); }); // expected-warning {{goroutine blocks forever sending on a channel}} expected-note {{sending on a channel}} expected-note {{goroutine spawned here}}
  if (go::select(go::caseRecv(result), go::caseRecv(go::after(10ms))) == 1) { // expected-note {{the select takes this case}}
    quit.close();
    return; // expected-note {{the function returns here}}
  }
  quit.close();
}

// Its fix: the sender has room to leave its result.
void countTicksBesideFixed() {
  auto quit = go::makeChan<go::Unit>();
  go::spawn([quit] {
    go::Ticker ticker = go::newTicker(1s);
    int ticks = 0;
    for (;;) {
      int chosen = go::select(go::caseRecv(ticker.C), go::caseRecv(quit));
      if (chosen == 1) {
        ticker.stop();
        return;
      }
      ++ticks;
    }
  });
  auto result = go::makeChan<int>(1);
  go::spawn([result] { result.send(42); });
  if (go::select(go::caseRecv(result), go::caseRecv(go::after(10ms))) == 1) {
    quit.close();
    return;
  }
  quit.close();
}

void boundedCounterExact() {
  auto values = go::makeChan<int>();
  go::spawn([values] {
    for (int i = 0; i < 3; ++i)
      values.send(i);
  });
  for (int i = 0; i < 3; ++i)
    (void)values.recv();
}

void boundedCounterOneTooMany() {
  auto values = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  go::spawn([values] {
    for (int i = 0; i < 3; ++i)
      values.send(i);
  });
  for (int i = 0; i < 4; ++i)
    (void)values.recv(); // expected-warning {{goroutine blocks forever receiving from a channel}} expected-note {{receiving from a channel}}
}
