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

using namespace clang;

namespace golife::explore {

std::string Exploration::build() {
  State Initial = Interp.start(Root);
  if (Interp.gaveUp())
    return "code it cannot follow: " + Interp.gaveUpReason();
  auto Start = std::chrono::steady_clock::now();
  add(std::move(Initial));
  for (unsigned N = 0; N < Nodes.size(); ++N) {
    if (Nodes.size() > Options.MaxStates)
      return "state budget";
    if (Bytes > uint64_t(Options.MaxMemoryMB) << 20)
      return "memory budget";
    if (N % 64 == 0 && std::chrono::steady_clock::now() - Start >
                           std::chrono::seconds(Options.MaxSeconds))
      return "time budget";
    std::vector<std::pair<State, std::vector<ProcId>>> Next;
    successors(Nodes[N], Next);
    if (Interp.gaveUp())
      return "code it cannot follow: " + Interp.gaveUpReason();
    for (auto &[Successor, Moved] : Next) {
      unsigned To = add(std::move(Successor));
      if (StateTooLarge)
        return "state size budget";
      Edges[N].push_back({To, std::move(Moved)});
    }
  }
  return Nodes.size() <= Options.MaxStates ? "" : "state budget";
}

unsigned Exploration::add(State S) {
  State Canonical = canonicalize(S);
  StateTooLarge |= Canonical.Processes.size() + Canonical.Cells.size() +
                       Canonical.Objects.size() >
                   Options.MaxStateSize;
  auto [It, New] = Index.try_emplace(fingerprint(Canonical), Nodes.size());
  if (New) {
    Bytes += approximateBytes(Canonical) + sizeof(Edge);
    Nodes.push_back(std::move(Canonical));
    Edges.emplace_back();
  }
  return It->second;
}

void Exploration::successors(
    const State &S, std::vector<std::pair<State, std::vector<ProcId>>> &Out) {
  std::vector<Transition> Enabled;
  transitions(S, Enabled);
  for (Transition &T : Enabled) {
    if (T.Runs) {
      ProcId P = T.Moved[0];
      std::vector<State> Ran;
      Interp.run(S, P, Ran);
      for (State &Stopped : Ran)
        Out.push_back({std::move(Stopped), {P}});
      for (PanicSite &Site : Interp.Panics)
        Panics.push_back(std::move(Site));
      Interp.Panics.clear();
      continue;
    }
    if (T.Panic)
      Panics.push_back(*T.Panic);
    for (const Resume &R : T.Resumes)
      Interp.resume(T.Next, R);
    Out.push_back({std::move(T.Next), std::move(T.Moved)});
  }
}

void exploreFunction(const FunctionDecl &Root, ASTContext &Ctx,
                     const AnalysisOptions &Options,
                     std::vector<Problem> &Problems, AnalysisStats &Stats) {
  Exploration E(Root, Ctx, Options);
  std::string Incomplete = E.build();
  size_t Before = Problems.size();
  if (Incomplete.empty())
    E.problems(Problems);
  else
    Stats.Incomplete.push_back({&Root, Incomplete});
  ++Stats.FunctionsAnalysed;
  Stats.StatesExplored += E.size();
  Stats.StateBytes += E.bytes();
  if (Options.Trace)
    llvm::errs() << "golife: " << Root.getQualifiedNameAsString() << ": "
                 << E.size() << " states, "
                 << (E.size() ? E.bytes() / E.size() : 0) << " bytes per state"
                 << (Incomplete.empty()
                         ? ""
                         : ", not fully explored (" + Incomplete + "), silent")
                 << ", " << Problems.size() - Before << " problems\n";
}

} // namespace golife::explore
