//===- Analysis.h - Entry point of golife's analysis core -----------------===//
#ifndef GOLIFE_ANALYSIS_H
#define GOLIFE_ANALYSIS_H

#include "golife/Problem.h"

namespace clang {
class ASTContext;
} // namespace clang

namespace golife {

struct AnalysisOptions {
  /// Distinct states the exploration may visit for one analysed function;
  /// past it the function is skipped without a finding.
  unsigned MaxStates = 20000;
  /// How deep calls to functions with bodies are followed.
  unsigned MaxCallDepth = 8;
  /// Statements one goroutine may run between two scheduling points.
  unsigned MaxLocalSteps = 20000;
  /// Goroutines, cells and objects one state may hold: a state that keeps
  /// growing (goroutines spawned in an unbounded loop) ends the exploration.
  unsigned MaxStateSize = 2000;
  /// Print, per analysed function, how the exploration went (to stderr).
  bool Trace = false;
};

/// Statistics of one analysis, for --stats style output and tests.
struct AnalysisStats {
  unsigned FunctionsAnalysed = 0;
  unsigned FunctionsOverBudget = 0;
  unsigned StatesExplored = 0;
};

/// Analyses every function defined in the main file of \p Ctx and returns
/// the findings of the \p Enabled checks, deduplicated and sorted by place.
std::vector<Finding> analyzeTranslationUnit(
    clang::ASTContext &Ctx, llvm::ArrayRef<const Check *> Enabled,
    const AnalysisOptions &Options, AnalysisStats *Stats = nullptr);

} // namespace golife

#endif
