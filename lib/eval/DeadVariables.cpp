//===- DeadVariables.cpp - Locals whose value can never matter ------------===//

#include "DeadVariables.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace golife::eval {
namespace {

/// The local scalar variable \p E names, if it names one.
const VarDecl *localScalar(const Expr *E) {
  const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || !Var->hasLocalStorage() || isa<ParmVarDecl>(Var) ||
      !Var->getType()->isArithmeticType())
    return nullptr;
  return Var;
}

/// Sorts every use of a local: an update of the local itself whose result
/// nobody uses (`++v`, `v += e`, `v = e` as a statement), with the locals
/// its new value reads; or any other use, which makes the local matter.
class Uses : public RecursiveASTVisitor<Uses> {
public:
  Uses(const ParentMap &Parents) : Parents(Parents) {}

  llvm::DenseSet<const VarDecl *> Locals, Matter;
  /// For each updated local, the locals its new values read.
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<const VarDecl *, 4>>
      FlowsInto;

  bool shouldVisitLambdaBody() const { return false; }

  bool VisitVarDecl(VarDecl *Var) {
    if (Var->hasLocalStorage() && !isa<ParmVarDecl>(Var) &&
        Var->getType()->isArithmeticType())
      Locals.insert(Var);
    if (const Expr *Init = Var->getInit())
      reads(Init, Var);
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    const VarDecl *Var = localScalar(Ref);
    if (!Var || Updates.count(Ref) || InRead.count(Ref))
      return true;
    Matter.insert(Var);
    return true;
  }

  bool VisitUnaryOperator(UnaryOperator *UO) {
    if (UO->isIncrementDecrementOp() && discarded(UO))
      if (const VarDecl *Var = localScalar(UO->getSubExpr()))
        update(UO->getSubExpr(), Var, nullptr);
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->isAssignmentOp() && discarded(BO))
      if (const VarDecl *Var = localScalar(BO->getLHS()))
        update(BO->getLHS(), Var, BO->getRHS());
    return true;
  }

  /// A lambda's captures are uses of what they capture.
  bool VisitLambdaExpr(LambdaExpr *Lambda) {
    for (const LambdaCapture &Capture : Lambda->captures())
      if (Capture.capturesVariable())
        if (const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar()))
          Matter.insert(Var);
    return true;
  }

private:
  const ParentMap &Parents;
  llvm::DenseSet<const Expr *> Updates, InRead;

  /// Whether the value of \p E is unused: it stands as a statement of its
  /// own, or as a for loop's increment.
  bool discarded(Expr *E) const {
    Stmt *Parent = Parents.getParentIgnoreParenImpCasts(E);
    if (auto *Cleanups = dyn_cast_or_null<ExprWithCleanups>(Parent))
      Parent = Parents.getParentIgnoreParenImpCasts(Cleanups);
    if (const auto *For = dyn_cast_or_null<ForStmt>(Parent))
      return For->getInc() == E;
    return Parent && !isa<Expr>(Parent) && !isa<ReturnStmt>(Parent) &&
           !isa<IfStmt, WhileStmt, DoStmt, SwitchStmt, ForStmt>(Parent);
  }

  void update(const Expr *Target, const VarDecl *Var, const Expr *Value) {
    Updates.insert(cast<DeclRefExpr>(Target->IgnoreParenImpCasts()));
    FlowsInto[Var];
    if (Value)
      reads(Value, Var);
  }

  /// The locals \p Value reads in plain arithmetic flow into \p Target;
  /// the locals any other part reads (a call's arguments) are uses.
  void reads(const Expr *Value, const VarDecl *Target) {
    Value = Value->IgnoreParenImpCasts();
    if (const VarDecl *Var = localScalar(Value)) {
      InRead.insert(cast<DeclRefExpr>(Value));
      FlowsInto[Var].push_back(Target);
      return;
    }
    if (isa<IntegerLiteral, FloatingLiteral, CXXBoolLiteralExpr,
            CharacterLiteral>(Value))
      return;
    if (const auto *BO = dyn_cast<BinaryOperator>(Value);
        BO && !BO->isAssignmentOp() && !BO->isLogicalOp() &&
        BO->getOpcode() != BO_Comma) {
      reads(BO->getLHS(), Target);
      reads(BO->getRHS(), Target);
      return;
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(Value);
        UO && (UO->getOpcode() == UO_Minus || UO->getOpcode() == UO_Not)) {
      reads(UO->getSubExpr(), Target);
      return;
    }
  }
};

} // namespace

bool DeadVariables::isDead(const FunctionDecl *FD, const VarDecl *Var) {
  auto [It, New] = DeadByFunction.try_emplace(FD);
  if (New && FD->hasBody()) {
    Stmt *Body = FD->getBody();
    ParentMap Parents(Body);
    Uses Found(Parents);
    Found.TraverseStmt(Body);
    // A local matters when it is used, or flows into a local that matters.
    llvm::DenseSet<const VarDecl *> Matter = Found.Matter;
    for (bool Changed = true; Changed;) {
      Changed = false;
      for (const auto &[From, Targets] : Found.FlowsInto)
        if (!Matter.count(From))
          for (const VarDecl *Target : Targets)
            if (Matter.count(Target)) {
              Matter.insert(From);
              Changed = true;
              break;
            }
    }
    for (const VarDecl *Local : Found.Locals)
      if (!Matter.count(Local))
        It->second.insert(Local);
  }
  return It->second.count(Var);
}

} // namespace golife::eval
