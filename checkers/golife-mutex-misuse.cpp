//===- golife-mutex-misuse.cpp - golife.MutexMisuse / golife-mutex-misuse -===//
//
// Unlock of an unlocked mutex (a panic), and a goroutine that finishes
// holding a mutex that another goroutine then waits for forever.
//
//===----------------------------------------------------------------------===//

#include "Checks.h"

namespace golife {
namespace {

class MutexMisuse final : public Check {
public:
  CheckKind kind() const override { return CheckKind::MutexMisuse; }

  void classify(const Problem &P, FindingSink &Sink) const override {
    if (P.Kind == ProblemKind::Panic && P.Op == OpKind::Unlock)
      Sink.report(findingAt(P, "panic: " + P.PanicMessage));
    else if (P.Kind == ProblemKind::BlockedForever && P.Op == OpKind::Lock &&
             P.HolderFinished)
      Sink.report(findingAt(P, "goroutine blocks forever locking a mutex that "
                               "its holder never unlocks"));
  }
};

} // namespace

template <> const Check &checkFor<CheckKind::MutexMisuse>() {
  static const MutexMisuse Instance;
  return Instance;
}

} // namespace golife
