//===- Exploration.h - The state graph of one analysed function -----------===//
#ifndef GOLIFE_LIB_EXPLORE_EXPLORATION_H
#define GOLIFE_LIB_EXPLORE_EXPLORATION_H

#include "../eval/Interpreter.h"
#include "Canonical.h"
#include "Reduction.h"
#include "llvm/ADT/DenseMap.h"
#include <set>

namespace golife::explore {

using namespace golife::runtime;

struct Edge {
  unsigned To;
  /// The goroutines the transition moves, by their index in the source.
  std::vector<ProcId> Moved;
  /// Each goroutine of the source's index in the target, or NoProcess once
  /// it has finished (or the program has ended).
  std::vector<ProcId> Renumbered;
};

/// Builds the graph of the states reachable from a root function's start,
/// over every schedule, then reads the verdicts off it (Verdicts.cpp).
class Exploration {
public:
  Exploration(const clang::FunctionDecl &Root, clang::ASTContext &Ctx,
              const AnalysisOptions &Options, eval::StaticVariables &Statics)
      : Root(Root), Interp(Ctx, Options, Statics), Options(Options),
        Reducer(unitUsesDefaultCase(Ctx)) {}

  /// Builds the state graph; why it stopped before its end (a budget, code
  /// beyond the analysis), or nothing when it is complete.
  std::string build();
  /// What can go wrong, as kind-neutral problems for the checks.
  void problems(std::vector<Problem> &Out);
  /// What the states reached prove whatever the rest of the graph holds:
  /// goroutines blocked on objects no other goroutine that can still help
  /// reaches (the criterion of Go's goroutineleak profile). For a graph a
  /// budget cut short.
  void provenBlocked(std::vector<Problem> &Out) const;

  const std::string &gaveUpReason() const { return Interp.gaveUpReason(); }
  unsigned size() const { return Nodes.size(); }
  uint64_t bytes() const { return Bytes; }
  /// States expanded by a single goroutine's run (partial-order reduction).
  unsigned expandedAlone() const { return ExpandedAlone; }
  /// Whether the reduction was given up for this function (a frozen cell
  /// was written) and the graph built again in full.
  bool reductionBroken() const { return ReductionBroken; }
  /// Whether forgetting the locals that only delay alarms was given up for
  /// this function (it could change an order of alarms) and the graph
  /// built again with their values.
  bool wideningGivenUp() const { return !Interp.WidenDelays; }

private:
  /// The function whose body holds \p Site (a lambda's call operator):
  /// what [[clang::suppress]], the analyzer's issue hash and golife's
  /// fingerprints read a finding's context from. Not the root: the entry
  /// point that reached a callee's bug must not change them.
  const clang::Decl *holderOf(const clang::Stmt *Site) const;

  /// A state reached by a transition, in canonical form.
  struct Successor {
    State Canonical;
    Fingerprint Id;
    std::vector<ProcId> Moved;
    std::vector<ProcId> Renumbered;
  };

  const clang::FunctionDecl &Root;
  eval::Interpreter Interp;
  const AnalysisOptions &Options;
  Reduction Reducer;
  std::vector<State> Nodes;
  std::vector<std::vector<Edge>> Edges;
  llvm::DenseMap<Fingerprint, unsigned> Index;
  std::vector<PanicSite> Panics;
  std::vector<UnorderedSite> Unordered;
  bool StateTooLarge = false;
  bool ReductionBroken = false;
  /// A state reached holds an alarm whose deadline is unknown beside
  /// another alarm.
  bool UnknownDeadlineBesideOthers = false;
  unsigned ExpandedAlone = 0;
  uint64_t Bytes = 0; ///< estimated size of the states kept

  /// Builds the graph, with or without the reduction.
  std::string explore(bool Reduce);
  /// Forgets the graph, for building it again.
  void clear();
  /// Whether the graph built so far may depend on forgetting a local that
  /// only delays alarms: such a local was forgotten, and an alarm with an
  /// unknown deadline met another one.
  bool wideningUnproven() const {
    return Interp.WidenedDelays && UnknownDeadlineBesideOthers;
  }
  Successor identify(State S, std::vector<ProcId> Moved) const;
  /// The node of \p S, added when new.
  unsigned add(Successor S);
  /// Runs goroutine \p P of \p S, keeping the panics met on the way.
  Run runOf(const State &S, ProcId P, bool Reduce);
  /// Lets each goroutine \p T resumed in \p Next finish at once when its
  /// run is its own to the end: it touches nothing any other goroutine
  /// reaches, forks nowhere, and finishes. Such a run commutes with every
  /// transition and nothing can disable it, so the states where it is
  /// still pending add no verdict; keeping them lets a loop that makes
  /// such goroutines run ahead of any number of them, without end
  /// (docs/architecture.md, "Partial-order reduction").
  void finishResumed(State &Next, const runtime::Transition &T);
  /// The successors of \p S with the goroutines each moves: those of one
  /// goroutine's run when it runs alone, else those of every transition.
  void expand(const State &S, bool Reduce, std::vector<Successor> &Out);

  // Verdicts.cpp
  Problem blocked(const State &S, const Process &P, bool NobodyMoves,
                  std::set<const clang::Expr *> &CancelsBlamed) const;
  std::vector<WaitTarget> targets(const State &S, const Process &P) const;
  WaitTarget targetOf(const State &S, uint32_t Chan, bool NilFromContext) const;
  std::vector<FindingNote> notesFor(const State &S, const Process &P) const;
  /// The loop goroutine \p Id of node \p Node goes round forever, and the
  /// operation it parks at on its way round.
  struct EndlessRound {
    /// The outermost loop whose head it keeps coming back to; null when
    /// the graph shows none.
    const clang::Stmt *Loop = nullptr;
    /// The first operation it waits or yields at after the loop's head
    /// (the earliest in the file when branches reach different ones); null
    /// when it never parks in the runtime.
    const clang::Expr *Parked = nullptr;
  };
  /// \p First numbers the pairs (state, goroutine) as problems() does.
  EndlessRound endlessRound(llvm::ArrayRef<unsigned> First, unsigned Node,
                            ProcId Id) const;
};

} // namespace golife::explore

#endif
