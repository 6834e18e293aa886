//===- golife-loop-no-exit.cpp - golife.LoopNoExit / golife-loop-no-exit --===//
//
// A goroutine, or the analysed function itself, that keeps running but can
// never finish: its loop has no reachable exit and no cancellation case.
//
//===----------------------------------------------------------------------===//

#include "Checks.h"

namespace golife {
namespace {

class LoopNoExit final : public Check {
public:
  CheckKind kind() const override { return CheckKind::LoopNoExit; }

  void classify(const Problem &P, FindingSink &Sink) const override {
    if (P.Kind != ProblemKind::NeverTerminates)
      return;
    Sink.report(findingAt(P, P.InAnalysedFunction
                                 ? "this loop never exits: the function "
                                   "running it never returns"
                                 : "this loop never exits: the goroutine "
                                   "running it can never finish"));
  }
};

} // namespace

template <> const Check &checkFor<CheckKind::LoopNoExit>() {
  static const LoopNoExit Instance;
  return Instance;
}

} // namespace golife
