//===- golife-ticker-leak.cpp - golife.TickerLeak / golife-ticker-leak ----===//
//
// A ticker that is never stopped before its last handle is gone, and
// go::tick, whose ticker can never be stopped.
//
//===----------------------------------------------------------------------===//

#include "Checks.h"

namespace golife {
namespace {

class TickerLeak final : public Check {
public:
  CheckKind kind() const override { return CheckKind::TickerLeak; }

  void classify(const Problem &P, FindingSink &Sink) const override {
    if (P.Kind == ProblemKind::TickerNeverStopped)
      Sink.report(findingAt(P, "this ticker is never stopped"));
  }
};

} // namespace

template <> const Check &checkFor<CheckKind::TickerLeak>() {
  static const TickerLeak Instance;
  return Instance;
}

} // namespace golife
