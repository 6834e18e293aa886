//===- State.h - One state of a program under exploration -----------------===//
//
// A state holds every goroutine (its call stack, down to the CFG element it
// runs next, and what it waits for), the memory they share (cells), the
// runtime's objects (one typed struct per primitive) and the pending timers.
// States are values: the explorer copies one for each transition it tries.
// Every layer of the core shares this vocabulary: lib/runtime changes the
// objects, timers and waits; lib/eval the frames and cells; lib/explore
// hashes and compares whole states.
//
//===----------------------------------------------------------------------===//
#ifndef GOLIFE_LIB_RUNTIME_STATE_H
#define GOLIFE_LIB_RUNTIME_STATE_H

#include "golife/Problem.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/Analysis/CFG.h"
#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace golife::runtime {

using CellId = uint32_t;
using ObjId = uint32_t;
using ProcId = uint32_t;

/// No object (a free mutex's holder, a context that is never done).
constexpr ObjId NoObject = ~0u;
/// A select case on a channel the analysis cannot see.
constexpr ObjId UnknownChannel = ~1u;
constexpr ProcId NoProcess = ~0u;

/// What an expression evaluates to.
struct Value {
  enum class Kind : uint8_t {
    Unknown,  ///< anything: the analysis does not know
    Int,      ///< integers, booleans, durations (in nanoseconds)
    Sym,      ///< an unknown integer that stays the same (a parameter)
    Cond,     ///< Sym <Opcode> Int, maybe Negated: one test taken twice agrees
    Object,   ///< a handle of a runtime object (channel, WaitGroup, ...)
    NilChan,  ///< the nil channel (Int = 1 when it is background().done())
    Cell,     ///< the address of a cell: lvalues, references, pointers
    Closure,  ///< a lambda: Decl = its LambdaExpr, Id = its capture cell
    Function, ///< a function: Decl = its FunctionDecl
    Case,     ///< a select case: Int = CaseKind, Id = channel, Aux = the cell
              ///< of the value a send case sends; Decl set when the nil
              ///< channel is a never-done context's
    Iterator, ///< a range-for iterator over channel Id; Int = 1 while open
    Position, ///< an iterator into the container cell Id, at its element
              ///< Int (its size: end())
    Text,     ///< a string's characters: Decl = their interned copy
  };
  Kind K = Kind::Unknown;
  bool Negated = false; ///< Cond
  int32_t Opcode = 0;   ///< Cond: a clang::BinaryOperatorKind
  int64_t Int = 0;
  uint32_t Id = 0;
  uint32_t Aux = 0;
  const void *Decl = nullptr;

  static Value unknown() { return {}; }
  static Value integer(int64_t I) { return {Kind::Int, false, 0, I}; }
  static Value object(ObjId O) { return {Kind::Object, false, 0, 0, O}; }
  static Value cell(CellId C) { return {Kind::Cell, false, 0, 0, C}; }
  bool is(Kind Other) const { return K == Other; }
  bool operator==(const Value &) const = default;
};

enum CaseKind : int64_t { CaseRecv, CaseSend, CaseDefault };

/// A storage location: a value, or the fields of a record.
struct Cell {
  Value V;
  bool IsRecord = false;
  std::vector<std::pair<const clang::FieldDecl *, CellId>> Fields;
  /// Base subobjects that hold a value of their own, each in a cell: a
  /// lambda's closure (an overloaded visitor's alternative), or a runtime
  /// object (a struct that embeds a mutex, as Go embeds sync.Mutex).
  /// Other bases' fields are among Fields.
  std::vector<std::pair<const clang::CXXRecordDecl *, CellId>> ValueBases;
  /// A record a constructor made: its dynamic type, for virtual calls.
  const clang::CXXRecordDecl *Class = nullptr;
  /// A standard container the analysis follows (a record too): the cells of
  /// its elements, in the order iteration visits them (lib/eval/StdContainers).
  bool IsContainer = false;
  std::vector<CellId> Elements;
  /// Code the analysis cannot see holds it too: a caller's object lent by
  /// reference, or a cell handed to unseen code. That code may change it
  /// whenever it can synchronise with the analysed goroutines, and can
  /// reach whatever is stored into it.
  bool Borrowed = false;
  /// A record made by code the analysis cannot see (a parameter, an unknown
  /// call's result): each field is made up the first time it is read, an
  /// integer as a symbol, so two reads agree (lib/eval/Memory.cpp).
  bool Lent = false;
};

// The runtime's primitives, one struct each (their rules: lib/runtime/*.cpp).
struct Channel {
  int64_t Capacity = 0;
  std::vector<Value> Buffer;
  bool Closed = false;
  bool operator==(const Channel &) const = default;
};
struct WaitGroup {
  int64_t Counter = 0;
  bool operator==(const WaitGroup &) const = default;
};
/// Mutex and RWMutex.
struct Mutex {
  ProcId Writer = NoProcess; ///< the goroutine holding it for writing
  /// RWMutex: the writer that called lock() while no writer held it; until
  /// it holds the lock, no new reader gets in (Go's writer preference).
  ProcId Claimed = NoProcess;
  int64_t Readers = 0;
  bool operator==(const Mutex &) const = default;
};
struct Cond {
  ObjId Mutex = NoObject;
  /// The goroutines waiting for a signal; a signal may wake any of them, so
  /// their order does not matter (canonical states sort them).
  std::vector<ProcId> Waiters;
  bool operator==(const Cond &) const = default;
};
struct Once {
  bool Ran = false;
  bool operator==(const Once &) const = default;
};
/// A Ticker, or the ticker behind go::tick.
struct Ticker {
  ObjId C = NoObject;
  int64_t Period = -1; ///< nanoseconds; -1 when unknown
  bool Stopped = false;
  bool operator==(const Ticker &) const = default;
};
struct Timer {
  ObjId C = NoObject; ///< none for afterFunc's
  bool Stopped = false;
  Value Func; ///< afterFunc: what runs in a goroutine of its own on firing
  bool operator==(const Timer &) const = default;
};
struct Context {
  ObjId Done = NoObject;   ///< its done() channel; none: never done
  ObjId Parent = NoObject; ///< the context it derives from
  bool Cancelled = false;
  bool operator==(const Context &) const = default;
};
struct CancelFunc {
  ObjId Context = NoObject;
  bool Called = false;
  bool operator==(const CancelFunc &) const = default;
};
/// A go::defer guard: Callee runs when it is destroyed.
struct Deferred {
  Value Callee;
  bool Ran = false;
  bool operator==(const Deferred &) const = default;
};
/// std::lock_guard / unique_lock / scoped_lock of one mutex.
struct LockGuard {
  ObjId Mutex = NoObject;
  bool Released = false;
  bool operator==(const LockGuard &) const = default;
};

struct Object {
  std::variant<Channel, WaitGroup, Mutex, Cond, Once, Ticker, Timer, Context,
               CancelFunc, Deferred, LockGuard>
      Data;
  const clang::Expr *Made = nullptr; ///< where it was created
  bool Escaped = false;              ///< code the analysis cannot see has it
  bool operator==(const Object &) const = default;

  template <typename T> bool is() const {
    return std::holds_alternative<T>(Data);
  }
  template <typename T> T &as() { return std::get<T>(Data); }
  template <typename T> const T &as() const { return std::get<T>(Data); }
  template <typename T> T *getAs() { return std::get_if<T>(&Data); }
  template <typename T> const T *getAs() const { return std::get_if<T>(&Data); }

  /// An obligation (stop the ticker, call the cancel function) not yet met.
  bool isUnmetObligation() const {
    if (Escaped)
      return false;
    if (const auto *T = getAs<Ticker>())
      return !T->Stopped;
    if (const auto *C = getAs<CancelFunc>())
      return !C->Called;
    return false;
  }

  /// Calls \p Visit on every object id this object refers to, by reference
  /// when the object is not const, so that a renumbering can rewrite them.
  template <typename F> void forEachLink(F &&Visit) { linksOf(*this, Visit); }
  template <typename F> void forEachLink(F &&Visit) const {
    linksOf(*this, Visit);
  }
  /// Calls \p Visit on every value this object holds, likewise.
  template <typename F> void forEachValue(F &&Visit) { valuesOf(*this, Visit); }
  template <typename F> void forEachValue(F &&Visit) const {
    valuesOf(*this, Visit);
  }

private:
  template <typename Self, typename F> static void linksOf(Self &O, F &Visit) {
    std::visit(
        [&](auto &Primitive) {
          using T = std::decay_t<decltype(Primitive)>;
          if constexpr (std::is_same_v<T, Cond> || std::is_same_v<T, LockGuard>)
            Visit(Primitive.Mutex);
          else if constexpr (std::is_same_v<T, Ticker> ||
                             std::is_same_v<T, Timer>)
            Visit(Primitive.C);
          else if constexpr (std::is_same_v<T, Context>) {
            Visit(Primitive.Done);
            Visit(Primitive.Parent);
          } else if constexpr (std::is_same_v<T, CancelFunc>)
            Visit(Primitive.Context);
        },
        O.Data);
  }
  template <typename Self, typename F> static void valuesOf(Self &O, F &Visit) {
    if (auto *C = O.template getAs<Channel>())
      for (auto &V : C->Buffer)
        Visit(V);
    if (auto *D = O.template getAs<Deferred>())
      Visit(D->Callee);
    if (auto *T = O.template getAs<Timer>())
      Visit(T->Func);
  }
};

/// A pending alarm: a sleeping goroutine's wake-up, an after() channel's
/// value, a ticker's next tick, a Timer's firing, or a context's deadline.
struct Alarm {
  enum class Kind : uint8_t { Sleep, After, Tick, TimerFire, Deadline };
  Kind K;
  int64_t Due = 0;     ///< absolute virtual time; -1 when unknown (any time)
  uint32_t Target = 0; ///< process (Sleep) or object
  bool operator==(const Alarm &) const = default;
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

/// How a goroutine's pending call takes its result when it completes.
enum class ResultShape : uint8_t {
  Plain,     ///< the value received (or nothing)
  PairOk,    ///< recvOk(): std::pair<T, bool>
  Begin,     ///< begin() of a range-for: an iterator
  Increment, ///< ++it of a range-for: the iterator, updated in place
};

/// What a goroutine waits at, between two runs of its own code.
struct Pending {
  enum class Kind : uint8_t {
    None,      ///< runnable
    Send,      ///< Values[0] <- Values[1]
    Recv,      ///< <-Values[0]; Values[1]: the iterator's cell (Increment)
    Select,    ///< the select's cases, from the call at Site
    WaitGroup, ///< wait on Values[0]
    Lock,      ///< lock Values[0] (Reader: RLock)
    CondWait,  ///< waiting for a signal of Values[0]; Values[1] its mutex
    Signal,    ///< signals Values[0]: the runtime's step picks the waiter
    Sleep,     ///< until its alarm fires
    LoopHead,  ///< took a loop's back edge: just a scheduling point
    Yield,     ///< called go::yield(): just a scheduling point
  };
  Kind K = Kind::None;
  OpKind Op = OpKind::Other;
  const clang::Expr *Site = nullptr;
  const clang::Stmt *Loop = nullptr;
  std::vector<Value> Values;
  bool Reader = false;                    ///< Lock: a read lock
  ResultShape Shape = ResultShape::Plain; ///< Recv: how the result is taken
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
  ObjId Object = NoObject; ///< for "made here": which object
  std::string ProcessKey;  ///< for "spawned here": which goroutine
  bool operator==(const Event &) const = default;
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
  std::vector<Alarm> Alarms;
  std::vector<Assumption> Assumptions;
  /// Function-local statics and internal globals the analysis follows
  /// (lib/eval/StaticVariables.h): every goroutine can name them.
  std::map<const clang::VarDecl *, CellId> Statics;
  int64_t Now = 0;
  uint32_t NextSymbol = 0;
  std::vector<Event> Events; ///< not part of the state's identity

  /// A panic ended the program: no goroutine is left.
  bool ended() const { return Processes.empty(); }

  /// Records \p E as the latest event; the same event met again (in a
  /// loop) moves there, so that the events stay as many as their sites.
  void record(Event E) {
    llvm::erase(Events, E);
    Events.push_back(std::move(E));
  }

  CellId newCell(Value V = {}) {
    Cells.push_back(Cell{V});
    return Cells.size() - 1;
  }
  CellId newRecord() {
    Cells.push_back(Cell{{}, true});
    return Cells.size() - 1;
  }
  /// An unknown integer no other value is known to equal.
  Value newSymbol() { return {Value::Kind::Sym, false, 0, 0, NextSymbol++}; }
  template <typename Primitive>
  ObjId newObject(Primitive P, const clang::Expr *Site) {
    Objects.push_back(Object{std::move(P), Site});
    return Objects.size() - 1;
  }
};

/// What \p V holds when it is the address of a scalar cell; else \p V.
inline Value load(const State &S, const Value &V) {
  if (V.is(Value::Kind::Cell) && !S.Cells[V.Id].IsRecord)
    return S.Cells[V.Id].V;
  return V;
}

/// Makes every object reachable from \p V escaped, and every cell borrowed:
/// code the analysis cannot see may use them at any time, and read what is
/// stored into those cells later.
void escape(State &S, const Value &V);

/// The cells and objects reachable from some roots of a state: through a
/// cell's value and fields, an object's links and the values it holds (a
/// channel's buffer, a deferred callee).
class Reach {
public:
  explicit Reach(const State &S)
      : S(S), Cells(S.Cells.size()), Objects(S.Objects.size()) {}

  void from(const Value &V);
  /// Everything goroutine \p P can use: its frames, what it waits on and,
  /// while it runs, the statics.
  void fromProcess(const Process &P);

  /// Adds the contexts derived from a context reached: cancelling the
  /// parent cancels them too.
  void fromDerivedContexts();

  bool cell(CellId C) const { return C < Cells.size() && Cells[C]; }
  bool object(ObjId O) const { return O < Objects.size() && Objects[O]; }
  const std::vector<bool> &cells() const { return Cells; }
  const std::vector<bool> &objects() const { return Objects; }

private:
  const State &S;
  std::vector<bool> Cells, Objects;
  std::vector<Value> Work;
};

/// What the goroutines \p Helps selects, the pending alarms and code
/// outside the analysis (escaped objects) can reach in \p S, or change
/// through what they reach.
template <typename Selector> Reach reachOf(const State &S, Selector Helps) {
  Reach Reached(S);
  for (ProcId Q = 0; Q < S.Processes.size(); ++Q)
    if (Helps(Q))
      Reached.fromProcess(S.Processes[Q]);
  for (const Alarm &A : S.Alarms)
    if (A.K != Alarm::Kind::Sleep)
      Reached.from(Value::object(A.Target));
  for (ObjId O = 0; O < S.Objects.size(); ++O)
    if (S.Objects[O].Escaped)
      Reached.from(Value::object(O));
  Reached.fromDerivedContexts();
  return Reached;
}

} // namespace golife::runtime

#endif
