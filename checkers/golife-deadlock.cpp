//===- golife-deadlock.cpp - golife.Deadlock / golife-deadlock ------------===//
//
// Goroutines that wait on each other in a cycle through mutexes (lock order
// inversion, a read lock taken again while a writer waits), a mutex locked
// twice by one goroutine, and condition variables waited on with no signal
// to come.
//
//===----------------------------------------------------------------------===//

#include "Checks.h"

namespace golife {
namespace {

class Deadlock final : public Check {
public:
  CheckKind kind() const override { return CheckKind::Deadlock; }

  void classify(const Problem &P, FindingSink &Sink) const override {
    if (P.Kind != ProblemKind::BlockedForever)
      return;
    if (P.Op == OpKind::Lock && P.SelfLock)
      Sink.report(findingAt(P, "goroutine locks a mutex it already holds: "
                               "it blocks forever"));
    else if (P.Op == OpKind::Lock && P.LockCycle)
      Sink.report(findingAt(P, "goroutines wait for each other's mutexes: "
                               "lock order inversion"));
    else if (P.Op == OpKind::Lock && P.BehindWriter)
      Sink.report(findingAt(P, "goroutine blocks forever read-locking: a "
                               "waiting writer holds off new readers, and "
                               "the readers inside never leave"));
    else if (P.Op == OpKind::Lock && P.HolderBlocked)
      Sink.report(findingAt(P, "goroutine blocks forever locking a mutex "
                               "whose holder is itself blocked forever"));
    else if (P.Op == OpKind::CondWait)
      Sink.report(findingAt(P, "goroutine waits forever on a condition "
                               "variable that is never signalled"));
  }
};

} // namespace

template <> const Check &checkFor<CheckKind::Deadlock>() {
  static const Deadlock Instance;
  return Instance;
}

} // namespace golife
