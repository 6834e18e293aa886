//===- Relevance.h - Which functions can reach a runtime operation --------===//
//
// Only code that can reach one of the runtime's operations can make a
// goroutine leak: a function that cannot is not worth a root of its own.
// A function reaches the runtime when its body (lambdas included) calls or
// names a function of namespace go or handles a value whose type holds a
// runtime object, or calls a function that does. A call whose target the
// analysis cannot see from the call (through a function pointer, a
// std::function, a virtual method) may reach any function of the
// translation unit, so it counts as reaching the runtime whenever the unit
// declares the runtime's types or functions at all.
//
//===----------------------------------------------------------------------===//
#ifndef GOLIFE_LIB_EVAL_RELEVANCE_H
#define GOLIFE_LIB_EVAL_RELEVANCE_H

#include "clang/AST/Decl.h"
#include "llvm/ADT/DenseMap.h"
#include <vector>

namespace clang {
class ASTContext;
} // namespace clang

namespace golife::eval {

class Relevance {
public:
  explicit Relevance(clang::ASTContext &Ctx);

  /// Whether running \p FD can reach an operation of the runtime.
  bool mayReachRuntime(const clang::FunctionDecl *FD);

private:
  /// What one function's own body does.
  struct BodyFacts {
    bool UsesRuntime = false; ///< names the runtime or handles its objects
    bool CallsUnseen = false; ///< makes a call whose target is not known
    std::vector<const clang::FunctionDecl *> Callees;
  };

  clang::ASTContext &Ctx;
  /// Whether the translation unit declares the runtime's types or functions.
  bool UnitUsesRuntime = false;
  llvm::DenseMap<const clang::FunctionDecl *, bool> Known;
  llvm::DenseMap<const clang::Type *, bool> RuntimeTypes;

  BodyFacts factsOf(const clang::FunctionDecl *FD);
  friend class BodyScanner;

public:
  /// Whether values of type \p T hold (or point to) a runtime object.
  bool holdsRuntime(clang::QualType T);
};

} // namespace golife::eval

#endif
