//===- Scheduler.h - What can happen next in a state ----------------------===//
//
// The transitions of a state: a runnable goroutine runs its own code (the
// evaluator's part), or the runtime completes waits (a send meets a
// receive, a buffer has room, a WaitGroup reaches zero, a mutex is free, a
// select takes a ready case, a signal wakes one of several waiters), or
// virtual time moves to the next alarms.
// Each transition names the goroutines it moves and the objects it touches:
// transitions of different goroutines on different objects commute.
//
//===----------------------------------------------------------------------===//
#ifndef GOLIFE_LIB_RUNTIME_SCHEDULER_H
#define GOLIFE_LIB_RUNTIME_SCHEDULER_H

#include "State.h"
#include <optional>

namespace golife::runtime {

/// A runtime panic reached on some path (the program dies there).
struct PanicSite {
  const clang::Expr *Site;
  std::string Message;
  OpKind Op;
};

/// An operation that may happen after one it must precede (Problem's
/// Unordered).
struct UnorderedSite {
  const clang::Expr *Site;
  OpKind Op;
};

/// A goroutine whose wait completes: for a select, the case it takes; for a
/// receive, what it received (Ok false: the channel was closed).
struct Resume {
  ProcId P;
  int Case = -1;
  Value Received;
  bool Ok = true;
};

struct Transition {
  /// Goroutine Moved[0] runs its own code: the evaluator computes where it
  /// stops. Otherwise Next is the state after the runtime's step, before
  /// the Resumes are applied to the goroutines' code.
  bool Runs = false;
  State Next;
  std::vector<ProcId> Moved;
  std::vector<Resume> Resumes;
  std::vector<ObjId> Touches;
  /// afterFunc timers that fired: each one's function starts in a
  /// goroutine of its own, which the evaluator makes.
  std::vector<ObjId> Started;
  std::optional<PanicSite> Panic; ///< Next is then the empty state
};

/// Every transition enabled in \p S.
void transitions(const State &S, std::vector<Transition> &Out);

} // namespace golife::runtime

#endif
