//===- StdContainers.cpp - Standard containers and strings ----------------===//
//
// Programs keep channels, mutexes and callbacks in standard containers and
// key them by strings. A container the analysis sees made is a record cell
// whose elements are cells of their own, in the order iteration visits
// them (lib/runtime/State.h): a map's elements are std::pair records, a
// set's the keys. Its iterators are positions (Value::Kind::Position), so a
// range-for visits each element once. A std::string made from literals is
// its text (Value::Kind::Text), so that string keys are found again.
//
// A container the analysis did not see made (a parameter, an unknown
// call's result) is unknown until the code looks into it: then it is given
// each size the analysis explores, none, one and two elements of unknown
// value (two standing for many: a bug that needs three is missed), and the
// path says which ("assuming 'jobs' has 2 elements"). Each path then tests
// and iterates one container, so `if (!v.empty())` agrees with the loop
// over v. A container the caller lent by reference is forgotten again when
// the goroutine synchronises with code the analysis cannot see, which may
// have changed it.
//
// An operation the model cannot follow exactly (an unknown index, a key it
// cannot compare) hands the container to unseen code: its elements escape,
// and it is unknown from then on. One exception keeps keys the analysis
// cannot compute useful: a key it cannot compare with the others is taken
// as a new one, and the finding says so ("assuming the key is new").
//
//===----------------------------------------------------------------------===//

#include "Interpreter.h"
#include "StdLibrary.h"
#include "Values.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/StringSet.h"
#include <mutex>

using namespace clang;

namespace golife::eval {
namespace {

/// A container with more elements than this is unknown: its states would
/// be too large to be worth it, and a loop that keeps adding to it (over
/// an unknown range) would never reach a state it has seen.
constexpr int64_t MaxElements = 16;

/// The sizes an unknown container is explored with: 0, 1 and 2 elements.
constexpr unsigned UnknownSizes = 3;

Value positionIn(CellId Container, int64_t Index) {
  return Value{Value::Kind::Position, false, 0, Index, Container};
}

/// Whether two keys are equal; nothing when the analysis cannot tell.
std::optional<bool> sameKey(const Value &A, const Value &B) {
  if (A.is(Value::Kind::Int) && B.is(Value::Kind::Int))
    return A.Int == B.Int;
  if (A.is(Value::Kind::Text) && B.is(Value::Kind::Text))
    return A.Decl == B.Decl;
  if (A.is(Value::Kind::Sym) && B.is(Value::Kind::Sym) && A.Id == B.Id)
    return true;
  auto IsAddress = [](const Value &V) {
    return isNullPointer(V).has_value() && !V.is(Value::Kind::Int);
  };
  // Distinct cells and objects have distinct addresses.
  if (IsAddress(A) && IsAddress(B))
    return A == B;
  if ((IsAddress(A) && B.is(Value::Kind::Int) && B.Int == 0) ||
      (IsAddress(B) && A.is(Value::Kind::Int) && A.Int == 0))
    return false;
  return std::nullopt;
}

/// Whether key \p A orders before \p B in a std::map; nothing when the
/// analysis cannot tell.
std::optional<bool> keyBefore(const Value &A, const Value &B) {
  if (A.is(Value::Kind::Int) && B.is(Value::Kind::Int))
    return A.Int < B.Int;
  if (A.is(Value::Kind::Text) && B.is(Value::Kind::Text))
    return textOf(A) < textOf(B);
  return std::nullopt;
}

const CXXRecordDecl *recordOf(QualType T) {
  return T.isNull() ? nullptr : T.getNonReferenceType()->getAsCXXRecordDecl();
}

/// Whether emplace_back(Args...) of \p CE runs one of the element's own
/// constructors on its arguments: the element is a record of the program's
/// own, and it is given neither nothing nor an element to copy or move.
bool constructsElement(const CallExpr *CE, QualType ElementType) {
  const CXXRecordDecl *Record = recordOf(ElementType);
  unsigned First = isa<CXXOperatorCallExpr>(CE) ? 1 : 0;
  if (!Record || isStd(Record) ||
      runtimeTypeOf(ElementType) != RuntimeType::None ||
      CE->getNumArgs() <= First)
    return false;
  if (CE->getNumArgs() > First + 1)
    return true;
  const CXXRecordDecl *Arg = recordOf(CE->getArg(First)->getType());
  return !Arg || !Arg->hasDefinition() ||
         (Arg->getCanonicalDecl() != Record->getCanonicalDecl() &&
          !Arg->isDerivedFrom(Record));
}

} // namespace

Value textValue(llvm::StringRef Text) {
  static std::mutex Guard;
  static llvm::StringSet<> Interned;
  std::lock_guard<std::mutex> Lock(Guard);
  Value V{Value::Kind::Text};
  V.Decl = Interned.insert(Text).first->getKeyData();
  return V;
}

llvm::StringRef textOf(const Value &V) {
  return V.is(Value::Kind::Text) ? static_cast<const char *>(V.Decl) : "";
}

ContainerKind containerKind(QualType T) {
  const CXXRecordDecl *Record = recordOf(T);
  if (!Record)
    return ContainerKind::None;
  static constexpr std::pair<llvm::StringLiteral, ContainerKind> Kinds[] = {
      {"vector", ContainerKind::Sequence},
      {"deque", ContainerKind::Sequence},
      {"list", ContainerKind::Sequence},
      {"forward_list", ContainerKind::Sequence},
      {"array", ContainerKind::Array},
      {"map", ContainerKind::Map},
      {"unordered_map", ContainerKind::UnorderedMap},
      {"set", ContainerKind::Set},
      {"unordered_set", ContainerKind::UnorderedSet},
      {"shared_ptr", ContainerKind::Pointer},
      {"unique_ptr", ContainerKind::Pointer},
      {"optional", ContainerKind::Optional},
      {"tuple", ContainerKind::Tuple},
      {"variant", ContainerKind::Variant},
  };
  for (const auto &[Name, Kind] : Kinds)
    if (isStdNamed(Record, Name))
      return Kind;
  return ContainerKind::None;
}

bool isStdString(QualType T) {
  const CXXRecordDecl *Record = recordOf(T);
  return Record && isStdNamed(Record, "basic_string");
}

QualType Interpreter::elementType(QualType Container) {
  const CXXRecordDecl *Record = recordOf(Container);
  if (!Record)
    return {};
  for (const NamedDecl *D : Record->lookup(&Ctx.Idents.get("value_type")))
    if (const auto *Alias = dyn_cast<TypedefNameDecl>(D))
      return Alias->getUnderlyingType();
  return {};
}

Value Interpreter::emptyContainer() {
  CellId Made = S->newRecord();
  S->Cells[Made].IsContainer = true;
  return Value::cell(Made);
}

Value Interpreter::valueInitialized(QualType T) {
  return staticValue(T, nullptr).value_or(Value{});
}

std::optional<CellId> Interpreter::containerCell(const Value &V) {
  if (V.is(Value::Kind::Cell) && S->Cells[V.Id].IsContainer)
    return V.Id;
  return std::nullopt;
}

Value Interpreter::keyOf(CellId Element, ContainerKind K) {
  if (isMap(K)) {
    const auto &Fields = S->Cells[Element].Fields;
    return Fields.empty() ? Value{} : load(Value::cell(Fields.front().second));
  }
  return load(Value::cell(Element));
}

std::optional<int64_t> Interpreter::findKey(CellId Container, ContainerKind K,
                                            const Value &Key, bool &Decided) {
  Decided = true;
  const std::vector<CellId> Elements = S->Cells[Container].Elements;
  for (size_t I = 0; I < Elements.size(); ++I) {
    std::optional<bool> Same = sameKey(keyOf(Elements[I], K), Key);
    if (!Same)
      Decided = false;
    else if (*Same)
      return I;
  }
  return std::nullopt;
}

int64_t Interpreter::insertElement(CellId Container, ContainerKind K,
                                   CellId Element, const Value &Key) {
  auto &Elements = S->Cells[Container].Elements;
  size_t At = Elements.size();
  if (K == ContainerKind::Map || K == ContainerKind::Set)
    for (size_t I = 0; I < Elements.size(); ++I)
      if (keyBefore(Key, keyOf(Elements[I], K)).value_or(false)) {
        At = I;
        break;
      }
  Elements.insert(Elements.begin() + At, Element);
  return At;
}

std::optional<CellId> Interpreter::giveSize(const CallExpr *CE,
                                            const Expr *Object,
                                            const Value &Self, ContainerKind K,
                                            QualType Type) {
  if (!Forks || !Object || !Self.is(Value::Kind::Cell) ||
      (K != ContainerKind::Sequence && !isKeyed(K)))
    return std::nullopt;
  const Cell &C = S->Cells[Self.Id];
  QualType ElementType = elementType(Type);
  if (C.IsRecord || !C.V.is(Value::Kind::Unknown) || ElementType.isNull())
    return std::nullopt;
  // A range-for names its range through an implicit variable.
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Object->IgnoreImplicit()))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && Var->isImplicit() && Var->getInit())
      Object = Var->getInit();
  std::string Subject = quoted(Ctx, Object, "the container");
  for (unsigned Size = UnknownSizes - 1;; --Size) {
    State *Here = S;
    State Other;
    if (Size > 0) {
      Other = *S;
      S = &Other;
      --frame().Element; // the call runs again, on the sized container
    }
    fillUnknown(Self.Id, K, ElementType, Size);
    note(CE,
         "assuming " + Subject +
             (Size == 0   ? std::string(" is empty")
              : Size == 1 ? std::string(" has 1 element")
                          : " has " + std::to_string(Size) + " elements"),
         proc().Key);
    if (Size == 0)
      return Self.Id;
    S = Here;
    Forks->push_back(std::move(Other));
  }
}

void Interpreter::fillUnknown(CellId Container, ContainerKind K,
                              QualType ElementType, unsigned Size) {
  // Two tests of one element agree.
  auto Unknown = [&](QualType T) { return T.isNull() ? Value{} : madeUp(T); };
  std::vector<CellId> Elements;
  for (unsigned I = 0; I < Size; ++I) {
    const CXXRecordDecl *Pair = recordOf(ElementType);
    if (isMap(K) && Pair && !Pair->field_empty()) {
      QualType KeyType = Pair->field_begin()->getType();
      QualType MappedType = std::next(Pair->field_begin())->getType();
      Elements.push_back(
          makePair(ElementType, Unknown(KeyType), Unknown(MappedType)));
    } else {
      Elements.push_back(cellFor(ElementType, Unknown(ElementType)));
    }
  }
  Cell &C = S->Cells[Container];
  C.IsRecord = C.IsContainer = true;
  C.Elements = std::move(Elements);
}

void Interpreter::forgetBorrowed() {
  for (CellId C = 0; C < S->Cells.size(); ++C)
    if (S->Cells[C].Borrowed && S->Cells[C].IsContainer)
      forgetContainer(C);
}

void Interpreter::forgetContainer(CellId Container) {
  // Unseen code may hold its elements: they escape, and what the container
  // holds from now on is unknown.
  handOut(Value::cell(Container));
  Cell &C = S->Cells[Container];
  C.IsContainer = false;
  C.IsRecord = false;
  C.Elements.clear();
  C.V = {};
}

std::optional<int64_t>
Interpreter::keyedSlot(const Expr *Site, CellId Container, ContainerKind K,
                       const Value &Key, bool Insert,
                       llvm::function_ref<CellId()> MakeElement) {
  bool Decided = true;
  if (std::optional<int64_t> Found = findKey(Container, K, Key, Decided))
    return Found;
  if (!Insert)
    return Decided ? std::optional<int64_t>(-1) : std::nullopt;
  if (!Decided)
    note(Site, "assuming the key is new", proc().Key);
  return insertElement(Container, K, MakeElement(), Key);
}

CellId Interpreter::makeElement(QualType ElementType,
                                llvm::ArrayRef<Value> Args) {
  if (Args.empty())
    return cellFor(ElementType, valueInitialized(ElementType));
  if (Args.size() == 1)
    return cellFor(ElementType, Args[0]);
  if (isStdNamed(recordOf(ElementType), "pair") && Args.size() == 2)
    return makePair(ElementType, load(Args[0]), load(Args[1]));
  for (const Value &Arg : Args)
    handOut(Arg); // a constructor the model does not run
  return S->newCell();
}

bool Interpreter::containerConstruct(const CXXConstructExpr *CE,
                                     std::vector<Value> &Args) {
  QualType T = CE->getType();
  const CXXConstructorDecl *Ctor = CE->getConstructor();
  if (isStdString(T)) {
    // From a literal, or a copy: the text; anything else is unknown.
    Value From = Args.empty() ? textValue("") : load(Args[0]);
    set(CE, Args.size() <= 1 && From.is(Value::Kind::Text) ? From : Value{});
    return true;
  }
  if (Args.size() == 1 && load(Args[0]).is(Value::Kind::Position)) {
    set(CE, load(Args[0])); // an iterator copied, or made a const_iterator
    return true;
  }
  ContainerKind K = containerKind(T);
  if (K == ContainerKind::None)
    return false;
  if (isHolder(K))
    return holderConstruct(CE, Args, K);
  if (K == ContainerKind::Variant)
    return variantConstruct(CE, Args);
  if (K == ContainerKind::Tuple &&
      !(Args.size() == 1 && containerCell(Args[0])))
    return tupleConstruct(CE, T, Args);
  QualType ElementType = elementType(T);
  Value Made = emptyContainer();
  CellId Into = Made.Id;
  if (Args.empty() && K == ContainerKind::Array) {
    set(CE, arrayOf(T, {}));
    return true;
  }
  if (Args.empty()) {
    set(CE, Made);
    return true;
  }
  if (std::optional<CellId> From = containerCell(Args[0]);
      From && Args.size() == 1) {
    copyElements(Into, *From);
    if (Ctor->isMoveConstructor() && K != ContainerKind::Array)
      S->Cells[*From].Elements.clear(); // a moved-from container is empty
    set(CE, Made);
    return true;
  }
  if (isa<CXXStdInitializerListExpr>(CE->getArg(0)->IgnoreImplicit())) {
    if (!fillFromList(CE, Into, K, ElementType, CE->getArg(0)))
      unknownCall(CE, Args);
    else
      set(CE, Made);
    return true;
  }
  Value Count = load(Args[0]);
  if (K == ContainerKind::Sequence && Count.is(Value::Kind::Int) &&
      Count.Int >= 0 && Count.Int <= MaxElements && Args.size() <= 2) {
    for (int64_t I = 0; I < Count.Int; ++I) {
      CellId Element =
          cellFor(ElementType,
                  Args.size() == 2 ? Args[1] : valueInitialized(ElementType));
      S->Cells[Into].Elements.push_back(Element);
    }
    set(CE, Made);
    return true;
  }
  Value First = load(Args[0]),
        Last = Args.size() == 2 ? load(Args[1]) : Value{};
  if (First.is(Value::Kind::Position) && Last.is(Value::Kind::Position) &&
      First.Id == Last.Id && First.Int <= Last.Int) {
    for (int64_t I = First.Int; I < Last.Int; ++I)
      if (!addElement(CE, Into, K, ElementType,
                      Value::cell(S->Cells[First.Id].Elements[I]))) {
        unknownCall(CE, Args);
        return true;
      }
    set(CE, Made);
    return true;
  }
  unknownCall(CE, Args);
  return true;
}

Value Interpreter::arrayOf(QualType T, llvm::ArrayRef<const Expr *> Items) {
  const auto *Spec =
      dyn_cast_or_null<ClassTemplateSpecializationDecl>(recordOf(T));
  QualType ElementType = elementType(T);
  if (!Spec || Spec->getTemplateArgs().size() != 2 || ElementType.isNull())
    return {};
  int64_t Size = Spec->getTemplateArgs()[1].getAsIntegral().getExtValue();
  if (Size > MaxElements || int64_t(Items.size()) > Size)
    return {};
  Value Made = emptyContainer();
  for (int64_t I = 0; I < Size; ++I) {
    // Elements without an initializer are default-initialised (zero
    // runtime objects; the rest unknown).
    Value V = I < int64_t(Items.size()) ? valueOf(Items[I])
                                        : defaultValue(ElementType, nullptr);
    CellId Element = cellFor(ElementType, V);
    S->Cells[Made.Id].Elements.push_back(Element);
  }
  return Made;
}

bool Interpreter::tupleConstruct(const Expr *Site, QualType T,
                                 std::vector<Value> &Args) {
  const auto *Spec =
      dyn_cast_or_null<ClassTemplateSpecializationDecl>(recordOf(T));
  if (!Spec || Spec->getTemplateArgs().size() != 1 ||
      Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Pack) {
    unknownCall(Site, Args);
    return true;
  }
  llvm::ArrayRef<TemplateArgument> Parts =
      Spec->getTemplateArgs()[0].pack_elements();
  if (!Args.empty() && Args.size() != Parts.size()) {
    unknownCall(Site, Args); // from a pair, with an allocator
    return true;
  }
  Value Made = emptyContainer();
  for (size_t I = 0; I < Parts.size(); ++I) {
    QualType Part = Parts[I].getAsType();
    CellId Element =
        cellFor(Part, Args.empty() ? valueInitialized(Part) : Args[I]);
    S->Cells[Made.Id].Elements.push_back(Element);
  }
  set(Site, Made);
  return true;
}

bool Interpreter::fillFromList(const Expr *Site, CellId Container,
                               ContainerKind K, QualType ElementType,
                               const Expr *List) {
  const auto *StdList =
      dyn_cast<CXXStdInitializerListExpr>(List->IgnoreImplicit());
  const auto *Items =
      StdList ? dyn_cast<InitListExpr>(StdList->getSubExpr()->IgnoreImplicit())
              : nullptr;
  if (!Items)
    return false;
  for (const Expr *Item : Items->inits())
    if (!addElement(Site, Container, K, ElementType, valueOf(Item)))
      return false;
  return true;
}

void Interpreter::copyElements(CellId Into, CellId From) {
  std::vector<CellId> Copies;
  for (CellId Element : std::vector<CellId>(S->Cells[From].Elements))
    Copies.push_back(copyCell(Element));
  S->Cells[Into].Elements = std::move(Copies);
}

bool Interpreter::addElement(const Expr *Site, CellId Container,
                             ContainerKind K, QualType ElementType,
                             llvm::ArrayRef<Value> Args) {
  if (ElementType.isNull())
    return false;
  if (!isKeyed(K)) {
    CellId Element = makeElement(ElementType, Args);
    S->Cells[Container].Elements.push_back(Element);
    return true;
  }
  // Already there, a map keeps the first.
  CellId Element = makeElement(ElementType, Args);
  keyedSlot(Site, Container, K, keyOf(Element, K), /*Insert=*/true,
            [&] { return Element; });
  return true;
}

Value Interpreter::elementAt(const Value &Position) {
  const auto &Elements = S->Cells[Position.Id].Elements;
  return Position.Int >= 0 && Position.Int < int64_t(Elements.size())
             ? Value::cell(Elements[Position.Int])
             : Value{};
}

Value Interpreter::movedBy(const Value &Position, int64_t By) {
  return positionIn(Position.Id, Position.Int + By);
}

std::optional<bool> Interpreter::samePosition(const Value &L, const Value &R) {
  if (L.is(Value::Kind::Position) && R.is(Value::Kind::Position) &&
      L.Id == R.Id)
    return L.Int == R.Int;
  return std::nullopt;
}

bool Interpreter::iteratorCall(const CallExpr *CE, std::vector<Value> &Args) {
  const auto *Op = dyn_cast<CXXOperatorCallExpr>(CE);
  if (!Op || Args.empty())
    return false;
  Value It = load(Args[0]);
  OverloadedOperatorKind Kind = Op->getOperator();
  if (Kind == OO_EqualEqual || Kind == OO_ExclaimEqual) {
    Value Other = Args.size() == 2 ? load(Args[1]) : Value{};
    if (!It.is(Value::Kind::Position) && !Other.is(Value::Kind::Position))
      return false;
    std::optional<bool> Same = samePosition(It, Other);
    set(CE, Same ? Value::integer(*Same == (Kind == OO_EqualEqual)) : Value{});
    return true;
  }
  if (!It.is(Value::Kind::Position))
    return false;
  switch (Kind) {
  case OO_Star:
  case OO_Arrow:
    set(CE, elementAt(It));
    return true;
  case OO_PlusPlus:
  case OO_MinusMinus:
    store(Args[0], movedBy(It, Kind == OO_PlusPlus ? 1 : -1));
    set(CE, Args.size() == 2 ? It : Args[0]); // it++ gives the old one
    return true;
  case OO_Plus:
  case OO_Minus: {
    Value By = Args.size() == 2 ? load(Args[1]) : Value{};
    set(CE, By.is(Value::Kind::Int)
                ? movedBy(It, Kind == OO_Plus ? By.Int : -By.Int)
                : Value{});
    return true;
  }
  default:
    return false;
  }
}

bool Interpreter::stringCall(const CallExpr *CE, std::vector<Value> &Args) {
  const auto *Op = dyn_cast<CXXOperatorCallExpr>(CE);
  if (!Op || Args.size() != 2 ||
      (!isStdString(Op->getArg(0)->getType()) &&
       !isStdString(Op->getArg(1)->getType())))
    return false;
  Value L = load(Args[0]), R = load(Args[1]);
  bool Known = L.is(Value::Kind::Text) && R.is(Value::Kind::Text);
  switch (Op->getOperator()) {
  case OO_EqualEqual:
  case OO_ExclaimEqual:
    set(CE, Known ? Value::integer((L.Decl == R.Decl) ==
                                   (Op->getOperator() == OO_EqualEqual))
                  : Value{});
    return true;
  case OO_Plus:
    set(CE, Known ? textValue((textOf(L) + textOf(R)).str()) : Value{});
    return true;
  default:
    return false;
  }
}

bool Interpreter::containerCall(const CallExpr *CE, std::vector<Value> &Args) {
  if (iteratorCall(CE, Args) || stringCall(CE, Args) ||
      holderCompare(CE, Args) || makeHolder(CE, Args) || variantCall(CE, Args))
    return true;
  if (isStdNamed(CE->getDirectCallee(), "make_tuple"))
    return tupleConstruct(CE, CE->getType(), Args);
  Value Self;
  std::vector<Value> Rest = Args;
  StringRef Name;
  QualType Type;
  const Expr *Object = nullptr;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(CE)) {
    Self = thisOf(Member);
    Object = Member->getImplicitObjectArgument()->IgnoreImpCasts();
    // Through the library's own bases (std::__shared_ptr_access).
    Type = Object->getType();
    if (isa_and_nonnull<CXXConversionDecl>(Member->getMethodDecl()))
      Name = "bool";
    else if (Member->getMethodDecl() &&
             Member->getMethodDecl()->getIdentifier())
      Name = Member->getMethodDecl()->getName();
  } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(CE);
             Op && isa_and_nonnull<CXXMethodDecl>(Op->getDirectCallee()) &&
             !Args.empty()) {
    Self = Args[0];
    Object = Op->getArg(0)->IgnoreImpCasts();
    Type = Object->getType();
    Rest.erase(Rest.begin());
    switch (Op->getOperator()) {
    case OO_Subscript:
      Name = "[]";
      break;
    case OO_Equal:
      Name = "=";
      break;
    case OO_Star:
      Name = "*";
      break;
    case OO_Arrow:
      Name = "->";
      break;
    default:
      break;
    }
  }
  ContainerKind K = containerKind(Type);
  if (K == ContainerKind::None)
    return false;
  std::optional<CellId> Container = containerCell(Self);
  if (!Container && !Name.empty())
    Container = giveSize(CE, Object, Self, K, Type);
  if (!Container || Name.empty())
    return false; // unknown: the call is, and what it is given escapes
  if (isHolder(K))
    return holderMethod(CE, *Container, K, Name, Type, Rest);
  if (K == ContainerKind::Variant && Name == "=" && Rest.size() == 1)
    return variantAssign(cast<CXXOperatorCallExpr>(CE), *Container, Rest);
  if (K == ContainerKind::Variant && Name == "index") {
    std::optional<unsigned> Held = heldAlternative(*Container);
    set(CE, Held ? Value::integer(*Held) : Value{});
    return true;
  }
  if (K == ContainerKind::Variant) {
    forgetContainer(*Container);
    unknownCall(CE, Rest);
    return true;
  }
  return containerMethod(CE, *Container, K, Name, Type, Rest);
}

bool Interpreter::containerMethod(const CallExpr *CE, CellId Container,
                                  ContainerKind K, StringRef Name,
                                  QualType Type, std::vector<Value> &Args) {
  QualType ElementType = elementType(Type);
  bool Keyed = isKeyed(K), Mapped = isMap(K);
  auto Size = [&] { return int64_t(S->Cells[Container].Elements.size()); };
  auto ElementAt = [&](int64_t I) {
    return I >= 0 && I < Size() ? Value::cell(S->Cells[Container].Elements[I])
                                : Value{};
  };
  // The mapped value of element I (a map's second), or the element.
  auto SlotAt = [&](int64_t I) {
    Value Element = ElementAt(I);
    if (!Mapped || !Element.is(Value::Kind::Cell))
      return Element;
    const auto &Fields = S->Cells[Element.Id].Fields;
    return Fields.size() == 2 ? Value::cell(Fields[1].second) : Value{};
  };
  auto Unfollowed = [&] {
    forgetContainer(Container);
    unknownCall(CE, Args);
    return true;
  };

  if (Name == "size") {
    set(CE, Value::integer(Size()));
  } else if (Name == "empty") {
    set(CE, Value::integer(Size() == 0));
  } else if (Name == "begin" || Name == "cbegin") {
    set(CE, positionIn(Container, 0));
  } else if (Name == "end" || Name == "cend") {
    set(CE, positionIn(Container, Size()));
  } else if (Name == "clear") {
    S->Cells[Container].Elements.clear();
    set(CE, {});
  } else if (Name == "front" || Name == "back") {
    if (Size() == 0)
      return Unfollowed();
    set(CE, ElementAt(Name == "front" ? 0 : Size() - 1));
  } else if (!Keyed && Name.starts_with("emplace_") && !ElementType.isNull() &&
             constructsElement(CE, ElementType)) {
    // The element is made by its constructor, which may make runtime
    // objects (a channel of the capacity it is given): as new T(args).
    size_t Depth = proc().Stack.size();
    std::optional<Value> Made = newObject(ElementType, Args);
    if (!Made || !Made->is(Value::Kind::Cell))
      return Unfollowed();
    auto &Elements = S->Cells[Container].Elements;
    Elements.insert(Name == "emplace_back" ? Elements.end() : Elements.begin(),
                    Made->Id);
    // The constructor's frame, when it has one, is on top: the reference
    // to the element is the caller's result.
    proc().Stack[Depth - 1].Env[CE] = *Made;
  } else if (K == ContainerKind::Sequence && Name == "insert" &&
             Args.size() == 2 && isa<CXXMemberCallExpr>(CE) &&
             !isa<CXXStdInitializerListExpr>(CE->getArg(1)->IgnoreImplicit()) &&
             !ElementType.isNull()) {
    // insert(pos, value): one element before pos. A count, a range or a
    // list is not followed.
    Value At = load(Args[0]);
    if (!At.is(Value::Kind::Position) || At.Id != Container || At.Int < 0 ||
        At.Int > Size())
      return Unfollowed();
    CellId Element = makeElement(ElementType, {Args[1]});
    auto &Elements = S->Cells[Container].Elements;
    Elements.insert(Elements.begin() + At.Int, Element);
    set(CE, At); // the new element is where pos was
  } else if (!Keyed && (Name == "push_back" || Name == "emplace_back")) {
    if (!addElement(CE, Container, K, ElementType, Args))
      return Unfollowed();
    set(CE, ElementAt(Size() - 1));
  } else if (!Keyed && (Name == "push_front" || Name == "emplace_front")) {
    if (ElementType.isNull())
      return Unfollowed();
    CellId Element = makeElement(ElementType, Args);
    auto &Elements = S->Cells[Container].Elements;
    Elements.insert(Elements.begin(), Element);
    set(CE, ElementAt(0));
  } else if (!Keyed && (Name == "pop_back" || Name == "pop_front")) {
    if (Size() == 0)
      return Unfollowed();
    auto &Elements = S->Cells[Container].Elements;
    Elements.erase(Name == "pop_back" ? Elements.end() - 1 : Elements.begin());
    set(CE, {});
  } else if (!Keyed && (Name == "[]" || Name == "at")) {
    Value Index = Args.empty() ? Value{} : load(Args[0]);
    if (!Index.is(Value::Kind::Int) || Index.Int < 0 || Index.Int >= Size())
      return Unfollowed();
    set(CE, ElementAt(Index.Int));
  } else if (Mapped && (Name == "[]" || Name == "at" ||
                        (Name == "insert_or_assign" && Args.size() == 2))) {
    Value Key = Args.empty() ? Value{} : load(Args[0]);
    int64_t Before = Size();
    std::optional<int64_t> Slot =
        keyedSlot(CE, Container, K, Key, Name != "at", [&] {
          QualType MappedType;
          if (const auto *Pair = recordOf(ElementType);
              Pair && !Pair->field_empty())
            MappedType = std::next(Pair->field_begin())->getType();
          return makePair(ElementType, Key, valueInitialized(MappedType));
        });
    if (!Slot || *Slot < 0)
      return Unfollowed();
    if (Name == "insert_or_assign") {
      // As m[key] = value: unlike insert(), a key already there takes it.
      store(SlotAt(*Slot), Args[1]);
      set(CE, Value::cell(makePair(CE->getType(), positionIn(Container, *Slot),
                                   Value::integer(Size() > Before))));
    } else {
      set(CE, SlotAt(*Slot));
    }
  } else if (Keyed &&
             (Name == "find" || Name == "count" || Name == "contains")) {
    Value Key = Args.empty() ? Value{} : load(Args[0]);
    std::optional<int64_t> Slot = keyedSlot(CE, Container, K, Key, false, {});
    if (!Slot && Name == "find")
      return Unfollowed(); // it may be any element: each may be used
    if (!Slot) {
      set(CE, {}); // cannot tell whether it is there
      return true;
    }
    if (Name == "find")
      set(CE, positionIn(Container, *Slot < 0 ? Size() : *Slot));
    else
      set(CE, Value::integer(*Slot >= 0));
  } else if (Keyed &&
             (Name == "insert" || Name == "emplace" || Name == "try_emplace")) {
    if (Args.empty() || Args.size() > 2 ||
        (Args.size() == 1 && containerCell(Args[0])))
      return Unfollowed(); // a range of another container
    // insert takes one value: with two arguments, a hint and the value, or
    // a range (first, last), which gives nothing back and is not followed.
    bool Hinted = Name == "insert" && Args.size() == 2;
    if (Hinted && CE->getType()->isVoidType())
      return Unfollowed();
    CellId Element =
        makeElement(ElementType, llvm::ArrayRef(Args).drop_front(Hinted));
    int64_t Before = Size();
    std::optional<int64_t> At =
        keyedSlot(CE, Container, K, keyOf(Element, K), /*Insert=*/true,
                  [&] { return Element; });
    bool Inserted = Size() > Before;
    Value Position = positionIn(Container, *At);
    bool GivesPair = isStdNamed(recordOf(CE->getType()), "pair");
    set(CE, GivesPair ? Value::cell(makePair(CE->getType(), Position,
                                             Value::integer(Inserted)))
                      : Position);
  } else if (Name == "erase") {
    Value Arg = Args.empty() ? Value{} : load(Args[0]);
    if (Arg.is(Value::Kind::Position) && Arg.Id == Container &&
        Args.size() == 1 && Arg.Int >= 0 && Arg.Int < Size()) {
      auto &Elements = S->Cells[Container].Elements;
      Elements.erase(Elements.begin() + Arg.Int);
      set(CE, Arg); // the next element is where this one was
      return true;
    }
    Value Last = Args.size() == 2 ? load(Args[1]) : Value{};
    if (Arg.is(Value::Kind::Position) && Last.is(Value::Kind::Position) &&
        Arg.Id == Container && Last.Id == Container && Arg.Int >= 0 &&
        Arg.Int <= Last.Int && Last.Int <= Size()) {
      auto &Elements = S->Cells[Container].Elements;
      Elements.erase(Elements.begin() + Arg.Int, Elements.begin() + Last.Int);
      set(CE, Arg); // erase(first, last): what followed is where first was
      return true;
    }
    if (!Keyed || Args.size() != 1 || Arg.is(Value::Kind::Position))
      return Unfollowed();
    std::optional<int64_t> Slot = keyedSlot(CE, Container, K, Arg, false, {});
    if (!Slot)
      return Unfollowed();
    if (*Slot >= 0) {
      auto &Elements = S->Cells[Container].Elements;
      Elements.erase(Elements.begin() + *Slot);
    }
    set(CE, Value::integer(*Slot >= 0));
  } else if (Name == "=" && Args.size() == 1 &&
             isa<CXXStdInitializerListExpr>(
                 cast<CXXOperatorCallExpr>(CE)->getArg(1)->IgnoreImplicit())) {
    S->Cells[Container].Elements.clear();
    if (!fillFromList(CE, Container, K, ElementType,
                      cast<CXXOperatorCallExpr>(CE)->getArg(1)))
      return Unfollowed();
    set(CE, Value::cell(Container));
  } else if (Name == "=") {
    std::optional<CellId> From =
        Args.empty() ? std::nullopt : containerCell(Args[0]);
    if (!From)
      return Unfollowed();
    if (*From != Container) {
      copyElements(Container, *From);
      if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(CE);
          Op && Op->getArg(1)->isXValue() && K != ContainerKind::Array)
        S->Cells[*From].Elements.clear();
    }
    set(CE, Value::cell(Container));
  } else {
    return Unfollowed();
  }
  if (S->Cells[Container].Elements.size() > MaxElements)
    forgetContainer(Container);
  return true;
}

} // namespace golife::eval
