//===- PartnerlessChannels.cpp - Channels that have only one side ---------===//
//
// A deliberately small, precise pass: it looks at every use of a local
// unbuffered channel and reports only when the answer cannot depend on the
// schedule or on a path. It stays silent when the channel escapes (copied,
// passed, returned, captured by a lambda that is not run as a goroutine) and
// when the blocking operation is not certain to run (it sits under a branch,
// a loop, or after an early return).
//
//===----------------------------------------------------------------------===//

#include "PartnerlessChannels.h"
#include "golife/ApiModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SetVector.h"

using namespace clang;

namespace golife {
namespace {

/// Looks through the implicit nodes that wrap a value: casts, parentheses,
/// temporaries and copies of a handle.
const Expr *stripCopies(const Expr *E) {
  while (true) {
    const Expr *Next = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Next);
        Construct && Construct->getNumArgs() == 1 &&
        Construct->getConstructor()->isCopyOrMoveConstructor())
      Next = Construct->getArg(0);
    if (Next == E)
      return E;
    E = Next;
  }
}

const FunctionDecl *directCallee(const Stmt *S) {
  const auto *Call = dyn_cast_or_null<CallExpr>(S);
  return Call ? Call->getDirectCallee() : nullptr;
}

enum class UseKind { Neutral, Send, Receive, Close, Escape };

struct BlockingOp {
  OpKind Op;
  const Stmt *Where;
  SourceLocation Loc;
};

struct ChannelFacts {
  const CallExpr *Made = nullptr;
  bool Escapes = false;
  bool HasSender = false;   // a send, a send case or a close
  bool HasReceiver = false; // a receive, a receive case or a range
  std::vector<BlockingOp> Sends, Receives;
};

class Pass : public RecursiveASTVisitor<Pass> {
public:
  Pass(const FunctionDecl &Root, ASTContext &Ctx) : Root(Root), Ctx(Ctx) {}

  bool shouldVisitImplicitCode() const { return true; }
  bool shouldVisitLambdaBody() const { return true; }

  bool VisitVarDecl(VarDecl *Var) {
    if (!Var->hasLocalStorage() || Var->getType()->isReferenceType() ||
        !Var->hasInit())
      return true;
    const auto *Call = dyn_cast<CallExpr>(stripCopies(Var->getInit()));
    if (apiFunctionOf(directCallee(Call)) != ApiFunction::MakeChan ||
        capacityOf(*Call) != 0)
      return true;
    Channels[Var].Made = Call;
    return true;
  }

  bool VisitCXXForRangeStmt(CXXForRangeStmt *For) {
    RangeInits[stripCopies(For->getRangeInit())] = For;
    return true;
  }

  bool VisitLambdaExpr(LambdaExpr *Lambda) {
    Lambdas[Lambda->getLambdaClass()] = Lambda;
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    References.insert(Ref); // implicit code shows lambda bodies twice
    return true;
  }

  void run(std::vector<Problem> &Problems) {
    TraverseStmt(Root.getBody());
    for (const DeclRefExpr *Ref : References)
      if (auto It = Channels.find(dyn_cast<VarDecl>(Ref->getDecl()));
          It != Channels.end())
        recordUse(*Ref, It->second);
    for (auto &[Var, Facts] : Channels) {
      if (Facts.Escapes)
        continue;
      if (!Facts.HasReceiver)
        reportSurelyRun(Facts.Sends, Facts, Problems);
      if (!Facts.HasSender)
        reportSurelyRun(Facts.Receives, Facts, Problems);
    }
  }

private:
  const FunctionDecl &Root;
  ASTContext &Ctx;
  llvm::MapVector<const VarDecl *, ChannelFacts> Channels;
  llvm::DenseMap<const Expr *, const CXXForRangeStmt *> RangeInits;
  llvm::DenseMap<const CXXRecordDecl *, const LambdaExpr *> Lambdas;
  llvm::SetVector<const DeclRefExpr *> References;

  /// The capacity of a makeChan call, or -1 when it is not a constant.
  int64_t capacityOf(const CallExpr &Make) const {
    if (Make.getNumArgs() == 0 || isa<CXXDefaultArgExpr>(Make.getArg(0)))
      return 0;
    Expr::EvalResult Result;
    if (!Make.getArg(0)->EvaluateAsInt(Result, Ctx))
      return -1;
    return Result.Val.getInt().getExtValue();
  }

  /// The parent of \p Node, looking through wrappers of the same value.
  const Stmt *valueParent(const Stmt *Node) const {
    while (true) {
      auto Parents = Ctx.getParents(*Node);
      if (Parents.size() != 1)
        return nullptr;
      const auto *Parent = Parents[0].get<Stmt>();
      if (!Parent)
        return nullptr;
      const auto *E = dyn_cast<Expr>(Parent);
      if (!E || isa<LambdaExpr>(E) ||
          stripCopies(E) != stripCopies(cast<Expr>(Node)))
        return Parent;
      Node = Parent;
    }
  }

  /// The go::spawn or go::run call that runs \p Lambda, if any.
  const CallExpr *runnerOf(const LambdaExpr &Lambda) const {
    const auto *Call = dyn_cast_or_null<CallExpr>(valueParent(&Lambda));
    ApiFunction Api = apiFunctionOf(directCallee(Call));
    if ((Api != ApiFunction::Spawn && Api != ApiFunction::Run) ||
        Call->getNumArgs() == 0 || stripCopies(Call->getArg(0)) != &Lambda)
      return nullptr;
    return Call;
  }

  void recordUse(const DeclRefExpr &Ref, ChannelFacts &Facts) {
    if (auto It = RangeInits.find(&Ref); It != RangeInits.end()) {
      Facts.HasReceiver = true;
      Facts.Receives.push_back(
          {OpKind::Range, It->second, It->second->getForLoc()});
      return;
    }
    const Stmt *Parent = valueParent(&Ref);
    if (const auto *Lambda = dyn_cast_or_null<LambdaExpr>(Parent)) {
      // A capture: harmless if the lambda runs as a goroutine, whose body
      // this pass sees; otherwise the lambda may take the channel anywhere.
      if (!runnerOf(*Lambda))
        Facts.Escapes = true;
      return;
    }
    if (const auto *Member = dyn_cast_or_null<MemberExpr>(Parent)) {
      const auto *Call =
          dyn_cast_or_null<CXXMemberCallExpr>(valueParent(Member));
      if (!Call || Call->getCallee()->IgnoreParens() != Member) {
        Facts.Escapes = true;
        return;
      }
      switch (apiFunctionOf(Call->getMethodDecl())) {
      case ApiFunction::ChanSend:
        Facts.HasSender = true;
        Facts.Sends.push_back({OpKind::Send, Call, Call->getExprLoc()});
        return;
      case ApiFunction::ChanRecv:
      case ApiFunction::ChanRecvOk:
        Facts.HasReceiver = true;
        Facts.Receives.push_back({OpKind::Recv, Call, Call->getExprLoc()});
        return;
      case ApiFunction::ChanBegin:
        Facts.HasReceiver = true;
        return;
      case ApiFunction::ChanClose:
        Facts.HasSender = true;
        return;
      case ApiFunction::ChanEnd:
      case ApiFunction::ChanLen:
      case ApiFunction::ChanCap:
      case ApiFunction::ChanIsNil:
        return;
      default:
        Facts.Escapes = true;
        return;
      }
    }
    switch (apiFunctionOf(directCallee(Parent))) {
    case ApiFunction::CaseRecv:
      Facts.HasReceiver = true;
      return;
    case ApiFunction::CaseSend:
      Facts.HasSender = true;
      return;
    default:
      Facts.Escapes = true;
      return;
    }
  }

  /// Whether \p S leaves the statement sequence it is in (or may).
  static bool mayLeave(const Stmt *S) {
    if (!S || isa<LambdaExpr>(S))
      return false;
    if (isa<ReturnStmt, GotoStmt, BreakStmt, ContinueStmt, CXXThrowExpr,
            CoreturnStmt>(S))
      return true;
    if (const FunctionDecl *Callee = directCallee(S);
        Callee && Callee->isNoReturn())
      return true;
    for (const Stmt *Child : S->children())
      if (mayLeave(Child))
        return true;
    return false;
  }

  /// Whether \p S runs whenever the root function runs; appends the spawn
  /// sites on the way to \p Notes.
  bool surelyRuns(const Stmt *S, std::vector<FindingNote> &Notes) const {
    const Stmt *Child = S;
    while (true) {
      auto Parents = Ctx.getParents(*Child);
      if (Parents.size() != 1)
        return false;
      const DynTypedNode *Up = &Parents[0];
      if (const auto *Var = Up->get<VarDecl>()) {
        auto VarParents = Ctx.getParents(*Var);
        if (VarParents.size() != 1 || !VarParents[0].get<DeclStmt>())
          return false;
        Child = VarParents[0].get<DeclStmt>();
        continue;
      }
      if (const auto *Function = Up->get<FunctionDecl>()) {
        if (Child != Function->getBody())
          return false;
        if (Function == &Root)
          return true;
        // A lambda's body runs when whoever receives the lambda runs it.
        const auto *Method = dyn_cast<CXXMethodDecl>(Function);
        const LambdaExpr *Lambda =
            Method ? Lambdas.lookup(Method->getParent()) : nullptr;
        const CallExpr *Runner = Lambda ? runnerOf(*Lambda) : nullptr;
        if (!Runner || !surelyRuns(Runner, Notes))
          return false;
        if (apiFunctionOf(directCallee(Runner)) == ApiFunction::Spawn)
          Notes.push_back({Runner->getBeginLoc(), "goroutine spawned here"});
        return true;
      }
      const Stmt *Parent = Up->get<Stmt>();
      if (!Parent)
        return false;
      if (const auto *Block = dyn_cast<CompoundStmt>(Parent)) {
        for (const Stmt *Sibling : Block->body()) {
          if (Sibling == Child)
            break;
          if (mayLeave(Sibling))
            return false;
        }
      } else if (isa<ConditionalOperator, BinaryConditionalOperator>(Parent)) {
        return false;
      } else if (const auto *Binary = dyn_cast<BinaryOperator>(Parent);
                 Binary && Binary->isLogicalOp() && Child == Binary->getRHS()) {
        return false;
      } else if (!isa<Expr, DeclStmt, AttributedStmt>(Parent)) {
        return false; // branches, loops, switches, try blocks, labels
      }
      Child = Parent;
    }
  }

  void reportSurelyRun(const std::vector<BlockingOp> &Ops,
                       const ChannelFacts &Facts,
                       std::vector<Problem> &Problems) const {
    for (const BlockingOp &Op : Ops) {
      std::vector<FindingNote> Spawns;
      if (!surelyRuns(Op.Where, Spawns))
        continue;
      Problem P{ProblemKind::BlockedForever};
      P.Op = Op.Op;
      P.Loc = Op.Loc;
      P.Enclosing = &Root;
      P.Targets = {WaitTarget::Channel};
      P.Notes.push_back(
          {Facts.Made->getBeginLoc(), "unbuffered channel made here"});
      P.Notes.insert(P.Notes.end(), Spawns.rbegin(), Spawns.rend());
      Problems.push_back(std::move(P));
    }
  }
};

} // namespace

void findPartnerlessChannelOps(const FunctionDecl &Root, ASTContext &Ctx,
                               std::vector<Problem> &Problems) {
  Pass(Root, Ctx).run(Problems);
}

} // namespace golife
