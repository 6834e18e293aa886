// A helper whose answer was taken has nothing left but to return: its run
// touches nothing another goroutine reaches and cannot be disabled, so it
// finishes with the step that resumed it. Kept pending instead, the
// serving loop could run ahead of any number of such helpers, one more per
// round, and the exploration would end at its time budget with its
// verdicts unproven.
// RUN: %golife_analyze -Xanalyzer -analyzer-checker=golife %s
// RUN: not %golife --trace --quiet %s -- %runtime_flags 2>&1 >/dev/null | FileCheck %s
#include <go/go.h>

int score();

void answerEveryRound(go::Chan<go::Unit> stop) {
  for (;;) {
    auto answer = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
    go::spawn([answer] { // expected-note {{goroutine spawned here}}
      int value = score();
      if (value % 4 == 0) { // expected-note {{assuming 'value % 4 == 0' is true}}
        answer.send(100); // expected-warning {{goroutine blocks forever sending on a channel: no partner can ever come}} expected-note {{goroutine blocks forever sending on a channel: no partner can ever come}}
        return;
      }
      answer.send(value);
    });
    switch (go::select(go::caseRecv(stop), go::caseRecv(answer))) { // expected-note {{the select takes this case}}
    case 0:
      return;
    case 1:
      break;
    }
  }
}

// CHECK: golife: serveUntilStopped: {{[0-9][0-9]?}} states, {{.*}}, 1 problems
// CHECK-NOT: not fully explored
void serveUntilStopped() {
  auto stop = go::makeChan<go::Unit>();
  go::spawn([stop] { answerEveryRound(stop); }); // expected-note {{goroutine spawned here}}
  go::spawn([stop] { stop.send({}); });
} // expected-note {{the function returns here}}
