//===- Calls.cpp - Calls, constructors, goroutines, runtime effects -------===//
//
// A call to a function with a body pushes a frame (up to MaxCallDepth); a
// call of the runtime's API goes to its handler in lib/runtime, whose effect
// is applied here; the standard library has its model (StdLibrary.cpp);
// any other call is unknown: what it is given escapes.
//
//===----------------------------------------------------------------------===//

#include "Interpreter.h"
#include "StdLibrary.h"
#include "Values.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace golife::eval {

static Value functionValue(const FunctionDecl *FD) {
  Value F{Value::Kind::Function};
  F.Decl = FD;
  return F;
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
    handOut(Done.ReturnValue); // the analysed function's caller gets it
    escapeStaticsAfterRoot();
    // Where the analysed function left: what it spawned runs on without it.
    S->record({Done.Returned ? Done.Returned->getBeginLoc()
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
    handOut(Arg);
  forgetBorrowedIntegers(); // unseen code ran
  if (!Site)
    return;
  // The result is unknown but stays what it is: two tests of it agree.
  set(Site, Site->isGLValue() ? Value{} : madeUp(Site->getType()));
}

bool Interpreter::invoke(const Value &Callee, llvm::ArrayRef<Value> Args,
                         const Expr *CallSite, Value This,
                         const CXXMethodDecl *Operator) {
  Value Target = load(Callee);
  if (proc().Stack.size() >= Options.MaxCallDepth)
    return false;
  if (Target.is(Value::Kind::Closure)) {
    const auto *Lambda = static_cast<const LambdaExpr *>(Target.Decl);
    // A generic lambda runs the instance its call compiled.
    return pushFrame(Operator ? Operator : Lambda->getCallOperator(), Args,
                     CallSite, {}, Target.Id);
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
      S->Objects[Target.Id].is<CancelFunc>()) {
    callCancel(*S, Target.Id);
    if (CallSite)
      set(CallSite, {});
    return true;
  }
  return false;
}

bool Interpreter::runtimeCall(const CallExpr *CE, const FunctionDecl *FD) {
  Handler Handle = handlerOf(FD);
  if (!Handle)
    return false;
  Value Receiver;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(CE))
    Receiver = valueOf(Member->getImplicitObjectArgument());
  if (Receiver.is(Value::Kind::Position))
    Receiver = elementAt(Receiver); // `it->send()` through a std::array
  else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(CE);
           Op && isa<CXXMethodDecl>(FD) && Op->getNumArgs() > 0)
    Receiver = valueOf(Op->getArg(0)); // the iterator's cell, for ++
  unsigned FirstArg = isa<CXXOperatorCallExpr>(CE) && isa<CXXMethodDecl>(FD);
  Call C{*S, P, CE, Receiver,
         argumentValues(llvm::ArrayRef(CE->getArgs(), CE->getNumArgs())
                            .drop_front(FirstArg))};
  std::optional<Reach> Given;
  if (Options.Reduce && usesObjectState(Handle)) { // only the reduction asks
    Given.emplace(*S);
    Given->from(Receiver);
    for (const Value &Arg : C.Args)
      Given->from(Arg);
  }
  // Through a primitive unseen code may hold (or one the analysis does not
  // know), that code may have changed what the caller lent.
  bool WithUnseen = isa<CXXMemberCallExpr>(CE) && !C.known(C.self());
  for (unsigned I = 0; I < C.Args.size(); ++I)
    if (Value Case = C.arg(I); Case.is(Value::Kind::Case))
      WithUnseen |= Case.Id == UnknownChannel;
  if (WithUnseen)
    forgetBorrowed();
  Effect E = Handle(C);
  if (Given && !E.onlyWaits())
    for (ObjId O = 0; O < Given->objects().size(); ++O)
      if (Given->object(O))
        Operated.push_back(O);
  apply(E, CE);
  return true;
}

void Interpreter::apply(const Effect &E, const Expr *Site) {
  if (E.Unordered)
    Unordered.push_back({Site, E.Op});
  switch (E.K) {
  case Effect::Kind::Return:
    if (Site)
      set(Site, E.Result);
    return;
  case Effect::Kind::Pair:
    set(Site, Value::cell(makePair(Site->getType(), E.Result, E.Second)));
    return;
  case Effect::Kind::Block:
    wait(E.Wait);
    return;
  case Effect::Kind::Panic:
    panic(Site, E.Message, E.Op);
    return;
  case Effect::Kind::Exit:
    // The program dies by the user's own choice: nothing leaks after it.
    S->Processes.clear();
    return;
  case Effect::Kind::Spawn:
    spawn(Site, E.Callee, E.Args);
    set(Site, {});
    return;
  case Effect::Kind::Invoke:
    if (!invoke(E.Callee, {}, Site))
      unknownCall(Site, E.Args);
    return;
  case Effect::Kind::Unknown:
    unknownCall(Site, E.Args);
    return;
  }
}

void Interpreter::call(const CallExpr *CE) {
  const FunctionDecl *FD = CE->getDirectCallee();
  if (FD && runtimeCall(CE, FD))
    return;
  std::vector<Value> Args =
      argumentValues(llvm::ArrayRef(CE->getArgs(), CE->getNumArgs()));
  if (stdCall(CE, Args))
    return;
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(CE)) {
    OverloadedOperatorKind Kind = Op->getOperator();
    if (Kind == OO_Equal && Args.size() == 2) {
      store(Args[0], Args[1]);
      set(CE, Args[0]);
      return;
    }
    if (Kind == OO_Call && !Args.empty()) {
      std::vector<Value> Rest(Args.begin() + 1, Args.end());
      if (!invoke(Args[0], Rest, CE))
        unknownCall(CE, Args);
      return;
    }
  }
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(CE)) {
    memberCall(Member, std::move(Args));
    return;
  }
  Value Callee = FD ? functionValue(FD) : load(valueOf(CE->getCallee()));
  if (!invoke(Callee, Args, CE))
    unknownCall(CE, Args);
}

Value Interpreter::thisOf(const CXXMemberCallExpr *Member) {
  if (const auto *ME =
          dyn_cast<MemberExpr>(Member->getCallee()->IgnoreParens());
      ME && ME->isArrow()) {
    Value Pointer = load(valueOf(ME->getBase()));
    return Pointer.is(Value::Kind::Position) ? elementAt(Pointer) : Pointer;
  }
  return valueOf(Member->getImplicitObjectArgument());
}

void Interpreter::memberCall(const CXXMemberCallExpr *Member,
                             std::vector<Value> Args) {
  const CXXMethodDecl *Method = Member->getMethodDecl();
  Value This = thisOf(Member);
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
    // A captureless lambda's conversion to a function pointer runs nothing:
    // the pointer calls the body later, as the closure would.
    if (isa<CXXConversionDecl>(Method)) {
      set(Member, load(This));
      return;
    }
    if (invoke(This, Args, Member, {}, Method))
      return;
  } else if (Method && !isStd(Method->getParent()) &&
             !isStdFunction(Member->getImplicitObjectArgument()->getType()) &&
             invoke(functionValue(Method), Args, Member, This)) {
    return;
  }
  Args.push_back(This);
  unknownCall(Member, Args);
}

void Interpreter::construct(const CXXConstructExpr *CE) {
  const CXXConstructorDecl *Ctor = CE->getConstructor();
  QualType T = CE->getType();
  std::vector<Value> Args =
      argumentValues(llvm::ArrayRef(CE->getArgs(), CE->getNumArgs()));
  RuntimeType Runtime = runtimeTypeOf(T);
  if (Runtime != RuntimeType::None) {
    if (Ctor->isCopyOrMoveConstructor() && !Args.empty())
      set(CE, load(Args[0]));
    else if (Runtime == RuntimeType::Cond)
      set(CE, makeCond(*S, Args.empty() ? Value{} : load(Args[0]), CE));
    else if (Ctor->getNumParams() == 0)
      set(CE, defaultValue(T, CE));
    else
      unknownCall(CE, Args);
    return;
  }
  if (stdConstruct(CE, Args))
    return;
  const CXXRecordDecl *Record = Ctor->getParent();
  if (Ctor->isCopyOrMoveConstructor() && !Args.empty() &&
      (Ctor->isTrivial() || Ctor->isDefaulted())) {
    set(CE, copyFor(T, Args[0]));
    return;
  }
  CellId Object = S->newRecord();
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

void Interpreter::spawn(const Expr *Site, const Value &Callee,
                        llvm::ArrayRef<Value> Args) {
  const auto *CE = cast<CallExpr>(Site);
  Process &Parent = proc();
  std::string Key = Parent.Key + "." + std::to_string(Parent.Spawned++);
  // Arguments are decay-copied into the goroutine, as std::thread does.
  std::vector<Value> Copies;
  for (unsigned I = 0; I < Args.size(); ++I)
    Copies.push_back(
        copyFor(CE->getArg(I + 1)->getType().getNonReferenceType(), Args[I]));
  startGoroutine(CE, Callee, Copies, std::move(Key));
}

void Interpreter::startGoroutine(const Expr *Site, Value Callee,
                                 llvm::ArrayRef<Value> Args, std::string Key) {
  Value Target = load(Callee);
  if (Target.is(Value::Kind::Closure))
    Target.Id = copyCell(Target.Id);
  S->Processes.push_back(Process{Key});
  ProcId Child = S->Processes.size() - 1;
  S->Processes[Child].SpawnSite = Site;
  ProcId Self = P;
  P = Child;
  bool Started = invoke(Target, Args, nullptr);
  P = Self;
  if (!Started) {
    // A goroutine the analysis cannot see: it may touch what it is given.
    S->Processes.pop_back();
    handOut(Target);
    for (const Value &Arg : Args)
      handOut(Arg);
    return;
  }
  note(Site, "goroutine spawned here", Key);
}

} // namespace golife::eval
