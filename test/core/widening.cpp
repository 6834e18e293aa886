// A retry counter behind a back-off delay grows forever, so every iteration
// of an endless retry loop would be a new state: the loop head forgets a
// local written in the loop whose values reach only alarms' delays, and the
// exploration ends. Forgetting it is kept only while an alarm with an
// unknown deadline is the only alarm pending; when it races another alarm,
// the value decides the order, and the graph is built again with it.
// RUN: %golife_analyze -Xanalyzer -analyzer-checker=golife %s
// RUN: not %golife --trace --quiet --max-states 3000 %s -- %runtime_flags 2>&1 >/dev/null | FileCheck %s
#include <chrono>
#include <go/go.h>

using namespace std::chrono_literals;

// The retry loop only ends when its context is done, and it never is.
// CHECK: golife: retryUntilDone: {{[0-9][0-9]?}} states, {{.*}}, 1 problems
void retryUntilDone() {
  go::Context ctx = go::background();
  go::spawn([ctx] { // expected-note {{goroutine spawned here}}
    for (int retries = 1;; retries++) { // expected-note {{this loop never exits}}
      go::Duration backoff = 2ns * retries;
      if (go::select(go::caseRecv(go::after(backoff)), go::caseRecv(ctx.done())) == 1) // expected-warning {{the goroutine keeps coming back here in a loop that never exits: it can never finish}} expected-note {{the goroutine keeps coming back here in a loop that never exits: it can never finish}} expected-note {{the select takes this case}}
        return;
    }
  });
} // expected-note {{the function returns here}}

// Its fix: the caller cancels the context before it returns.
// CHECK: golife: retryUntilCancelled: {{[0-9][0-9]?}} states, {{.*}}, 0 problems
void retryUntilCancelled() {
  auto [ctx, cancel] = go::withCancel(go::background());
  go::spawn([ctx] {
    for (int retries = 1;; retries++) {
      go::Duration backoff = 2ns * retries;
      if (go::select(go::caseRecv(go::after(backoff)), go::caseRecv(ctx.done())) == 1)
        return;
    }
  });
  cancel();
}

// A fixed timer has fired only after every timer due earlier has: on the
// first two rounds (2ns, 4ns against 5ns) `passed` has always fired when
// the 5ns timer has, so `phase` reaches 2 before the loop can end (later
// rounds may end or not: the runtime may move its clock early). Forgetting
// `round` would let the second round find `passed` empty and report a leak
// the program cannot have: the exploration sees an alarm with an unknown
// deadline beside another one and builds the graph again with the counter
// (which then grows to the budget). Both delays are written so that the
// analysis knows them.
// CHECK: golife: passedBeforeTimeout: {{[0-9]+}} states, {{.*}} (forgetting delays given up), not fully explored (state budget){{.*}}, 0 problems
void passedBeforeTimeout() {
  auto never = go::makeChan<int>();
  int phase = 0;
  for (int round = 1;; round++) {
    go::Duration wait{2 * round};
    auto passed = go::after(wait);
    go::after(go::Duration{5}).recv();
    if (go::select(go::caseRecv(passed), go::caseDefault()) == 1)
      break;
    if (phase < 2)
      phase++;
  }
  if (phase < 2)
    never.recv();
}
