//===- golife-waitgroup.cpp - golife.WaitGroup / golife-waitgroup ---------===//
//
// Add and Done that do not match: Wait blocks forever, or the counter is
// driven negative (a panic).
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
