//===- DeadVariables.h - Locals whose value can never matter --------------===//
//
// A local that is only ever updated from itself and other such locals (a
// counter nothing reads: `++ticks`, `total += n`) can influence no branch,
// call, return or runtime operation. Keeping its value would make every
// iteration of a loop a new state; the evaluator keeps it unknown instead
// (SPIN's dead-variable reduction). Any other use (a condition, an
// argument, a capture, its address) makes a local matter.
//
// A local whose values reach nothing but the delays of timers (a retry
// counter behind a back-off: `sleepTime = 2ns * retries; after(sleepTime)`)
// only decides in which order alarms fire. The evaluator forgets it at the
// head of a loop that writes it, and the explorer checks that this changed
// no order (docs/architecture.md, "Widening delays at loop heads").
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
  /// Whether the values of local \p Var of \p FD reach, through arithmetic
  /// and other such locals, the delays of timers and nothing else.
  bool onlyDelaysAlarms(const clang::FunctionDecl *FD,
                        const clang::VarDecl *Var);
  /// Whether \p Loop (its condition and increment included) declares or
  /// assigns \p Var.
  bool writtenIn(const clang::Stmt *Loop, const clang::VarDecl *Var);

private:
  struct Roles {
    llvm::DenseSet<const clang::VarDecl *> Dead, Delays;
  };
  llvm::DenseMap<const clang::FunctionDecl *, Roles> RolesByFunction;
  llvm::DenseMap<const clang::Stmt *, llvm::DenseSet<const clang::VarDecl *>>
      WrittenByLoop;

  const Roles &rolesOf(const clang::FunctionDecl *FD);
};

} // namespace golife::eval

#endif
