//===- LoopNoExit.cpp - golife.LoopNoExit / golife-loop-no-exit -----------===//
//
// A goroutine that keeps running but can never finish: its loop has no
// reachable exit and no cancellation case.
//
//===----------------------------------------------------------------------===//

#include "Checks.h"

namespace golife {
namespace {

class LoopNoExit final : public Check {
public:
  CheckKind kind() const override { return CheckKind::LoopNoExit; }

  void classify(const Problem &P, FindingSink &Sink) const override {
    if (P.Kind == ProblemKind::NeverTerminates)
      Sink.report(findingAt(P, "this loop never exits: the goroutine running "
                               "it can never finish"));
  }
};

} // namespace

const Check &loopNoExitCheck() {
  static const LoopNoExit Instance;
  return Instance;
}

} // namespace golife
