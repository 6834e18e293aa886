//===- StaticVariables.h - Variables that live as long as the program -----===//
//
// Function-local statics and globals with internal linkage (static, or in
// an anonymous namespace) can be named only by this translation unit. The
// analysis follows those that hold runtime objects (a static WaitGroup, a
// Mutex, a record of channels) when it runs a root that a program can call
// before anything else: main, or a function nothing in the unit calls or
// names. There each still holds its initial value: a global from its
// initializer, a local static from the first time its declaration runs.
// From any other root what an earlier call left there is unknown, and so is
// the variable, as is one that the initializer of another global names.
// A closure or function handed to code the analysis cannot see may run at
// any time: the objects of the statics it uses escape (usedBy).
//
//===----------------------------------------------------------------------===//
#ifndef GOLIFE_LIB_EVAL_STATICVARIABLES_H
#define GOLIFE_LIB_EVAL_STATICVARIABLES_H

#include "Relevance.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <vector>

namespace golife::eval {

class StaticVariables {
public:
  StaticVariables(clang::ASTContext &Ctx, Relevance &Relevant)
      : Ctx(Ctx), Relevant(Relevant) {}

  /// Whether the analysis that starts at \p Root follows \p Var.
  bool tracked(const clang::VarDecl *Var, const clang::FunctionDecl &Root);
  /// The globals some function of the unit uses that the analysis could
  /// follow, in declaration (so initialisation) order.
  const std::vector<const clang::VarDecl *> &globals();
  /// The statics that running \p Body (a function, or a lambda's call
  /// operator) may use, directly or through the functions it calls.
  const std::vector<const clang::VarDecl *> &
  usedBy(const clang::FunctionDecl *Body);

  /// Whether \p St can be evaluated as a tree, children first, without a
  /// CFG: no control flow, no call that would run the program's code (the
  /// runtime's calls and constructors, constants and trivial copies only).
  static bool evaluatesWithoutCode(const clang::Stmt *St);

private:
  /// What one body (a function, or a lambda's call operator) names.
  struct BodyUses {
    std::vector<const clang::VarDecl *> Statics;
    std::vector<const clang::FunctionDecl *> Callees;
  };

  clang::ASTContext &Ctx;
  Relevance &Relevant;
  bool Indexed = false;
  llvm::DenseMap<const clang::FunctionDecl *, BodyUses> Bodies;
  /// Functions named anywhere in the unit: none of them is a first call.
  llvm::DenseSet<const clang::FunctionDecl *> Named;
  /// Statics the initializer of a global names: not followed.
  llvm::DenseSet<const clang::VarDecl *> NamedByInitializers;
  std::vector<const clang::VarDecl *> Globals;
  llvm::DenseMap<const clang::FunctionDecl *,
                 std::vector<const clang::VarDecl *>>
      Transitive;

  /// Whether \p Var is one the analysis could follow at all.
  bool followable(const clang::VarDecl *Var);
  bool isFirstCall(const clang::FunctionDecl &Root);
  /// Scans the whole unit once, on the first question.
  void index();
  friend class UseScanner;
};

} // namespace golife::eval

#endif
