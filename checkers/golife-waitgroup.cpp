//===- golife-waitgroup.cpp - golife.WaitGroup / golife-waitgroup ---------===//
//
// Add and Done that do not match: Wait blocks forever, the counter is
// driven negative (a panic), or an Add from zero races with a Wait it must
// precede (vet's waitgroup pass, staticcheck's SA2000).
//
//===----------------------------------------------------------------------===//

#include "Checks.h"

namespace golife {
namespace {

class WaitGroupCheck final : public Check {
public:
  CheckKind kind() const override { return CheckKind::WaitGroup; }

  void classify(const Problem &P, FindingSink &Sink) const override {
    if (P.Kind == ProblemKind::BlockedForever && P.Op == OpKind::WaitGroupWait)
      Sink.report(findingAt(P, "wait() blocks forever: the WaitGroup's "
                               "counter never drops to zero"));
    else if (P.Kind == ProblemKind::Unordered && P.Op == OpKind::WaitGroupAdd)
      Sink.report(findingAt(P, "add() from zero while another goroutine "
                               "waits: wait() can return before it (call "
                               "add() before starting the goroutine)"));
    else if (P.Kind == ProblemKind::Panic && P.Op == OpKind::WaitGroupAdd)
      Sink.report(findingAt(P, "the WaitGroup's counter goes negative here "
                               "(panic: " +
                                   P.PanicMessage + ")"));
  }
};

} // namespace

template <> const Check &checkFor<CheckKind::WaitGroup>() {
  static const WaitGroupCheck Instance;
  return Instance;
}

} // namespace golife
