//===- Expressions.cpp - Evaluating statements and expressions ------------===//
//
// A visitor over the statements the CFG lists, in CFG order: each sets its
// value in the frame's environment, where later elements read it. Anything
// the visitor does not know is unknown.
//
//===----------------------------------------------------------------------===//

#include "Interpreter.h"
#include "StdLibrary.h"
#include "Values.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace golife::eval {

static bool isPointerLike(QualType T) {
  return T->isAnyPointerType() || T->isNullPtrType() ||
         T->isMemberPointerType();
}

/// \p E's value when it is an integral constant expression.
static std::optional<Value> integerConstant(const Expr *E,
                                            const ASTContext &Ctx) {
  Expr::EvalResult Constant;
  if (E->isValueDependent() || !E->getType()->isIntegralOrEnumerationType() ||
      !E->EvaluateAsInt(Constant, Ctx))
    return std::nullopt;
  return Value::integer(Constant.Val.getInt().getExtValue());
}

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
  if (std::optional<Value> Constant = integerConstant(E, Ctx))
    return *Constant;
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
      return load(valueOf(Cast->getSubExpr()));
    case CK_NullToPointer:
    case CK_NullToMemberPointer:
      return NullPointer;
    default:
      return valueOf(Cast->getSubExpr());
    }
  }
  return {};
}

void Interpreter::VisitStmt(const Stmt *St) {
  if (isa<Expr>(St))
    set(St, {});
}

void Interpreter::VisitDeclStmt(const DeclStmt *DS) {
  for (const Decl *D : DS->decls())
    if (const auto *Var = dyn_cast<VarDecl>(D))
      declare(Var);
}

void Interpreter::VisitReturnStmt(const ReturnStmt *Return) {
  frame().Returned = Return;
  Value V = valueOf(Return->getRetValue());
  frame().ReturnValue = copyFor(frame().Function->getReturnType(), V);
}

void Interpreter::VisitIntegerLiteral(const IntegerLiteral *E) {
  set(E, valueOf(E));
}
void Interpreter::VisitCXXBoolLiteralExpr(const CXXBoolLiteralExpr *E) {
  set(E, valueOf(E));
}
void Interpreter::VisitCharacterLiteral(const CharacterLiteral *E) {
  set(E, valueOf(E));
}
void Interpreter::VisitCXXNullPtrLiteralExpr(const CXXNullPtrLiteralExpr *E) {
  set(E, NullPointer);
}
void Interpreter::VisitGNUNullExpr(const GNUNullExpr *E) {
  set(E, NullPointer);
}

void Interpreter::VisitDeclRefExpr(const DeclRefExpr *E) {
  set(E, declRef(E->getDecl()));
}

void Interpreter::VisitCastExpr(const CastExpr *Cast) {
  Value Sub = valueOf(Cast->getSubExpr());
  switch (Cast->getCastKind()) {
  case CK_LValueToRValue: {
    Value Loaded = load(Sub);
    // A constant the analysis keeps no cell for (a constexpr global): its
    // value is the compiler's.
    if (Loaded.is(Value::Kind::Unknown))
      Loaded = integerConstant(Cast, Ctx).value_or(Loaded);
    set(Cast, Loaded);
    return;
  }
  case CK_IntegralToBoolean: {
    Value V = truthOf(load(Sub));
    set(Cast, V.is(Value::Kind::Int) ? Value::integer(V.Int != 0) : V);
    return;
  }
  case CK_NullToPointer:
  case CK_NullToMemberPointer:
    set(Cast, NullPointer);
    return;
  case CK_DerivedToBase:
  case CK_UncheckedDerivedToBase:
    set(Cast, baseValue(Sub, Cast->getType()).value_or(Sub));
    return;
  case CK_PointerToBoolean:
  case CK_MemberPointerToBoolean: {
    std::optional<bool> Null = isNullPointer(Sub);
    set(Cast, Null ? Value::integer(!*Null) : Value{});
    return;
  }
  default:
    set(Cast, Sub);
    return;
  }
}

std::optional<Value> Interpreter::baseValue(const Value &Derived,
                                            QualType BaseType) {
  Value Record = load(Derived);
  const CXXRecordDecl *Base = BaseType->getPointeeCXXRecordDecl();
  if (!Base)
    Base = BaseType->getAsCXXRecordDecl();
  QualType BaseRecordType = Base ? Ctx.getRecordType(Base) : QualType();
  bool Runtime = Base && runtimeTypeOf(BaseRecordType) != RuntimeType::None;
  if (!Base || !(Base->isLambda() || Runtime) ||
      !Record.is(Value::Kind::Cell) || !S->Cells[Record.Id].IsRecord)
    return std::nullopt;
  for (const auto &[Class, Held] : S->Cells[Record.Id].ValueBases)
    if (Class->getCanonicalDecl() == Base->getCanonicalDecl())
      return Value::cell(Held);
  if (!Runtime)
    return std::nullopt;
  CellId Held = S->newCell(defaultValue(BaseRecordType, nullptr));
  S->Cells[Record.Id].ValueBases.push_back({Base, Held});
  return Value::cell(Held);
}

void Interpreter::VisitParenExpr(const ParenExpr *E) {
  set(E, valueOf(E->getSubExpr()));
}
void Interpreter::VisitFullExpr(const FullExpr *E) {
  set(E, valueOf(E->getSubExpr()));
}
void Interpreter::VisitMaterializeTemporaryExpr(
    const MaterializeTemporaryExpr *E) {
  set(E, valueOf(E->getSubExpr()));
}
void Interpreter::VisitCXXBindTemporaryExpr(const CXXBindTemporaryExpr *E) {
  set(E, valueOf(E->getSubExpr()));
}
void Interpreter::VisitCXXRewrittenBinaryOperator(
    const CXXRewrittenBinaryOperator *E) {
  set(E, valueOf(E->getSemanticForm()));
}
void Interpreter::VisitCXXDefaultInitExpr(const CXXDefaultInitExpr *E) {
  set(E, valueOf(E->getExpr()));
}

void Interpreter::VisitAbstractConditionalOperator(
    const AbstractConditionalOperator *E) {
  auto It = frame().Decisions.find(E);
  if (It == frame().Decisions.end()) {
    set(E, {});
    return;
  }
  set(E, valueOf(It->second ? E->getTrueExpr() : E->getFalseExpr()));
}

const FieldDecl *Interpreter::captureField(const ValueDecl *D) {
  const auto *Method = cast<CXXMethodDecl>(frame().Function);
  llvm::DenseMap<const ValueDecl *, FieldDecl *> Fields;
  FieldDecl *ThisField = nullptr;
  Method->getParent()->getCaptureFields(Fields, ThisField);
  return D ? Fields.lookup(D) : ThisField;
}

void Interpreter::VisitStringLiteral(const StringLiteral *E) {
  set(E, E->getCharByteWidth() == 1 ? textValue(E->getString()) : Value{});
}

void Interpreter::VisitCXXThisExpr(const CXXThisExpr *E) {
  set(E, frame().This);
  if (frame().Captures == NoObject)
    return;
  // A lambda's captured this.
  if (const FieldDecl *ThisField = captureField(nullptr))
    set(E, S->Cells[fieldCell(frame().Captures, ThisField)].V);
}

void Interpreter::VisitLambdaExpr(const LambdaExpr *Lambda) {
  CellId Captures = S->newRecord();
  const CXXRecordDecl *Class = Lambda->getLambdaClass();
  auto Field = Class->field_begin();
  for (const Expr *Init : Lambda->capture_inits()) {
    if (Field == Class->field_end())
      break;
    // A by-reference capture holds the variable's address.
    Value V = valueOf(Init);
    CellId C = (*Field)->getType()->isReferenceType()
                   ? S->newCell(V)
                   : cellFor((*Field)->getType(), V);
    S->Cells[Captures].Fields.push_back({*Field, C});
    ++Field;
  }
  Value Closure{Value::Kind::Closure, false, 0, 0, Captures};
  Closure.Decl = Lambda;
  set(Lambda, Closure);
}

void Interpreter::VisitCXXNewExpr(const CXXNewExpr *New) {
  // A heap object: a cell like any other, reached through the pointer.
  if (New->isArray()) {
    set(New, {});
    return;
  }
  Value Initial = New->hasInitializer()
                      ? valueOf(New->getInitializer())
                      : defaultValue(New->getAllocatedType(), New);
  if (Initial.is(Value::Kind::Cell) && S->Cells[Initial.Id].IsRecord)
    set(New, Initial);
  else
    set(New, Value::cell(S->newCell(load(Initial))));
}

void Interpreter::VisitInitListExpr(const InitListExpr *Init) {
  if (containerKind(Init->getType()) == ContainerKind::Array) {
    // std::array{a, b}: one member, a C array, whose braces may be elided.
    const auto *Items =
        Init->getNumInits() == 1
            ? dyn_cast<InitListExpr>(Init->getInit(0)->IgnoreImplicit())
            : nullptr;
    const InitListExpr *List = Items ? Items : Init;
    set(Init, arrayOf(Init->getType(),
                      llvm::ArrayRef(List->getInits(), List->getNumInits())));
    return;
  }
  if (!Init->getType()->isRecordType() || Init->getNumInits() == 0) {
    set(Init, Init->getNumInits() == 1 ? valueOf(Init->getInit(0)) : Value{});
    return;
  }
  const RecordDecl *Record = Init->getType()->getAsRecordDecl();
  CellId R = S->newRecord();
  unsigned I = 0;
  // An aggregate's bases come first: a lambda base keeps its closure (an
  // overloaded visitor); another base's own fields are not followed.
  if (const auto *Class = dyn_cast<CXXRecordDecl>(Record))
    for (const CXXBaseSpecifier &Base : Class->bases()) {
      if (I >= Init->getNumInits())
        break;
      Value V = valueOf(Init->getInit(I++));
      const CXXRecordDecl *BaseClass = Base.getType()->getAsCXXRecordDecl();
      if (BaseClass && BaseClass->isLambda()) {
        CellId Closure = S->newCell(load(V));
        S->Cells[R].ValueBases.push_back({BaseClass, Closure});
      } else {
        handOut(V);
      }
    }
  for (const FieldDecl *Field : Record->fields()) {
    if (I >= Init->getNumInits())
      break;
    store(Value::cell(fieldCell(R, Field)), valueOf(Init->getInit(I++)));
  }
  set(Init, Value::cell(R));
}

Value Interpreter::declRef(const ValueDecl *D) {
  if (const auto *Enum = dyn_cast<EnumConstantDecl>(D))
    return Value::integer(Enum->getInitVal().getExtValue());
  if (const auto *FD = dyn_cast<FunctionDecl>(D)) {
    Value F{Value::Kind::Function};
    F.Decl = FD;
    return F;
  }
  auto &Locals = frame().Locals;
  if (auto It = Locals.find(D); It != Locals.end())
    return Value::cell(It->second);
  // A lambda's capture of an enclosing variable (or structured binding).
  if (frame().Captures != NoObject)
    if (const FieldDecl *Field = captureField(D)) {
      CellId C = fieldCell(frame().Captures, Field);
      return Field->getType()->isReferenceType() ? S->Cells[C].V
                                                 : Value::cell(C);
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
  if (const auto *Var = dyn_cast<VarDecl>(D))
    if (auto It = S->Statics.find(Var->getCanonicalDecl());
        It != S->Statics.end())
      return Value::cell(It->second);
  return {}; // other globals and statics: memory the analysis does not follow
}

void Interpreter::declare(const VarDecl *Var) {
  if (Var->isStaticLocal()) {
    declareStatic(Var);
    return;
  }
  if (!Var->hasLocalStorage())
    return; // globals are declared once, before the root runs
  const Expr *Init = Var->getInit();
  Value V = Init ? valueOf(Init) : defaultValue(Var->getType(), nullptr);
  if (Dead.isDead(frame().Function, Var))
    V = {}; // its value can never matter: one state for all of them
  frame().Locals[Var] = cellFor(Var->getType(), V);
}

Value Interpreter::member(const MemberExpr *ME) {
  Value Base = valueOf(ME->getBase());
  if (ME->isArrow())
    Base = load(Base);
  if (Base.is(Value::Kind::Position))
    Base = elementAt(Base); // a pointer into a std::array
  const auto *Field = dyn_cast<FieldDecl>(ME->getMemberDecl());
  if (!Field)
    return Base; // a method: the call takes the object from here
  Value Loaded = load(Base);
  if (Loaded.is(Value::Kind::Object) && Field->getName() == "C")
    if (std::optional<ObjId> Chan = timerChannel(*S, Loaded.Id))
      return Value::cell(S->newCell(Value::object(*Chan)));
  if (Base.is(Value::Kind::Cell) && S->Cells[Base.Id].IsRecord)
    return Value::cell(fieldCell(Base.Id, Field));
  return {};
}

void Interpreter::VisitUnaryOperator(const UnaryOperator *UO) {
  Value Sub = valueOf(UO->getSubExpr());
  switch (UO->getOpcode()) {
  case UO_AddrOf:
    set(UO, Sub);
    return;
  case UO_Deref:
    // The operand is the pointer's value: the address of the object, which
    // is the lvalue `*p` names (loading it would lose stores through p). A
    // pointer into a std::array (its iterator) names the element.
    set(UO, Sub.is(Value::Kind::Position) ? elementAt(Sub) : Sub);
    return;
  case UO_LNot: {
    Value V = truthOf(load(Sub));
    if (V.is(Value::Kind::Int))
      set(UO, Value::integer(!V.Int));
    else if (V.is(Value::Kind::Cond))
      set(UO, makeCond(V.Id, BinaryOperatorKind(V.Opcode), V.Int, !V.Negated));
    else
      set(UO, {});
    return;
  }
  case UO_Minus: {
    Value V = load(Sub);
    set(UO, V.is(Value::Kind::Int) ? Value::integer(-V.Int) : Value{});
    return;
  }
  case UO_PreInc:
  case UO_PreDec:
  case UO_PostInc:
  case UO_PostDec: {
    Value Old = load(Sub);
    Value New;
    if (Old.is(Value::Kind::Int))
      New = Value::integer(Old.Int + (UO->isIncrementOp() ? 1 : -1));
    else if (Old.is(Value::Kind::Position))
      New = movedBy(Old, UO->isIncrementOp() ? 1 : -1);
    store(Sub, New);
    set(UO, UO->isPrefix() ? Sub : Old);
    return;
  }
  default:
    set(UO, {});
  }
}

/// \p L <Op> \p R on known integers; unknown otherwise.
static Value arithmetic(BinaryOperatorKind Op, const Value &L, const Value &R) {
  if (!L.is(Value::Kind::Int) || !R.is(Value::Kind::Int))
    return {};
  switch (Op) {
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
}

std::optional<bool> Interpreter::pointersEqual(const Value &L, const Value &R) {
  if (L.is(Value::Kind::Position) || R.is(Value::Kind::Position))
    return samePosition(L, R);
  // Pointers are rvalues here: compare the addresses, not what they hold.
  std::optional<bool> LNull = isNullPointer(L), RNull = isNullPointer(R);
  if (LNull && RNull && (*LNull || *RNull))
    return *LNull == *RNull;
  // Two cells are two objects: an object's storage is one cell, which every
  // reference to it names, and what two references a caller lends are two
  // objects to every other operation too (locking one leaves the other).
  if (L.is(Value::Kind::Cell) && R.is(Value::Kind::Cell))
    return L.Id == R.Id;
  if (L == R && L.is(Value::Kind::Object))
    return true;
  return std::nullopt;
}

void Interpreter::VisitBinaryOperator(const BinaryOperator *BO) {
  BinaryOperatorKind Op = BO->getOpcode();
  if (BO->isLogicalOp()) {
    auto It = frame().Decisions.find(BO);
    Value L = load(valueOf(BO->getLHS()));
    if (L.is(Value::Kind::Int) && (Op == BO_LAnd ? !L.Int : L.Int)) {
      set(BO, Value::integer(Op == BO_LOr));
      return;
    }
    if (It != frame().Decisions.end() &&
        It->second == (Op == BO_LOr)) { // short-circuited
      set(BO, Value::integer(Op == BO_LOr));
      return;
    }
    Value R = load(valueOf(BO->getRHS()));
    set(BO, R.is(Value::Kind::Int) ? Value::integer(R.Int != 0) : Value{});
    return;
  }
  Value LHS = valueOf(BO->getLHS());
  Value R = load(valueOf(BO->getRHS()));
  if (Op == BO_Assign) {
    store(LHS, valueOf(BO->getRHS()));
    set(BO, LHS);
    return;
  }
  if (Op == BO_Comma) {
    set(BO, valueOf(BO->getRHS()));
    return;
  }
  Value L = load(LHS);
  if (BO->isCompoundAssignmentOp()) {
    store(LHS,
          arithmetic(BinaryOperator::getOpForCompoundAssignment(Op), L, R));
    set(BO, LHS);
    return;
  }
  if (BO->isEqualityOp() && isPointerLike(BO->getLHS()->getType())) {
    std::optional<bool> Equal =
        pointersEqual(valueOf(BO->getLHS()), valueOf(BO->getRHS()));
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
  if (L.is(Value::Kind::Position) && R.is(Value::Kind::Int) &&
      (Op == BO_Add || Op == BO_Sub)) {
    set(BO, movedBy(L, Op == BO_Add ? R.Int : -R.Int)); // p + n in an array
    return;
  }
  set(BO, arithmetic(Op, L, R));
}

} // namespace golife::eval
