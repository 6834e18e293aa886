//===- Relevance.cpp - Which functions can reach a runtime operation ------===//

#include "Relevance.h"
#include "../runtime/Api.h"
#include "StdLibrary.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace golife::eval {

/// Collects the facts of one function body.
class BodyScanner : public RecursiveASTVisitor<BodyScanner> {
public:
  BodyScanner(Relevance &R, Relevance::BodyFacts &Facts) : R(R), Facts(Facts) {}

  // Default member initializers and implicit calls run like written code.
  bool shouldVisitImplicitCode() const { return true; }

  bool VisitExpr(Expr *E) {
    if (!E->isTypeDependent() && R.holdsRuntime(E->getType()))
      Facts.UsesRuntime = true;
    return !Facts.UsesRuntime;
  }
  bool VisitDeclRefExpr(DeclRefExpr *E) {
    // A runtime function named (go::spawn passed on); the runtime's
    // constants (its panic messages) are no operation.
    if (isa<FunctionDecl>(E->getDecl()) && runtime::isRuntimeDecl(E->getDecl()))
      Facts.UsesRuntime = true;
    return !Facts.UsesRuntime;
  }
  bool VisitVarDecl(VarDecl *Var) {
    if (R.holdsRuntime(Var->getType()))
      Facts.UsesRuntime = true;
    else if (const auto *Record = Var->getType()->getAsCXXRecordDecl();
             Record && Record->hasDefinition())
      if (const CXXDestructorDecl *Dtor = Record->getDestructor())
        Facts.Callees.push_back(Dtor);
    return !Facts.UsesRuntime;
  }
  bool VisitCallExpr(CallExpr *CE) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (!Callee) {
      Facts.CallsUnseen = true;
      return true;
    }
    call(Callee);
    return !Facts.UsesRuntime;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *CE) {
    call(CE->getConstructor());
    return !Facts.UsesRuntime;
  }

private:
  Relevance &R;
  Relevance::BodyFacts &Facts;

  void call(const FunctionDecl *Callee) {
    if (runtime::isRuntimeDecl(Callee)) {
      Facts.UsesRuntime = true;
      return;
    }
    const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
    // std::function runs whatever it holds; a virtual call, any override.
    if (Method && (isStdFunction(Ctx().getRecordType(Method->getParent())) ||
                   (Method->isVirtual() && !Method->hasAttr<FinalAttr>())))
      Facts.CallsUnseen = true;
    // The interpreter never enters the standard library: what std code
    // would do with a callable is an unknown call there too.
    if (!isStd(Callee) && !(Method && isStd(Method->getParent())))
      Facts.Callees.push_back(Callee);
  }
  ASTContext &Ctx() { return R.Ctx; }
};

Relevance::Relevance(ASTContext &Ctx) : Ctx(Ctx) {
  // A unit that declares none of the runtime's types or functions (in
  // namespace go itself) cannot reach the runtime.
  for (const Decl *D :
       Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get("go")))
    if (const auto *Go = dyn_cast<NamespaceDecl>(D))
      for (const NamespaceDecl *Part : Go->redecls())
        for (const Decl *Member : Part->decls())
          UnitUsesRuntime |= isa<RecordDecl, ClassTemplateDecl, FunctionDecl,
                                 FunctionTemplateDecl>(Member);
}

bool Relevance::holdsRuntime(QualType T) {
  if (T.isNull())
    return false;
  T = T.getNonReferenceType();
  while (T->isPointerType() || T->isArrayType())
    T = T->isPointerType() ? T->getPointeeType()
                           : QualType(T->getPointeeOrArrayElementType(), 0);
  const Type *Key = T.getCanonicalType().getTypePtr();
  if (auto It = RuntimeTypes.find(Key); It != RuntimeTypes.end())
    return It->second;
  RuntimeTypes[Key] = false; // a record that holds itself: not on its own
  bool Holds = runtime::runtimeTypeOf(T) != runtime::RuntimeType::None ||
               isStdFunction(T);
  if (const auto *Record = T->getAsCXXRecordDecl();
      !Holds && Record && Record->hasDefinition()) {
    for (const FieldDecl *Field : Record->fields())
      Holds |= holdsRuntime(Field->getType());
    for (const CXXBaseSpecifier &Base : Record->bases())
      Holds |= holdsRuntime(Base.getType());
  }
  // Template arguments of a class the model does not look into (a std
  // container of channels) hold what they name.
  if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
          T->getAsCXXRecordDecl());
      !Holds && Spec)
    for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray())
      if (Arg.getKind() == TemplateArgument::Type)
        Holds |= holdsRuntime(Arg.getAsType());
  RuntimeTypes[Key] = Holds;
  return Holds;
}

Relevance::BodyFacts Relevance::factsOf(const FunctionDecl *FD) {
  BodyFacts Facts;
  const FunctionDecl *Definition = nullptr;
  if (!FD->hasBody(Definition))
    return Facts; // no body: an unknown call, whatever it is given escapes
  BodyScanner Scanner(*this, Facts);
  Scanner.TraverseDecl(const_cast<FunctionDecl *>(Definition));
  return Facts;
}

bool Relevance::mayReachRuntime(const FunctionDecl *FD) {
  if (!UnitUsesRuntime)
    return false;
  FD = FD->getCanonicalDecl();
  if (auto It = Known.find(FD); It != Known.end())
    return It->second;
  // Explore the call graph below FD; a function reaches the runtime when
  // it uses it or calls one that does.
  llvm::DenseMap<const FunctionDecl *, BodyFacts> Graph;
  std::vector<const FunctionDecl *> Work{FD};
  while (!Work.empty()) {
    const FunctionDecl *F = Work.back();
    Work.pop_back();
    if (Graph.count(F) || Known.count(F))
      continue;
    BodyFacts Facts = factsOf(F);
    Facts.UsesRuntime |= Facts.CallsUnseen;
    for (const FunctionDecl *&Callee : Facts.Callees) {
      Callee = Callee->getCanonicalDecl();
      Work.push_back(Callee);
    }
    Graph[F] = std::move(Facts);
  }
  // Propagate from callees to callers until nothing changes.
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (auto &[F, Facts] : Graph) {
      if (Facts.UsesRuntime)
        continue;
      for (const FunctionDecl *Callee : Facts.Callees) {
        auto It = Known.find(Callee);
        bool Reaches = It != Known.end()
                           ? It->second
                           : Graph.find(Callee)->second.UsesRuntime;
        if (Reaches) {
          Facts.UsesRuntime = Changed = true;
          break;
        }
      }
    }
  }
  for (auto &[F, Facts] : Graph)
    Known[F] = Facts.UsesRuntime;
  return Known[FD];
}

} // namespace golife::eval
