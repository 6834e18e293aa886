//===- Checks.cpp - Names and descriptions of golife's checks -------------===//

#include "golife/Finding.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/Twine.h"

namespace golife {

static const CheckInfo Infos[NumCheckKinds] = {
    {CheckKind::ChannelLeak, "golife.ChannelLeak", "golife-channel-leak",
     "A goroutine blocks forever on a channel send, receive, range or select"},
    {CheckKind::Deadlock, "golife.Deadlock", "golife-deadlock",
     "Goroutines wait on each other in a cycle, or a goroutine locks a mutex "
     "it holds"},
    {CheckKind::LoopNoExit, "golife.LoopNoExit", "golife-loop-no-exit",
     "A goroutine's loop has no reachable exit and no cancellation case"},
    {CheckKind::WaitGroup, "golife.WaitGroup", "golife-waitgroup",
     "WaitGroup Add and Done do not match, so Wait blocks forever or the "
     "counter goes negative"},
    {CheckKind::TickerLeak, "golife.TickerLeak", "golife-ticker-leak",
     "A ticker is never stopped before its last handle is gone"},
    {CheckKind::ContextLeak, "golife.ContextLeak", "golife-context-leak",
     "A context's cancel function is never called, or a goroutine waits on a "
     "context that can never be cancelled"},
    {CheckKind::ChannelMisuse, "golife.ChannelMisuse", "golife-channel-misuse",
     "Send on a closed channel, or close of a closed or nil channel"},
    {CheckKind::MutexMisuse, "golife.MutexMisuse", "golife-mutex-misuse",
     "Unlock of an unlocked mutex, or a return that keeps a mutex locked "
     "that others wait for"},
};

const CheckInfo &checkInfo(CheckKind Kind) {
  return Infos[static_cast<unsigned>(Kind)];
}

llvm::ArrayRef<CheckInfo> allCheckInfos() { return Infos; }

std::string docsUrl(CheckKind Kind) {
  return (llvm::Twine(GOLIFE_DOCS_URL) + "/" + checkInfo(Kind).TidyName + ".md")
      .str();
}

} // namespace golife
