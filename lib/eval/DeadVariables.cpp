//===- DeadVariables.cpp - Locals whose value can never matter ------------===//

#include "DeadVariables.h"
#include "../runtime/Api.h"
#include "StdLibrary.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;

namespace golife::eval {
namespace {

/// Whether locals of type \p T are followed: numbers, and std::chrono
/// durations (their values are numbers of nanoseconds).
bool isFollowedType(QualType T) {
  return T->isArithmeticType() || nanosPerTick(T) != 0;
}

bool isFollowedLocal(const VarDecl *Var) {
  return Var->hasLocalStorage() && !isa<ParmVarDecl>(Var) &&
         isFollowedType(Var->getType());
}

/// The followed local \p E names, if it names one.
const VarDecl *localScalar(const Expr *E) {
  const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return Var && isFollowedLocal(Var) ? Var : nullptr;
}

/// Which argument of a call of the runtime is the delay of the alarm it
/// sets (go::sleep, go::after, go::newTimer, go::afterFunc,
/// go::withTimeout), if it sets one. Tickers are not among them: a period
/// of zero or less decides whether go::newTicker panics.
std::optional<unsigned> alarmDelayArgument(const FunctionDecl *FD) {
  if (!FD || isa<CXXMethodDecl>(FD) || !FD->getIdentifier() ||
      !runtime::isRuntimeDecl(FD))
    return std::nullopt;
  return llvm::StringSwitch<std::optional<unsigned>>(FD->getName())
      .Cases("sleep", "after", "newTimer", "afterFunc", 0)
      .Case("withTimeout", 1)
      .Default(std::nullopt);
}

/// Whether \p Op is a std::chrono duration's arithmetic.
bool isDurationArithmetic(const CXXOperatorCallExpr *Op) {
  OverloadedOperatorKind Kind = Op->getOperator();
  if (Kind != OO_Plus && Kind != OO_Minus && Kind != OO_Star &&
      Kind != OO_Slash && Kind != OO_Percent)
    return false;
  if (!nanosPerTick(Op->getType()) || !Op->getDirectCallee())
    return false;
  // std::chrono's operators are declared in a namespace within std.
  for (const DeclContext *DC = Op->getDirectCallee()->getDeclContext(); DC;
       DC = DC->getParent())
    if (DC->isStdNamespace())
      return true;
  return false;
}

/// Sorts every use of a local: an update of the local itself whose result
/// nobody uses (`++v`, `v += e`, `v = e` as a statement), with the locals
/// its new value reads; the delay of an alarm, with the locals it reads; or
/// any other use, which makes the local matter.
class Uses : public RecursiveASTVisitor<Uses> {
public:
  Uses(const ParentMap &Parents) : Parents(Parents) {}

  llvm::DenseSet<const VarDecl *> Locals, Matter;
  /// For each updated local, the locals its new values read.
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<const VarDecl *, 4>>
      FlowsInto;
  /// The locals read into the delay of an alarm.
  llvm::DenseSet<const VarDecl *> DelayAlarms;

  bool shouldVisitLambdaBody() const { return false; }

  bool VisitVarDecl(VarDecl *Var) {
    if (!isFollowedLocal(Var))
      return true;
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

  /// Durations are updated through their operators: `d = d * 2`.
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    if (Op->isAssignmentOp() && Op->getNumArgs() == 2 && discarded(Op))
      if (const VarDecl *Var = localScalar(Op->getArg(0)))
        update(Op->getArg(0), Var, Op->getArg(1));
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    std::optional<unsigned> Delay = alarmDelayArgument(Call->getDirectCallee());
    if (Delay && *Delay < Call->getNumArgs())
      reads(Call->getArg(*Delay), nullptr);
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

  /// The locals \p Value reads in plain arithmetic (of numbers or
  /// durations) flow into local \p Target, or into an alarm's delay when
  /// \p Target is null; the locals any other part reads (a call's
  /// arguments) are uses.
  void reads(const Expr *Value, const VarDecl *Target) {
    Value = Value->IgnoreImplicit()->IgnoreParens();
    if (const VarDecl *Var = localScalar(Value)) {
      InRead.insert(cast<DeclRefExpr>(Value->IgnoreParenImpCasts()));
      if (Target)
        FlowsInto[Var].push_back(Target);
      else
        DelayAlarms.insert(Var);
      return;
    }
    if (isa<IntegerLiteral, FloatingLiteral, CXXBoolLiteralExpr,
            CharacterLiteral>(Value))
      return;
    // A duration literal (`2ns`) is a constant.
    if (isa<UserDefinedLiteral>(Value) && nanosPerTick(Value->getType()))
      return;
    // A duration made from one number or duration (a copy, `nanoseconds(n)`).
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Value);
        Construct && Construct->getNumArgs() == 1 &&
        nanosPerTick(Construct->getType()) &&
        isFollowedType(Construct->getArg(0)->getType())) {
      reads(Construct->getArg(0), Target);
      return;
    }
    if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(Value)) {
      reads(Cast->getSubExpr(), Target);
      return;
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Value);
        Op && isDurationArithmetic(Op)) {
      for (const Expr *Arg : Op->arguments())
        reads(Arg, Target);
      return;
    }
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

/// The locals a loop declares or assigns.
class Writes : public RecursiveASTVisitor<Writes> {
public:
  llvm::DenseSet<const VarDecl *> Written;

  bool shouldVisitLambdaBody() const { return false; }

  bool VisitVarDecl(VarDecl *Var) {
    Written.insert(Var);
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *UO) {
    if (UO->isIncrementDecrementOp())
      assigns(UO->getSubExpr());
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->isAssignmentOp())
      assigns(BO->getLHS());
    return true;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    if (Op->isAssignmentOp() || Op->getOperator() == OO_PlusPlus ||
        Op->getOperator() == OO_MinusMinus)
      assigns(Op->getArg(0));
    return true;
  }

private:
  void assigns(const Expr *Target) {
    if (const VarDecl *Var = localScalar(Target))
      Written.insert(Var);
  }
};

/// The locals of \p From that reach a local of \p Reached through
/// \p FlowsInto, \p Reached included.
llvm::DenseSet<const VarDecl *>
flowingInto(llvm::DenseSet<const VarDecl *> Reached,
            const decltype(Uses::FlowsInto) &FlowsInto) {
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const auto &[From, Targets] : FlowsInto)
      if (!Reached.count(From) &&
          llvm::any_of(Targets, [&](const VarDecl *Target) {
            return Reached.count(Target);
          })) {
        Reached.insert(From);
        Changed = true;
      }
  }
  return Reached;
}

} // namespace

const DeadVariables::Roles &DeadVariables::rolesOf(const FunctionDecl *FD) {
  auto [It, New] = RolesByFunction.try_emplace(FD);
  if (!New || !FD->hasBody())
    return It->second;
  Stmt *Body = FD->getBody();
  ParentMap Parents(Body);
  Uses Found(Parents);
  Found.TraverseStmt(Body);
  // A local matters when it is used, or flows into a local that matters;
  // of the others, those whose values reach an alarm's delay only delay.
  llvm::DenseSet<const VarDecl *> Matter =
      flowingInto(Found.Matter, Found.FlowsInto);
  llvm::DenseSet<const VarDecl *> Delay =
      flowingInto(Found.DelayAlarms, Found.FlowsInto);
  for (const VarDecl *Local : Found.Locals)
    if (!Matter.count(Local))
      (Delay.count(Local) ? It->second.Delays : It->second.Dead).insert(Local);
  return It->second;
}

bool DeadVariables::isDead(const FunctionDecl *FD, const VarDecl *Var) {
  return rolesOf(FD).Dead.count(Var);
}

bool DeadVariables::onlyDelaysAlarms(const FunctionDecl *FD,
                                     const VarDecl *Var) {
  return rolesOf(FD).Delays.count(Var);
}

bool DeadVariables::writtenIn(const Stmt *Loop, const VarDecl *Var) {
  auto [It, New] = WrittenByLoop.try_emplace(Loop);
  if (New) {
    Writes Found;
    Found.TraverseStmt(const_cast<Stmt *>(Loop));
    It->second = std::move(Found.Written);
  }
  return It->second.count(Var);
}

} // namespace golife::eval
