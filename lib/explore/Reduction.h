//===- Reduction.h - Partial-order reduction: one goroutine runs alone ----===//
//
// Most interleavings of goroutines differ only in the order of steps that
// commute. The exploration expands a state by a single goroutine's run when
// that run is independent of everything the other goroutines, and time, can
// do before it: then {that run} is a persistent set (Godefroid), and the
// states the other orders would reach are reached later, after it. Which
// verdicts this preserves, and why: docs/architecture.md, "Partial-order
// reduction".
//
// A run of goroutine P from state S is independent of the others when:
//  - every cell both P and another goroutine can reach is frozen: a record
//    (its fields are cells of their own) or a cell holding a runtime object
//    (a channel, mutex or WaitGroup variable, which code only reassigns);
//    fields of a shared record that P's run creates are frozen too;
//  - no object another goroutine (or a pending alarm) can reach was read or
//    changed by the run, apart from the wait it ends at: an offer to send
//    or receive, or a wait for a lock or a WaitGroup, which the scheduler
//    completes; an offer counts when the unit has a select with a default
//    case, which a ready partner takes away;
//  - it leaves the pending alarms and the clock alone.
// That frozen cells stay frozen is checked on every run the exploration
// makes; when a run breaks it, the exploration starts again without
// reduction. A step of the runtime alone is a persistent set when the
// goroutines it moves wait for nothing else and no other goroutine, alarm
// or outside code can reach the objects it touches (the channel between
// two stages of a pipeline).
//
//===----------------------------------------------------------------------===//
#ifndef GOLIFE_LIB_EXPLORE_REDUCTION_H
#define GOLIFE_LIB_EXPLORE_REDUCTION_H

#include "../runtime/Scheduler.h"
#include "llvm/ADT/ArrayRef.h"

namespace golife::explore {

using namespace golife::runtime;

/// One run of goroutine P: the states where it stops (one per path), and
/// the objects the runtime's calls read or changed on the way.
struct Run {
  ProcId P;
  std::vector<State> Outcomes;
  std::vector<ObjId> Operated;
};

class Reduction {
public:
  /// \p DefaultCases: whether the unit has a select with a default case.
  explicit Reduction(bool DefaultCases) : DefaultCases(DefaultCases) {}

  /// Whether \p R, a run from \p S, is independent of every transition the
  /// other goroutines and time can take from \p S before it.
  bool runsAlone(const State &S, const Run &R) const;

  /// Whether \p T, a step of the runtime from \p S (a send meeting a
  /// receive, a buffer's value, a mutex or WaitGroup released), is
  /// independent of everything else: it moves goroutines waiting for
  /// nothing else (no select), on objects only they can reach.
  bool stepsAlone(const State &S, const Transition &T) const;

  /// Whether \p R, a run from \p S, changed a frozen cell another goroutine
  /// can reach: the reduction's premise does not hold for this program.
  bool breaksFrozen(const State &S, const Run &R) const;

private:
  bool DefaultCases;
};

} // namespace golife::explore

#endif
