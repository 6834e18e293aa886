//===- golife-channel-misuse.cpp - golife.ChannelMisuse -------------------===//
//
// Operations that make the runtime panic: send on a closed channel, close of
// a closed or nil channel.
//
//===----------------------------------------------------------------------===//

#include "Checks.h"

namespace golife {
namespace {

class ChannelMisuse final : public Check {
public:
  CheckKind kind() const override { return CheckKind::ChannelMisuse; }

  void classify(const Problem &P, FindingSink &Sink) const override {
    if (P.Kind == ProblemKind::Panic &&
        (P.Op == OpKind::Send || P.Op == OpKind::Close ||
         P.Op == OpKind::Select))
      Sink.report(findingAt(P, "panic: " + P.PanicMessage));
  }
};

} // namespace

template <> const Check &checkFor<CheckKind::ChannelMisuse>() {
  static const ChannelMisuse Instance;
  return Instance;
}

} // namespace golife
