//===- golife-context-leak.cpp - golife.ContextLeak / golife-context-leak -===//
//
// A cancel function that is never called on some path, and a goroutine that
// waits on done() of a context that can never be cancelled.
//
//===----------------------------------------------------------------------===//

#include "Checks.h"
#include "llvm/ADT/STLExtras.h"

namespace golife {
namespace {

class ContextLeak final : public Check {
public:
  CheckKind kind() const override { return CheckKind::ContextLeak; }

  void classify(const Problem &P, FindingSink &Sink) const override {
    if (P.Kind == ProblemKind::CancelNeverCalled) {
      Sink.report(
          findingAt(P, "the cancel function of this context is never called"));
      return;
    }
    if (P.Kind != ProblemKind::BlockedForever || P.Targets.empty())
      return;
    auto IsContext = [](WaitTarget T) {
      return T == WaitTarget::NeverDoneContext ||
             T == WaitTarget::CancellableContext;
    };
    if (!llvm::all_of(P.Targets, IsContext))
      return;
    bool NeverDone = llvm::all_of(P.Targets, [](WaitTarget T) {
      return T == WaitTarget::NeverDoneContext;
    });
    Sink.report(findingAt(
        P, NeverDone ? "goroutine waits forever on done() of a context that "
                       "can never be cancelled"
                     : "goroutine waits forever on done() of a context whose "
                       "cancel is never called"));
  }
};

} // namespace

template <> const Check &checkFor<CheckKind::ContextLeak>() {
  static const ContextLeak Instance;
  return Instance;
}

} // namespace golife
