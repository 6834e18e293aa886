//===- golife-loop-no-exit.cpp - golife.LoopNoExit / golife-loop-no-exit --===//
//
// A goroutine, or the analysed function itself, that keeps running but can
// never finish: its loop has no reachable exit and no cancellation case.
// Reported at the runtime operation it keeps waiting or yielding at on its
// way round the loop (where a goroutine dump shows it), else at the loop.
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
    if (P.Loc == P.LoopLoc) {
      Sink.report(findingAt(P, P.InAnalysedFunction
                                   ? "this loop never exits: the function "
                                     "running it never returns"
                                   : "this loop never exits: the goroutine "
                                     "running it can never finish"));
      return;
    }
    // A goroutine dump (and a leak detector) shows the goroutine parked at
    // the operation it keeps coming back to: report it there.
    Finding F = findingAt(P, P.InAnalysedFunction
                                 ? "the function keeps coming back here in a "
                                   "loop that never exits: it never returns"
                                 : "the goroutine keeps coming back here in a "
                                   "loop that never exits: it can never "
                                   "finish");
    F.Notes.push_back({P.LoopLoc, "this loop never exits"});
    Sink.report(std::move(F));
  }
};

} // namespace

template <> const Check &checkFor<CheckKind::LoopNoExit>() {
  static const LoopNoExit Instance;
  return Instance;
}

} // namespace golife
