//===- Interpreter.cpp - Control flow, and resuming waits -----------------===//

#include "Interpreter.h"
#include "Values.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include <limits>

using namespace clang;

namespace golife::eval {
namespace {

/// "assuming 'ready' is true": the branch a path took on a condition the
/// analysis could not decide.
std::string assumption(const ASTContext &Ctx, const Expr *Condition,
                       bool Holds) {
  return "assuming " + quoted(Ctx, Condition, "the condition") + " is " +
         (Holds ? "true" : "false");
}

/// How many rounds a loop bounded by an unknown count is explored with at
/// most (UnknownSizes - 1 in StdContainers.cpp: "many" is two).
constexpr long UnknownCountRounds = 2;

} // namespace

std::optional<bool> impliedBy(llvm::ArrayRef<Assumption> Assumptions,
                              const Value &Cond) {
  // The interval the symbol is known to lie in, and values it is not.
  int64_t Low = std::numeric_limits<int64_t>::min();
  int64_t High = std::numeric_limits<int64_t>::max();
  llvm::SmallVector<int64_t, 4> Excluded;
  auto AtLeast = [&](int64_t C) { Low = std::max(Low, C); };
  auto AtMost = [&](int64_t C) { High = std::min(High, C); };
  for (const Assumption &A : Assumptions) {
    if (A.Sym != Cond.Id)
      continue;
    if (A.Opcode == Cond.Opcode && A.Constant == Cond.Int)
      return A.Holds != Cond.Negated;
    int64_t C = A.Constant;
    switch (A.Opcode) {
    case BO_GT: // x > c, or x <= c
      if (!A.Holds)
        AtMost(C);
      else if (C < std::numeric_limits<int64_t>::max())
        AtLeast(C + 1);
      break;
    case BO_LT: // x < c, or x >= c
      if (!A.Holds)
        AtLeast(C);
      else if (C > std::numeric_limits<int64_t>::min())
        AtMost(C - 1);
      break;
    case BO_NE: // x != c, or x == c
      if (A.Holds) {
        Excluded.push_back(C);
      } else {
        AtLeast(C);
        AtMost(C);
      }
      break;
    default:
      break;
    }
  }
  std::optional<bool> Test;
  int64_t C = Cond.Int;
  switch (Cond.Opcode) {
  case BO_GT:
    if (Low > C)
      Test = true;
    else if (High <= C)
      Test = false;
    break;
  case BO_LT:
    if (High < C)
      Test = true;
    else if (Low >= C)
      Test = false;
    break;
  case BO_NE:
    if (C < Low || C > High || llvm::is_contained(Excluded, C))
      Test = true;
    else if (Low == High)
      Test = false;
    break;
  default:
    break;
  }
  if (!Test)
    return std::nullopt;
  return *Test != Cond.Negated;
}

std::string quoted(const ASTContext &Ctx, const Expr *E,
                   llvm::StringRef Otherwise) {
  StringRef Text =
      Lexer::getSourceText(CharSourceRange::getTokenRange(E->getSourceRange()),
                           Ctx.getSourceManager(), Ctx.getLangOpts());
  return Text.empty() || Text.size() > 60 || Text.contains('\n')
             ? Otherwise.str()
             : "'" + Text.str() + "'";
}

void Interpreter::enterLoopHead(State &St, ProcId Id, const Stmt *Loop) {
  Process &Proc = St.Processes[Id];
  Frame &F = Proc.Stack.back();
  Proc.LastLoop = Loop;
  F.Env.clear();
  F.Decisions.clear();
  for (const auto &[Local, Id] : F.Locals) {
    const auto *Var = dyn_cast<VarDecl>(Local);
    if (!Var)
      continue;
    if (Dead.isDead(F.Function, Var)) {
      St.Cells[Id].V = {};
    } else if (WidenDelays && Dead.onlyDelaysAlarms(F.Function, Var) &&
               Dead.writtenIn(Loop, Var)) {
      // A retry counter behind a back-off would make every iteration a new
      // state; its alarms may then fire at any time, which the explorer
      // checks changes no order.
      WidenedDelays |= !St.Cells[Id].V.is(Value::Kind::Unknown);
      St.Cells[Id].V = {};
    }
  }
  Proc.Wait = Pending{Pending::Kind::LoopHead};
  Proc.Wait.Loop = Loop;
}

const CFG *Interpreter::graphOf(const FunctionDecl *FD) {
  auto &Slot = Graphs[FD];
  if (!Slot && FD->hasBody()) {
    CFG::BuildOptions Build;
    Build.AddImplicitDtors = true;
    Build.AddInitializers = true;
    // Default member initializers run like any code: they may make channels.
    Build.AddCXXDefaultInitExprInCtors = true;
    Build.AddCXXDefaultInitExprInAggregates = true;
    Build.setAllAlwaysAdd();
    // A local static's initializer runs the first time only.
    Build.AddStaticInitBranches = true;
    Slot = CFG::buildCFG(FD, FD->getBody(), &Ctx, Build);
  }
  return Slot.get();
}

const FunctionDecl *Interpreter::functionHolding(const Stmt *S) const {
  for (const auto &[FD, Graph] : Graphs) {
    if (!Graph)
      continue;
    for (const CFGBlock *Block : *Graph) {
      if (Block->getTerminatorStmt() == S)
        return FD;
      for (const CFGElement &Element : *Block)
        if (auto Statement = Element.getAs<CFGStmt>();
            Statement && Statement->getStmt() == S)
          return FD;
    }
  }
  return nullptr;
}

State Interpreter::start(const FunctionDecl &Root) {
  State Initial;
  Initial.Processes.push_back(Process{"g0"});
  S = &Initial;
  RootFunction = &Root;
  P = 0;
  // What the caller passes, and the object a method runs on, are made up:
  // what the caller lends by reference or by pointer is borrowed. A pointer
  // points to an object: its null case is not explored.
  auto Lend = [&](QualType T) {
    bool Pointer = T->isPointerType();
    Value V = madeUp(Pointer ? T->getPointeeType() : T.getNonReferenceType());
    if ((Pointer || T->isReferenceType()) && V.is(Value::Kind::Cell))
      Initial.Cells[V.Id].Borrowed = true;
    else if (Pointer)
      return Value{};
    return V;
  };
  std::vector<Value> Args;
  for (const ParmVarDecl *Param : Root.parameters())
    Args.push_back(Lend(Param->getType()));
  Value This;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&Root);
      Method && Method->isInstance() && !isa<CXXConstructorDecl>(Method) &&
      !isa<CXXDestructorDecl>(Method) && !Method->getParent()->isLambda())
    This = Lend(
        Ctx.getLValueReferenceType(Method->getFunctionObjectParameterType()));
  if (pushFrame(&Root, Args, nullptr, This, NoObject))
    initializeGlobals();
  else
    giveUp("no body");
  S = nullptr;
  return Initial;
}

void Interpreter::panic(const Expr *Site, std::string Message, OpKind Op) {
  Panics.push_back({Site, std::move(Message), Op});
  S->Processes.clear(); // the program dies: this path ends here
}

void Interpreter::run(const State &From, ProcId Id, std::vector<State> &Out) {
  std::vector<State> Work{From};
  Work.back().Processes[Id].Wait = Pending{};
  // Code the analysis cannot see may have run since the goroutine stopped.
  S = &Work.back();
  forgetBorrowedIntegers();
  Operated.clear();
  unsigned Steps = 0;
  while (!Work.empty() && !gaveUp()) {
    State Current = std::move(Work.back());
    Work.pop_back();
    S = &Current;
    P = Id;
    Forks = &Work;
    bool Stopped = false;
    while (!Stopped && !gaveUp()) {
      if (++Steps > Options.MaxLocalSteps) {
        giveUp("too many steps without a scheduling point");
        break;
      }
      if (S->ended()) // panicked
        break;
      Stopped = step();
    }
    // A panicked path ends in the empty state: the program is gone.
    if (!gaveUp()) {
      escapeBorrowed();
      Out.push_back(std::move(Current));
    }
  }
  S = nullptr;
  Forks = nullptr;
}

/// Runs one CFG element or one block transition; true when the goroutine
/// stopped (waits, finished, or took a back edge).
bool Interpreter::step() {
  if (proc().isFinished())
    return true;
  Frame &F = frame();
  if (F.Element < F.Block->size()) {
    const CFGElement &Element = (*F.Block)[F.Element++];
    exec(Element);
    return S->ended() || proc().Wait.K != Pending::Kind::None ||
           proc().isFinished();
  }
  return finishBlock();
}

bool Interpreter::finishBlock() {
  Frame &F = frame();
  if (F.Block == &F.Graph->getExit()) {
    popFrame();
    return proc().isFinished();
  }
  std::vector<const CFGBlock *> Choices = branch();
  if (Choices.empty()) {
    giveUp("no feasible successor block");
    return true;
  }
  const Stmt *Loop = frame().Block->getLoopTarget();
  frame().Block = Choices[0];
  frame().Element = 0;
  if (Loop) {
    enterLoopHead(*S, P, Loop);
    return true;
  }
  return false;
}

std::vector<const CFGBlock *> Interpreter::branch() {
  Frame &F = frame();
  std::vector<const CFGBlock *> Choices;
  const Stmt *Terminator = F.Block->getTerminatorStmt();
  // A local static's declaration: the first successor skips its
  // initializer, the second runs it.
  if (const auto *Declaration = dyn_cast_or_null<DeclStmt>(Terminator)) {
    const auto *Var = cast<VarDecl>(Declaration->getSingleDecl());
    unsigned Next = S->Statics.count(Var->getCanonicalDecl()) ? 0 : 1;
    if (Next < F.Block->succ_size())
      if (const CFGBlock *B = F.Block->succ_begin()[Next].getReachableBlock())
        Choices.push_back(B);
    return Choices;
  }
  const Stmt *Condition = F.Block->getTerminatorCondition(false);
  // The last block of `a && b` branches on the statement's whole condition,
  // which no element computes: b decides there (a, or its short circuit,
  // decided in the blocks before).
  while (const auto *Logical = dyn_cast_or_null<BinaryOperator>(
             Condition ? cast<Expr>(Condition)->IgnoreParens() : nullptr)) {
    if (!Logical->isLogicalOp() || Logical == Terminator)
      break;
    Condition = Logical->getRHS()->IgnoreParens();
  }
  auto Reachable = [&](unsigned I) {
    return I < F.Block->succ_size() && F.Block->succ_begin()[I].isReachable()
               ? F.Block->succ_begin()[I].getReachableBlock()
               : nullptr;
  };
  if (Terminator && isa<SwitchStmt>(Terminator)) {
    Value V = Condition ? load(valueOf(cast<Expr>(Condition))) : Value{};
    const CFGBlock *Default = nullptr;
    for (const CFGBlock::AdjacentBlock &Succ : F.Block->succs()) {
      const CFGBlock *B = Succ.getReachableBlock();
      if (!B)
        continue;
      const auto *Case = dyn_cast_or_null<CaseStmt>(B->getLabel());
      if (!Case) {
        Default = B;
        continue;
      }
      Expr::EvalResult Label;
      if (!V.is(Value::Kind::Int) ||
          !Case->getLHS()->EvaluateAsInt(Label, Ctx)) {
        Choices.push_back(B);
        continue;
      }
      if (Label.Val.getInt().getExtValue() == V.Int)
        Choices = {B};
    }
    if (V.is(Value::Kind::Int) && Choices.empty() && Default)
      Choices.push_back(Default);
    else if (!V.is(Value::Kind::Int) && Default)
      Choices.push_back(Default);
    if (V.is(Value::Kind::Int) && Choices.size() > 1)
      Choices.resize(1);
    return Choices;
  }
  if (F.Block->succ_size() != 2 || !Condition) {
    for (const CFGBlock::AdjacentBlock &Succ : F.Block->succs())
      if (const CFGBlock *B = Succ.getReachableBlock()) {
        Choices.push_back(B);
        break;
      }
    if (Terminator && isa<CXXTryStmt, GotoStmt, IndirectGotoStmt>(Terminator))
      giveUp("try or goto");
    return Choices;
  }
  // Loops over a channel test the iterator; everything else a value.
  Value V = truthOf(load(valueOf(cast<Expr>(Condition))));
  const CFGBlock *Then = Reachable(0), *Else = Reachable(1);
  std::optional<bool> Known;
  if (V.is(Value::Kind::Int))
    Known = V.Int != 0;
  else if (V.is(Value::Kind::Object) || V.is(Value::Kind::Closure) ||
           V.is(Value::Kind::Function))
    Known = true;
  else if (V.is(Value::Kind::Cond))
    Known = impliedBy(S->Assumptions, V);
  // A loop that compares an unknown count with what grows each round
  // (`i < n`) runs 0, 1 or 2 rounds, as an unknown container has 0, 1 or 2
  // elements: the path that would go round a third time ends the loop
  // instead (n <= 2), a program the caller can run. Otherwise each round
  // would fork a longer path, without end.
  bool Bounded = false;
  if (!Known && V.is(Value::Kind::Cond) && Terminator &&
      isa<ForStmt, WhileStmt, DoStmt>(Terminator) &&
      llvm::count_if(S->Assumptions, [&](const Assumption &A) {
        return A.Sym == V.Id && A.Opcode != BO_NE;
      }) >= UnknownCountRounds) {
    Known = false;
    Bounded = true;
  }
  if (Known) {
    if (const CFGBlock *B = *Known ? Then : Else)
      Choices.push_back(B);
  } else {
    for (const CFGBlock *B : {Then, Else})
      if (B)
        Choices.push_back(B);
  }
  // Remember which way && || ?: went, for the value of the expression.
  bool IsDecision =
      Terminator && (isa<BinaryOperator>(Terminator) ||
                     isa<AbstractConditionalOperator>(Terminator));
  if (Bounded) {
    S->Assumptions.push_back({V.Id, V.Opcode, V.Int, V.Negated});
    const auto *Tested = cast<Expr>(Condition);
    note(Tested,
         assumption(Ctx, Tested, false) + " after " +
             std::to_string(UnknownCountRounds) + " rounds",
         proc().Key);
  }
  if (Choices.size() != 2) {
    if (IsDecision && !Choices.empty())
      frame().Decisions[Terminator] = Choices[0] == Then;
    return Choices;
  }
  // Fork: the else branch continues in a copy of this state.
  State Other = *S;
  // An if or ?: the analysis decides neither way: say which way this path
  // went (loop conditions would repeat on every iteration).
  if (Terminator && isa<IfStmt, AbstractConditionalOperator>(Terminator)) {
    const auto *Tested = cast<Expr>(Condition);
    note(Tested, assumption(Ctx, Tested, true), proc().Key);
    Other.record({Tested->getBeginLoc(), assumption(Ctx, Tested, false),
                  NoObject, proc().Key});
  }
  Process &OtherProc = Other.Processes[P];
  Frame &OF = OtherProc.Stack.back();
  if (V.is(Value::Kind::Cond))
    Other.Assumptions.push_back({V.Id, V.Opcode, V.Int, V.Negated});
  if (IsDecision)
    OF.Decisions[Terminator] = false;
  OF.Block = Choices[1];
  OF.Element = 0;
  if (const Stmt *Loop = F.Block->getLoopTarget())
    enterLoopHead(Other, P, Loop);
  Forks->push_back(std::move(Other));
  if (V.is(Value::Kind::Cond))
    S->Assumptions.push_back({V.Id, V.Opcode, V.Int, !V.Negated});
  Choices.resize(1);
  if (IsDecision)
    frame().Decisions[Terminator] = true;
  return Choices;
}

void Interpreter::exec(const CFGElement &Element) {
  if (auto St = Element.getAs<CFGStmt>()) {
    eval(St->getStmt());
    return;
  }
  if (auto Init = Element.getAs<CFGInitializer>()) {
    const CXXCtorInitializer *I = Init->getInitializer();
    if (I->isAnyMemberInitializer() && frame().This.is(Value::Kind::Cell)) {
      CellId Field = fieldCell(frame().This.Id, I->getAnyMember());
      store(Value::cell(Field), valueOf(I->getInit()));
    }
    return;
  }
  if (auto Dtor = Element.getAs<CFGAutomaticObjDtor>()) {
    auto It = frame().Locals.find(Dtor->getVarDecl());
    if (It == frame().Locals.end())
      return;
    Value V = S->Cells[It->second].V;
    if (V.is(Value::Kind::Object))
      apply(destroy(*S, V.Id), nullptr);
  }
}

//===----------------------------------------------------------------------===//
// Resuming waits
//===----------------------------------------------------------------------===//

/// The case expression of alternative \p Index of \p Select, null when it
/// is not a call to a case function.
static const CallExpr *selectCase(const CallExpr *Select, unsigned Index) {
  unsigned Seen = 0;
  for (const Expr *Arg : Select->arguments()) {
    if (isa<CXXDefaultArgExpr>(Arg))
      continue;
    if (Seen++ == Index)
      return dyn_cast<CallExpr>(Arg->IgnoreImplicit()->IgnoreParens());
  }
  return nullptr;
}

/// Whether argument \p I of a case expression was written out.
static bool hasCaseArg(const CallExpr *Case, unsigned I) {
  return Case->getNumArgs() > I && !isa<CXXDefaultArgExpr>(Case->getArg(I));
}

void Interpreter::complete(State &Next, const Transition &T) {
  for (const Resume &R : T.Resumes)
    resume(Next, R);
  for (ObjId Fired : T.Started) {
    const Object &Timer = Next.Objects[Fired];
    const Expr *Site = Timer.Made;
    Value Func = Timer.as<runtime::Timer>().Func;
    S = &Next;
    P = 0;
    startGoroutine(Site, Func, {},
                   "timer" + std::to_string(Fired) + "." +
                       std::to_string(Next.Processes.size()));
    S = nullptr;
  }
}

void Interpreter::resume(State &St, const Resume &R) {
  S = &St;
  P = R.P;
  Pending W = std::move(proc().Wait);
  proc().Wait = Pending{};
  switch (W.K) {
  case Pending::Kind::Select:
    resumeSelect(W, R.Case, R.Received, R.Ok);
    break;
  case Pending::Kind::Recv: {
    uint32_t Chan = W.Values[0].is(Value::Kind::Object) ? W.Values[0].Id : 0;
    switch (W.Shape) {
    case ResultShape::PairOk: // recvOk() returns std::pair<T, bool>
      set(W.Site, Value::cell(makePair(W.Site->getType(), R.Received,
                                       Value::integer(R.Ok))));
      break;
    case ResultShape::Begin:
      set(W.Site, Value{Value::Kind::Iterator, false, 0, R.Ok, Chan});
      break;
    case ResultShape::Increment:
      store(W.Values[1], Value{Value::Kind::Iterator, false, 0, R.Ok, Chan});
      set(W.Site, W.Values[1]);
      break;
    case ResultShape::Plain:
      set(W.Site, R.Received);
      break;
    }
    break;
  }
  default:
    if (W.Site && !proc().isFinished() && !frame().Env.count(W.Site))
      set(W.Site, {});
    break;
  }
  S = nullptr;
}

void Interpreter::resumeSelect(const Pending &W, unsigned Index, Value Received,
                               bool Ok) {
  const auto *Select = cast<CallExpr>(W.Site);
  set(Select, Value::integer(Index));
  // The case expression: caseRecv(ch, value, ok) assigns through its
  // reference arguments.
  const CallExpr *Case = selectCase(Select, Index);
  if (Case && W.Values.size() > 1)
    note(Case, "the select takes this case", proc().Key);
  if (Case && isCaseRecv(Case->getDirectCallee())) {
    if (hasCaseArg(Case, 1))
      store(valueOf(Case->getArg(1)), Received);
    if (hasCaseArg(Case, 2))
      store(valueOf(Case->getArg(2)), Value::integer(Ok));
  }
}

} // namespace golife::eval
