//===- Verdicts.cpp - What the state graph says can go wrong --------------===//
//
// For each goroutine, a backward pass over the graph finds the states from
// which it can never finish: there it is blocked forever (if it can never
// move again) or loops forever (if it still moves). Obligations left unmet
// for good (a ticker not stopped when every goroutine is done or doomed, a
// cancel function nothing calls any more) are problems too, and so are the
// panics met on the way. The
// facts each check decides on (who holds the mutex, what was waited on)
// are gathered into the Problem.
//
//===----------------------------------------------------------------------===//

#include "Exploration.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include <map>
#include <optional>
#include <set>

using namespace clang;

namespace golife::explore {
namespace {

/// Marks, besides the nodes \p Marked holds, every node from which one of
/// them can be reached along the edges \p Preds lists backwards.
std::vector<bool>
closedBackward(std::vector<bool> Marked,
               const std::vector<std::vector<unsigned>> &Preds) {
  std::vector<unsigned> Work;
  for (unsigned I = 0; I < Marked.size(); ++I)
    if (Marked[I])
      Work.push_back(I);
  while (!Work.empty()) {
    unsigned I = Work.back();
    Work.pop_back();
    for (unsigned Pred : Preds[I])
      if (!Marked[Pred]) {
        Marked[Pred] = true;
        Work.push_back(Pred);
      }
  }
  return Marked;
}

/// Whether a goroutine waiting at \p W needs another goroutine (or time)
/// to go on: not a sleep, not a select with a default case.
bool waitsForOthers(const Pending &W) {
  switch (W.K) {
  case Pending::Kind::Send:
  case Pending::Kind::Recv:
  case Pending::Kind::WaitGroup:
  case Pending::Kind::Lock:
  case Pending::Kind::CondWait:
    return true;
  case Pending::Kind::Select:
    return llvm::none_of(
        W.Values, [](const Value &Case) { return Case.Int == CaseDefault; });
  default:
    return false;
  }
}

/// The object a wait's value names (the channel of a case), NoObject when
/// it names none (the nil channel, a received value's cell).
ObjId waitedObject(const Value &V) {
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
  Blocked.BehindWriter = P.Wait.Reader && Holder == NoProcess &&
                         M.Claimed != NoProcess && M.Readers > 0;
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

/// Whether a goroutine stopped at \p W waits or yields in the runtime there:
/// where a goroutine dump shows it parked. A loop head is only the
/// interpreter's scheduling point.
bool parksInRuntime(const Pending &W) {
  return W.Site && W.K != Pending::Kind::None && W.K != Pending::Kind::LoopHead;
}

} // namespace

Exploration::EndlessRound
Exploration::endlessRound(llvm::ArrayRef<unsigned> First, unsigned Node,
                          ProcId Id) const {
  // Pairs (state, goroutine) numbered from First[state], followed along
  // the edges that keep the goroutine.
  auto StateOf = [&](unsigned Pair) {
    return unsigned(llvm::upper_bound(First, Pair) - First.begin() - 1);
  };
  auto ProcOf = [&](unsigned Pair) -> const Process & {
    unsigned At = StateOf(Pair);
    return Nodes[At].Processes[Pair - First[At]];
  };
  auto Successors = [&](unsigned Pair, auto &&Visit) {
    unsigned From = StateOf(Pair);
    ProcId P = Pair - First[From];
    for (const Edge &E : Edges[From])
      if (P < E.Renumbered.size() && E.Renumbered[P] != NoProcess)
        Visit(First[E.To] + E.Renumbered[P]);
  };
  // Visits the pairs reachable from \p Start (not \p Start itself unless
  // on a cycle), going on from a pair only while \p GoOn says so.
  auto Search = [&](llvm::ArrayRef<unsigned> Start, auto &&Visit, auto &&GoOn) {
    std::vector<bool> Seen(First.back());
    std::vector<unsigned> Work(Start.begin(), Start.end());
    while (!Work.empty()) {
      unsigned Pair = Work.back();
      Work.pop_back();
      Successors(Pair, [&](unsigned Next) {
        if (Seen[Next])
          return;
        Seen[Next] = true;
        Visit(Next);
        if (GoOn(Next))
          Work.push_back(Next);
      });
    }
  };
  auto Always = [](unsigned) { return true; };

  // The heads of loops the goroutine goes round from the witness on, by
  // loop, in the order first met.
  std::vector<std::pair<const Stmt *, std::vector<unsigned>>> Heads;
  auto NoteHead = [&](unsigned Pair) {
    const Pending &W = ProcOf(Pair).Wait;
    if (W.K != Pending::Kind::LoopHead)
      return;
    auto Known = llvm::find_if(
        Heads, [&](const auto &Entry) { return Entry.first == W.Loop; });
    if (Known == Heads.end())
      Known = Heads.insert(Known, {W.Loop, {}});
    Known->second.push_back(Pair);
  };
  unsigned Witness = First[Node] + Id;
  NoteHead(Witness);
  Search(Witness, NoteHead, Always);

  // The loop that never exits: of those whose head the goroutine comes
  // back to (an inner loop that ends is among them), the outermost, i.e.
  // the one in the shallowest frame, then the one that starts first.
  EndlessRound Round;
  unsigned Depth = 0;
  const SourceManager &SM = Root.getASTContext().getSourceManager();
  for (const auto &[Loop, Pairs] : Heads) {
    unsigned LoopDepth = ProcOf(Pairs.front()).Stack.size();
    if (Round.Loop && (LoopDepth > Depth ||
                       (LoopDepth == Depth &&
                        !SM.isBeforeInTranslationUnit(
                            Loop->getBeginLoc(), Round.Loop->getBeginLoc()))))
      continue;
    bool ComesBack = llvm::any_of(Pairs, [&](unsigned Head) {
      bool Back = false;
      Search(Head, [&](unsigned Pair) { Back |= Pair == Head; }, Always);
      return Back;
    });
    if (ComesBack) {
      Round.Loop = Loop;
      Depth = LoopDepth;
    }
  }
  if (!Round.Loop)
    return Round;

  // From its heads, the goroutine's first stops in the runtime on its way
  // round (through any branch, call or inner loop); the earliest in the
  // file when they differ.
  auto Parks = [&](unsigned Pair) { return parksInRuntime(ProcOf(Pair).Wait); };
  Search(
      llvm::find_if(
          Heads, [&](const auto &Entry) { return Entry.first == Round.Loop; })
          ->second,
      [&](unsigned Pair) {
        if (!Parks(Pair))
          return;
        const Expr *Site = ProcOf(Pair).Wait.Site;
        if (!Round.Parked ||
            SM.isBeforeInTranslationUnit(Site->getExprLoc(),
                                         Round.Parked->getExprLoc()))
          Round.Parked = Site;
      },
      [&](unsigned Pair) { return !Parks(Pair); });
  return Round;
}

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
        targetOf(S, waitedObject(W.Values[0]),
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
    if (ObjId O = waitedObject(V); O != NoObject)
      Waited.insert(O);
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

const Decl *Exploration::holderOf(const Stmt *Site) const {
  const FunctionDecl *Holder = Interp.functionHolding(Site);
  return Holder ? Holder : &Root;
}

Problem Exploration::blocked(const State &S, const Process &P, bool NobodyMoves,
                             std::set<const Expr *> &CancelsBlamed) const {
  Problem Blocked{ProblemKind::BlockedForever};
  Blocked.Op = P.Wait.Op;
  Blocked.Loc = P.Wait.Site->getExprLoc();
  Blocked.Enclosing = holderOf(P.Wait.Site);
  Blocked.Targets = targets(S, P);
  Blocked.Notes = notesFor(S, P);
  // Waiting on done() of a context nobody cancels: one bug, reported here,
  // with the cancel function as its cause.
  for (const Object &O : S.Objects) {
    const auto *C = O.getAs<Context>();
    if (C && C->Done < S.Objects.size() &&
        llvm::any_of(
            P.Wait.Values,
            [&](const Value &V) { return waitedObject(V) == C->Done; }) &&
        CancelsBlamed.insert(O.Made).second)
      Blocked.Notes.push_back({O.Made->getExprLoc(),
                               "its cancel function, made here, is never "
                               "called"});
  }
  if (P.Wait.K == Pending::Kind::Lock)
    lockFacts(S, P, NobodyMoves, Blocked);
  return Blocked;
}

void Exploration::provenBlocked(std::vector<Problem> &Out) const {
  std::set<const Expr *> CancelsBlamed, Reported;
  for (const State &S : Nodes) {
    if (S.ended())
      continue;
    // A goroutine whose wait only objects nobody else reaches could
    // complete, and that cannot complete it now, is blocked forever
    // whatever happens next. The others that help are those not blocked
    // forever themselves, found by shrinking the set to a fixpoint.
    std::vector<bool> Doomed(S.Processes.size());
    std::optional<std::vector<Transition>> Enabled;
    for (bool Grew = true; Grew;) {
      Grew = false;
      for (ProcId G = 0; G < S.Processes.size(); ++G) {
        const Process &P = S.Processes[G];
        if (Doomed[G] || P.isFinished() || !P.Wait.Site ||
            !waitsForOthers(P.Wait))
          continue;
        Reach Helpers = reachOf(S, [&](ProcId Q) {
          return Q != G && !Doomed[Q] && !S.Processes[Q].isFinished();
        });
        if (llvm::any_of(P.Wait.Values, [&](const Value &V) {
              return waitedObject(V) == UnknownChannel ||
                     Helpers.object(waitedObject(V));
            }))
          continue;
        if (!Enabled) {
          Enabled.emplace();
          transitions(S, *Enabled);
        }
        // The program may die instead (a send on a closed channel).
        if (llvm::any_of(*Enabled, [](const Transition &T) { return T.Panic; }))
          break;
        if (llvm::any_of(*Enabled, [&](const Transition &T) {
              return llvm::is_contained(T.Moved, G);
            }))
          continue;
        Doomed[G] = Grew = true;
        if (Reported.insert(P.Wait.Site).second)
          Out.push_back(blocked(S, P, false, CancelsBlamed));
      }
    }
  }
}

void Exploration::problems(std::vector<Problem> &Out) {
  // The facts are about one goroutine in one state: a pair (state,
  // goroutine), numbered from First[state]. An edge leads each goroutine of
  // its source to its index in the target (the canonical order may differ).
  unsigned N = Nodes.size();
  std::vector<unsigned> First(N + 1);
  for (unsigned I = 0; I < N; ++I)
    First[I + 1] = First[I] + Nodes[I].Processes.size();
  unsigned Pairs = First[N];
  std::vector<std::vector<unsigned>> Preds(Pairs);
  // CanFinish starts from the pairs finished there or gone on some edge.
  std::vector<bool> Finishes(Pairs), Moves(Pairs), FinishesOrGone(Pairs);
  for (unsigned From = 0; From < N; ++From) {
    for (ProcId P = 0; P < Nodes[From].Processes.size(); ++P)
      Finishes[First[From] + P] = FinishesOrGone[First[From] + P] =
          Nodes[From].Processes[P].isFinished();
    for (const Edge &E : Edges[From]) {
      for (ProcId Moved : E.Moved)
        if (Moved < Nodes[From].Processes.size())
          Moves[First[From] + Moved] = true;
      for (ProcId P = 0; P < Nodes[From].Processes.size(); ++P) {
        ProcId To = P < E.Renumbered.size() ? E.Renumbered[P] : NoProcess;
        if (To == NoProcess)
          FinishesOrGone[First[From] + P] = true; // finished, or the end
        else
          Preds[First[E.To] + To].push_back(First[From] + P);
      }
    }
  }

  std::vector<bool> CanFinish = closedBackward(FinishesOrGone, Preds);
  std::vector<bool> CanMove = closedBackward(Moves, Preds);

  // A doomed goroutine that gets stuck somewhere is blocked forever there;
  // one that never gets stuck loops forever. One witness of each per
  // goroutine, by its name in the state the witness is found in. The
  // witness of a blocked goroutine is preferably a state where no goroutine
  // can move at all: there the others' part (who holds the mutex, who waits
  // for whom) is settled too.
  struct Witnesses {
    std::optional<std::pair<unsigned, ProcId>> Stuck, Looping;
    bool StuckEverywhere = false;
  };
  std::map<std::string, Witnesses> ByName;
  std::vector<std::string> Names; // in the order first met
  for (unsigned I = 0; I < N; ++I)
    for (ProcId P = 0; P < Nodes[I].Processes.size(); ++P) {
      unsigned Pair = First[I] + P;
      if (CanFinish[Pair])
        continue;
      const Process &Proc = Nodes[I].Processes[P];
      auto [It, New] = ByName.try_emplace(Proc.Key);
      if (New)
        Names.push_back(Proc.Key);
      Witnesses &W = It->second;
      if (!CanMove[Pair] && Proc.Wait.Site) {
        if (!W.Stuck || (!W.StuckEverywhere && Edges[I].empty())) {
          W.Stuck = {I, P};
          W.StuckEverywhere = Edges[I].empty();
        }
      } else if (CanMove[Pair] && !W.Looping && Proc.LastLoop) {
        W.Looping = {I, P};
      }
    }

  std::set<const Expr *> CancelsBlamed;
  for (const std::string &Name : Names) {
    const Witnesses &W = ByName[Name];
    for (std::optional<std::pair<unsigned, ProcId>> Doomed :
         {W.Stuck, W.Looping}) {
      if (!Doomed)
        continue;
      auto [I, Id] = *Doomed;
      const State &S = Nodes[I];
      const Process &P = S.Processes[Id];
      if (!CanMove[First[I] + Id] && P.Wait.Site) {
        Out.push_back(blocked(S, P, Edges[I].empty(), CancelsBlamed));
        break;
      }
      if (P.LastLoop) {
        Problem Loop{ProblemKind::NeverTerminates};
        Loop.InAnalysedFunction = Id == 0;
        EndlessRound Round = endlessRound(First, I, Id);
        const Stmt *Looping = Round.Loop ? Round.Loop : P.LastLoop;
        Loop.LoopLoc = Looping->getBeginLoc();
        Loop.Loc = Round.Parked ? Round.Parked->getExprLoc() : Loop.LoopLoc;
        Loop.Enclosing = holderOf(Round.Parked ? Round.Parked : Looping);
        Loop.Notes = notesFor(S, P);
        Out.push_back(std::move(Loop));
      }
    }
  }

  // A ticker is due where every goroutine has finished or is stuck: one
  // that still runs (a loop over a ticker) may still use it.
  std::vector<bool> AllDoneOrDoomed(N, true);
  for (unsigned I = 0; I < N; ++I)
    for (unsigned Pair = First[I]; Pair < First[I + 1]; ++Pair)
      if (!Finishes[Pair] && (CanFinish[Pair] || CanMove[Pair]))
        AllDoneOrDoomed[I] = false;
  // A cancel function is never called from a state that holds an unmet one
  // made at its site and from which no state free of such is reachable:
  // not even a goroutine that keeps running can call it any more (the
  // runtime lists it when the program ends). Objects are renumbered from
  // state to state, so they are followed by site: another cancel of the
  // site called instead (one per round of a loop) keeps it quiet.
  std::vector<std::vector<unsigned>> StatePreds(N);
  for (unsigned From = 0; From < N; ++From)
    for (const Edge &E : Edges[From])
      StatePreds[E.To].push_back(From);
  auto NeverSettles = [&](const Expr *Site) {
    std::vector<bool> Settled(N);
    for (unsigned I = 0; I < N; ++I)
      Settled[I] = llvm::none_of(Nodes[I].Objects, [&](const Object &O) {
        return O.Made == Site && O.isUnmetObligation();
      });
    std::vector<bool> CanSettle =
        closedBackward(std::move(Settled), StatePreds);
    return llvm::is_contained(CanSettle, false);
  };

  // Obligations nobody can meet any more.
  std::set<const Expr *> Judged = CancelsBlamed;
  for (unsigned I = 0; I < N; ++I) {
    for (const Object &O : Nodes[I].Objects) {
      if (!O.isUnmetObligation())
        continue;
      bool IsTicker = O.is<Ticker>();
      if ((IsTicker && !AllDoneOrDoomed[I]) || !Judged.insert(O.Made).second ||
          (!IsTicker && !NeverSettles(O.Made)))
        continue;
      Problem Leak{IsTicker ? ProblemKind::TickerNeverStopped
                            : ProblemKind::CancelNeverCalled};
      Leak.Loc = O.Made->getExprLoc();
      Leak.Enclosing = holderOf(O.Made);
      Out.push_back(std::move(Leak));
    }
  }

  for (const UnorderedSite &Site : Unordered) {
    Problem Race{ProblemKind::Unordered};
    Race.Op = Site.Op;
    Race.Loc = Site.Site->getExprLoc();
    Race.Enclosing = holderOf(Site.Site);
    Out.push_back(std::move(Race));
  }
  for (const PanicSite &Site : Panics) {
    Problem Panic{ProblemKind::Panic};
    Panic.Op = Site.Op;
    Panic.Loc = Site.Site->getExprLoc();
    Panic.Enclosing = holderOf(Site.Site);
    Panic.PanicMessage = Site.Message;
    Out.push_back(std::move(Panic));
  }
}

} // namespace golife::explore
