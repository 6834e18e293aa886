//===- Explorer.h - Decides whether every goroutine can finish ------------===//
#ifndef GOLIFE_LIB_EXPLORE_EXPLORER_H
#define GOLIFE_LIB_EXPLORE_EXPLORER_H

#include "golife/Analysis.h"
#include "golife/Problem.h"

namespace clang {
class ASTContext;
class FunctionDecl;
} // namespace clang

namespace golife::explore {

/// Explores every schedule of \p Root and the goroutines it starts, under the
/// runtime's semantics, and appends what can go wrong to \p Problems. Adds
/// nothing when the exploration exceeds its bounds or meets code it cannot
/// follow. Returns the number of states explored.
unsigned exploreFunction(const clang::FunctionDecl &Root,
                         clang::ASTContext &Ctx, const AnalysisOptions &Options,
                         std::vector<Problem> &Problems, bool &OverBudget);

} // namespace golife::explore

#endif
