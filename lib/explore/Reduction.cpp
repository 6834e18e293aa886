//===- Reduction.cpp - Partial-order reduction: one goroutine runs alone --===//

#include "Reduction.h"
#include "llvm/ADT/STLExtras.h"
#include <optional>

namespace golife::explore {
namespace {

/// Whether code only ever replaces \p C as a whole: a record's fields are
/// cells of their own, and a runtime object's variable is only reassigned.
/// A container's elements come and go: it is not.
bool frozen(const Cell &C) {
  return (C.IsRecord && !C.IsContainer) || C.V.is(Value::Kind::Object);
}

/// What the goroutines other than \p P, the pending alarms and code
/// outside the analysis can reach in \p S.
Reach othersReach(const State &S, ProcId P) {
  return reachOf(S, [P](ProcId Q) { return Q != P; });
}

/// Whether a cell the run created below the shared record \p Record of
/// \p After (a field read for the first time) is not frozen.
bool createsMutableField(const State &Before, const State &After,
                         CellId Record) {
  for (const auto &[Field, Id] : After.Cells[Record].Fields) {
    if (Id < Before.Cells.size())
      continue;
    if (!frozen(After.Cells[Id]))
      return true;
    if (After.Cells[Id].IsRecord && createsMutableField(Before, After, Id))
      return true;
  }
  return false;
}

/// The channels an offer to send or receive names.
template <typename F> void forEachOffered(const Pending &W, F &&Visit) {
  switch (W.K) {
  case Pending::Kind::Send:
  case Pending::Kind::Recv:
    if (W.Values[0].is(Value::Kind::Object))
      Visit(W.Values[0].Id);
    break;
  case Pending::Kind::Select:
    for (const Value &Case : W.Values)
      if (Case.Int != CaseDefault)
        Visit(Case.Id);
    break;
  default:
    break;
  }
}

} // namespace

bool Reduction::runsAlone(const State &S, const Run &R) const {
  Reach Others = othersReach(S, R.P);
  Reach Own(S);
  Own.fromProcess(S.Processes[R.P]);
  for (CellId C = 0; C < S.Cells.size(); ++C)
    if (Own.cell(C) && Others.cell(C) && !frozen(S.Cells[C]))
      return false;
  for (ObjId O : R.Operated)
    if (Others.object(O))
      return false;
  for (const State &After : R.Outcomes) {
    // A panic or go::panic ends the program: no transition is left to
    // commute with, and every order reaches the same end.
    if (After.ended())
      continue;
    if (After.Cells.size() < S.Cells.size() ||
        After.Objects.size() < S.Objects.size())
      return false; // memory was dropped: nothing to compare with
    if (After.Alarms != S.Alarms || After.Now != S.Now)
      return false;
    // A static's first initialisation: whoever runs its declaration first
    // makes it.
    if (After.Statics.size() != S.Statics.size())
      return false;
    for (ObjId O = 0; O < S.Objects.size(); ++O)
      if (Others.object(O) && !(After.Objects[O] == S.Objects[O]))
        return false;
    for (CellId C = 0; C < S.Cells.size(); ++C)
      if (Own.cell(C) && Others.cell(C) && S.Cells[C].IsRecord &&
          createsMutableField(S, After, C))
        return false;
    bool Offers = false;
    if (DefaultCases)
      forEachOffered(After.Processes[R.P].Wait,
                     [&](ObjId Chan) { Offers |= Others.object(Chan); });
    if (Offers)
      return false;
  }
  return true;
}

bool Reduction::stepsAlone(const State &S, const Transition &T) const {
  // Time's steps change the clock and the alarms: never alone.
  if (T.Runs || T.Panic || T.Moved.empty() || T.Touches.empty() ||
      T.Next.Now != S.Now || T.Next.Alarms != S.Alarms)
    return false;
  for (ProcId P : T.Moved)
    if (P >= S.Processes.size() ||
        S.Processes[P].Wait.K == Pending::Kind::Select)
      return false; // its other cases are other transitions
  Reach Others =
      reachOf(S, [&](ProcId Q) { return !llvm::is_contained(T.Moved, Q); });
  return llvm::none_of(T.Touches, [&](ObjId O) { return Others.object(O); });
}

bool Reduction::breaksFrozen(const State &S, const Run &R) const {
  std::optional<Reach> Others;
  for (const State &After : R.Outcomes) {
    if (After.ended())
      continue;
    if (After.Cells.size() < S.Cells.size())
      return true; // memory was dropped: nothing to compare with
    for (CellId C = 0; C < S.Cells.size(); ++C) {
      const Cell &Was = S.Cells[C], &Is = After.Cells[C];
      if (!frozen(Was))
        continue;
      bool Changed = Was.IsRecord
                         ? Is.Class != Was.Class ||
                               Is.Fields.size() < Was.Fields.size() ||
                               !std::equal(Was.Fields.begin(), Was.Fields.end(),
                                           Is.Fields.begin())
                         : !(Is.V == Was.V);
      if (!Changed)
        continue;
      if (!Others)
        Others.emplace(othersReach(S, R.P));
      if (Others->cell(C))
        return true;
    }
  }
  return false;
}

} // namespace golife::explore
