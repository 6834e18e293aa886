//===- StdVariant.cpp - std::variant and std::visit -----------------------===//
//
// Messages sent on channels are often a std::variant of their kinds, taken
// apart by std::visit with a visitor of overloaded lambdas. A variant the
// analysis sees made is a container of one element, the alternative it
// holds, whose index is the container cell's value (StdContainers.cpp).
// The alternative is the one whose type is the value's own; a conversion
// Sema would choose (a literal to std::string) leaves the variant unknown.
// std::visit runs the visitor's call operator that takes that alternative:
// a lambda's, an overloaded visitor's lambda base's, a struct's own, or the
// instance of a generic one the program compiled.
//
//===----------------------------------------------------------------------===//

#include "Interpreter.h"
#include "StdLibrary.h"
#include "Values.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace golife::eval {
namespace {

/// The types a variant type may hold, in order.
llvm::ArrayRef<TemplateArgument> alternativesOf(QualType T) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.getNonReferenceType()->getAsCXXRecordDecl());
  if (!Spec || Spec->getTemplateArgs().size() != 1 ||
      Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Pack)
    return {};
  return Spec->getTemplateArgs()[0].pack_elements();
}

QualType bare(QualType T) {
  return T.getNonReferenceType().getUnqualifiedType().getCanonicalType();
}

/// The index of the alternative of exactly type \p T.
std::optional<unsigned> alternativeIndex(QualType Variant, QualType T) {
  llvm::ArrayRef<TemplateArgument> Alternatives = alternativesOf(Variant);
  for (unsigned I = 0; I < Alternatives.size(); ++I)
    if (Alternatives[I].getKind() == TemplateArgument::Type &&
        bare(Alternatives[I].getAsType()) == bare(T))
      return I;
  return std::nullopt;
}

/// The template argument of a call of std::get<X>, holds_alternative<X>,
/// get_if<X>.
const TemplateArgument *explicitArgument(const FunctionDecl *FD) {
  const TemplateArgumentList *Args =
      FD ? FD->getTemplateSpecializationArgs() : nullptr;
  return Args && Args->size() >= 1 ? &Args->get(0) : nullptr;
}

/// Whether \p Method, a call operator, takes an argument of type \p T.
bool takes(const CXXMethodDecl *Method, QualType T) {
  return Method->getNumParams() == 1 &&
         bare(Method->getParamDecl(0)->getType()) == bare(T);
}

/// The call operator of \p Class that takes a \p T: its own, or the
/// instance of its template the program compiled.
const CXXMethodDecl *callOperatorFor(const CXXRecordDecl *Class, QualType T) {
  for (const Decl *D : Class->decls()) {
    if (const auto *Method = dyn_cast<CXXMethodDecl>(D);
        Method && Method->getOverloadedOperator() == OO_Call &&
        takes(Method, T))
      return Method;
    if (const auto *Template = dyn_cast<FunctionTemplateDecl>(D))
      for (const FunctionDecl *Instance : Template->specializations())
        if (const auto *Method = dyn_cast<CXXMethodDecl>(Instance);
            Method && Method->getOverloadedOperator() == OO_Call &&
            takes(Method, T))
          return Method;
  }
  return nullptr;
}

} // namespace

std::optional<unsigned> Interpreter::heldAlternative(CellId Variant) {
  const Cell &C = S->Cells[Variant];
  if (C.Elements.size() != 1 || !C.V.is(Value::Kind::Int))
    return std::nullopt;
  return C.V.Int;
}

void Interpreter::holdAlternative(CellId Variant, QualType T, unsigned Index,
                                  const Value &V) {
  CellId Element = cellFor(T, V);
  S->Cells[Variant].Elements = {Element};
  S->Cells[Variant].V = Value::integer(Index);
}

bool Interpreter::variantConstruct(const CXXConstructExpr *CE,
                                   std::vector<Value> &Args) {
  QualType T = CE->getType();
  Value Made = emptyContainer();
  llvm::ArrayRef<TemplateArgument> Alternatives = alternativesOf(T);
  if (Args.empty() && !Alternatives.empty()) {
    QualType First = Alternatives[0].getAsType();
    holdAlternative(Made.Id, First, 0, valueInitialized(First));
  } else if (std::optional<CellId> From =
                 Args.size() == 1 ? containerCell(Args[0]) : std::nullopt) {
    copyElements(Made.Id, *From);
    S->Cells[Made.Id].V = S->Cells[*From].V;
  } else if (std::optional<unsigned> Index =
                 Args.size() == 1
                     ? alternativeIndex(T, CE->getArg(0)->getType())
                     : std::nullopt) {
    holdAlternative(Made.Id, Alternatives[*Index].getAsType(), *Index, Args[0]);
  } else {
    unknownCall(CE, Args); // in_place constructors, conversions
    return true;
  }
  set(CE, Made);
  return true;
}

bool Interpreter::variantAssign(const CXXOperatorCallExpr *Assign,
                                CellId Variant, std::vector<Value> &Args) {
  QualType T = Assign->getArg(0)->getType();
  if (std::optional<CellId> From = containerCell(Args[0])) {
    copyElements(Variant, *From);
    S->Cells[Variant].V = S->Cells[*From].V;
  } else if (std::optional<unsigned> Index =
                 alternativeIndex(T, Assign->getArg(1)->getType())) {
    holdAlternative(Variant, alternativesOf(T)[*Index].getAsType(), *Index,
                    Args[0]);
  } else {
    forgetContainer(Variant);
    unknownCall(Assign, Args);
    return true;
  }
  set(Assign, Value::cell(Variant));
  return true;
}

bool Interpreter::variantCall(const CallExpr *CE, std::vector<Value> &Args) {
  const FunctionDecl *FD = CE->getDirectCallee();
  if (!FD)
    return false;
  bool Get = isStdNamed(FD, "get") || isStdNamed(FD, "get_if");
  bool Holds = isStdNamed(FD, "holds_alternative");
  bool Visit = isStdNamed(FD, "visit");
  if (!Get && !Holds && !Visit)
    return false;
  unsigned Subject = Visit ? 1 : 0;
  if (Args.size() != Subject + 1)
    return false;
  QualType SubjectType = CE->getArg(Subject)->getType();
  bool ByAddress = SubjectType->isPointerType(); // get_if(&v)
  QualType VariantType =
      ByAddress ? SubjectType->getPointeeType() : SubjectType;
  if (containerKind(VariantType) != ContainerKind::Variant)
    return false;
  Value Whole = ByAddress ? load(Args[Subject]) : Args[Subject];
  std::optional<CellId> Variant = containerCell(Whole);
  std::optional<unsigned> Held =
      Variant ? heldAlternative(*Variant) : std::nullopt;
  if (!Held)
    return false; // unknown: the call is, and what it is given escapes
  Value Alternative = Value::cell(S->Cells[*Variant].Elements[0]);
  if (Visit)
    return visitAlternative(CE, Args[0],
                            alternativesOf(VariantType)[*Held].getAsType(),
                            Alternative);
  // std::get<I>, get<T>, get_if<T>, holds_alternative<T>.
  const TemplateArgument *Asked = explicitArgument(FD);
  std::optional<unsigned> Index;
  if (Asked && Asked->getKind() == TemplateArgument::Integral)
    Index = Asked->getAsIntegral().getZExtValue();
  else if (Asked && Asked->getKind() == TemplateArgument::Type)
    Index = alternativeIndex(VariantType, Asked->getAsType());
  if (!Index)
    return false;
  bool Matches = *Index == *Held;
  if (Holds)
    set(CE, Value::integer(Matches));
  else if (isStdNamed(FD, "get_if"))
    set(CE, Matches ? Alternative : NullPointer);
  else
    set(CE, Matches ? Alternative : Value{}); // a mismatch throws
  return true;
}

bool Interpreter::visitAlternative(const CallExpr *CE, const Value &Visitor,
                                   QualType Alternative, const Value &Held) {
  Value Callee = load(Visitor);
  const CXXRecordDecl *Class =
      CE->getArg(0)->getType().getNonReferenceType()->getAsCXXRecordDecl();
  if (!Class)
    return false;
  if (const CXXMethodDecl *Own = callOperatorFor(Class, Alternative)) {
    if (Callee.is(Value::Kind::Closure))
      return invoke(Callee, Held, CE, {}, Own);
    return invoke(Value{Value::Kind::Function, false, 0, 0, 0, 0, Own}, Held,
                  CE, Visitor);
  }
  // An overloaded visitor: the lambda base whose operator takes it.
  if (!Visitor.is(Value::Kind::Cell) || !S->Cells[Visitor.Id].IsRecord)
    return false;
  auto Bases = S->Cells[Visitor.Id].ValueBases;
  for (const auto &[Base, Closure] : Bases)
    if (const CXXMethodDecl *Inherited = callOperatorFor(Base, Alternative))
      return invoke(Value::cell(Closure), Held, CE, {}, Inherited);
  return false;
}

} // namespace golife::eval
