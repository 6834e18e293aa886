//===- DeadVariables.h - Locals whose value can never matter --------------===//
//
// A local that is only ever updated from itself and other such locals (a
// counter nothing reads: `++ticks`, `total += n`) can influence no branch,
// call, return or runtime operation. Keeping its value would make every
// iteration of a loop a new state; the evaluator keeps it unknown instead
// (SPIN's dead-variable reduction). Any other use (a condition, an
// argument, a capture, its address) makes a local matter.
//
//===----------------------------------------------------------------------===//
#ifndef GOLIFE_LIB_EVAL_DEADVARIABLES_H
#define GOLIFE_LIB_EVAL_DEADVARIABLES_H

#include "clang/AST/Decl.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

namespace golife::eval {

class DeadVariables {
public:
  /// Whether the value of local \p Var of \p FD can never matter.
  bool isDead(const clang::FunctionDecl *FD, const clang::VarDecl *Var);

private:
  llvm::DenseMap<const clang::FunctionDecl *,
                 llvm::DenseSet<const clang::VarDecl *>>
      DeadByFunction;
};

} // namespace golife::eval

#endif
