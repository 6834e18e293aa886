//===- Interpreter.h - Runs one goroutine's code between scheduling points ===//
//
// C++ evaluation over Clang's CFGs: expressions are evaluated in CFG order,
// calls to functions with bodies are followed, the runtime's API is handed
// to lib/runtime (never entered) and its effects applied, the standard
// library is modelled (StdLibrary.cpp, StdContainers.cpp), and everything
// else is unknown. A
// goroutine runs until it waits at a blocking operation, takes a loop's
// back edge, or finishes; where a branch cannot be decided, the state forks.
//
// The code is split by concern: Interpreter.cpp (control flow, resuming
// waits), Expressions.cpp (the statement visitor), Memory.cpp (cells and
// copies), Calls.cpp (calls, constructors, goroutines, runtime effects),
// StdLibrary.cpp, StdContainers.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef GOLIFE_LIB_EVAL_INTERPRETER_H
#define GOLIFE_LIB_EVAL_INTERPRETER_H

#include "../runtime/Api.h"
#include "../runtime/Scheduler.h"
#include "DeadVariables.h"
#include "StaticVariables.h"
#include "StdLibrary.h"
#include "golife/Analysis.h"
#include "clang/AST/StmtVisitor.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>

namespace clang {
class ASTContext;
} // namespace clang

namespace golife::eval {

using namespace golife::runtime;

/// \p E's source text in quotes, for a note; \p Otherwise when it is too
/// long to quote.
std::string quoted(const clang::ASTContext &Ctx, const clang::Expr *E,
                   llvm::StringRef Otherwise);

class Interpreter : private clang::ConstStmtVisitor<Interpreter> {
  friend class clang::StmtVisitorBase<llvm::make_const_ptr, Interpreter, void>;

public:
  Interpreter(clang::ASTContext &Ctx, const AnalysisOptions &Options,
              StaticVariables &Statics)
      : Ctx(Ctx), Options(Options), Statics(Statics) {}

  /// A state where \p Root is about to run as the only goroutine, with
  /// unknown arguments.
  State start(const clang::FunctionDecl &Root);

  /// Runs goroutine \p P of \p S (which must be runnable) and appends the
  /// states where it stops to \p Out. Paths that panic are reported to
  /// Panics and end there.
  void run(const State &S, ProcId P, std::vector<State> &Out);

  /// Completes the wait of goroutine \p R.P in \p S: the call it waited at
  /// takes its result, and it is runnable again.
  void resume(State &S, const Resume &R);
  /// Carries out in \p Next what runtime step \p T does to the goroutines'
  /// code: the waits it completes, the afterFunc functions it starts.
  void complete(State &Next, const Transition &T);

  /// Set once the code did something the analysis cannot follow; the
  /// caller must then stay silent about this root.
  bool gaveUp() const { return !GaveUpReason.empty(); }
  /// Why the analysis gave up, for --trace style diagnostics.
  const std::string &gaveUpReason() const { return GaveUpReason; }
  std::vector<PanicSite> Panics;
  /// Operations met that may happen after one they must precede.
  std::vector<UnorderedSite> Unordered;
  /// The objects whose state the runtime's calls of the last run() read or
  /// changed, beyond the waits they registered: the partial-order
  /// reduction (lib/explore/Reduction.h) compares them with what the other
  /// goroutines can reach. Recorded only when Options.Reduce is set.
  std::vector<ObjId> Operated;
  /// Whether loop heads forget the locals written in the loop that only
  /// delay alarms (DeadVariables::onlyDelaysAlarms): their alarms then have
  /// unknown deadlines. The explorer turns it off when an alarm with an
  /// unknown deadline meets another one, whose order it could change.
  bool WidenDelays = true;
  /// Set once a loop head forgot such a local's known value.
  bool WidenedDelays = false;

  /// The function interpreted so far whose graph holds \p S (a lambda's
  /// call operator for a statement of its body), or null.
  const clang::FunctionDecl *functionHolding(const clang::Stmt *S) const;

private:
  clang::ASTContext &Ctx;
  const AnalysisOptions &Options;
  StaticVariables &Statics;
  const clang::FunctionDecl *RootFunction = nullptr;
  std::string GaveUpReason;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<clang::CFG>>
      Graphs;
  DeadVariables Dead;

  // The goroutine being run.
  State *S = nullptr;
  ProcId P = 0;
  std::vector<State> *Forks = nullptr;

  Process &proc() { return S->Processes[P]; }
  Frame &frame() { return proc().Stack.back(); }
  void giveUp(std::string Reason) {
    if (GaveUpReason.empty())
      GaveUpReason = std::move(Reason);
  }

  // Interpreter.cpp: control flow.
  const clang::CFG *graphOf(const clang::FunctionDecl *FD);
  bool step();
  bool finishBlock();
  /// The successors of the current block, deciding its condition; forks
  /// the state when the condition cannot be decided.
  std::vector<const clang::CFGBlock *> branch();
  void exec(const clang::CFGElement &Element);
  /// Makes goroutine \p Id of \p St wait at the head of \p Loop: a
  /// scheduling point, so that loops revisit states; locals whose value can
  /// never matter are forgotten there.
  void enterLoopHead(State &St, ProcId Id, const clang::Stmt *Loop);
  void wait(Pending W) { proc().Wait = std::move(W); }
  void panic(const clang::Expr *Site, std::string Message, OpKind Op);
  /// Resumes a select at case \p Index.
  void resumeSelect(const Pending &W, unsigned Index, Value Received, bool Ok);

  // Expressions.cpp: the statement visitor.
  void eval(const clang::Stmt *St) { Visit(St); }
  Value valueOf(const clang::Expr *E);
  void set(const clang::Stmt *St, Value V) { frame().Env[St] = V; }
  void VisitStmt(const clang::Stmt *St);
  void VisitDeclStmt(const clang::DeclStmt *DS);
  void VisitReturnStmt(const clang::ReturnStmt *Return);
  void VisitIntegerLiteral(const clang::IntegerLiteral *E);
  void VisitCXXBoolLiteralExpr(const clang::CXXBoolLiteralExpr *E);
  void VisitCharacterLiteral(const clang::CharacterLiteral *E);
  void VisitCXXNullPtrLiteralExpr(const clang::CXXNullPtrLiteralExpr *E);
  void VisitGNUNullExpr(const clang::GNUNullExpr *E);
  void VisitDeclRefExpr(const clang::DeclRefExpr *E);
  void VisitCastExpr(const clang::CastExpr *Cast);
  void VisitParenExpr(const clang::ParenExpr *E);
  void VisitFullExpr(const clang::FullExpr *E);
  void VisitMaterializeTemporaryExpr(const clang::MaterializeTemporaryExpr *E);
  void VisitCXXBindTemporaryExpr(const clang::CXXBindTemporaryExpr *E);
  void
  VisitCXXRewrittenBinaryOperator(const clang::CXXRewrittenBinaryOperator *E);
  void VisitUnaryOperator(const clang::UnaryOperator *UO);
  void VisitBinaryOperator(const clang::BinaryOperator *BO);
  void
  VisitAbstractConditionalOperator(const clang::AbstractConditionalOperator *E);
  void VisitCallExpr(const clang::CallExpr *CE) { call(CE); }
  void VisitCXXConstructExpr(const clang::CXXConstructExpr *CE) {
    construct(CE);
  }
  void VisitMemberExpr(const clang::MemberExpr *ME) { set(ME, member(ME)); }
  void VisitCXXThisExpr(const clang::CXXThisExpr *E);
  void VisitStringLiteral(const clang::StringLiteral *E);
  void VisitLambdaExpr(const clang::LambdaExpr *Lambda);
  void VisitCXXNewExpr(const clang::CXXNewExpr *New);
  void VisitCXXDefaultInitExpr(const clang::CXXDefaultInitExpr *E);
  void VisitInitListExpr(const clang::InitListExpr *Init);
  Value declRef(const clang::ValueDecl *D);
  void declare(const clang::VarDecl *Var);
  Value member(const clang::MemberExpr *ME);
  /// The cell of base \p BaseType of the record \p Derived refers to, when
  /// that base holds a value of its own: a lambda base's closure (an
  /// overloaded visitor's alternative), a runtime type's object (made when
  /// first used: a zero mutex, WaitGroup, ...).
  std::optional<Value> baseValue(const Value &Derived,
                                 clang::QualType BaseType);
  /// The comparison of two pointers; nothing when it cannot be told.
  std::optional<bool> pointersEqual(const Value &L, const Value &R);
  /// The field of a lambda's class that captures \p D (or `this`).
  const clang::FieldDecl *captureField(const clang::ValueDecl *D);

  // Statics.cpp: function-local statics and internal globals.
  /// Makes the globals the analysis follows, in their order, from their
  /// initializers; one whose initializer it cannot evaluate stays unknown.
  void initializeGlobals();
  /// Runs the declaration of local static \p Var: makes it the first time.
  void declareStatic(const clang::VarDecl *Var);
  /// The value a variable of static storage of type \p T holds once
  /// \p Init (maybe none) ran; nothing when the analysis cannot tell.
  std::optional<Value> staticValue(clang::QualType T, const clang::Expr *Init);
  /// Gives record \p Made the fields of \p Record and its bases, from
  /// their default member initializers; false when one cannot be told.
  bool initializeFields(CellId Made, const clang::CXXRecordDecl *Record);
  /// The value of \p Init, an expression outside any CFG, evaluated on the
  /// current frame; nothing when it needs more than the runtime's calls
  /// and constructors (control flow, calls of the program's functions).
  std::optional<Value> evaluateDetached(const clang::Expr *Init);
  void evaluateTree(const clang::Stmt *St);
  /// The statics that \p Callable (when it is one), handed to code the
  /// analysis cannot see, may use: their objects escape.
  void escapeStaticsOf(const Value &Callable);
  /// Once a root other than main has returned, the rest of the program
  /// can use every static: their objects escape.
  void escapeStaticsAfterRoot();

  // Memory.cpp: cells and copies.
  CellId fieldCell(CellId Record, const clang::FieldDecl *Field);
  /// A std::pair record of \p PairType holding \p First and \p Second.
  CellId makePair(clang::QualType PairType, Value First, Value Second);
  Value defaultValue(clang::QualType T, const clang::Expr *Site);
  /// A value of type \p T that code the analysis cannot see made: an
  /// integer is a new symbol, a record is Lent (its fields are made up when
  /// read), anything else is unknown.
  Value madeUp(clang::QualType T);
  /// What code the analysis cannot see may have changed since: the integers
  /// in borrowed cells become new symbols.
  void forgetBorrowedIntegers();
  CellId copyCell(CellId From);
  /// The value an object of type \p T initialised from \p V holds: records
  /// are copied, references alias, everything else is loaded.
  Value copyFor(clang::QualType T, const Value &V);
  /// A new cell for an object of type \p T initialised from \p V (or, for
  /// a reference, the cell it refers to).
  CellId cellFor(clang::QualType T, const Value &V);
  void store(const Value &Target, const Value &V);
  /// Hands \p V to code the analysis cannot see: the objects it reaches
  /// escape, and so do the statics of the callables it reaches, which that
  /// code may run at any time.
  void handOut(const Value &V);
  /// What the cells a caller lent by reference hold escapes: the caller
  /// can reach it (a channel stored into an `out` parameter).
  void escapeBorrowed();
  Value load(const Value &V) const { return runtime::load(*S, V); }
  void note(const clang::Expr *Site, std::string Message,
            std::string ProcessKey);

  // Calls.cpp: calls, constructors, goroutines and the runtime's effects.
  void call(const clang::CallExpr *CE);
  void memberCall(const clang::CXXMemberCallExpr *Member,
                  std::vector<Value> Args);
  /// The object a member call runs on (`p->f()`: what p points to).
  Value thisOf(const clang::CXXMemberCallExpr *Member);
  void construct(const clang::CXXConstructExpr *CE);
  /// Hands a call of the runtime's API to its handler and applies the
  /// effect; false when \p FD is not the runtime's.
  bool runtimeCall(const clang::CallExpr *CE, const clang::FunctionDecl *FD);
  void apply(const Effect &E, const clang::Expr *Site);
  void unknownCall(const clang::Expr *Site, llvm::ArrayRef<Value> Args);
  /// Calls \p Callee; a closure runs \p Operator when given (a generic
  /// lambda's instance, an overloaded visitor's alternative).
  bool invoke(const Value &Callee, llvm::ArrayRef<Value> Args,
              const clang::Expr *CallSite, Value This = {},
              const clang::CXXMethodDecl *Operator = nullptr);
  bool pushFrame(const clang::FunctionDecl *FD, llvm::ArrayRef<Value> Args,
                 const clang::Expr *CallSite, Value This, CellId Captures);
  void popFrame();
  void spawn(const clang::Expr *Site, const Value &Callee,
             llvm::ArrayRef<Value> Args);
  /// Starts \p Callee with \p Args in a new goroutine named \p Key,
  /// spawned at \p Site; one the analysis cannot start escapes, with what
  /// it is given.
  void startGoroutine(const clang::Expr *Site, Value Callee,
                      llvm::ArrayRef<Value> Args, std::string Key);
  std::vector<Value> argumentValues(llvm::ArrayRef<const clang::Expr *> Args);

  // StdLibrary.cpp: the standard library's part.
  /// Models a call of the standard library; false when it is not one the
  /// model knows.
  bool stdCall(const clang::CallExpr *CE, std::vector<Value> &Args);
  /// Models a constructor of the standard library; false when it is not one
  /// the model knows.
  bool stdConstruct(const clang::CXXConstructExpr *CE,
                    std::vector<Value> &Args);
  /// The cell of part \p Index of \p Whole, a std::pair record or a
  /// std::tuple container of type \p T the analysis built.
  std::optional<Value> partOf(const Value &Whole, clang::QualType T,
                              unsigned Index);
  /// Models `std::tie(a, b) = pair`; false for any other assignment.
  bool assignTie(const clang::CXXOperatorCallExpr *Assign);

  // StdContainers.cpp: standard containers, their iterators, and strings.
  /// Models a call on a container the analysis follows, one of its
  /// iterators, or strings; false when it is none of these.
  bool containerCall(const clang::CallExpr *CE, std::vector<Value> &Args);
  /// Models a constructor of a container, an iterator or a string; false
  /// for any other.
  bool containerConstruct(const clang::CXXConstructExpr *CE,
                          std::vector<Value> &Args);
  bool containerMethod(const clang::CallExpr *CE, CellId Container,
                       ContainerKind K, llvm::StringRef Name,
                       clang::QualType Type, std::vector<Value> &Args);
  bool iteratorCall(const clang::CallExpr *CE, std::vector<Value> &Args);
  /// The element an iterator (or a pointer into a std::array) is at.
  Value elementAt(const Value &Position);
  Value movedBy(const Value &Position, int64_t By);
  /// Whether two iterators of one container are at the same element.
  std::optional<bool> samePosition(const Value &L, const Value &R);
  bool stringCall(const clang::CallExpr *CE, std::vector<Value> &Args);
  Value emptyContainer();
  /// The container cell \p V refers to, if the analysis follows it.
  std::optional<CellId> containerCell(const Value &V);
  /// The type of a container's elements (a map's: its pairs).
  clang::QualType elementType(clang::QualType Container);
  /// What `T()` holds: zero, or a record from its default member
  /// initializers; unknown when that would run the program's code.
  Value valueInitialized(clang::QualType T);
  /// A new element of type \p ElementType made from \p Args.
  CellId makeElement(clang::QualType ElementType, llvm::ArrayRef<Value> Args);
  /// Adds an element made from \p Args (a keyed container: unless its key
  /// is there); false when the element type is not known.
  bool addElement(const clang::Expr *Site, CellId Container, ContainerKind K,
                  clang::QualType ElementType, llvm::ArrayRef<Value> Args);
  void copyElements(CellId Into, CellId From);
  /// Adds the elements of the std::initializer_list \p List; false when
  /// one cannot be made.
  bool fillFromList(const clang::Expr *Site, CellId Container, ContainerKind K,
                    clang::QualType ElementType, const clang::Expr *List);
  Value keyOf(CellId Element, ContainerKind K);
  /// The index of the element with key \p Key; \p Decided is false when a
  /// key could not be compared with it.
  std::optional<int64_t> findKey(CellId Container, ContainerKind K,
                                 const Value &Key, bool &Decided);
  /// Inserts \p Element where its key orders it; returns its index.
  int64_t insertElement(CellId Container, ContainerKind K, CellId Element,
                        const Value &Key);
  /// The index of key \p Key's element, inserting one from \p MakeElement
  /// when it is not there and \p Insert is set; -1 when it is not there;
  /// nothing when the analysis cannot tell.
  std::optional<int64_t> keyedSlot(const clang::Expr *Site, CellId Container,
                                   ContainerKind K, const Value &Key,
                                   bool Insert,
                                   llvm::function_ref<CellId()> MakeElement);
  /// Hands the container to unseen code and stops following it.
  void forgetContainer(CellId Container);
  /// Gives the unknown container \p Self of type \p Type, which call \p CE
  /// on \p Object looks into, a size: none here, one and two in forks that
  /// run the call again. Nothing when it cannot.
  std::optional<CellId> giveSize(const clang::CallExpr *CE,
                                 const clang::Expr *Object, const Value &Self,
                                 ContainerKind K, clang::QualType Type);
  /// Makes cell \p Container a container of \p Size unknown elements.
  void fillUnknown(CellId Container, ContainerKind K,
                   clang::QualType ElementType, unsigned Size);
  /// Forgets what the borrowed containers hold: the goroutine synchronised
  /// with code the analysis cannot see, which may have changed them.
  void forgetBorrowed();

  // StdPointers.cpp: smart pointers and std::optional, containers of at
  // most one element.
  /// Makes smart pointer \p Holder own the object at \p Address, or none.
  void hold(CellId Holder, std::optional<Value> Address);
  /// Makes optional \p Holder hold a \p T made from \p V.
  void holdValue(CellId Holder, clang::QualType T, const Value &V);
  /// A new \p T made from \p Args as `new T(args)` would (a constructor's
  /// frame may still have to run); nothing when the analysis cannot tell
  /// which constructor runs.
  std::optional<Value> newObject(clang::QualType T, llvm::ArrayRef<Value> Args);
  bool makeHolder(const clang::CallExpr *CE, std::vector<Value> &Args);
  /// A std::array of type \p T from \p Items, the rest default-initialised;
  /// unknown when it is too large.
  Value arrayOf(clang::QualType T, llvm::ArrayRef<const clang::Expr *> Items);
  /// std::tuple's constructors and std::make_tuple: a container of its
  /// parts, one per type.
  bool tupleConstruct(const clang::Expr *Site, clang::QualType T,
                      std::vector<Value> &Args);
  // StdVariant.cpp: std::variant, a container of the one alternative it
  // holds, and std::visit.
  std::optional<unsigned> heldAlternative(CellId Variant);
  void holdAlternative(CellId Variant, clang::QualType T, unsigned Index,
                       const Value &V);
  bool variantConstruct(const clang::CXXConstructExpr *CE,
                        std::vector<Value> &Args);
  bool variantAssign(const clang::CXXOperatorCallExpr *Assign, CellId Variant,
                     std::vector<Value> &Args);
  /// std::get, get_if, holds_alternative and visit of a variant the
  /// analysis follows.
  bool variantCall(const clang::CallExpr *CE, std::vector<Value> &Args);
  /// Runs the call operator of \p Visitor that takes an \p Alternative.
  bool visitAlternative(const clang::CallExpr *CE, const Value &Visitor,
                        clang::QualType Alternative, const Value &Held);
  bool holderConstruct(const clang::CXXConstructExpr *CE,
                       std::vector<Value> &Args, ContainerKind K);
  /// `p == nullptr`, `o != std::nullopt`.
  bool holderCompare(const clang::CallExpr *CE, std::vector<Value> &Args);
  bool holderMethod(const clang::CallExpr *CE, CellId Holder, ContainerKind K,
                    llvm::StringRef Name, clang::QualType Type,
                    std::vector<Value> &Args);
};

} // namespace golife::eval

#endif
