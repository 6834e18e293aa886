//===- Verdicts.cpp - What the state graph says can go wrong --------------===//
//
// For each goroutine, a backward pass over the graph finds the states from
// which it can never finish: there it is blocked forever (if it can never
// move again) or loops forever (if it still moves). Obligations (stop a
// ticker, call a cancel function) left unmet when every goroutine is done
// or doomed are problems too, and so are the panics met on the way. The
// facts each check decides on (who holds the mutex, what was waited on)
// are gathered into the Problem.
//
//===----------------------------------------------------------------------===//

#include "Exploration.h"
#include "clang/AST/Expr.h"
#include <deque>
#include <optional>
#include <set>

using namespace clang;

namespace golife::explore {
namespace {

/// The process with key \p Key in \p S, if it is there.
const Process *find(const State &S, const std::string &Key) {
  for (const Process &P : S.Processes)
    if (P.Key == Key)
      return &P;
  return nullptr;
}

/// The channel a wait's value names: an object, or NoObject (nil).
uint32_t waitedChannel(const Value &V) {
  return V.is(Value::Kind::Object) || V.is(Value::Kind::Case) ? V.Id : NoObject;
}

/// The facts about a lock goroutine \p P waits for forever in \p S.
void lockFacts(const State &S, const Process &P, bool NobodyMoves,
               Problem &Blocked) {
  const auto *Waited = S.Objects[P.Wait.Values[0].Id].getAs<Mutex>();
  if (!Waited)
    return;
  const Mutex &M = *Waited;
  ProcId Holder = M.Writer;
  // Read locks name no holder: when every other goroutine has finished,
  // the readers that still hold it are among them.
  if (Holder >= S.Processes.size() && M.Readers > 0 &&
      llvm::all_of(S.Processes, [&](const Process &Other) {
        return &Other == &P || Other.isFinished();
      }))
    Blocked.HolderFinished = true;
  if (Holder >= S.Processes.size())
    return;
  const Process &H = S.Processes[Holder];
  Blocked.SelfLock = &H == &P;
  Blocked.HolderFinished = H.isFinished();
  if (!Blocked.SelfLock && H.Wait.K == Pending::Kind::Lock) {
    const auto *Next = S.Objects[H.Wait.Values[0].Id].getAs<Mutex>();
    Blocked.LockCycle = Next && Next->Writer < S.Processes.size() &&
                        &S.Processes[Next->Writer] == &P;
  }
  Blocked.HolderBlocked =
      !Blocked.SelfLock && !Blocked.LockCycle && !H.isFinished() && NobodyMoves;
}

} // namespace

WaitTarget Exploration::targetOf(const State &S, uint32_t Chan,
                                 bool NilFromContext) const {
  if (Chan == NoObject)
    return NilFromContext ? WaitTarget::NeverDoneContext
                          : WaitTarget::NilChannel;
  for (const Object &O : S.Objects) {
    if (const auto *C = O.getAs<Context>(); C && C->Done == Chan)
      return WaitTarget::CancellableContext;
    if (const auto *T = O.getAs<Ticker>(); T && T->C == Chan)
      return WaitTarget::Timer;
    if (const auto *T = O.getAs<Timer>(); T && T->C == Chan)
      return WaitTarget::Timer;
  }
  return WaitTarget::Channel;
}

std::vector<WaitTarget> Exploration::targets(const State &S,
                                             const Process &P) const {
  const Pending &W = P.Wait;
  switch (W.K) {
  case Pending::Kind::Send:
  case Pending::Kind::Recv:
    return {
        targetOf(S, waitedChannel(W.Values[0]),
                 W.Values[0].is(Value::Kind::NilChan) && W.Values[0].Int == 1)};
  case Pending::Kind::Select: {
    std::vector<WaitTarget> Targets;
    for (const Value &Case : W.Values)
      if (Case.Int != CaseDefault)
        Targets.push_back(targetOf(S, Case.Id, Case.Decl != nullptr));
    return Targets;
  }
  case Pending::Kind::WaitGroup:
    return {WaitTarget::WaitGroup};
  case Pending::Kind::Lock:
    return {WaitTarget::Mutex};
  case Pending::Kind::CondWait:
    return {WaitTarget::Cond};
  default:
    return {};
  }
}

std::vector<FindingNote> Exploration::notesFor(const State &S,
                                               const Process &P) const {
  std::set<ObjId> Waited;
  for (const Value &V : P.Wait.Values)
    if (V.is(Value::Kind::Object) || V.is(Value::Kind::Case))
      Waited.insert(V.Id);
  std::vector<FindingNote> Notes;
  for (const Event &E : S.Events) {
    bool Relevant =
        E.Object != NoObject
            ? Waited.count(E.Object) > 0
            : !E.ProcessKey.empty() &&
                  (P.Key == E.ProcessKey ||
                   llvm::StringRef(P.Key).starts_with(E.ProcessKey + "."));
    if (Relevant)
      Notes.push_back({E.Loc, E.Message});
  }
  return Notes;
}

void Exploration::problems(std::vector<Problem> &Out) {
  unsigned N = Nodes.size();
  std::vector<std::vector<unsigned>> Preds(N);
  for (unsigned From = 0; From < N; ++From)
    for (const Edge &E : Edges[From])
      Preds[E.To].push_back(From);

  // Backward closure: the states from which some state in Seed is reachable.
  auto CanReach = [&](std::vector<bool> Seed) {
    std::deque<unsigned> Work;
    for (unsigned I = 0; I < N; ++I)
      if (Seed[I])
        Work.push_back(I);
    while (!Work.empty()) {
      unsigned I = Work.front();
      Work.pop_front();
      for (unsigned Pred : Preds[I])
        if (!Seed[Pred]) {
          Seed[Pred] = true;
          Work.push_back(Pred);
        }
    }
    return Seed;
  };

  std::vector<std::string> Keys;
  for (const State &S : Nodes)
    for (const Process &P : S.Processes)
      if (!llvm::is_contained(Keys, P.Key))
        Keys.push_back(P.Key);

  std::set<const Expr *> CancelsBlamed;
  std::vector<bool> AllDoneOrDoomed(N, true);
  for (const std::string &Key : Keys) {
    std::vector<bool> Finishes(N), Moves(N);
    for (unsigned I = 0; I < N; ++I) {
      const Process *P = find(Nodes[I], Key);
      Finishes[I] = !P || P->isFinished();
      for (const Edge &E : Edges[I])
        for (ProcId Moved : E.Moved)
          if (Moved < Nodes[I].Processes.size() &&
              Nodes[I].Processes[Moved].Key == Key)
            Moves[I] = true;
    }
    std::vector<bool> CanFinish = CanReach(Finishes);
    std::vector<bool> CanMove = CanReach(Moves);
    // A doomed goroutine that gets stuck somewhere is blocked forever there;
    // one that never gets stuck loops forever.
    // The witness of a blocked goroutine is preferably a state where no
    // goroutine can move at all: there the others' part (who holds the
    // mutex, who waits for whom) is settled too.
    std::optional<unsigned> Stuck, StuckEverywhere, Looping;
    for (unsigned I = 0; I < N && !StuckEverywhere; ++I) {
      if (CanFinish[I])
        continue;
      if (!CanMove[I] && find(Nodes[I], Key)->Wait.Site) {
        if (!Stuck)
          Stuck = I;
        if (Edges[I].empty())
          StuckEverywhere = I;
      } else if (CanMove[I] && !Looping && find(Nodes[I], Key)->LastLoop) {
        Looping = I;
      }
    }
    if (StuckEverywhere)
      Stuck = StuckEverywhere;
    for (std::optional<unsigned> Doomed : {Stuck, Looping}) {
      if (!Doomed)
        continue;
      unsigned I = *Doomed;
      const State &S = Nodes[I];
      const Process &P = *find(S, Key);
      if (!CanMove[I] && P.Wait.Site) {
        Problem Blocked{ProblemKind::BlockedForever};
        Blocked.Op = P.Wait.Op;
        Blocked.Loc = P.Wait.Site->getExprLoc();
        Blocked.Enclosing = &Root;
        Blocked.Targets = targets(S, P);
        Blocked.Notes = notesFor(S, P);
        // Waiting on done() of a context nobody cancels: one bug, reported
        // here, with the cancel function as its cause.
        for (const Object &O : S.Objects) {
          const auto *C = O.getAs<Context>();
          if (C && C->Done < S.Objects.size() &&
              llvm::any_of(
                  P.Wait.Values,
                  [&](const Value &V) {
                    return (V.is(Value::Kind::Object) ||
                            V.is(Value::Kind::Case)) &&
                           V.Id == C->Done;
                  }) &&
              CancelsBlamed.insert(O.Made).second)
            Blocked.Notes.push_back({O.Made->getExprLoc(),
                                     "its cancel function, made here, is "
                                     "never called"});
        }
        if (P.Wait.K == Pending::Kind::Lock)
          lockFacts(S, P, Edges[I].empty(), Blocked);
        Out.push_back(std::move(Blocked));
        break;
      }
      if (P.LastLoop) {
        Problem Loop{ProblemKind::NeverTerminates};
        Loop.InAnalysedFunction = &P == &S.Processes.front();
        Loop.Loc = P.LastLoop->getBeginLoc();
        Loop.Enclosing = &Root;
        Loop.Notes = notesFor(S, P);
        Out.push_back(std::move(Loop));
      }
    }
    // Obligations are due where every goroutine has finished or is stuck:
    // one that still runs (a loop over a ticker) may still use the ticker.
    for (unsigned I = 0; I < N; ++I)
      if (!Finishes[I] && (CanFinish[I] || CanMove[I]))
        AllDoneOrDoomed[I] = false;
  }

  // Obligations nobody can meet any more.
  std::set<const Expr *> Unmet = CancelsBlamed;
  for (unsigned I = 0; I < N; ++I) {
    if (!AllDoneOrDoomed[I])
      continue;
    for (const Object &O : Nodes[I].Objects)
      if (O.isUnmetObligation() && Unmet.insert(O.Made).second) {
        Problem Leak{O.is<Ticker>() ? ProblemKind::TickerNeverStopped
                                    : ProblemKind::CancelNeverCalled};
        Leak.Loc = O.Made->getExprLoc();
        Leak.Enclosing = &Root;
        Out.push_back(std::move(Leak));
      }
  }

  for (const PanicSite &Site : Panics) {
    Problem Panic{ProblemKind::Panic};
    Panic.Op = Site.Op;
    Panic.Loc = Site.Site->getExprLoc();
    Panic.Enclosing = &Root;
    Panic.PanicMessage = Site.Message;
    Out.push_back(std::move(Panic));
  }
}

} // namespace golife::explore
