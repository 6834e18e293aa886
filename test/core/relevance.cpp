// Only functions that can reach a runtime operation are analysed: each that
// cannot is no root (no trace line, no cost), while every way of reaching
// the runtime (directly, through a callee, a lambda, a virtual call or a
// std::function) keeps a function a root. The leak below is found, and the
// loop that would exhaust the state budget if interpreted costs nothing.
// RUN: not %golife --trace --quiet --each-function %s -- %runtime_flags 2>&1 >/dev/null \
// RUN:   | FileCheck %s --implicit-check-not='golife: search' \
// RUN:     --implicit-check-not='golife: twice'
// RUN: not %golife --quiet %s -- %runtime_flags | FileCheck %s --check-prefix=LEAK
// RUN: %golife --trace --quiet %S/../Inputs/no-runtime.cpp -- %runtime_flags \
// RUN:   2>&1 | FileCheck %s --check-prefix=NONE --allow-empty
// RUN: %golife --trace --quiet %S/../Inputs/runtime-constants-only.cpp -- \
// RUN:   %runtime_flags 2>&1 | FileCheck %s --check-prefix=NONE --allow-empty
#include <go/go.h>

#include <functional>
#include <vector>

int search(const std::vector<int> &Values, int Wanted) {
  for (unsigned I = 0; I < Values.size(); ++I)
    if (Values[I] == Wanted)
      return int(I);
  return -1;
}

int twice(int X) { return search({X}, X) * 2; }

// CHECK: golife: leak: {{[0-9]+}} states, {{.*}}1 problems
void leak() {
  auto Results = go::makeChan<int>();
  go::spawn([Results] { Results.send(1); }); // LEAK: [[@LINE]]:{{.*}} warning: {{.*}} [golife-channel-leak]
}

// CHECK: golife: callsLeak: {{[0-9]+}} states
void callsLeak() { leak(); }

// CHECK: golife: spawnsLambda: {{[0-9]+}} states
void spawnsLambda() {
  auto Work = [] { go::yield(); };
  Work();
}

struct Task {
  virtual ~Task() = default;
  virtual void run() {}
};

// CHECK: golife: runsVirtual: {{[0-9]+}} states
void runsVirtual(Task &T) { T.run(); }

// CHECK: golife: runsCallback: {{[0-9]+}} states
void runsCallback(const std::function<void()> &Callback) { Callback(); }

// NONE-NOT: golife:
