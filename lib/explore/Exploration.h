//===- Exploration.h - The state graph of one analysed function -----------===//
#ifndef GOLIFE_LIB_EXPLORE_EXPLORATION_H
#define GOLIFE_LIB_EXPLORE_EXPLORATION_H

#include "../eval/Interpreter.h"
#include "Canonical.h"
#include "llvm/ADT/DenseMap.h"

namespace golife::explore {

using namespace golife::runtime;

struct Edge {
  unsigned To;
  std::vector<ProcId> Moved;
};

/// Builds the graph of the states reachable from a root function's start,
/// over every schedule, then reads the verdicts off it (Verdicts.cpp).
class Exploration {
public:
  Exploration(const clang::FunctionDecl &Root, clang::ASTContext &Ctx,
              const AnalysisOptions &Options)
      : Root(Root), Interp(Ctx, Options), Options(Options) {}

  /// Builds the state graph; why it stopped before its end (a budget, code
  /// beyond the analysis), or nothing when it is complete.
  std::string build();
  /// What can go wrong, as kind-neutral problems for the checks.
  void problems(std::vector<Problem> &Out);

  const std::string &gaveUpReason() const { return Interp.gaveUpReason(); }
  unsigned size() const { return Nodes.size(); }
  uint64_t bytes() const { return Bytes; }

private:
  const clang::FunctionDecl &Root;
  eval::Interpreter Interp;
  const AnalysisOptions &Options;
  std::vector<State> Nodes;
  std::vector<std::vector<Edge>> Edges;
  llvm::DenseMap<Fingerprint, unsigned> Index;
  std::vector<PanicSite> Panics;
  bool StateTooLarge = false;
  uint64_t Bytes = 0; ///< estimated size of the states kept

  /// The node of \p S, added when new.
  unsigned add(State S);
  /// The successors of \p S with the goroutines each moves.
  void successors(const State &S,
                  std::vector<std::pair<State, std::vector<ProcId>>> &Out);

  // Verdicts.cpp
  std::vector<WaitTarget> targets(const State &S, const Process &P) const;
  WaitTarget targetOf(const State &S, uint32_t Chan, bool NilFromContext) const;
  std::vector<FindingNote> notesFor(const State &S, const Process &P) const;
};

} // namespace golife::explore

#endif
