//===- Interpreter.h - Runs one goroutine's code between scheduling points ===//
#ifndef GOLIFE_LIB_EXPLORE_INTERPRETER_H
#define GOLIFE_LIB_EXPLORE_INTERPRETER_H

#include "State.h"
#include "golife/Analysis.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>

namespace clang {
class ASTContext;
} // namespace clang

namespace golife::explore {

/// A runtime panic reached on some path (the program dies there).
struct PanicSite {
  const clang::Expr *Site;
  std::string Message;
  OpKind Op;
};

/// Executes goroutines over Clang's CFGs: expressions are evaluated in CFG
/// order, calls to functions with bodies are followed, the runtime's API is
/// modelled (never entered), and everything else is unknown. A goroutine
/// runs until it waits at a blocking operation, takes a loop's back edge,
/// or finishes; where a branch cannot be decided, the state forks.
class Interpreter {
public:
  Interpreter(clang::ASTContext &Ctx, const AnalysisOptions &Options)
      : Ctx(Ctx), Options(Options) {}

  /// A state where \p Root is about to run as the only goroutine, with
  /// unknown arguments.
  State start(const clang::FunctionDecl &Root);

  /// Runs goroutine \p P of \p S (which must be runnable) and appends the
  /// states where it stops to \p Out. Paths that panic are reported to
  /// Panics and end there.
  void run(const State &S, ProcId P, std::vector<State> &Out);

  /// Set once the code did something the analysis cannot follow; the
  /// caller must then stay silent about this root.
  bool gaveUp() const { return !GaveUpReason.empty(); }
  /// Why the analysis gave up, for --trace style diagnostics.
  const std::string &gaveUpReason() const { return GaveUpReason; }
  std::vector<PanicSite> Panics;

  // Runtime semantics shared with the explorer.
  void closeChannel(State &S, ObjId Chan);
  void cancelContext(State &S, ObjId Context);
  /// Makes every object reachable from \p V escaped.
  void escape(State &S, const Value &V);
  Value load(const State &S, const Value &V) const;

  // Completing a goroutine's wait (it then runs on from there).
  /// A receive (or range step) of \p Received; \p Ok false once closed.
  void completeRecv(State &S, ProcId P, Value Received, bool Ok);
  /// Case \p Index of a select; for a receive case, what it received.
  void completeSelect(State &S, ProcId P, unsigned Index, Value Received,
                      bool Ok);
  /// What case \p Index of the select goroutine \p P waits at sends.
  Value sentBySelect(State &S, ProcId P, unsigned Index);
  /// Any other wait (send, WaitGroup, lock, sleep).
  void complete(State &S, ProcId P);

private:
  clang::ASTContext &Ctx;
  const AnalysisOptions &Options;
  std::string GaveUpReason;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<clang::CFG>>
      Graphs;

  // The goroutine being run.
  State *S = nullptr;
  ProcId P = 0;
  std::vector<State> *Forks = nullptr;

  Process &proc() { return S->Processes[P]; }
  Frame &frame() { return proc().Stack.back(); }

  const clang::CFG *graphOf(const clang::FunctionDecl *FD);
  bool step();
  bool finishBlock();
  void exec(const clang::CFGElement &Element);
  void eval(const clang::Stmt *St);
  Value valueOf(const clang::Expr *E);
  /// Models `std::tie(a, b) = pair`; false for any other assignment.
  bool assignTie(const clang::CXXOperatorCallExpr *Assign);
  void set(const clang::Stmt *St, Value V) { frame().Env[St] = V; }
  void giveUp(std::string Reason) {
    if (GaveUpReason.empty())
      GaveUpReason = std::move(Reason);
  }

  /// Points the interpreter at goroutine \p Id of \p St.
  void enter(State &St, ProcId Id) {
    S = &St;
    P = Id;
  }
  CellId newCell(Value V = {});
  CellId newRecord();
  CellId fieldCell(CellId Record, const clang::FieldDecl *Field);
  /// A std::pair record of \p PairType holding \p First and \p Second.
  CellId makePair(clang::QualType PairType, Value First, Value Second);
  Value defaultValue(clang::QualType T, const clang::Expr *Site);
  CellId copyCell(CellId From);
  /// The value an object of type \p T initialised from \p V holds: records
  /// are copied, references alias, everything else is loaded.
  Value copyFor(clang::QualType T, const Value &V);
  /// A new cell for an object of type \p T initialised from \p V (or, for
  /// a reference, the cell it refers to).
  CellId cellFor(clang::QualType T, const Value &V);
  ObjId newObject(Object::Kind K, const clang::Expr *Site);
  void store(const Value &Target, const Value &V);
  void declare(const clang::VarDecl *Var);
  Value declRef(const clang::ValueDecl *D);
  Value member(const clang::MemberExpr *ME);
  void unary(const clang::UnaryOperator *UO);
  void binary(const clang::BinaryOperator *BO);
  void call(const clang::CallExpr *CE);
  void construct(const clang::CXXConstructExpr *CE);
  bool apiCall(const clang::CallExpr *CE, const clang::FunctionDecl *FD);
  void unknownCall(const clang::Expr *Site, llvm::ArrayRef<Value> Args);
  bool invoke(const Value &Callee, llvm::ArrayRef<Value> Args,
              const clang::Expr *CallSite, Value This = {});
  bool pushFrame(const clang::FunctionDecl *FD, llvm::ArrayRef<Value> Args,
                 const clang::Expr *CallSite, Value This, CellId Captures);
  void popFrame();
  void wait(Pending W);
  void panic(const clang::Expr *Site, std::string Message, OpKind Op);
  void spawn(const clang::CallExpr *CE, const Value &Callee,
             llvm::ArrayRef<Value> Args);
  void addTimer(Timer::Kind K, const Value &Delay, uint32_t Target);
  void note(const clang::Expr *Site, std::string Message, ObjId Object = ~0u,
            std::string ProcessKey = {});
  std::vector<Value> argumentValues(llvm::ArrayRef<const clang::Expr *> Args);
  void unlock(ObjId Mutex, const clang::Expr *Site, bool Reader);
};

} // namespace golife::explore

#endif
