//===- StdPointers.cpp - Smart pointers and std::optional -----------------===//
//
// std::shared_ptr, std::unique_ptr and std::optional hold one thing or
// nothing: the model keeps them as containers of at most one element
// (StdContainers.cpp), so that copies, moves and escapes need nothing new.
// A smart pointer's element holds the address of the object it owns (a
// copy of a shared_ptr aliases it; a moved-from one is empty, as the
// standard says); an optional's element is the value itself (a copy copies
// it). make_shared and make_unique construct the object as `new T(args)`
// would, when the analysis can tell which constructor runs.
//
//===----------------------------------------------------------------------===//

#include "Interpreter.h"
#include "StdLibrary.h"
#include "Values.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace golife::eval {

static bool isNothing(QualType T) {
  const auto *Record = T.getNonReferenceType()->getAsCXXRecordDecl();
  return T->isNullPtrType() || (Record && isStdNamed(Record, "nullopt_t"));
}

void Interpreter::hold(CellId Holder, std::optional<Value> Address) {
  std::vector<CellId> Elements;
  if (Address)
    Elements.push_back(S->newCell(*Address));
  S->Cells[Holder].Elements = std::move(Elements);
}

void Interpreter::holdValue(CellId Holder, QualType T, const Value &V) {
  CellId Element = cellFor(T, V);
  S->Cells[Holder].Elements = {Element};
}

std::optional<Value> Interpreter::newObject(QualType T,
                                            llvm::ArrayRef<Value> Args) {
  if (runtimeTypeOf(T) != RuntimeType::None)
    return Args.empty() ? std::optional(defaultValue(T, nullptr))
                        : std::nullopt;
  const CXXRecordDecl *Record = T->getAsCXXRecordDecl();
  if (!Record)
    return Args.size() <= 1
               ? std::optional(Args.empty() ? Value::integer(0) : load(Args[0]))
               : std::nullopt;
  if (Args.empty() && !Record->hasUserProvidedDefaultConstructor())
    return staticValue(T, nullptr);
  // The one constructor that takes as many arguments, when there is one
  // (overload resolution by types is Sema's, not the model's).
  const CXXConstructorDecl *Chosen = nullptr;
  for (const CXXConstructorDecl *Ctor : Record->ctors()) {
    if (Ctor->isCopyOrMoveConstructor() || Ctor->isDeleted() ||
        Args.size() < Ctor->getMinRequiredArguments() ||
        Args.size() > Ctor->getNumParams())
      continue;
    if (Chosen)
      return std::nullopt;
    Chosen = Ctor;
  }
  if (!Chosen || proc().Stack.size() >= Options.MaxCallDepth)
    return std::nullopt;
  CellId Made = S->newRecord();
  S->Cells[Made].Class = Record;
  // No call site: the caller already holds its result, the constructor's
  // frame only fills the object in.
  if (!Chosen->isTrivial() &&
      !pushFrame(Chosen, Args, nullptr, Value::cell(Made), NoObject))
    return std::nullopt;
  return Value::cell(Made);
}

bool Interpreter::makeHolder(const CallExpr *CE, std::vector<Value> &Args) {
  const FunctionDecl *FD = CE->getDirectCallee();
  bool Pointer = isStdNamed(FD, "make_shared") || isStdNamed(FD, "make_unique");
  if (!Pointer && !isStdNamed(FD, "make_optional"))
    return false;
  const TemplateArgumentList *Template = FD->getTemplateSpecializationArgs();
  if (!Template || Template->size() < 1 ||
      Template->get(0).getKind() != TemplateArgument::Type) {
    unknownCall(CE, Args);
    return true;
  }
  QualType T = Template->get(0).getAsType();
  Value Holder = emptyContainer();
  set(CE, Holder); // before a constructor's frame runs: it has no call site
  if (!Pointer) {
    CellId Element = makeElement(T, Args);
    S->Cells[Holder.Id].Elements = {Element};
    return true;
  }
  std::optional<Value> Made = newObject(T, Args);
  if (!Made) {
    for (const Value &Arg : Args)
      handOut(Arg);
    hold(Holder.Id, Value{});
    return true;
  }
  bool Record = Made->is(Value::Kind::Cell) && S->Cells[Made->Id].IsRecord;
  hold(Holder.Id, Record ? *Made : Value::cell(S->newCell(*Made)));
  return true;
}

bool Interpreter::holderConstruct(const CXXConstructExpr *CE,
                                  std::vector<Value> &Args, ContainerKind K) {
  Value Holder = emptyContainer();
  set(CE, Holder);
  if (Args.empty() || isNothing(CE->getArg(0)->getType()))
    return true;
  if (std::optional<CellId> From = containerCell(Args[0]);
      From && Args.size() == 1) {
    // A copy, a move, or a conversion (unique_ptr to shared_ptr, Derived
    // to Base): the same object.
    copyElements(Holder.Id, *From);
    if (CE->getConstructor()->isMoveConstructor() || CE->getArg(0)->isXValue())
      S->Cells[*From].Elements.clear();
    return true;
  }
  if (K == ContainerKind::Pointer && Args.size() == 1) {
    hold(Holder.Id, load(Args[0])); // from a raw pointer: it owns it
    return true;
  }
  QualType T = elementType(CE->getType());
  if (K == ContainerKind::Optional && Args.size() == 1 && !T.isNull()) {
    holdValue(Holder.Id, T, Args[0]);
    return true;
  }
  unknownCall(CE, Args);
  set(CE, {});
  return true;
}

bool Interpreter::holderCompare(const CallExpr *CE, std::vector<Value> &Args) {
  const auto *Op = dyn_cast<CXXOperatorCallExpr>(CE);
  if (!Op || Args.size() != 2 ||
      (Op->getOperator() != OO_EqualEqual &&
       Op->getOperator() != OO_ExclaimEqual))
    return false;
  for (unsigned I = 0; I < 2; ++I) {
    ContainerKind K = containerKind(Op->getArg(I)->getType());
    if (K != ContainerKind::Pointer && K != ContainerKind::Optional)
      continue;
    if (!isNothing(Op->getArg(1 - I)->getType()))
      return false;
    std::optional<CellId> Holder = containerCell(Args[I]);
    bool Empty = Holder && S->Cells[*Holder].Elements.empty();
    set(CE, Holder
                ? Value::integer(Empty == (Op->getOperator() == OO_EqualEqual))
                : Value{});
    return true;
  }
  return false;
}

bool Interpreter::holderMethod(const CallExpr *CE, CellId Holder,
                               ContainerKind K, StringRef Name, QualType Type,
                               std::vector<Value> &Args) {
  QualType T = elementType(Type);
  const auto &Elements = S->Cells[Holder].Elements;
  bool Empty = Elements.empty();
  std::optional<Value> Held;
  if (!Empty)
    Held = K == ContainerKind::Pointer ? load(Value::cell(Elements[0]))
                                       : Value::cell(Elements[0]);
  if (Name == "bool" || Name == "has_value") {
    set(CE, Value::integer(!Empty));
  } else if (Name == "*" || Name == "->" || Name == "get" || Name == "value") {
    // The object's address (an optional's value is in place); through an
    // empty one: undefined behaviour or an exception, nothing to follow.
    set(CE, Held ? *Held : Name == "get" ? NullPointer : Value{});
  } else if (Name == "value_or") {
    set(CE, Held ? load(*Held) : Args.empty() ? Value{} : load(Args[0]));
  } else if (Name == "reset") {
    hold(Holder, K == ContainerKind::Pointer && !Args.empty() &&
                         !isNothing(CE->getArg(0)->getType())
                     ? std::optional(load(Args[0]))
                     : std::nullopt);
    set(CE, {});
  } else if (Name == "release" && K == ContainerKind::Pointer) {
    set(CE, Held ? *Held : NullPointer);
    hold(Holder, std::nullopt);
  } else if (Name == "emplace" && K == ContainerKind::Optional && !T.isNull()) {
    CellId Made = makeElement(T, Args);
    S->Cells[Holder].Elements = {Made};
    set(CE, Value::cell(Made));
  } else if (Name == "=" && Args.size() == 1) {
    if (std::optional<CellId> From = containerCell(Args[0])) {
      if (*From != Holder) {
        copyElements(Holder, *From);
        if (cast<CXXOperatorCallExpr>(CE)->getArg(1)->isXValue())
          S->Cells[*From].Elements.clear();
      }
    } else if (isNothing(cast<CXXOperatorCallExpr>(CE)->getArg(1)->getType())) {
      hold(Holder, std::nullopt);
    } else if (K == ContainerKind::Optional && !T.isNull()) {
      holdValue(Holder, T, Args[0]);
    } else {
      forgetContainer(Holder);
      unknownCall(CE, Args);
      return true;
    }
    set(CE, Value::cell(Holder));
  } else {
    forgetContainer(Holder);
    unknownCall(CE, Args);
  }
  return true;
}

} // namespace golife::eval
