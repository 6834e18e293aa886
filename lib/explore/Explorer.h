//===- Explorer.h - Decides whether every goroutine can finish ------------===//
#ifndef GOLIFE_LIB_EXPLORE_EXPLORER_H
#define GOLIFE_LIB_EXPLORE_EXPLORER_H

#include "golife/Analysis.h"
#include "golife/Problem.h"

namespace clang {
class ASTContext;
class FunctionDecl;
} // namespace clang

namespace golife::eval {
class StaticVariables;
} // namespace golife::eval

namespace golife::explore {

/// Explores every schedule of \p Root and the goroutines it starts, under the
/// runtime's semantics, and appends what can go wrong to \p Problems. When
/// the exploration exceeds a budget or meets code it cannot follow, it
/// records the function in \p Stats as incomplete and adds only the
/// goroutines the states it reached prove blocked forever. \p Statics
/// tells which of the unit's statics the analysis follows.
void exploreFunction(const clang::FunctionDecl &Root, clang::ASTContext &Ctx,
                     const AnalysisOptions &Options,
                     eval::StaticVariables &Statics,
                     std::vector<Problem> &Problems, AnalysisStats &Stats);

} // namespace golife::explore

#endif
