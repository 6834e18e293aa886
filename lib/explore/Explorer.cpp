//===- Explorer.cpp - The state graph of one analysed function ------------===//
//
// The exploration builds the graph of reachable states: each transition
// (lib/runtime/Scheduler.h) runs one goroutine's code (lib/eval), or
// completes waits, or advances virtual time. States are canonical and
// identified by fingerprint (Canonical.h) so that loops meet again.
//
//===----------------------------------------------------------------------===//

#include "Explorer.h"
#include "Exploration.h"
#include "clang/AST/Decl.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <iterator>
#include <map>

using namespace clang;

namespace golife::explore {

std::string Exploration::build() {
  bool Reduce = Options.Reduce;
  for (;;) {
    std::string Incomplete = explore(Reduce);
    bool ReductionGivenUp = Reduce && ReductionBroken;
    bool WideningGivenUp = Interp.WidenDelays && wideningUnproven();
    if (!ReductionGivenUp && !WideningGivenUp)
      return Incomplete;
    // Build it again without what the graph showed unfounded.
    Reduce &= !ReductionGivenUp;
    Interp.WidenDelays &= !WideningGivenUp;
    clear();
  }
}

void Exploration::clear() {
  Nodes.clear();
  Edges.clear();
  Index.clear();
  Panics.clear();
  Unordered.clear();
  Bytes = 0;
  ExpandedAlone = 0;
  StateTooLarge = false;
  UnknownDeadlineBesideOthers = false;
  Interp.WidenedDelays = false;
}

std::string Exploration::explore(bool Reduce) {
  State Initial = Interp.start(Root);
  if (Interp.gaveUp())
    return "code it cannot follow: " + Interp.gaveUpReason();
  auto Start = std::chrono::steady_clock::now();
  add(identify(std::move(Initial), {}));
  for (unsigned N = 0; N < Nodes.size(); ++N) {
    if (Nodes.size() > Options.MaxStates)
      return "state budget";
    if (Bytes > uint64_t(Options.MaxMemoryMB) << 20)
      return "memory budget";
    if (N % 64 == 0 && std::chrono::steady_clock::now() - Start >
                           std::chrono::seconds(Options.MaxSeconds))
      return "time budget";
    std::vector<Successor> Next;
    expand(Nodes[N], Reduce, Next);
    if (Interp.gaveUp())
      return "code it cannot follow: " + Interp.gaveUpReason();
    if ((Reduce && ReductionBroken) || wideningUnproven())
      return ""; // build() starts again, without what proved unfounded
    for (Successor &Reached : Next) {
      std::vector<ProcId> Moved = std::move(Reached.Moved);
      std::vector<ProcId> Renumbered = std::move(Reached.Renumbered);
      unsigned To = add(std::move(Reached));
      if (StateTooLarge)
        return "state size budget";
      Bytes +=
          sizeof(Edge) + (Moved.size() + Renumbered.size()) * sizeof(ProcId);
      Edges[N].push_back({To, std::move(Moved), std::move(Renumbered)});
    }
  }
  return Nodes.size() <= Options.MaxStates ? "" : "state budget";
}

Exploration::Successor Exploration::identify(State S,
                                             std::vector<ProcId> Moved) const {
  std::vector<ProcId> Renumbered;
  State Canonical = canonicalize(std::move(S), &Renumbered, Options.Reduce);
  Fingerprint Id = fingerprint(Canonical);
  return {std::move(Canonical), Id, std::move(Moved), std::move(Renumbered)};
}

unsigned Exploration::add(Successor S) {
  const State &Canonical = S.Canonical;
  StateTooLarge |= Canonical.Processes.size() + Canonical.Cells.size() +
                       Canonical.Objects.size() >
                   Options.MaxStateSize;
  auto [It, New] = Index.try_emplace(S.Id, Nodes.size());
  if (New) {
    // Forgotten delays keep every order of alarms only while an alarm with
    // an unknown deadline is the one pending (docs/architecture.md).
    UnknownDeadlineBesideOthers |=
        Canonical.Alarms.size() > 1 &&
        llvm::any_of(Canonical.Alarms,
                     [](const runtime::Alarm &A) { return A.Due < 0; });
    Bytes += approximateBytes(Canonical);
    Nodes.push_back(std::move(S.Canonical));
    Edges.emplace_back();
  }
  return It->second;
}

Run Exploration::runOf(const State &S, ProcId P, bool Reduce) {
  Run R{P};
  Interp.run(S, P, R.Outcomes);
  R.Operated = std::move(Interp.Operated);
  for (PanicSite &Site : Interp.Panics)
    Panics.push_back(std::move(Site));
  Interp.Panics.clear();
  llvm::append_range(Unordered, Interp.Unordered);
  Interp.Unordered.clear();
  ReductionBroken |= Reduce && Reducer.breaksFrozen(S, R);
  return R;
}

void Exploration::finishResumed(State &Next, const Transition &T) {
  for (const runtime::Resume &Resumed : T.Resumes) {
    ProcId P = Resumed.P;
    if (P >= Next.Processes.size() || Next.Processes[P].isFinished() ||
        Next.Processes[P].Wait.K != Pending::Kind::None)
      continue;
    Run R = runOf(Next, P, /*Reduce=*/true);
    if (ReductionBroken || Interp.gaveUp())
      return;
    if (R.Outcomes.size() == 1 && !R.Outcomes[0].ended() &&
        R.Outcomes[0].Processes[P].isFinished() && Reducer.runsAlone(Next, R))
      Next = std::move(R.Outcomes[0]);
  }
}

void Exploration::expand(const State &S, bool Reduce,
                         std::vector<Successor> &Out) {
  // The successors of the runs tried for the reduction, kept for the full
  // expansion.
  std::map<ProcId, std::vector<Successor>> Tried;
  // The goroutines spawned last are tried first: they tend to finish
  // (and leave the state) while their parents would spawn more.
  for (ProcId Back = 0; Reduce && Back < S.Processes.size(); ++Back) {
    ProcId P = S.Processes.size() - 1 - Back;
    const Process &Proc = S.Processes[P];
    if (Proc.isFinished() || (Proc.Wait.K != Pending::Kind::None &&
                              Proc.Wait.K != Pending::Kind::LoopHead &&
                              Proc.Wait.K != Pending::Kind::Yield))
      continue;
    Run R = runOf(S, P, Reduce);
    if (ReductionBroken || Interp.gaveUp())
      return;
    bool Alone = Reducer.runsAlone(S, R);
    std::vector<Successor> &Reached = Tried[P];
    for (State &Stopped : R.Outcomes)
      Reached.push_back(identify(std::move(Stopped), {P}));
    // The cycle proviso: a run that leads back to a state already seen may
    // close a cycle on which the others are postponed forever, so such a
    // state is expanded in full.
    if (Alone && llvm::none_of(Reached, [&](const Successor &Next) {
          return Index.count(Next.Id);
        })) {
      Out = std::move(Reached);
      ++ExpandedAlone;
      return;
    }
  }

  std::vector<Transition> Enabled;
  transitions(S, Enabled);
  for (Transition &T : Enabled) {
    if (!Reduce || !Reducer.stepsAlone(S, T))
      continue;
    State Next = T.Next;
    Interp.complete(Next, T);
    finishResumed(Next, T);
    if (ReductionBroken || Interp.gaveUp())
      return;
    Successor Reached = identify(std::move(Next), T.Moved);
    if (!Index.count(Reached.Id)) { // the cycle proviso, as for runs
      Out.push_back(std::move(Reached));
      ++ExpandedAlone;
      return;
    }
  }
  for (Transition &T : Enabled) {
    if (T.Runs) {
      ProcId P = T.Moved[0];
      if (auto It = Tried.find(P); It != Tried.end()) {
        std::move(It->second.begin(), It->second.end(),
                  std::back_inserter(Out));
        continue;
      }
      Run R = runOf(S, P, Reduce);
      for (State &Stopped : R.Outcomes)
        Out.push_back(identify(std::move(Stopped), {P}));
      continue;
    }
    if (T.Panic)
      Panics.push_back(*T.Panic);
    Interp.complete(T.Next, T);
    if (Reduce) {
      finishResumed(T.Next, T);
      if (ReductionBroken || Interp.gaveUp())
        return;
    }
    Out.push_back(identify(std::move(T.Next), std::move(T.Moved)));
  }
}

void exploreFunction(const FunctionDecl &Root, ASTContext &Ctx,
                     const AnalysisOptions &Options,
                     eval::StaticVariables &Statics,
                     std::vector<Problem> &Problems, AnalysisStats &Stats) {
  Exploration E(Root, Ctx, Options, Statics);
  std::string Incomplete = E.build();
  size_t Before = Problems.size();
  if (Incomplete.empty()) {
    E.problems(Problems);
  } else {
    Stats.Incomplete.push_back({&Root, Incomplete});
    E.provenBlocked(Problems);
  }
  ++Stats.FunctionsAnalysed;
  Stats.StatesExplored += E.size();
  Stats.StateBytes += E.bytes();
  if (Options.Trace)
    llvm::errs() << "golife: " << Root.getQualifiedNameAsString() << ": "
                 << E.size() << " states, "
                 << (E.size() ? E.bytes() / E.size() : 0)
                 << " bytes per state, " << E.expandedAlone()
                 << " expanded by one goroutine alone"
                 << (E.reductionBroken() ? " (reduction given up)" : "")
                 << (E.wideningGivenUp() ? " (forgetting delays given up)" : "")
                 << (Incomplete.empty()
                         ? ""
                         : ", not fully explored (" + Incomplete +
                               "): only what the states reached prove")
                 << ", " << Problems.size() - Before << " problems\n";
}

} // namespace golife::explore
