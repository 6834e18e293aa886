//===- Statics.cpp - Function-local statics and internal globals ----------===//
//
// Which statics are followed is StaticVariables' decision; here they get
// their cells (State::Statics). A global the root may use (directly, through
// the functions it calls or the lambdas it makes) is made when it starts, in
// declaration order, from an initializer the analysis can evaluate without
// running the program's code: constants, the runtime's calls and
// constructors, records whose constructors only run default member
// initializers. A local static is made the first time its declaration runs
// (the CFG's static-initialisation branch skips it afterwards).
//
//===----------------------------------------------------------------------===//

#include "Interpreter.h"
#include "StdLibrary.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace golife::eval {

void Interpreter::initializeGlobals() {
  // The initializers' values are no part of the root's frame.
  auto RootEnv = std::move(frame().Env);
  const auto &Used = Statics.usedBy(RootFunction);
  for (const VarDecl *Var : Statics.globals()) {
    if (!llvm::is_contained(Used, Var) || !Statics.tracked(Var, *RootFunction))
      continue;
    State Before = *S;
    std::optional<Value> V =
        staticValue(Var->getType(), Var->getAnyInitializer());
    if (V)
      S->Statics[Var] = cellFor(Var->getType(), *V);
    else
      *S = std::move(Before); // half an initializer: as if none ran
  }
  frame().Env = std::move(RootEnv);
}

void Interpreter::declareStatic(const VarDecl *Var) {
  Var = Var->getCanonicalDecl();
  if (S->Statics.count(Var) || !Statics.tracked(Var, *RootFunction))
    return;
  const Expr *Init = Var->getInit();
  Value V = Init ? valueOf(Init) : defaultValue(Var->getType(), nullptr);
  S->Statics[Var] = cellFor(Var->getType(), V);
  escapeStaticsAfterRoot();
}

void Interpreter::escapeStaticsAfterRoot() {
  // Once main returns the program ends; any other root returns to callers
  // that may name the statics again.
  if (RootFunction->isMain() || !S->Processes[0].isFinished())
    return;
  for (const auto &Static : S->Statics)
    escape(*S, Value::cell(Static.second));
}

std::optional<Value> Interpreter::staticValue(QualType T, const Expr *Init) {
  const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(
      Init ? Init->IgnoreImplicit() : nullptr);
  bool ByDefault =
      !Init || (Construct && Construct->getNumArgs() == 0 &&
                Construct->getConstructor()->isDefaultConstructor());
  if (!ByDefault)
    return evaluateDetached(Init);
  if (runtimeTypeOf(T) != RuntimeType::None)
    return defaultValue(T, Construct);
  const CXXRecordDecl *Record = T->getAsCXXRecordDecl();
  if (!Record)
    return T->isScalarType() ? std::optional(Value::integer(0)) // zeroed
                             : std::nullopt;
  if (isStd(Record))
    return defaultValue(T, Construct); // the model's, or unknown
  if (!Record->hasDefinition() || Record->hasUserProvidedDefaultConstructor())
    return std::nullopt; // it would run the program's code
  CellId Made = S->newRecord();
  S->Cells[Made].Class = Record;
  if (!initializeFields(Made, Record))
    return std::nullopt;
  return Value::cell(Made);
}

bool Interpreter::initializeFields(CellId Made, const CXXRecordDecl *Record) {
  for (const CXXBaseSpecifier &Base : Record->bases()) {
    const CXXRecordDecl *BaseRecord = Base.getType()->getAsCXXRecordDecl();
    if (!BaseRecord || !BaseRecord->hasDefinition() ||
        BaseRecord->hasUserProvidedDefaultConstructor() ||
        !initializeFields(Made, BaseRecord))
      return false;
  }
  for (const FieldDecl *Field : Record->fields()) {
    std::optional<Value> V =
        staticValue(Field->getType(), Field->getInClassInitializer());
    if (!V)
      return false;
    CellId Member = cellFor(Field->getType(), *V); // may grow the cells
    S->Cells[Made].Fields.push_back({Field, Member});
  }
  return true;
}

std::optional<Value> Interpreter::evaluateDetached(const Expr *Init) {
  if (!StaticVariables::evaluatesWithoutCode(Init))
    return std::nullopt;
  size_t Depth = proc().Stack.size();
  evaluateTree(Init);
  if (S->ended() || proc().Stack.size() != Depth ||
      proc().Wait.K != Pending::Kind::None)
    return std::nullopt;
  return valueOf(Init);
}

void Interpreter::evaluateTree(const Stmt *St) {
  for (const Stmt *Child : St->children())
    if (Child)
      evaluateTree(Child);
  eval(St);
}

void Interpreter::escapeStaticsOf(const Value &Callable) {
  const FunctionDecl *Body = nullptr;
  if (Callable.is(Value::Kind::Closure))
    Body = static_cast<const LambdaExpr *>(Callable.Decl)->getCallOperator();
  else if (Callable.is(Value::Kind::Function))
    Body = static_cast<const FunctionDecl *>(Callable.Decl);
  if (!Body)
    return;
  for (const VarDecl *Var : Statics.usedBy(Body))
    if (auto It = S->Statics.find(Var); It != S->Statics.end())
      escape(*S, Value::cell(It->second));
}

} // namespace golife::eval
