//===- golife-channel-leak.cpp - golife.ChannelLeak / golife-channel-leak -===//
//
// A goroutine (main included) blocked forever on a channel send, receive,
// range or select: no partner can ever come, the channel is nil, or the only
// partner gave up. Waits on nothing but a context's done() belong to
// golife.ContextLeak.
//
//===----------------------------------------------------------------------===//

#include "Checks.h"
#include "llvm/ADT/STLExtras.h"

namespace golife {
namespace {

bool isChannelOp(OpKind Op) {
  return Op == OpKind::Send || Op == OpKind::Recv || Op == OpKind::Range ||
         Op == OpKind::Select;
}

bool onlyContexts(const Problem &P) {
  return !P.Targets.empty() && llvm::all_of(P.Targets, [](WaitTarget T) {
    return T == WaitTarget::NeverDoneContext ||
           T == WaitTarget::CancellableContext;
  });
}

const char *verb(OpKind Op) {
  switch (Op) {
  case OpKind::Send:
    return "sending on";
  case OpKind::Recv:
    return "receiving from";
  case OpKind::Range:
    return "ranging over";
  default:
    return "selecting on";
  }
}

class ChannelLeak final : public Check {
public:
  CheckKind kind() const override { return CheckKind::ChannelLeak; }

  void classify(const Problem &P, FindingSink &Sink) const override {
    if (P.Kind != ProblemKind::BlockedForever || !isChannelOp(P.Op) ||
        onlyContexts(P))
      return;
    bool Nil = !P.Targets.empty() && llvm::all_of(P.Targets, [](WaitTarget T) {
      return T == WaitTarget::NilChannel;
    });
    std::string Message =
        std::string("goroutine blocks forever ") + verb(P.Op) +
        (Nil                      ? " a nil channel"
         : P.Op == OpKind::Select ? " channels that never become ready"
                                  : " a channel: no partner can ever "
                                    "come");
    Sink.report(findingAt(P, std::move(Message)));
  }
};

} // namespace

template <> const Check &checkFor<CheckKind::ChannelLeak>() {
  static const ChannelLeak Instance;
  return Instance;
}

} // namespace golife
