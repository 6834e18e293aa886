//===- Analysis.h - Entry point of golife's analysis core -----------------===//
#ifndef GOLIFE_ANALYSIS_H
#define GOLIFE_ANALYSIS_H

#include "golife/Problem.h"

#include <cstdint>
#include <string>

namespace clang {
class ASTContext;
class Decl;
class FunctionDecl;
} // namespace clang

namespace golife {

struct AnalysisOptions {
  /// Distinct states the exploration may visit for one analysed function;
  /// past it the function is not fully explored (and says so).
  unsigned MaxStates = 20000;
  /// Memory the states of one analysed function may take, in megabytes.
  unsigned MaxMemoryMB = 2048;
  /// Seconds the exploration of one analysed function may take.
  unsigned MaxSeconds = 10;
  /// Seconds the explorations of one translation unit may take together;
  /// the functions left when it is spent are not explored (and say so).
  unsigned MaxUnitSeconds = 30;
  /// How deep calls to functions with bodies are followed.
  unsigned MaxCallDepth = 8;
  /// Statements one goroutine may run between two scheduling points.
  unsigned MaxLocalSteps = 20000;
  /// Goroutines, cells and objects one state may hold: a state that keeps
  /// growing (goroutines spawned in an unbounded loop) ends the exploration.
  unsigned MaxStateSize = 2000;
  /// Expand a state by one goroutine's run when it commutes with all else
  /// (partial-order reduction), and take interchangeable goroutines for one
  /// (symmetry); off only to check the reductions.
  bool Reduce = true;
  /// Analyse the entry points (functions no other analysed function calls),
  /// and a function they call on its own only when a caller that reaches it
  /// cannot be explored to its end; false: every function on its own.
  bool EntryPointsOnly = true;
  /// Print, per analysed function, how the exploration went (to stderr).
  bool Trace = false;
};

/// A function whose exploration stopped before its end: golife reports
/// nothing about it, and says so.
struct IncompleteFunction {
  const clang::FunctionDecl *Function;
  /// "state budget", "memory budget", "time budget", "state size budget",
  /// "time budget of the translation unit", or what the analysis cannot
  /// follow ("code it cannot follow: goto").
  std::string Reason;
};

/// Statistics of one analysis, for --stats style output and tests.
struct AnalysisStats {
  unsigned FunctionsAnalysed = 0;
  unsigned StatesExplored = 0;
  /// Bytes the explored states took, as estimated while exploring.
  uint64_t StateBytes = 0;
  std::vector<IncompleteFunction> Incomplete;
};

/// Analyses every function defined in the main file of \p Ctx and returns
/// the findings of the \p Enabled checks, deduplicated and sorted by place.
std::vector<Finding> analyzeTranslationUnit(
    clang::ASTContext &Ctx, llvm::ArrayRef<const Check *> Enabled,
    const AnalysisOptions &Options, AnalysisStats *Stats = nullptr);

/// The functions that the code of \p Scope calls, constructs, destroys or
/// names but that have no body in its translation unit, and that the
/// analysis would follow if they had one (not the runtime's, not the
/// standard library's, not internal ones). \p Scope is a translation unit
/// (then only its main file's code, where roots are) or a function. A front
/// end that imports their definitions from the units that have them
/// (cross-TU analysis, docs/architecture.md) lets the analysis follow calls
/// across files.
std::vector<const clang::FunctionDecl *>
calleesWithoutBody(const clang::Decl &Scope);

} // namespace golife

#endif
