//===- StdLibrary.cpp - The standard library's part -----------------------===//
//
// What golife knows of the standard library, which programs use around the
// runtime: std::function (cancel functions, callbacks), lock guards,
// std::chrono durations (in nanoseconds), std::pair and std::tie (Go's two
// results), std::get, and move/forward/ref, which only pass their argument
// on. Any other call into std is unknown.
//
//===----------------------------------------------------------------------===//

#include "StdLibrary.h"
#include "Interpreter.h"
#include "Values.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace golife::eval {

bool isStd(const Decl *D) { return D && D->getDeclContext()->isStdNamespace(); }

bool isStdNamed(const NamedDecl *D, llvm::StringRef Name) {
  if (!D || !D->getIdentifier() || D->getName() != Name)
    return false;
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent())
    if (DC->isStdNamespace())
      return true;
  return false;
}

static bool isStdRecord(QualType T, llvm::ArrayRef<llvm::StringRef> Names) {
  const auto *Record = T.getNonReferenceType()->getAsCXXRecordDecl();
  return Record && llvm::any_of(Names, [&](llvm::StringRef Name) {
           return isStdNamed(Record, Name);
         });
}

bool isStdFunction(QualType T) { return isStdRecord(T, {"function"}); }

static bool isStdLock(QualType T) {
  return isStdRecord(T, {"lock_guard", "unique_lock", "scoped_lock"});
}

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

/// The index I of a call to std::get<I>, if it is one.
static std::optional<unsigned> stdGetIndex(const FunctionDecl *FD) {
  if (!isStdNamed(FD, "get") || !FD->getTemplateSpecializationArgs() ||
      FD->getTemplateSpecializationArgs()->size() < 1 ||
      FD->getTemplateSpecializationArgs()->get(0).getKind() !=
          TemplateArgument::Integral)
    return std::nullopt;
  return FD->getTemplateSpecializationArgs()
      ->get(0)
      .getAsIntegral()
      .getZExtValue();
}

std::optional<Value> Interpreter::partOf(const Value &Whole, QualType T,
                                         unsigned Index) {
  if (!Whole.is(Value::Kind::Cell))
    return std::nullopt;
  const Cell &C = S->Cells[Whole.Id];
  if (C.IsContainer)
    return Index < C.Elements.size()
               ? std::optional(Value::cell(C.Elements[Index]))
               : std::nullopt;
  const RecordDecl *Record = T->getAsRecordDecl();
  if (!C.IsRecord || !Record)
    return std::nullopt;
  unsigned I = 0;
  for (const FieldDecl *Field : Record->fields())
    if (I++ == Index)
      return Value::cell(fieldCell(Whole.Id, Field));
  return std::nullopt;
}

bool Interpreter::assignTie(const CXXOperatorCallExpr *Assign) {
  const auto *Tie =
      dyn_cast<CallExpr>(Assign->getArg(0)->IgnoreImplicit()->IgnoreParens());
  if (!Tie || !Tie->getDirectCallee() ||
      !isStdNamed(Tie->getDirectCallee(), "tie"))
    return false;
  // std::tie(a, b) = pair (or tuple): a gets first, b second. One the
  // analysis did not build leaves them unknown.
  Value Whole = valueOf(Assign->getArg(1));
  QualType T = Assign->getArg(1)->getType();
  unsigned Index = 0;
  for (const Expr *Target : Tie->arguments()) {
    std::optional<Value> Part = partOf(Whole, T, Index++);
    store(valueOf(Target), Part ? load(*Part) : Value{});
  }
  set(Assign, {});
  return true;
}

bool Interpreter::stdCall(const CallExpr *CE, std::vector<Value> &Args) {
  if (containerCall(CE, Args))
    return true;
  // A duration the compiler computes (0s, -1s, 5ms * 2): its nanoseconds.
  if (int64_t Nanos = nanosPerTick(CE->getType())) {
    Expr::EvalResult Constant;
    if (!CE->isValueDependent() && CE->EvaluateAsRValue(Constant, Ctx) &&
        Constant.Val.isStruct() && Constant.Val.getStructNumFields() == 1 &&
        Constant.Val.getStructField(0).isInt()) {
      set(CE,
          Value::integer(Constant.Val.getStructField(0).getInt().getExtValue() *
                         Nanos));
      return true;
    }
  }
  const FunctionDecl *FD = CE->getDirectCallee();
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(CE)) {
    OverloadedOperatorKind Kind = Op->getOperator();
    bool Equality = Kind == OO_EqualEqual || Kind == OO_ExclaimEqual;
    if (Equality && Args.size() == 2 &&
        isStdFunction(Op->getArg(0)->getType()) &&
        Op->getArg(1)->getType()->isNullPtrType()) {
      // A std::function (a CancelFunc) tested against nullptr.
      std::optional<bool> Null = isNullPointer(load(Args[0]));
      set(CE,
          Null ? Value::integer(*Null == (Kind == OO_EqualEqual)) : Value{});
      return true;
    }
    if (Equality && Args.size() == 2)
      for (const Value &Arg : Args) {
        // A range-for over a channel: `it != end` while it is open.
        Value It = load(Arg);
        if (It.is(Value::Kind::Iterator)) {
          bool AtEnd = It.Int == 0;
          set(CE, Value::integer(Kind == OO_EqualEqual ? AtEnd : !AtEnd));
          return true;
        }
      }
    if (Kind == OO_Equal && Args.size() == 2 && assignTie(Op))
      return true;
  }
  if (FD && isStdNamed(FD, "tie")) {
    set(CE, {}); // only names its arguments: assignTie() assigns them
    return true;
  }
  if (FD &&
      (isStdNamed(FD, "move") || isStdNamed(FD, "forward") ||
       isStdNamed(FD, "ref") || isStdNamed(FD, "cref")) &&
      !Args.empty()) {
    set(CE, Args[0]);
    return true;
  }
  if (std::optional<unsigned> Index = FD ? stdGetIndex(FD) : std::nullopt;
      Index && Args.size() == 1) {
    // std::get<I> of a pair or tuple the analysis built (withCancel's
    // result, a function's several results).
    set(CE,
        partOf(Args[0], CE->getArg(0)->getType(), *Index).value_or(Value{}));
    return true;
  }
  const auto *Member = dyn_cast<CXXMemberCallExpr>(CE);
  if (!Member || !isStdFunction(Member->getImplicitObjectArgument()->getType()))
    return false;
  const CXXMethodDecl *Method = Member->getMethodDecl();
  if (Method && Method->getOverloadedOperator() == OO_Call &&
      invoke(thisOf(Member), Args, CE))
    return true;
  if (isa_and_nonnull<CXXConversionDecl>(Method)) {
    // `if (cancel)`: whether it holds a function.
    std::optional<bool> Null = isNullPointer(load(thisOf(Member)));
    set(CE, Null ? Value::integer(!*Null) : Value{});
    return true;
  }
  return false;
}

bool Interpreter::stdConstruct(const CXXConstructExpr *CE,
                               std::vector<Value> &Args) {
  const CXXConstructorDecl *Ctor = CE->getConstructor();
  QualType T = CE->getType();
  if (isStdFunction(T)) {
    set(CE, Args.empty() ? NullPointer : load(Args[0])); // empty: null
    return true;
  }
  if (containerConstruct(CE, Args))
    return true;
  if (isStdLock(T)) {
    Value Mutex = Args.empty() ? Value{} : load(Args[0]);
    auto Guard =
        CE->getNumArgs() == 1 ? makeLockGuard(*S, Mutex, CE) : std::nullopt;
    if (!Guard) {
      unknownCall(CE, Args);
      return true;
    }
    set(CE, Guard->first);
    wait(std::move(Guard->second));
    return true;
  }
  if (int64_t Nanos = nanosPerTick(T)) {
    Value V = Args.empty() ? Value::integer(0) : load(Args[0]);
    if (Ctor->isCopyOrMoveConstructor() ||
        (!Args.empty() && nanosPerTick(CE->getArg(0)->getType())))
      set(CE, V); // already in nanoseconds
    else
      set(CE, V.is(Value::Kind::Int) ? Value::integer(V.Int * Nanos) : Value{});
    return true;
  }
  const CXXRecordDecl *Record = Ctor->getParent();
  // std::pair{a, b}, `return {a, b};`: Go's two results, kept apart.
  if (isStdNamed(Record, "pair") && !Ctor->isCopyOrMoveConstructor() &&
      Args.size() == 2) {
    set(CE, Value::cell(makePair(T, load(Args[0]), load(Args[1]))));
    return true;
  }
  if (isStd(Record) || Record->getDeclContext()->isStdNamespace()) {
    unknownCall(CE, Args);
    return true;
  }
  return false;
}

} // namespace golife::eval
