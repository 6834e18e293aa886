//===- StaticVariables.cpp - Variables that live as long as the program ---===//

#include "StaticVariables.h"
#include "../runtime/Api.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace golife::eval {

/// Records, for every body of the unit, the statics and functions it names.
class UseScanner : public RecursiveASTVisitor<UseScanner> {
public:
  explicit UseScanner(StaticVariables &Index) : Index(Index) {}

  bool shouldVisitTemplateInstantiations() const { return true; }

  /// The standard library names no variable of the program's; the
  /// functions it calls are named by the code that hands them over.
  bool TraverseDecl(Decl *D) {
    if (!D)
      return true;
    if (!isa<TranslationUnitDecl, NamespaceDecl, LinkageSpecDecl>(D) &&
        Index.Ctx.getSourceManager().isInSystemHeader(D->getLocation()))
      return true;
    const auto *FD = dyn_cast<FunctionDecl>(D);
    if (!FD || !FD->doesThisDeclarationHaveABody())
      return RecursiveASTVisitor::TraverseDecl(D);
    return inBody(FD, [&] { return RecursiveASTVisitor::TraverseDecl(D); });
  }
  /// A global's initializer that runs the program's code may use the
  /// statics it names before the root starts; one the analysis evaluates
  /// itself (Interpreter::initializeGlobals) does so in order.
  bool TraverseVarDecl(VarDecl *Var) {
    if (!Open.empty() || Var->isLocalVarDeclOrParm())
      return RecursiveASTVisitor::TraverseVarDecl(Var);
    const Expr *Init = Var->getInit();
    bool Saved = InitializerRunsCode;
    InitializerRunsCode = Init && !StaticVariables::evaluatesWithoutCode(Init);
    bool Continue = RecursiveASTVisitor::TraverseVarDecl(Var);
    InitializerRunsCode = Saved;
    return Continue;
  }
  bool TraverseLambdaExpr(LambdaExpr *Lambda) {
    // The body that makes a closure may run it.
    if (!Open.empty())
      Index.Bodies[Open.back()].Callees.push_back(
          Lambda->getCallOperator()->getCanonicalDecl());
    return inBody(Lambda->getCallOperator(), [&] {
      return RecursiveASTVisitor::TraverseLambdaExpr(Lambda);
    });
  }

  bool VisitVarDecl(VarDecl *Var) {
    if (Var->isStaticLocal())
      useVariable(Var);
    else if (Var->hasGlobalStorage() && Var->isThisDeclarationADefinition() &&
             Index.followable(Var))
      Index.Globals.push_back(Var->getCanonicalDecl());
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *E) {
    if (const auto *Var = dyn_cast<VarDecl>(E->getDecl()))
      useVariable(Var);
    else if (const auto *FD = dyn_cast<FunctionDecl>(E->getDecl()))
      useFunction(FD);
    return true;
  }
  bool VisitMemberExpr(MemberExpr *E) {
    if (const auto *Method = dyn_cast<CXXMethodDecl>(E->getMemberDecl()))
      useFunction(Method);
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    useFunction(E->getConstructor());
    return true;
  }

private:
  StaticVariables &Index;
  std::vector<const FunctionDecl *> Open;
  /// Outside any body: whether the code being scanned may run the
  /// program's code (a default member initializer always may).
  bool InitializerRunsCode = true;

  template <typename F> bool inBody(const FunctionDecl *Body, F Traverse) {
    Open.push_back(Body->getCanonicalDecl());
    bool Continue = Traverse();
    Open.pop_back();
    return Continue;
  }
  void useVariable(const VarDecl *Var) {
    if (!Index.followable(Var))
      return;
    Var = Var->getCanonicalDecl();
    if (Open.empty()) {
      if (InitializerRunsCode)
        Index.NamedByInitializers.insert(Var);
    } else
      Index.Bodies[Open.back()].Statics.push_back(Var);
  }
  void useFunction(const FunctionDecl *FD) {
    FD = FD->getCanonicalDecl();
    Index.Named.insert(FD);
    if (!Open.empty())
      Index.Bodies[Open.back()].Callees.push_back(FD);
  }
};

bool StaticVariables::evaluatesWithoutCode(const Stmt *St) {
  if (const auto *Call = dyn_cast<CallExpr>(St)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || !runtime::isRuntimeDecl(Callee))
      return false;
  } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(St)) {
    if (runtime::runtimeTypeOf(Construct->getType()) ==
            runtime::RuntimeType::None &&
        !Construct->getConstructor()->isTrivial())
      return false;
  } else if (const auto *Binary = dyn_cast<BinaryOperator>(St)) {
    if (Binary->isLogicalOp())
      return false;
  } else if (!isa<Expr>(St) ||
             isa<LambdaExpr, AbstractConditionalOperator, StmtExpr, CXXNewExpr,
                 CXXDeleteExpr, CXXThrowExpr>(St)) {
    return false;
  }
  return llvm::all_of(St->children(), [](const Stmt *Child) {
    return !Child || evaluatesWithoutCode(Child);
  });
}

bool StaticVariables::followable(const VarDecl *Var) {
  if (!Var->hasGlobalStorage() || Var->getTLSKind() != VarDecl::TLS_None ||
      Var->getType()->isReferenceType() || Var->getType()->isDependentType() ||
      runtime::isRuntimeDecl(Var))
    return false;
  if (!Var->isStaticLocal() && Var->isExternallyVisible())
    return false; // other units may use it: unknown
  return Relevant.holdsRuntime(Var->getType());
}

void StaticVariables::index() {
  if (Indexed)
    return;
  Indexed = true;
  UseScanner(*this).TraverseDecl(Ctx.getTranslationUnitDecl());
  llvm::DenseSet<const VarDecl *> Used;
  for (const auto &[Body, Uses] : Bodies)
    Used.insert(Uses.Statics.begin(), Uses.Statics.end());
  llvm::erase_if(Globals, [&](const VarDecl *Var) {
    return !Used.count(Var) || NamedByInitializers.count(Var);
  });
}

bool StaticVariables::isFirstCall(const FunctionDecl &Root) {
  if (Root.isMain())
    return true;
  if (isa<CXXConstructorDecl, CXXDestructorDecl, CXXConversionDecl>(Root) ||
      Root.isOverloadedOperator())
    return false; // called by the language, wherever it likes
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&Root);
      Method && (Method->isVirtual() || Method->getParent()->isLambda()))
    return false;
  return !Named.count(Root.getCanonicalDecl());
}

bool StaticVariables::tracked(const VarDecl *Var, const FunctionDecl &Root) {
  index();
  return followable(Var) &&
         !NamedByInitializers.count(Var->getCanonicalDecl()) &&
         isFirstCall(Root);
}

const std::vector<const VarDecl *> &StaticVariables::globals() {
  index();
  return Globals;
}

const std::vector<const VarDecl *> &
StaticVariables::usedBy(const FunctionDecl *Body) {
  index();
  Body = Body->getCanonicalDecl();
  if (auto It = Transitive.find(Body); It != Transitive.end())
    return It->second;
  llvm::DenseSet<const FunctionDecl *> Seen{Body};
  llvm::DenseSet<const VarDecl *> Found;
  std::vector<const VarDecl *> Uses;
  std::vector<const FunctionDecl *> Work{Body};
  while (!Work.empty()) {
    auto It = Bodies.find(Work.back());
    Work.pop_back();
    if (It == Bodies.end())
      continue;
    for (const VarDecl *Var : It->second.Statics)
      if (Found.insert(Var).second)
        Uses.push_back(Var);
    for (const FunctionDecl *Callee : It->second.Callees)
      if (Seen.insert(Callee).second)
        Work.push_back(Callee);
  }
  return Transitive[Body] = std::move(Uses);
}

} // namespace golife::eval
