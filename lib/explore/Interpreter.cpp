//===- Interpreter.cpp - Runs one goroutine's code between scheduling points =//

#include "Interpreter.h"
#include "golife/ApiModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace golife::explore {

namespace {

// A condition "symbol <opcode> constant", possibly negated: Id is the
// symbol, Int the constant, Decl packs the opcode and the negation.
Value makeCond(uint32_t Sym, int Opcode, int64_t Constant, bool Negated) {
  // One spelling per test, so that `n == 0` and `!n` meet as one assumption.
  switch (Opcode) {
  case BO_EQ:
    Opcode = BO_NE;
    Negated = !Negated;
    break;
  case BO_GE:
    Opcode = BO_LT;
    Negated = !Negated;
    break;
  case BO_LE:
    Opcode = BO_GT;
    Negated = !Negated;
    break;
  default:
    break;
  }
  return Value{Value::Kind::Cond, Constant, Sym,
               reinterpret_cast<const void *>(
                   static_cast<uintptr_t>(Opcode * 2 + Negated + 2))};
}
int condOpcode(const Value &V) {
  return static_cast<int>((reinterpret_cast<uintptr_t>(V.Decl) - 2) / 2);
}
bool condNegated(const Value &V) {
  return (reinterpret_cast<uintptr_t>(V.Decl) - 2) % 2;
}

/// \p V tested as a truth value: an unknown integer or bool tested as is
/// (`if (n)`) is the condition `n != 0`, so that the same test later agrees.
Value truthOf(const Value &V) {
  return V.is(Value::Kind::Sym) ? makeCond(V.Id, BO_NE, 0, false) : V;
}

constexpr uint32_t NoObject = ~0u;
constexpr uint32_t UnknownChannel = ~1u;

bool isStd(const Decl *D) { return D && D->getDeclContext()->isStdNamespace(); }

bool isStdNamed(const NamedDecl *D, llvm::StringRef Name) {
  if (!D || !D->getIdentifier() || D->getName() != Name)
    return false;
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent())
    if (DC->isStdNamespace())
      return true;
  return false;
}

/// Whether \p T is std::function, which holds cancel functions and
/// closures: its value is what it was made from.
bool isStdFunction(QualType T) {
  const auto *Record = T.getNonReferenceType()->getAsCXXRecordDecl();
  return Record && isStdNamed(Record, "function");
}

bool isStdLock(QualType T) {
  const auto *Record = T.getNonReferenceType()->getAsCXXRecordDecl();
  return Record && (isStdNamed(Record, "lock_guard") ||
                    isStdNamed(Record, "unique_lock") ||
                    isStdNamed(Record, "scoped_lock"));
}

/// Nanoseconds per tick of a std::chrono::duration type, or 0.
int64_t nanosPerTick(QualType T) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.getNonReferenceType()->getAsCXXRecordDecl());
  if (!Spec || !isStdNamed(Spec, "duration") ||
      Spec->getTemplateArgs().size() < 2)
    return 0;
  const auto *Ratio = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Spec->getTemplateArgs()[1].getAsType()->getAsCXXRecordDecl());
  if (!Ratio || Ratio->getTemplateArgs().size() < 2)
    return 0;
  int64_t Num = Ratio->getTemplateArgs()[0].getAsIntegral().getExtValue();
  int64_t Den = Ratio->getTemplateArgs()[1].getAsIntegral().getExtValue();
  return Den == 0 ? 0 : Num * 1000000000 / Den;
}

/// Nanoseconds of a chrono literal operator (""s, ""ms, ...), or 0.
int64_t nanosPerLiteral(const FunctionDecl *FD) {
  if (!FD || FD->getLiteralIdentifier() == nullptr ||
      !isStd(FD) && !FD->getDeclContext()
                         ->getEnclosingNamespaceContext()
                         ->isStdNamespace())
    return 0;
  return nanosPerTick(FD->getReturnType());
}

/// The null pointer (nullptr, NULL, 0 as a pointer).
const Value NullPointer = Value::integer(0);

/// Whether the pointer \p V is null; nothing when the analysis cannot tell.
/// Addresses of cells, objects and functions are never null.
std::optional<bool> isNullPointer(const Value &V) {
  switch (V.K) {
  case Value::Kind::Int:
    return V.Int == 0;
  case Value::Kind::Cell:
  case Value::Kind::Object:
  case Value::Kind::Closure:
  case Value::Kind::Function:
    return false;
  default:
    return std::nullopt;
  }
}

bool isPointerLike(QualType T) {
  return T->isAnyPointerType() || T->isNullPtrType() ||
         T->isMemberPointerType();
}

/// "assuming 'ready' is true": the branch a path took on a condition the
/// analysis could not decide.
std::string assumption(const ASTContext &Ctx, const Expr *Condition,
                       bool Holds) {
  StringRef Text = Lexer::getSourceText(
      CharSourceRange::getTokenRange(Condition->getSourceRange()),
      Ctx.getSourceManager(), Ctx.getLangOpts());
  std::string Subject = Text.empty() || Text.size() > 60 || Text.contains('\n')
                            ? std::string("the condition")
                            : "'" + Text.str() + "'";
  return "assuming " + Subject + " is " + (Holds ? "true" : "false");
}

} // namespace

//===----------------------------------------------------------------------===//
// Memory
//===----------------------------------------------------------------------===//

CellId Interpreter::newCell(Value V) {
  S->Cells.push_back(Cell{V, false, {}});
  return S->Cells.size() - 1;
}

CellId Interpreter::newRecord() {
  S->Cells.push_back(Cell{{}, true, {}});
  return S->Cells.size() - 1;
}

ObjId Interpreter::newObject(Object::Kind K, const Expr *Site) {
  Object O{K};
  O.Made = Site;
  S->Objects.push_back(std::move(O));
  return S->Objects.size() - 1;
}

Value Interpreter::defaultValue(QualType T, const Expr *Site) {
  switch (runtimeTypeOf(T)) {
  case RuntimeType::Chan:
    return Value{Value::Kind::NilChan};
  case RuntimeType::WaitGroup:
    return Value::object(newObject(Object::Kind::WaitGroup, Site));
  case RuntimeType::Mutex:
    return Value::object(newObject(Object::Kind::Mutex, Site));
  case RuntimeType::Once:
    return Value::object(newObject(Object::Kind::Once, Site));
  case RuntimeType::Context:
    return Value::object(newObject(Object::Kind::Context, Site));
  case RuntimeType::None:
    if (T->isRecordType() && !isStd(T->getAsCXXRecordDecl()) &&
        !isStdFunction(T))
      return Value::cell(newRecord());
    return {};
  default:
    return {};
  }
}

CellId Interpreter::makePair(QualType PairType, Value First, Value Second) {
  CellId Pair = newRecord();
  const RecordDecl *Record = PairType->getAsRecordDecl();
  if (!Record)
    return Pair;
  Value Members[] = {First, Second};
  unsigned I = 0;
  for (const FieldDecl *Field : Record->fields()) {
    if (I == 2)
      break;
    CellId Member = newCell(Members[I++]);
    S->Cells[Pair].Fields.push_back({Field, Member});
  }
  return Pair;
}

CellId Interpreter::fieldCell(CellId Record, const FieldDecl *Field) {
  for (const auto &[F, C] : S->Cells[Record].Fields)
    if (F == Field)
      return C;
  Value Initial = defaultValue(Field->getType(), nullptr);
  CellId C = newCell(Initial);
  S->Cells[Record].Fields.push_back({Field, C});
  return C;
}

Value Interpreter::load(const State &St, const Value &V) const {
  if (V.is(Value::Kind::Cell) && !St.Cells[V.Id].IsRecord)
    return St.Cells[V.Id].V;
  return V;
}

CellId Interpreter::copyCell(CellId From) {
  if (!S->Cells[From].IsRecord)
    return newCell(S->Cells[From].V);
  CellId To = newRecord();
  S->Cells[To].Class = S->Cells[From].Class;
  auto Fields = S->Cells[From].Fields;
  for (const auto &[Field, C] : Fields) {
    CellId Copy = Field->getType()->isReferenceType() ? C : copyCell(C);
    if (Field->getType()->isReferenceType())
      Copy = newCell(S->Cells[C].V);
    S->Cells[To].Fields.push_back({Field, Copy});
  }
  return To;
}

Value Interpreter::copyFor(QualType T, const Value &V) {
  if (T->isReferenceType())
    return V;
  if (!T->isRecordType())
    return V; // a prvalue: a pointer's value is the address it holds
  if (V.is(Value::Kind::Cell) && S->Cells[V.Id].IsRecord)
    return Value::cell(copyCell(V.Id));
  return load(*S, V); // handles copy by value
}

CellId Interpreter::cellFor(QualType T, const Value &V) {
  if (T->isReferenceType())
    return V.is(Value::Kind::Cell) ? V.Id : newCell(V);
  Value Copy = copyFor(T, V);
  if (T->isRecordType() && Copy.is(Value::Kind::Cell) &&
      S->Cells[Copy.Id].IsRecord)
    return Copy.Id;
  return newCell(Copy);
}

void Interpreter::escape(State &St, const Value &V) {
  std::vector<Value> Work{V};
  std::vector<bool> SeenCells(St.Cells.size());
  while (!Work.empty()) {
    Value Item = Work.back();
    Work.pop_back();
    switch (Item.K) {
    case Value::Kind::Object: {
      Object &O = St.Objects[Item.Id];
      if (O.Escaped)
        break;
      O.Escaped = true;
      for (ObjId Linked : {O.Target, O.Parent})
        if (Linked != NoObject)
          Work.push_back(Value::object(Linked));
      Work.push_back(O.Callee);
      break;
    }
    case Value::Kind::Case:
    case Value::Kind::Iterator:
      if (Item.Id < St.Objects.size())
        Work.push_back(Value::object(Item.Id));
      break;
    case Value::Kind::Closure:
      Work.push_back(Value::cell(Item.Id));
      break;
    case Value::Kind::Cell:
      if (SeenCells[Item.Id])
        break;
      SeenCells[Item.Id] = true;
      Work.push_back(St.Cells[Item.Id].V);
      for (const auto &Field : St.Cells[Item.Id].Fields)
        Work.push_back(Value::cell(Field.second));
      break;
    default:
      break;
    }
  }
}

void Interpreter::store(const Value &Target, const Value &V) {
  if (!Target.is(Value::Kind::Cell)) {
    escape(*S, V); // stored where the analysis cannot see
    return;
  }
  Cell &C = S->Cells[Target.Id];
  if (C.IsRecord) {
    if (V.is(Value::Kind::Cell) && S->Cells[V.Id].IsRecord) {
      CellId Copy = copyCell(V.Id);
      S->Cells[Target.Id].Fields = S->Cells[Copy].Fields;
    } else {
      S->Cells[Target.Id].Fields.clear();
      escape(*S, V);
    }
    return;
  }
  C.V = load(*S, V);
}

//===----------------------------------------------------------------------===//
// Control flow
//===----------------------------------------------------------------------===//

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
    Slot = CFG::buildCFG(FD, FD->getBody(), &Ctx, Build);
  }
  return Slot.get();
}

State Interpreter::start(const FunctionDecl &Root) {
  State Initial;
  Initial.Processes.push_back(Process{"g0"});
  S = &Initial;
  P = 0;
  std::vector<Value> Args;
  for (const ParmVarDecl *Param : Root.parameters()) {
    QualType T = Param->getType();
    if (T->isIntegralOrEnumerationType())
      Args.push_back(Value{Value::Kind::Sym, 0, Initial.NextSymbol++});
    else
      Args.push_back({});
  }
  if (!pushFrame(&Root, Args, nullptr, {}, NoObject))
    giveUp("no body");
  S = nullptr;
  return Initial;
}

bool Interpreter::pushFrame(const FunctionDecl *FD, llvm::ArrayRef<Value> Args,
                            const Expr *CallSite, Value This, CellId Captures) {
  const CFG *Graph = graphOf(FD);
  if (!Graph)
    return false;
  Frame F;
  F.Function = FD;
  F.Graph = Graph;
  F.Block = &Graph->getEntry();
  F.CallSite = CallSite;
  F.This = This;
  F.Captures = Captures;
  for (unsigned I = 0; I < FD->getNumParams(); ++I) {
    const ParmVarDecl *Param = FD->getParamDecl(I);
    Value Arg = I < Args.size() ? Args[I] : Value{};
    F.Locals[Param] = cellFor(Param->getType(), Arg);
  }
  proc().Stack.push_back(std::move(F));
  return true;
}

void Interpreter::popFrame() {
  Frame Done = std::move(frame());
  proc().Stack.pop_back();
  if (proc().Stack.empty() && P == 0) {
    escape(*S, Done.ReturnValue); // the analysed function's caller gets it
    // Where the analysed function left: what it spawned runs on without it.
    S->Events.push_back({Done.Returned ? Done.Returned->getBeginLoc()
                                       : Done.Function->getBodyRBrace(),
                         "the function returns here", NoObject, proc().Key});
  }
  if (proc().Stack.empty() || !Done.CallSite)
    return;
  Value Result = Done.ReturnValue;
  if (isa<CXXConstructExpr>(Done.CallSite))
    Result = Done.This;
  frame().Env[Done.CallSite] = Result;
}

void Interpreter::wait(Pending W) { proc().Wait = std::move(W); }

void Interpreter::panic(const Expr *Site, std::string Message, OpKind Op) {
  Panics.push_back({Site, std::move(Message), Op});
  proc().Wait.K = Pending::Kind::None;
  proc().Stack.clear();
  S->Processes.clear(); // the program dies: this path ends here
}

void Interpreter::note(const Expr *Site, std::string Message, ObjId Object,
                       std::string ProcessKey) {
  S->Events.push_back(
      {Site->getBeginLoc(), std::move(Message), Object, std::move(ProcessKey)});
}

void Interpreter::run(const State &From, ProcId Id, std::vector<State> &Out) {
  std::vector<State> Work{From};
  Work.back().Processes[Id].Wait = Pending{};
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
      if (S->Processes.empty()) // panicked
        break;
      Stopped = step();
    }
    // A panicked path ends in the empty state: the program is gone.
    if (!gaveUp())
      Out.push_back(std::move(Current));
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
    return S->Processes.empty() || proc().Wait.K != Pending::Kind::None ||
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
  std::vector<const CFGBlock *> Choices;
  const Stmt *Terminator = F.Block->getTerminatorStmt();
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
    Value V = Condition ? load(*S, valueOf(cast<Expr>(Condition))) : Value{};
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
  } else if (F.Block->succ_size() == 2 && Condition) {
    // Loops over a channel test the iterator; everything else a value.
    Value V = truthOf(load(*S, valueOf(cast<Expr>(Condition))));
    const CFGBlock *Then = Reachable(0), *Else = Reachable(1);
    std::optional<bool> Known;
    if (V.is(Value::Kind::Int))
      Known = V.Int != 0;
    else if (V.is(Value::Kind::Object) || V.is(Value::Kind::Closure) ||
             V.is(Value::Kind::Function))
      Known = true;
    else if (V.is(Value::Kind::Cond)) {
      for (const Assumption &A : S->Assumptions)
        if (A.Sym == V.Id && A.Opcode == condOpcode(V) && A.Constant == V.Int)
          Known = A.Holds != condNegated(V);
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
    if (Choices.size() == 2) {
      // Fork: the else branch continues in a copy of this state.
      State Other = *S;
      // An if or ?: the analysis decides neither way: say which way this
      // path went (loop conditions would repeat on every iteration).
      if (Terminator && isa<IfStmt, AbstractConditionalOperator>(Terminator)) {
        const auto *Tested = cast<Expr>(Condition);
        S->Events.push_back({Tested->getBeginLoc(),
                             assumption(Ctx, Tested, true), NoObject,
                             proc().Key});
        Other.Events.push_back({Tested->getBeginLoc(),
                                assumption(Ctx, Tested, false), NoObject,
                                proc().Key});
      }
      Frame &OF = Other.Processes[P].Stack.back();
      if (V.is(Value::Kind::Cond))
        Other.Assumptions.push_back(
            {V.Id, condOpcode(V), V.Int, condNegated(V)});
      if (IsDecision)
        OF.Decisions[Terminator] = false;
      OF.Block = Choices[1];
      OF.Element = 0;
      if (const Stmt *Loop = F.Block->getLoopTarget()) {
        Other.Processes[P].LastLoop = Loop;
        OF.Env.clear();
        OF.Decisions.clear();
        Other.Processes[P].Wait = Pending{Pending::Kind::LoopHead};
        Other.Processes[P].Wait.Loop = Loop;
      }
      Forks->push_back(std::move(Other));
      if (V.is(Value::Kind::Cond))
        S->Assumptions.push_back({V.Id, condOpcode(V), V.Int, !condNegated(V)});
      Choices.resize(1);
      if (IsDecision)
        frame().Decisions[Terminator] = true;
    } else if (IsDecision && !Choices.empty()) {
      frame().Decisions[Terminator] = Choices[0] == Then;
    }
  } else {
    for (const CFGBlock::AdjacentBlock &Succ : F.Block->succs())
      if (const CFGBlock *B = Succ.getReachableBlock()) {
        Choices.push_back(B);
        break;
      }
    if (Terminator && isa<CXXTryStmt, GotoStmt, IndirectGotoStmt>(Terminator))
      giveUp("try or goto");
  }
  if (Choices.empty()) {
    giveUp("no feasible successor block");
    return true;
  }
  const Stmt *Loop = frame().Block->getLoopTarget();
  frame().Block = Choices[0];
  frame().Element = 0;
  if (Loop) {
    // A back edge: a scheduling point, so that loops revisit states.
    proc().LastLoop = Loop;
    frame().Env.clear();
    frame().Decisions.clear();
    Pending Head{Pending::Kind::LoopHead};
    Head.Loop = Loop;
    wait(std::move(Head));
    return true;
  }
  return false;
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
    if (!V.is(Value::Kind::Object))
      return;
    Object &O = S->Objects[V.Id];
    if (O.K == Object::Kind::Defer && !O.Done) {
      O.Done = true;
      Value Callee = O.Callee;
      if (!invoke(Callee, {}, nullptr))
        unknownCall(nullptr, {Callee});
    } else if (O.K == Object::Kind::Guard && !O.Done) {
      O.Done = true;
      unlock(O.Target, nullptr, false);
    }
  }
}

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

Value Interpreter::valueOf(const Expr *E) {
  if (!E)
    return {};
  auto &Env = frame().Env;
  auto It = Env.find(E);
  if (It != Env.end())
    return It->second;
  // Not a CFG element of this path (a constant, or a wrapper the CFG omits).
  E = E->IgnoreParens();
  It = Env.find(E);
  if (It != Env.end())
    return It->second;
  Expr::EvalResult Constant;
  if (!E->isValueDependent() && E->getType()->isIntegralOrEnumerationType() &&
      E->EvaluateAsInt(Constant, Ctx))
    return Value::integer(Constant.Val.getInt().getExtValue());
  if (const auto *Wrapper = dyn_cast<FullExpr>(E))
    return valueOf(Wrapper->getSubExpr());
  if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(E))
    return valueOf(Temp->getSubExpr());
  if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
    return valueOf(Bind->getSubExpr());
  if (const auto *Default = dyn_cast<CXXDefaultInitExpr>(E))
    return valueOf(Default->getExpr());
  if (isa<CXXNullPtrLiteralExpr, GNUNullExpr>(E))
    return NullPointer;
  if (isa<ImplicitValueInitExpr>(E) && E->getType()->isScalarType())
    return Value::integer(0); // zero, false or null
  if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E)) {
    switch (Cast->getCastKind()) {
    case CK_LValueToRValue:
      return load(*S, valueOf(Cast->getSubExpr()));
    case CK_NullToPointer:
    case CK_NullToMemberPointer:
      return NullPointer;
    default:
      return valueOf(Cast->getSubExpr());
    }
  }
  return {};
}

void Interpreter::eval(const Stmt *St) {
  if (const auto *DS = dyn_cast<DeclStmt>(St)) {
    for (const Decl *D : DS->decls())
      if (const auto *Var = dyn_cast<VarDecl>(D))
        declare(Var);
    return;
  }
  if (const auto *Return = dyn_cast<ReturnStmt>(St)) {
    frame().Returned = Return;
    Value V = valueOf(Return->getRetValue());
    frame().ReturnValue = copyFor(frame().Function->getReturnType(), V);
    return;
  }
  const auto *E = dyn_cast<Expr>(St);
  if (!E)
    return;
  if (isa<IntegerLiteral, CXXBoolLiteralExpr, CharacterLiteral>(E)) {
    set(E, valueOf(E));
    return;
  }
  if (isa<CXXNullPtrLiteralExpr, GNUNullExpr>(E)) {
    set(E, NullPointer);
    return;
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    set(E, declRef(Ref->getDecl()));
    return;
  }
  if (const auto *Cast = dyn_cast<CastExpr>(E)) {
    Value Sub = valueOf(Cast->getSubExpr());
    switch (Cast->getCastKind()) {
    case CK_LValueToRValue:
      set(E, load(*S, Sub));
      return;
    case CK_IntegralToBoolean: {
      Value V = truthOf(load(*S, Sub));
      set(E, V.is(Value::Kind::Int) ? Value::integer(V.Int != 0) : V);
      return;
    }
    case CK_NullToPointer:
    case CK_NullToMemberPointer:
      set(E, NullPointer);
      return;
    case CK_PointerToBoolean:
    case CK_MemberPointerToBoolean: {
      std::optional<bool> Null = isNullPointer(Sub);
      set(E, Null ? Value::integer(!*Null) : Value{});
      return;
    }
    default:
      set(E, Sub);
      return;
    }
  }
  if (isa<ParenExpr, FullExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr>(
          E)) {
    const Expr *Sub = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *Paren = dyn_cast<ParenExpr>(E))
      Sub = Paren->getSubExpr();
    else if (const auto *Full = dyn_cast<FullExpr>(E))
      Sub = Full->getSubExpr();
    else if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(E))
      Sub = Temp->getSubExpr();
    else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
      Sub = Bind->getSubExpr();
    set(E, valueOf(Sub));
    return;
  }
  if (const auto *Rewritten = dyn_cast<CXXRewrittenBinaryOperator>(E)) {
    set(E, valueOf(Rewritten->getSemanticForm()));
    return;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    unary(UO);
    return;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    binary(BO);
    return;
  }
  if (const auto *Cond = dyn_cast<AbstractConditionalOperator>(E)) {
    auto It = frame().Decisions.find(Cond);
    if (It == frame().Decisions.end()) {
      set(E, {});
      return;
    }
    set(E, valueOf(It->second ? Cond->getTrueExpr() : Cond->getFalseExpr()));
    return;
  }
  if (const auto *CE = dyn_cast<CallExpr>(E)) {
    call(CE);
    return;
  }
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E)) {
    construct(CE);
    return;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    set(E, member(ME));
    return;
  }
  if (isa<CXXThisExpr>(E)) {
    set(E, frame().This);
    if (frame().Captures != NoObject) { // a lambda's captured this
      llvm::DenseMap<const ValueDecl *, FieldDecl *> Fields;
      FieldDecl *ThisField = nullptr;
      cast<CXXMethodDecl>(frame().Function)
          ->getParent()
          ->getCaptureFields(Fields, ThisField);
      if (ThisField)
        set(E, S->Cells[fieldCell(frame().Captures, ThisField)].V);
    }
    return;
  }
  if (const auto *Lambda = dyn_cast<LambdaExpr>(E)) {
    CellId Captures = newRecord();
    const CXXRecordDecl *Class = Lambda->getLambdaClass();
    auto Field = Class->field_begin();
    for (const Expr *Init : Lambda->capture_inits()) {
      if (Field == Class->field_end())
        break;
      // A by-reference capture holds the variable's address.
      Value V = valueOf(Init);
      CellId C = (*Field)->getType()->isReferenceType()
                     ? newCell(V)
                     : cellFor((*Field)->getType(), V);
      S->Cells[Captures].Fields.push_back({*Field, C});
      ++Field;
    }
    set(E, Value{Value::Kind::Closure, 0, Captures, Lambda});
    return;
  }
  if (const auto *New = dyn_cast<CXXNewExpr>(E)) {
    // A heap object: a cell like any other, reached through the pointer.
    if (New->isArray()) {
      set(E, {});
      return;
    }
    Value Initial = New->hasInitializer()
                        ? valueOf(New->getInitializer())
                        : defaultValue(New->getAllocatedType(), E);
    if (Initial.is(Value::Kind::Cell) && S->Cells[Initial.Id].IsRecord)
      set(E, Initial);
    else
      set(E, Value::cell(newCell(load(*S, Initial))));
    return;
  }
  if (const auto *Default = dyn_cast<CXXDefaultInitExpr>(E)) {
    set(E, valueOf(Default->getExpr()));
    return;
  }
  if (const auto *Init = dyn_cast<InitListExpr>(E)) {
    if (!Init->getType()->isRecordType() || Init->getNumInits() == 0) {
      set(E, Init->getNumInits() == 1 ? valueOf(Init->getInit(0)) : Value{});
      return;
    }
    const RecordDecl *Record = Init->getType()->getAsRecordDecl();
    CellId R = newRecord();
    unsigned I = 0;
    for (const FieldDecl *Field : Record->fields()) {
      if (I >= Init->getNumInits())
        break;
      store(Value::cell(fieldCell(R, Field)), valueOf(Init->getInit(I++)));
    }
    set(E, Value::cell(R));
    return;
  }
  if (const auto *Literal = dyn_cast<UserDefinedLiteral>(E)) {
    int64_t Nanos = nanosPerLiteral(Literal->getDirectCallee());
    Expr::EvalResult Count;
    if (Nanos && Literal->getCookedLiteral()->EvaluateAsInt(Count, Ctx))
      set(E, Value::integer(Count.Val.getInt().getExtValue() * Nanos));
    else
      set(E, {});
    return;
  }
  set(E, {});
}

Value Interpreter::declRef(const ValueDecl *D) {
  if (const auto *Enum = dyn_cast<EnumConstantDecl>(D))
    return Value::integer(Enum->getInitVal().getExtValue());
  if (const auto *FD = dyn_cast<FunctionDecl>(D))
    return Value{Value::Kind::Function, 0, 0, FD};
  auto &Locals = frame().Locals;
  if (auto It = Locals.find(D); It != Locals.end())
    return Value::cell(It->second);
  // A lambda's capture of an enclosing variable (or structured binding).
  if (frame().Captures != NoObject) {
    const auto *Method = cast<CXXMethodDecl>(frame().Function);
    llvm::DenseMap<const ValueDecl *, FieldDecl *> Fields;
    FieldDecl *ThisField = nullptr;
    Method->getParent()->getCaptureFields(Fields, ThisField);
    if (FieldDecl *Field = Fields.lookup(D)) {
      CellId C = fieldCell(frame().Captures, Field);
      return Field->getType()->isReferenceType() ? S->Cells[C].V
                                                 : Value::cell(C);
    }
  }
  if (const auto *Binding = dyn_cast<BindingDecl>(D)) {
    if (const VarDecl *Holding = Binding->getHoldingVar())
      return declRef(Holding);
    // A structured binding of a struct's field.
    if (const auto *ME = dyn_cast_or_null<MemberExpr>(
            Binding->getBinding()->IgnoreImplicit()))
      return member(ME);
    return {};
  }
  return {}; // globals and statics: memory the analysis does not follow
}

void Interpreter::declare(const VarDecl *Var) {
  if (!Var->hasLocalStorage())
    return; // statics are shared across calls: memory not followed
  const Expr *Init = Var->getInit();
  Value V = Init ? valueOf(Init) : defaultValue(Var->getType(), nullptr);
  frame().Locals[Var] = cellFor(Var->getType(), V);
}

Value Interpreter::member(const MemberExpr *ME) {
  Value Base = valueOf(ME->getBase());
  if (ME->isArrow())
    Base = load(*S, Base);
  const auto *Field = dyn_cast<FieldDecl>(ME->getMemberDecl());
  if (!Field)
    return Base; // a method: the call takes the object from here
  Value Loaded = load(*S, Base);
  if (Loaded.is(Value::Kind::Object) && Field->getName() == "C") {
    const Object &O = S->Objects[Loaded.Id];
    if ((O.K == Object::Kind::Ticker || O.K == Object::Kind::Timer) &&
        O.Target != NoObject)
      return Value::cell(newCell(Value::object(O.Target)));
  }
  if (Base.is(Value::Kind::Cell) && S->Cells[Base.Id].IsRecord)
    return Value::cell(fieldCell(Base.Id, Field));
  return {};
}

void Interpreter::unary(const UnaryOperator *UO) {
  Value Sub = valueOf(UO->getSubExpr());
  switch (UO->getOpcode()) {
  case UO_AddrOf:
    set(UO, Sub);
    return;
  case UO_Deref:
    set(UO, load(*S, Sub));
    return;
  case UO_LNot: {
    Value V = truthOf(load(*S, Sub));
    if (V.is(Value::Kind::Int))
      set(UO, Value::integer(!V.Int));
    else if (V.is(Value::Kind::Cond))
      set(UO, makeCond(V.Id, condOpcode(V), V.Int, !condNegated(V)));
    else
      set(UO, {});
    return;
  }
  case UO_Minus: {
    Value V = load(*S, Sub);
    set(UO, V.is(Value::Kind::Int) ? Value::integer(-V.Int) : Value{});
    return;
  }
  case UO_PreInc:
  case UO_PreDec:
  case UO_PostInc:
  case UO_PostDec: {
    Value Old = load(*S, Sub);
    Value New;
    if (Old.is(Value::Kind::Int))
      New = Value::integer(Old.Int + (UO->isIncrementOp() ? 1 : -1));
    store(Sub, New);
    set(UO, UO->isPrefix() ? Sub : Old);
    return;
  }
  default:
    set(UO, {});
  }
}

void Interpreter::binary(const BinaryOperator *BO) {
  BinaryOperatorKind Op = BO->getOpcode();
  if (BO->isLogicalOp()) {
    auto It = frame().Decisions.find(BO);
    Value L = load(*S, valueOf(BO->getLHS()));
    if (L.is(Value::Kind::Int) && (Op == BO_LAnd ? !L.Int : L.Int)) {
      set(BO, Value::integer(Op == BO_LOr));
      return;
    }
    if (It != frame().Decisions.end() &&
        It->second == (Op == BO_LOr)) { // short-circuited
      set(BO, Value::integer(Op == BO_LOr));
      return;
    }
    Value R = load(*S, valueOf(BO->getRHS()));
    set(BO, R.is(Value::Kind::Int) ? Value::integer(R.Int != 0) : Value{});
    return;
  }
  Value LHS = valueOf(BO->getLHS());
  Value R = load(*S, valueOf(BO->getRHS()));
  if (Op == BO_Assign) {
    store(LHS, valueOf(BO->getRHS()));
    set(BO, LHS);
    return;
  }
  if (Op == BO_Comma) {
    set(BO, valueOf(BO->getRHS()));
    return;
  }
  Value L = load(*S, LHS);
  auto Arith = [&](BinaryOperatorKind K) -> Value {
    if (!L.is(Value::Kind::Int) || !R.is(Value::Kind::Int))
      return {};
    switch (K) {
    case BO_Add:
      return Value::integer(L.Int + R.Int);
    case BO_Sub:
      return Value::integer(L.Int - R.Int);
    case BO_Mul:
      return Value::integer(L.Int * R.Int);
    case BO_Div:
      return R.Int ? Value::integer(L.Int / R.Int) : Value{};
    case BO_Rem:
      return R.Int ? Value::integer(L.Int % R.Int) : Value{};
    case BO_LT:
      return Value::integer(L.Int < R.Int);
    case BO_GT:
      return Value::integer(L.Int > R.Int);
    case BO_LE:
      return Value::integer(L.Int <= R.Int);
    case BO_GE:
      return Value::integer(L.Int >= R.Int);
    case BO_EQ:
      return Value::integer(L.Int == R.Int);
    case BO_NE:
      return Value::integer(L.Int != R.Int);
    case BO_And:
      return Value::integer(L.Int & R.Int);
    case BO_Or:
      return Value::integer(L.Int | R.Int);
    case BO_Xor:
      return Value::integer(L.Int ^ R.Int);
    default:
      return {};
    }
  };
  if (BO->isCompoundAssignmentOp()) {
    Value New = Arith(BinaryOperator::getOpForCompoundAssignment(Op));
    store(LHS, New);
    set(BO, LHS);
    return;
  }
  if (BO->isEqualityOp() && isPointerLike(BO->getLHS()->getType())) {
    // Pointers are rvalues here: compare the addresses, not what they hold.
    Value LP = valueOf(BO->getLHS()), RP = valueOf(BO->getRHS());
    std::optional<bool> LNull = isNullPointer(LP), RNull = isNullPointer(RP);
    std::optional<bool> Equal;
    if (LNull && RNull && (*LNull || *RNull))
      Equal = *LNull == *RNull;
    else if (LP == RP &&
             (LP.is(Value::Kind::Cell) || LP.is(Value::Kind::Object)))
      Equal = true;
    set(BO, Equal ? Value::integer(*Equal == (Op == BO_EQ)) : Value{});
    return;
  }
  if (BO->isComparisonOp() && L.is(Value::Kind::Sym) &&
      R.is(Value::Kind::Int)) {
    // An unknown integer tested against a constant: the same test later
    // must agree, so remember it as a condition.
    set(BO, makeCond(L.Id, Op, R.Int, false));
    return;
  }
  if (BO->isComparisonOp() && L.is(Value::Kind::Int) &&
      R.is(Value::Kind::Sym)) {
    // 3 < n is n > 3.
    set(BO,
        makeCond(R.Id, BinaryOperator::reverseComparisonOp(Op), L.Int, false));
    return;
  }
  set(BO, Arith(Op));
}

std::vector<Value>
Interpreter::argumentValues(llvm::ArrayRef<const Expr *> Args) {
  std::vector<Value> Values;
  for (const Expr *Arg : Args) {
    if (isa<CXXDefaultArgExpr>(Arg))
      continue; // source locations
    Values.push_back(valueOf(Arg));
  }
  return Values;
}

void Interpreter::unknownCall(const Expr *Site, llvm::ArrayRef<Value> Args) {
  for (const Value &Arg : Args)
    escape(*S, Arg);
  if (Site)
    set(Site, {});
}

bool Interpreter::invoke(const Value &Callee, llvm::ArrayRef<Value> Args,
                         const Expr *CallSite, Value This) {
  Value Target = load(*S, Callee);
  if (proc().Stack.size() >= Options.MaxCallDepth)
    return false;
  if (Target.is(Value::Kind::Closure)) {
    const auto *Lambda = static_cast<const LambdaExpr *>(Target.Decl);
    return pushFrame(Lambda->getCallOperator(), Args, CallSite, {}, Target.Id);
  }
  if (Target.is(Value::Kind::Function)) {
    const auto *FD = static_cast<const FunctionDecl *>(Target.Decl);
    if (isRuntimeDecl(FD) || isStd(FD))
      return false;
    const FunctionDecl *Definition = nullptr;
    if (!FD->hasBody(Definition))
      return false;
    return pushFrame(Definition, Args, CallSite, This, NoObject);
  }
  if (Target.is(Value::Kind::Object) &&
      S->Objects[Target.Id].K == Object::Kind::Cancel) {
    cancelContext(*S, S->Objects[Target.Id].Target);
    S->Objects[Target.Id].Done = true;
    if (CallSite)
      set(CallSite, {});
    return true;
  }
  return false;
}

bool Interpreter::assignTie(const CXXOperatorCallExpr *Assign) {
  const auto *Tie =
      dyn_cast<CallExpr>(Assign->getArg(0)->IgnoreImplicit()->IgnoreParens());
  if (!Tie || !Tie->getDirectCallee() ||
      !isStdNamed(Tie->getDirectCallee(), "tie"))
    return false;
  // std::tie(a, b) = pair: a gets first, b second. A pair the analysis did
  // not build leaves them unknown.
  Value Pair = valueOf(Assign->getArg(1));
  const RecordDecl *Record = Assign->getArg(1)->getType()->getAsRecordDecl();
  bool Known =
      Record && Pair.is(Value::Kind::Cell) && S->Cells[Pair.Id].IsRecord;
  auto Field = Known ? Record->field_begin() : RecordDecl::field_iterator();
  for (const Expr *Target : Tie->arguments()) {
    Value V;
    if (Known && Field != Record->field_end())
      V = load(*S, Value::cell(fieldCell(Pair.Id, *Field++)));
    store(valueOf(Target), V);
  }
  set(Assign, {});
  return true;
}

void Interpreter::call(const CallExpr *CE) {
  const FunctionDecl *FD = CE->getDirectCallee();
  if (FD && apiCall(CE, FD))
    return;
  std::vector<Value> Args =
      argumentValues(llvm::ArrayRef(CE->getArgs(), CE->getNumArgs()));
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(CE)) {
    OverloadedOperatorKind Kind = Op->getOperator();
    if ((Kind == OO_EqualEqual || Kind == OO_ExclaimEqual) &&
        Args.size() == 2 && isStdFunction(Op->getArg(0)->getType()) &&
        Op->getArg(1)->getType()->isNullPtrType()) {
      // A std::function (a CancelFunc) tested against nullptr.
      std::optional<bool> Null = isNullPointer(load(*S, Args[0]));
      set(CE,
          Null ? Value::integer(*Null == (Kind == OO_EqualEqual)) : Value{});
      return;
    }
    if ((Kind == OO_EqualEqual || Kind == OO_ExclaimEqual) &&
        Args.size() == 2) {
      for (const Value &Arg : Args) {
        Value It = load(*S, Arg);
        if (It.is(Value::Kind::Iterator)) {
          bool AtEnd = It.Int == 0;
          set(CE, Value::integer(Kind == OO_EqualEqual ? AtEnd : !AtEnd));
          return;
        }
      }
    }
    if (Kind == OO_Equal && Args.size() == 2) {
      if (assignTie(Op))
        return;
      store(Args[0], Args[1]);
      set(CE, Args[0]);
      return;
    }
    if (Kind == OO_Call && !Args.empty()) {
      std::vector<Value> Rest(Args.begin() + 1, Args.end());
      if (invoke(Args[0], Rest, CE))
        return;
      unknownCall(CE, Args);
      return;
    }
  }
  if (FD && isStdNamed(FD, "tie")) {
    set(CE, {}); // only names its arguments: assignTie() assigns them
    return;
  }
  if (FD &&
      (isStdNamed(FD, "move") || isStdNamed(FD, "forward") ||
       isStdNamed(FD, "ref") || isStdNamed(FD, "cref")) &&
      !Args.empty()) {
    set(CE, Args[0]);
    return;
  }
  if (FD && isStdNamed(FD, "get") && Args.size() == 1 &&
      FD->getTemplateSpecializationArgs() &&
      FD->getTemplateSpecializationArgs()->size() >= 1 &&
      FD->getTemplateSpecializationArgs()->get(0).getKind() ==
          TemplateArgument::Integral) {
    // std::get<I> of a pair the analysis built (withCancel's result).
    Value Pair = Args[0];
    unsigned Index = FD->getTemplateSpecializationArgs()
                         ->get(0)
                         .getAsIntegral()
                         .getZExtValue();
    const RecordDecl *Record = CE->getArg(0)->getType()->getAsRecordDecl();
    if (Pair.is(Value::Kind::Cell) && S->Cells[Pair.Id].IsRecord && Record) {
      unsigned I = 0;
      for (const FieldDecl *Field : Record->fields())
        if (I++ == Index) {
          set(CE, Value::cell(fieldCell(Pair.Id, Field)));
          return;
        }
    }
    set(CE, {});
    return;
  }
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(CE)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    Value This = valueOf(Member->getImplicitObjectArgument());
    if (const auto *ME =
            dyn_cast<MemberExpr>(Member->getCallee()->IgnoreParens());
        ME && ME->isArrow())
      This = load(*S, valueOf(ME->getBase()));
    if (Method && Method->isVirtual() && !Method->hasAttr<FinalAttr>() &&
        !Method->getParent()->hasAttr<FinalAttr>()) {
      // A virtual call runs the override of the object's dynamic type; when
      // the analysis does not know that type, it does not guess.
      const CXXRecordDecl *Class =
          This.is(Value::Kind::Cell) && S->Cells[This.Id].IsRecord
              ? S->Cells[This.Id].Class
              : nullptr;
      Method = Class ? Method->getCorrespondingMethodInClass(Class) : nullptr;
    }
    if (Method && Method->getParent()->isLambda()) {
      if (invoke(This, Args, CE))
        return;
    } else if (Method && !isStd(Method->getParent()) &&
               !isStdFunction(Member->getImplicitObjectArgument()->getType()) &&
               invoke(Value{Value::Kind::Function, 0, 0, Method}, Args, CE,
                      This)) {
      return;
    }
    if (isStdFunction(Member->getImplicitObjectArgument()->getType()) &&
        Method && Method->getOverloadedOperator() == OO_Call &&
        invoke(This, Args, CE))
      return;
    if (isStdFunction(Member->getImplicitObjectArgument()->getType()) &&
        isa_and_nonnull<CXXConversionDecl>(Method)) {
      // `if (cancel)`: whether it holds a function.
      std::optional<bool> Null = isNullPointer(load(*S, This));
      set(CE, Null ? Value::integer(!*Null) : Value{});
      return;
    }
    Args.push_back(This);
    unknownCall(CE, Args);
    return;
  }
  Value Callee = FD ? Value{Value::Kind::Function, 0, 0, FD}
                    : load(*S, valueOf(CE->getCallee()));
  if (invoke(Callee, Args, CE))
    return;
  unknownCall(CE, Args);
}

void Interpreter::construct(const CXXConstructExpr *CE) {
  const CXXConstructorDecl *Ctor = CE->getConstructor();
  QualType T = CE->getType();
  std::vector<Value> Args =
      argumentValues(llvm::ArrayRef(CE->getArgs(), CE->getNumArgs()));
  RuntimeType Runtime = runtimeTypeOf(T);
  if (Runtime != RuntimeType::None) {
    if (Ctor->isCopyOrMoveConstructor() && !Args.empty()) {
      set(CE, load(*S, Args[0]));
      return;
    }
    if (Runtime == RuntimeType::Cond) {
      ObjId Cond = newObject(Object::Kind::Cond, CE);
      Value Mutex = Args.empty() ? Value{} : load(*S, Args[0]);
      if (Mutex.is(Value::Kind::Object))
        S->Objects[Cond].Target = Mutex.Id;
      else
        S->Objects[Cond].Escaped = true;
      set(CE, Value::object(Cond));
      return;
    }
    if (Ctor->getNumParams() == 0) {
      set(CE, defaultValue(T, CE));
      return;
    }
    unknownCall(CE, Args);
    return;
  }
  if (isStdFunction(T)) {
    set(CE, Args.empty() ? NullPointer : load(*S, Args[0])); // empty: null
    return;
  }
  if (isStdLock(T)) {
    Value Mutex = Args.empty() ? Value{} : load(*S, Args[0]);
    if (!Mutex.is(Value::Kind::Object) || S->Objects[Mutex.Id].Escaped ||
        CE->getNumArgs() != 1) {
      unknownCall(CE, Args);
      return;
    }
    ObjId Guard = newObject(Object::Kind::Guard, CE);
    S->Objects[Guard].Target = Mutex.Id;
    set(CE, Value::object(Guard));
    Pending Lock{Pending::Kind::Lock, OpKind::Lock, CE};
    Lock.Values = {Mutex};
    wait(std::move(Lock));
    return;
  }
  if (int64_t Nanos = nanosPerTick(T)) {
    Value V = Args.empty() ? Value::integer(0) : load(*S, Args[0]);
    if (Ctor->isCopyOrMoveConstructor() ||
        (!Args.empty() && nanosPerTick(CE->getArg(0)->getType())))
      set(CE, V); // already in nanoseconds
    else
      set(CE, V.is(Value::Kind::Int) ? Value::integer(V.Int * Nanos) : Value{});
    return;
  }
  const CXXRecordDecl *Record = Ctor->getParent();
  // std::pair{a, b}, `return {a, b};`: Go's two results, kept apart.
  if (isStdNamed(Record, "pair") && !Ctor->isCopyOrMoveConstructor() &&
      Args.size() == 2) {
    set(CE, Value::cell(makePair(T, load(*S, Args[0]), load(*S, Args[1]))));
    return;
  }
  if (isStd(Record) || Record->getDeclContext()->isStdNamespace()) {
    unknownCall(CE, Args);
    return;
  }
  if (Ctor->isCopyOrMoveConstructor() && !Args.empty() &&
      (Ctor->isTrivial() || Ctor->isDefaulted())) {
    set(CE, copyFor(T, Args[0]));
    return;
  }
  CellId Object = newRecord();
  S->Cells[Object].Class = Record;
  // S() and new S() zero the fields no constructor sets.
  if (CE->requiresZeroInitialization())
    for (const FieldDecl *Field : Record->fields())
      if (Field->getType()->isScalarType())
        S->Cells[fieldCell(Object, Field)].V = Value::integer(0);
  // A defaulted constructor that is not trivial still runs the default
  // member initializers: its implicit body does, like a written one.
  if (Ctor->isTrivial()) {
    set(CE, Value::cell(Object));
    return;
  }
  if (proc().Stack.size() < Options.MaxCallDepth &&
      pushFrame(Ctor, Args, CE, Value::cell(Object), NoObject))
    return;
  unknownCall(CE, Args);
  set(CE, Value::cell(Object));
}

void Interpreter::spawn(const CallExpr *CE, const Value &Callee,
                        llvm::ArrayRef<Value> Args) {
  Process &Parent = proc();
  std::string Key = Parent.Key + "." + std::to_string(Parent.Spawned++);
  // Arguments are decay-copied into the goroutine, as std::thread does.
  std::vector<Value> Copies;
  for (unsigned I = 0; I < Args.size(); ++I)
    Copies.push_back(
        copyFor(CE->getArg(I + 1)->getType().getNonReferenceType(), Args[I]));
  Value Target = load(*S, Callee);
  if (Target.is(Value::Kind::Closure))
    Target = Value{Value::Kind::Closure, 0, copyCell(Target.Id), Target.Decl};
  S->Processes.push_back(Process{Key});
  ProcId Child = S->Processes.size() - 1;
  S->Processes[Child].SpawnSite = CE;
  ProcId Self = P;
  P = Child;
  bool Started = invoke(Target, Copies, nullptr);
  P = Self;
  if (!Started) {
    // A goroutine the analysis cannot see: it may touch what it is given.
    S->Processes.pop_back();
    escape(*S, Target);
    for (const Value &Arg : Copies)
      escape(*S, Arg);
    return;
  }
  note(CE, "goroutine spawned here", NoObject, Key);
}

void Interpreter::addTimer(Timer::Kind K, const Value &Delay, uint32_t Target) {
  Value D = load(*S, Delay);
  int64_t Due =
      D.is(Value::Kind::Int) ? S->Now + std::max<int64_t>(D.Int, 0) : -1;
  S->Timers.push_back({K, Due, Target});
}

void Interpreter::unlock(ObjId Mutex, const Expr *Site, bool Reader) {
  Object &M = S->Objects[Mutex];
  if (M.Escaped)
    return;
  if (Reader ? M.Count == 0 : M.Holder == NoObject) {
    if (Site)
      panic(Site,
            Reader ? "sync: RUnlock of unlocked RWMutex"
                   : "sync: unlock of unlocked mutex",
            OpKind::Unlock);
    return;
  }
  if (Reader)
    --M.Count;
  else
    M.Holder = NoObject;
}

void Interpreter::closeChannel(State &St, ObjId Chan) {
  St.Objects[Chan].Closed = true;
}

void Interpreter::cancelContext(State &St, ObjId Context) {
  if (Context == NoObject || Context >= St.Objects.size())
    return;
  Object &Ctx = St.Objects[Context];
  if (Ctx.Done)
    return;
  Ctx.Done = true;
  if (Ctx.Target != NoObject)
    closeChannel(St, Ctx.Target);
  for (ObjId Child = 0; Child < St.Objects.size(); ++Child)
    if (St.Objects[Child].K == Object::Kind::Context &&
        St.Objects[Child].Parent == Context)
      cancelContext(St, Child);
}

bool Interpreter::apiCall(const CallExpr *CE, const FunctionDecl *FD) {
  ApiFunction Api = apiFunctionOf(FD);
  if (Api == ApiFunction::None)
    return false;
  Value Self;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(CE))
    Self = load(*S, valueOf(Member->getImplicitObjectArgument()));
  else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(CE);
           Op && isa<CXXMethodDecl>(FD) && Op->getNumArgs() > 0)
    Self = valueOf(Op->getArg(0)); // the iterator's cell, for ++
  unsigned FirstArg = isa<CXXOperatorCallExpr>(CE) && isa<CXXMethodDecl>(FD);
  std::vector<Value> Args = argumentValues(
      llvm::ArrayRef(CE->getArgs(), CE->getNumArgs()).drop_front(FirstArg));
  auto Arg = [&](unsigned I) {
    return I < Args.size() ? load(*S, Args[I]) : Value{};
  };
  auto Known = [&](const Value &V) {
    return V.is(Value::Kind::Object) && !S->Objects[V.Id].Escaped;
  };
  auto Done = [&](Value Result = {}) {
    set(CE, Result);
    return true;
  };
  switch (Api) {
  case ApiFunction::MakeChan: {
    Value Capacity =
        CE->getNumArgs() == 0 || isa<CXXDefaultArgExpr>(CE->getArg(0))
            ? Value::integer(0)
            : Arg(0);
    ObjId Chan = newObject(Object::Kind::Chan, CE);
    if (Capacity.is(Value::Kind::Int)) {
      S->Objects[Chan].Capacity = Capacity.Int;
      note(CE,
           Capacity.Int == 0 ? std::string("unbuffered channel made here")
                             : "channel made here with capacity " +
                                   std::to_string(Capacity.Int),
           Chan);
    } else {
      S->Objects[Chan].Escaped = true; // capacity unknown
    }
    return Done(Value::object(Chan));
  }
  case ApiFunction::ChanSend:
  case ApiFunction::ChanRecv:
  case ApiFunction::ChanRecvOk:
  case ApiFunction::ChanIteratorNext:
  case ApiFunction::ChanBegin: {
    bool Send = Api == ApiFunction::ChanSend;
    Value Chan = Self;
    if (Api == ApiFunction::ChanIteratorNext) {
      Value It = load(*S, Self);
      Chan = It.is(Value::Kind::Iterator) ? Value::object(It.Id) : Value{};
    }
    bool Range =
        Api == ApiFunction::ChanBegin || Api == ApiFunction::ChanIteratorNext;
    if (!Chan.is(Value::Kind::NilChan) && !Known(Chan)) {
      if (Send)
        escape(*S, Arg(0));
      if (Range) {
        unknownCall(CE, {});
        set(CE, {});
        if (Api == ApiFunction::ChanIteratorNext)
          store(Self, Value{});
        return true;
      }
      return Done();
    }
    if (Send && Chan.is(Value::Kind::Object) && S->Objects[Chan.Id].Closed) {
      panic(CE, "send on closed channel", OpKind::Send);
      return true;
    }
    Pending W{Send ? Pending::Kind::Send : Pending::Kind::Recv,
              Send    ? OpKind::Send
              : Range ? OpKind::Range
                      : OpKind::Recv,
              CE};
    W.Values = {Chan, Send ? Arg(0) : Self};
    W.Int = static_cast<int64_t>(Api);
    wait(std::move(W));
    return true;
  }
  case ApiFunction::ChanIteratorValue:
  case ApiFunction::ChanEnd:
  case ApiFunction::ChanLen:
  case ApiFunction::ChanCap:
    return Done();
  case ApiFunction::ChanIsNil:
    return Done(Self.is(Value::Kind::NilChan)  ? Value::integer(1)
                : Self.is(Value::Kind::Object) ? Value::integer(0)
                                               : Value{});
  case ApiFunction::ChanClose:
    if (Self.is(Value::Kind::NilChan)) {
      panic(CE, "close of nil channel", OpKind::Close);
      return true;
    }
    if (Known(Self)) {
      if (S->Objects[Self.Id].Closed) {
        panic(CE, "close of closed channel", OpKind::Close);
        return true;
      }
      closeChannel(*S, Self.Id);
    }
    return Done();
  case ApiFunction::CaseRecv:
  case ApiFunction::CaseSend:
  case ApiFunction::CaseDefault: {
    Value Chan = Arg(0);
    int64_t Kind = Api == ApiFunction::CaseRecv   ? CaseRecv
                   : Api == ApiFunction::CaseSend ? CaseSend
                                                  : CaseDefault;
    uint32_t Id = Chan.is(Value::Kind::NilChan) ? NoObject
                  : Known(Chan)                 ? Chan.Id
                                                : UnknownChannel;
    if (Kind == CaseSend && Id == UnknownChannel)
      escape(*S, Arg(1));
    return Done(
        Value{Value::Kind::Case, Kind, Id,
              Chan.is(Value::Kind::NilChan) && Chan.Int ? CE : nullptr});
  }
  case ApiFunction::Select: {
    Pending W{Pending::Kind::Select, OpKind::Select, CE};
    for (const Value &V : Args)
      if (Value Case = load(*S, V); Case.is(Value::Kind::Case))
        W.Values.push_back(Case);
    wait(std::move(W));
    return true;
  }
  case ApiFunction::Spawn:
    spawn(CE, Args.empty() ? Value{} : Args[0],
          llvm::ArrayRef<Value>(Args).drop_front());
    return Done();
  case ApiFunction::Run:
    if (!Args.empty() && invoke(Args[0], {}, CE))
      return true;
    unknownCall(CE, Args);
    return true;
  case ApiFunction::Yield:
    return Done();
  case ApiFunction::Panic:
    // The program dies by the user's own choice: nothing leaks after it.
    proc().Stack.clear();
    S->Processes.clear();
    return true;
  case ApiFunction::WaitGroupAdd:
  case ApiFunction::WaitGroupDone: {
    if (!Known(Self))
      return Done();
    Value Delta =
        Api == ApiFunction::WaitGroupDone ? Value::integer(-1) : Arg(0);
    if (!Delta.is(Value::Kind::Int)) {
      S->Objects[Self.Id].Escaped = true;
      return Done();
    }
    S->Objects[Self.Id].Count += Delta.Int;
    if (S->Objects[Self.Id].Count < 0) {
      panic(CE, "sync: negative WaitGroup counter", OpKind::WaitGroupAdd);
      return true;
    }
    return Done();
  }
  case ApiFunction::WaitGroupWait: {
    if (!Known(Self))
      return Done();
    Pending W{Pending::Kind::WaitGroup, OpKind::WaitGroupWait, CE};
    W.Values = {Self};
    wait(std::move(W));
    return true;
  }
  case ApiFunction::MutexLock:
  case ApiFunction::MutexRLock: {
    if (!Known(Self))
      return Done();
    Pending W{Pending::Kind::Lock, OpKind::Lock, CE};
    W.Values = {Self};
    W.Int = Api == ApiFunction::MutexRLock;
    wait(std::move(W));
    return true;
  }
  case ApiFunction::MutexUnlock:
  case ApiFunction::MutexRUnlock:
    if (Known(Self))
      unlock(Self.Id, CE, Api == ApiFunction::MutexRUnlock);
    if (!S->Processes.empty())
      set(CE, {});
    return true;
  case ApiFunction::MutexTryLock: {
    if (!Known(Self))
      return Done();
    Object &M = S->Objects[Self.Id];
    if (M.Holder != NoObject || M.Count > 0)
      return Done(Value::integer(0));
    M.Holder = P;
    return Done(Value::integer(1));
  }
  case ApiFunction::CondWait: {
    if (!Known(Self) || S->Objects[Self.Id].Target == NoObject)
      return Done();
    Object &Cond = S->Objects[Self.Id];
    ObjId Mutex = Cond.Target;
    Cond.Waiters.push_back(P);
    unlock(Mutex, CE, false);
    if (S->Processes.empty())
      return true;
    Pending W{Pending::Kind::CondWait, OpKind::CondWait, CE};
    W.Values = {Self, Value::object(Mutex)};
    wait(std::move(W));
    return true;
  }
  case ApiFunction::CondSignal:
  case ApiFunction::CondBroadcast: {
    if (!Known(Self))
      return Done();
    Object &Cond = S->Objects[Self.Id];
    std::vector<ProcId> Woken;
    if (Api == ApiFunction::CondBroadcast)
      Woken.swap(Cond.Waiters);
    else if (!Cond.Waiters.empty()) {
      Woken.push_back(Cond.Waiters.front());
      Cond.Waiters.erase(Cond.Waiters.begin());
    }
    for (ProcId W : Woken) {
      // Woken up: it now waits to take the mutex back.
      Pending &Wait = S->Processes[W].Wait;
      Wait.K = Pending::Kind::Lock;
      Wait.Values = {Wait.Values[1]};
      Wait.Int = 0;
    }
    return Done();
  }
  case ApiFunction::OnceRun: {
    if (!Known(Self)) {
      unknownCall(CE, Args);
      return true;
    }
    if (S->Objects[Self.Id].Done)
      return Done();
    S->Objects[Self.Id].Done = true;
    if (!Args.empty() && invoke(Args[0], {}, CE))
      return true;
    unknownCall(CE, Args);
    return true;
  }
  case ApiFunction::Defer: {
    ObjId Guard = newObject(Object::Kind::Defer, CE);
    S->Objects[Guard].Callee = Args.empty() ? Value{} : load(*S, Args[0]);
    return Done(Value::object(Guard));
  }
  case ApiFunction::Sleep: {
    Value D = Arg(0);
    if (D.is(Value::Kind::Int) && D.Int <= 0)
      return Done();
    addTimer(Timer::Kind::Sleep, D, P);
    wait(Pending{Pending::Kind::Sleep, OpKind::Other, CE});
    return true;
  }
  case ApiFunction::After:
  case ApiFunction::Tick: {
    ObjId Chan = newObject(Object::Kind::Chan, CE);
    S->Objects[Chan].Capacity = 1;
    if (Api == ApiFunction::After) {
      addTimer(Timer::Kind::After, Arg(0), Chan);
      return Done(Value::object(Chan));
    }
    ObjId Ticker = newObject(Object::Kind::Ticker, CE);
    S->Objects[Ticker].Target = Chan;
    S->Objects[Ticker].Count = Arg(0).is(Value::Kind::Int) ? Arg(0).Int : -1;
    addTimer(Timer::Kind::Tick, Arg(0), Ticker);
    note(CE, "ticker created here, never stopped", Ticker);
    return Done(Value::object(Chan));
  }
  case ApiFunction::NewTicker:
  case ApiFunction::NewTimer: {
    bool IsTicker = Api == ApiFunction::NewTicker;
    ObjId Chan = newObject(Object::Kind::Chan, CE);
    S->Objects[Chan].Capacity = 1;
    ObjId Handle =
        newObject(IsTicker ? Object::Kind::Ticker : Object::Kind::Timer, CE);
    S->Objects[Handle].Target = Chan;
    S->Objects[Handle].Count = Arg(0).is(Value::Kind::Int) ? Arg(0).Int : -1;
    addTimer(IsTicker ? Timer::Kind::Tick : Timer::Kind::TimerFire, Arg(0),
             Handle);
    if (IsTicker)
      note(CE, "ticker created here", Handle);
    return Done(Value::object(Handle));
  }
  case ApiFunction::TickerStop:
  case ApiFunction::TimerStop:
  case ApiFunction::TickerReset:
  case ApiFunction::TimerReset: {
    if (!Known(Self))
      return Done();
    bool WasPending = false;
    llvm::erase_if(S->Timers, [&](const Timer &T) {
      bool Mine = (T.K == Timer::Kind::Tick || T.K == Timer::Kind::TimerFire) &&
                  T.Target == Self.Id;
      WasPending |= Mine;
      return Mine;
    });
    bool Stop = Api == ApiFunction::TickerStop || Api == ApiFunction::TimerStop;
    S->Objects[Self.Id].Done = Stop;
    if (!Stop) {
      bool Ticker = Api == ApiFunction::TickerReset;
      S->Objects[Self.Id].Count = Arg(0).is(Value::Kind::Int) ? Arg(0).Int : -1;
      addTimer(Ticker ? Timer::Kind::Tick : Timer::Kind::TimerFire, Arg(0),
               Self.Id);
    }
    return Done(Value::integer(WasPending));
  }
  case ApiFunction::AfterFunc:
    unknownCall(CE, Args); // its function runs in a goroutine not modelled
    return true;
  case ApiFunction::Background:
  case ApiFunction::Todo:
    return Done(Value::object(newObject(Object::Kind::Context, CE)));
  case ApiFunction::WithCancel:
  case ApiFunction::WithTimeout:
  case ApiFunction::WithDeadline: {
    Value Parent = Arg(0);
    ObjId DoneChan = newObject(Object::Kind::Chan, CE);
    ObjId Context = newObject(Object::Kind::Context, CE);
    ObjId Cancel = newObject(Object::Kind::Cancel, CE);
    S->Objects[Context].Target = DoneChan;
    S->Objects[Cancel].Target = Context;
    if (Parent.is(Value::Kind::Object)) {
      S->Objects[Context].Parent = Parent.Id;
      if (S->Objects[Parent.Id].Escaped || S->Objects[Parent.Id].Done) {
        // Its parent may be cancelled at any time by code not seen.
        S->Objects[DoneChan].Escaped = S->Objects[Parent.Id].Escaped;
        if (S->Objects[Parent.Id].Done)
          cancelContext(*S, Context);
      }
    } else {
      S->Objects[DoneChan].Escaped = true;
    }
    if (Api == ApiFunction::WithTimeout)
      addTimer(Timer::Kind::Deadline, Arg(1), Context);
    else if (Api == ApiFunction::WithDeadline)
      addTimer(Timer::Kind::Deadline, Value{}, Context);
    note(CE, "cancel function created here", Cancel);
    // The result is a std::pair: first the context, then its cancel.
    CellId Pair =
        makePair(CE->getType(), Value::object(Context), Value::object(Cancel));
    return Done(Value::cell(Pair));
  }
  case ApiFunction::ContextDone: {
    if (!Self.is(Value::Kind::Object))
      return Done();
    const Object &Context = S->Objects[Self.Id];
    if (Context.Target == NoObject && !Context.Escaped)
      return Done(Value{Value::Kind::NilChan, 1});
    if (Context.Target == NoObject)
      return Done();
    return Done(Value::object(Context.Target));
  }
  case ApiFunction::ContextErr:
    return Done();
  case ApiFunction::None:
    return false;
  }
  return false;
}

//===----------------------------------------------------------------------===//
// Completing waits
//===----------------------------------------------------------------------===//

void Interpreter::complete(State &St, ProcId Id) {
  enter(St, Id);
  Pending W = std::move(proc().Wait);
  proc().Wait = Pending{};
  if (W.Site && !proc().isFinished() && !frame().Env.count(W.Site))
    set(W.Site, {});
  S = nullptr;
}

void Interpreter::completeRecv(State &St, ProcId Id, Value Received, bool Ok) {
  enter(St, Id);
  Pending W = std::move(proc().Wait);
  proc().Wait = Pending{};
  uint32_t Chan = W.Values[0].is(Value::Kind::Object) ? W.Values[0].Id : 0;
  switch (static_cast<ApiFunction>(W.Int)) {
  case ApiFunction::ChanRecvOk: {
    // recvOk() returns std::pair<T, bool>.
    CellId Pair = makePair(W.Site->getType(), Received, Value::integer(Ok));
    set(W.Site, Value::cell(Pair));
    break;
  }
  case ApiFunction::ChanBegin:
    set(W.Site, Value{Value::Kind::Iterator, Ok, Chan});
    break;
  case ApiFunction::ChanIteratorNext:
    store(W.Values[1], Value{Value::Kind::Iterator, Ok, Chan});
    set(W.Site, W.Values[1]);
    break;
  default:
    set(W.Site, Received);
    break;
  }
  S = nullptr;
}

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

Value Interpreter::sentBySelect(State &St, ProcId Id, unsigned Index) {
  enter(St, Id);
  const CallExpr *Case = selectCase(cast<CallExpr>(proc().Wait.Site), Index);
  Value Sent;
  // The select waits inside its full-expression: the case's operands are
  // still in the frame.
  if (Case && apiFunctionOf(Case->getDirectCallee()) == ApiFunction::CaseSend &&
      hasCaseArg(Case, 1))
    Sent = load(St, valueOf(Case->getArg(1)));
  S = nullptr;
  return Sent;
}

void Interpreter::completeSelect(State &St, ProcId Id, unsigned Index,
                                 Value Received, bool Ok) {
  enter(St, Id);
  Pending W = std::move(proc().Wait);
  proc().Wait = Pending{};
  const auto *Select = cast<CallExpr>(W.Site);
  set(Select, Value::integer(Index));
  // The case expression: caseRecv(ch, value, ok) assigns through its
  // reference arguments.
  const CallExpr *Case = selectCase(Select, Index);
  if (Case && W.Values.size() > 1)
    S->Events.push_back({Case->getBeginLoc(), "the select takes this case",
                         NoObject, proc().Key});
  if (Case && apiFunctionOf(Case->getDirectCallee()) == ApiFunction::CaseRecv) {
    if (hasCaseArg(Case, 1))
      store(valueOf(Case->getArg(1)), Received);
    if (hasCaseArg(Case, 2))
      store(valueOf(Case->getArg(2)), Value::integer(Ok));
  }
  S = nullptr;
}

} // namespace golife::explore
