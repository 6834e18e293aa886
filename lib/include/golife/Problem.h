//===- Problem.h - What the exploration observed, before checks classify --===//
//
// The exploration (lib/Explorer.cpp) reports kind-neutral problems: a
// goroutine blocked forever at an operation, a goroutine that can never
// terminate, an obligation (stop a ticker, call a cancel function) that can
// never be met, or a runtime panic. Each check (checkers/<tidy-name>.cpp)
// decides which problems are its findings and how to word them.
//
//===----------------------------------------------------------------------===//
#ifndef GOLIFE_PROBLEM_H
#define GOLIFE_PROBLEM_H

#include "golife/Finding.h"
#include "llvm/ADT/ArrayRef.h"
#include <vector>

namespace golife {

enum class ProblemKind {
  BlockedForever,  ///< a goroutine waits at an operation that never proceeds
  NeverTerminates, ///< a goroutine keeps running but can never finish
  TickerNeverStopped,
  CancelNeverCalled,
  Panic,
  /// An operation that must happen before another may happen after it: a
  /// WaitGroup's add() at zero while a goroutine waits.
  Unordered,
};

/// The operation a goroutine is blocked at, or that panicked.
enum class OpKind {
  Send,
  Recv,
  Range,
  Select,
  Close,
  WaitGroupAdd,
  WaitGroupWait,
  Lock,
  Unlock,
  CondWait,
  Other,
};

/// What one channel (or other object) a blocked operation waits on is.
enum class WaitTarget {
  Channel,            ///< a channel made with makeChan
  NilChannel,         ///< a nil channel: never ready
  NeverDoneContext,   ///< done() of a context that can never be cancelled
  CancellableContext, ///< done() of a context whose cancel was never called
  Timer,              ///< after/tick/ticker channels
  WaitGroup,
  Mutex,
  Cond,
};

struct Problem {
  ProblemKind Kind;
  OpKind Op = OpKind::Other;
  clang::SourceLocation Loc;
  const clang::Decl *Enclosing = nullptr;
  /// For BlockedForever: what each waited-on object is.
  std::vector<WaitTarget> Targets;
  /// For a blocked Lock: the goroutine waiting already holds the mutex.
  bool SelfLock = false;
  /// For a blocked Lock: the holder is blocked on a lock this goroutine holds.
  bool LockCycle = false;
  /// For a blocked Lock: the holder has finished without unlocking.
  bool HolderFinished = false;
  /// For a blocked Lock: the holder is itself blocked forever (not on this
  /// goroutine's mutexes: that is a LockCycle).
  bool HolderBlocked = false;
  /// For a blocked read lock: a writer waiting for the readers inside holds
  /// off new readers (RWMutex writer preference).
  bool BehindWriter = false;
  /// For NeverTerminates: the loop is the analysed function's own (its
  /// caller never gets control back), not a goroutine's.
  bool InAnalysedFunction = false;
  /// For NeverTerminates: where the loop starts. Loc is the operation the
  /// goroutine keeps waiting or yielding at on its way round, or the loop
  /// itself when it never parks in the runtime.
  clang::SourceLocation LoopLoc;
  /// For Panic: Go's panic message, e.g. "send on closed channel".
  std::string PanicMessage;
  /// Events along the execution that leads here.
  std::vector<FindingNote> Notes;
};

/// Receives the findings a check makes of problems.
class FindingSink {
public:
  virtual ~FindingSink() = default;
  virtual void report(Finding F) = 0;
};

/// One user-facing check: it classifies problems into findings.
class Check {
public:
  virtual ~Check() = default;
  virtual CheckKind kind() const = 0;
  /// Reports the findings this check makes of \p P, if any.
  virtual void classify(const Problem &P, FindingSink &Sink) const = 0;

protected:
  /// A finding of this check at the problem's place, with its notes.
  Finding findingAt(const Problem &P, std::string Message) const {
    return Finding{kind(), P.Loc, std::move(Message), P.Notes, P.Enclosing};
  }
};

} // namespace golife

#endif
