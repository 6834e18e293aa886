//===- State.h - One state of a program under exploration -----------------===//
//
// A state holds every goroutine (its call stack, down to the CFG element it
// runs next), the memory they share (cells) and the runtime's objects
// (channels, WaitGroups, mutexes, timers, contexts). States are values: the
// explorer copies one for each transition it tries.
//
//===----------------------------------------------------------------------===//
#ifndef GOLIFE_LIB_EXPLORE_STATE_H
#define GOLIFE_LIB_EXPLORE_STATE_H

#include "golife/Problem.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/Analysis/CFG.h"
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace golife::explore {

using CellId = uint32_t;
using ObjId = uint32_t;
using ProcId = uint32_t;

/// What an expression evaluates to.
struct Value {
  enum class Kind : uint8_t {
    Unknown,  ///< anything: the analysis does not know
    Int,      ///< integers, booleans, durations (in nanoseconds)
    Sym,      ///< an unknown integer that stays the same (a parameter)
    Cond,     ///< Sym <op> Int, so that one test taken twice agrees
    Object,   ///< a handle of a runtime object (channel, WaitGroup, ...)
    NilChan,  ///< the nil channel (Int = 1 when it is background().done())
    Cell,     ///< the address of a cell: lvalues, references, pointers
    Closure,  ///< a lambda: Decl = its LambdaExpr, Id = its capture cell
    Function, ///< a function: Decl = its FunctionDecl
    Case,     ///< a select case: Int = CaseKind, Id = channel (or ~0u)
    Iterator, ///< a range-for iterator over channel Id; Int = 1 while open
  };
  Kind K = Kind::Unknown;
  int64_t Int = 0;
  uint32_t Id = 0;
  const void *Decl = nullptr;

  static Value unknown() { return {}; }
  static Value integer(int64_t I) { return {Kind::Int, I, 0, nullptr}; }
  static Value object(ObjId O) { return {Kind::Object, 0, O, nullptr}; }
  static Value cell(CellId C) { return {Kind::Cell, 0, C, nullptr}; }
  bool is(Kind Other) const { return K == Other; }
  bool operator==(const Value &) const = default;
};

enum CaseKind : int64_t { CaseRecv, CaseSend, CaseDefault };

/// A storage location: a value, or the fields of a record.
struct Cell {
  Value V;
  bool IsRecord = false;
  std::vector<std::pair<const clang::FieldDecl *, CellId>> Fields;
  /// A record a constructor made: its dynamic type, for virtual calls.
  const clang::CXXRecordDecl *Class = nullptr;
};

struct Object {
  enum class Kind : uint8_t {
    Chan,
    WaitGroup,
    Mutex,
    Cond,
    Ticker,
    Timer,
    Context,
    Cancel,
    Once,
    Defer, ///< a go::defer guard: Callee runs when it is destroyed
    Guard, ///< std::lock_guard / unique_lock: Target is the mutex
  };
  Kind K;
  const clang::Expr *Made = nullptr; ///< where it was created
  bool Escaped = false;              ///< code the analysis cannot see has it
  // Chan: capacity, buffered values, closed.
  int64_t Capacity = 0;
  std::vector<Value> Buffer;
  bool Closed = false;
  // WaitGroup counter; Mutex holder (~0u when free) and readers.
  int64_t Count = 0;
  ProcId Holder = ~0u;
  bool Done = false; ///< Once ran; Cancel called; Ticker/Timer stopped
  // Ticker/Timer: channel C; Context: done channel (~0u: never done) and
  // parent; Cancel: its context; Guard: its mutex; Cond: its mutex.
  ObjId Target = ~0u;
  ObjId Parent = ~0u;
  Value Callee;                ///< Defer: the function to run; Once: unused
  std::vector<ProcId> Waiters; ///< Cond: goroutines waiting for a signal
};

/// A pending timer: a sleeping goroutine, an after() channel, a ticker's
/// next tick, a Timer, or a context's deadline.
struct Timer {
  enum class Kind : uint8_t { Sleep, After, Tick, TimerFire, Deadline };
  Kind K;
  int64_t Due = 0;     ///< absolute virtual time; -1 when unknown (any time)
  uint32_t Target = 0; ///< process (Sleep) or object
  bool operator==(const Timer &) const = default;
};

/// One activation of a function (or lambda body) in a goroutine.
struct Frame {
  const clang::FunctionDecl *Function = nullptr;
  const clang::CFG *Graph = nullptr;
  const clang::CFGBlock *Block = nullptr;
  unsigned Element = 0;
  std::map<const clang::ValueDecl *, CellId> Locals;
  std::map<const clang::Stmt *, Value> Env;
  Value This;
  CellId Captures = ~0u; ///< a lambda's capture cell
  Value ReturnValue;
  const clang::Expr *CallSite = nullptr; ///< where the caller takes the result
  /// Branches taken for && || ?: in this frame, by their expression.
  std::map<const clang::Stmt *, bool> Decisions;
  /// The return statement it ran, for notes; not part of the state's
  /// identity, like the events.
  const clang::ReturnStmt *Returned = nullptr;
};

/// What a goroutine waits at, between two runs of its own code.
struct Pending {
  enum class Kind : uint8_t {
    None,      ///< runnable
    Send,      ///< Objects[0] <- Values[0]
    Recv,      ///< <-Objects[0] (RecvOk: also ok; Range: range-for)
    Select,    ///< the select's cases, from the call at Site
    WaitGroup, ///< wait on Objects[0]
    Lock,      ///< lock Objects[0] (RLock: Int = 1)
    CondWait,  ///< waiting for a signal of Objects[0]
    Sleep,     ///< until its timer fires
    LoopHead,  ///< took a loop's back edge: just a scheduling point
  };
  Kind K = Kind::None;
  OpKind Op = OpKind::Other;
  const clang::Expr *Site = nullptr;
  const clang::Stmt *Loop = nullptr;
  std::vector<Value> Values;
  int64_t Int = 0;
};

struct Process {
  std::string Key;      ///< stable across states: parent key + spawn index
  unsigned Spawned = 0; ///< how many goroutines this one has spawned
  const clang::Expr *SpawnSite = nullptr;
  std::vector<Frame> Stack; ///< empty once finished
  Pending Wait;
  const clang::Stmt *LastLoop = nullptr;
  bool isFinished() const { return Stack.empty(); }
};

/// One of the event notes a finding may carry.
struct Event {
  clang::SourceLocation Loc;
  std::string Message;
  ObjId Object = ~0u;     ///< for "made here": which object
  std::string ProcessKey; ///< for "spawned here": which goroutine
};

/// A branch taken on "symbol <opcode> constant": later tests agree.
struct Assumption {
  uint32_t Sym;
  int Opcode;
  int64_t Constant;
  bool Holds;
  bool operator==(const Assumption &) const = default;
};

struct State {
  std::vector<Process> Processes;
  std::vector<Cell> Cells;
  std::vector<Object> Objects;
  std::vector<Timer> Timers;
  std::vector<Assumption> Assumptions;
  int64_t Now = 0;
  uint32_t NextSymbol = 0;
  std::vector<Event> Events; ///< not part of the state's identity
};

} // namespace golife::explore

#endif
