//===- Api.h - What the runtime's calls do --------------------------------===//
//
// golife never enters the runtime's bodies: each call of its API is looked
// up, by qualified name, in one table whose rows hold the call's name and
// its handler (as clang's StreamChecker does with a CallDescriptionMap). A
// handler applies Go's rule to the runtime's objects and returns an Effect
// on the calling goroutine; lib/eval applies that effect to the C++ state.
//
//===----------------------------------------------------------------------===//
#ifndef GOLIFE_LIB_RUNTIME_API_H
#define GOLIFE_LIB_RUNTIME_API_H

#include "State.h"
#include <string>

namespace golife::runtime {

/// One call of the runtime's API, as the evaluator hands it to a handler.
struct Call {
  State &S;
  ProcId Caller;
  const clang::CallExpr *Site;
  /// The object a method is called on, as evaluated (usually its cell).
  Value Receiver;
  /// The arguments written out, as evaluated (not loaded).
  std::vector<Value> Args;

  /// The receiver's value: a runtime object's handle.
  Value self() const { return load(S, Receiver); }
  Value arg(unsigned I) const {
    return I < Args.size() ? load(S, Args[I]) : Value{};
  }
  /// Whether \p V is a handle of an object no unseen code can touch.
  bool known(const Value &V) const {
    return V.is(Value::Kind::Object) && !S.Objects[V.Id].Escaped;
  }
  /// A note for findings about \p Object ("channel made here").
  void note(std::string Message, ObjId Object) const;
};

/// What a runtime call does to the goroutine that makes it.
struct Effect {
  enum class Kind : uint8_t {
    Return,  ///< the call returns Result
    Pair,    ///< the call returns std::pair{Result, Second}
    Block,   ///< the goroutine waits at Wait
    Panic,   ///< the runtime panics: Message, Op; the program ends
    Exit,    ///< go::panic: the program ends by the user's choice
    Spawn,   ///< a new goroutine runs Callee(Args)
    Invoke,  ///< the calling goroutine runs Callee(), whose result is the
             ///< call's; when it cannot, Callee and Args escape
    Unknown, ///< code the analysis cannot see runs: Args escape
  };
  Kind K = Kind::Return;
  Value Result, Second;
  Pending Wait;
  const char *Message = nullptr;
  OpKind Op = OpKind::Other;
  Value Callee;
  std::vector<Value> Args;
  /// The call (an Op) may happen after an operation it must precede.
  bool Unordered = false;

  static Effect returns(Value V = {}) { return {Kind::Return, V}; }
  static Effect pair(Value First, Value Second) {
    return {Kind::Pair, First, Second};
  }
  static Effect block(Pending W) {
    Effect E{Kind::Block};
    E.Wait = std::move(W);
    return E;
  }
  static Effect panic(const char *Message, OpKind Op) {
    Effect E{Kind::Panic};
    E.Message = Message;
    E.Op = Op;
    return E;
  }
  static Effect unknown(std::vector<Value> Escaping) {
    Effect E{Kind::Unknown};
    E.Args = std::move(Escaping);
    return E;
  }
  static Effect invoke(Value Callee, std::vector<Value> Escaping) {
    Effect E{Kind::Invoke};
    E.Callee = Callee;
    E.Args = std::move(Escaping);
    return E;
  }

  /// Whether the call only waits: it registers an offer or a wait that the
  /// scheduler completes, and changes no object.
  bool onlyWaits() const {
    switch (Wait.K) {
    case Pending::Kind::Send:
    case Pending::Kind::Recv:
    case Pending::Kind::Select:
    case Pending::Kind::Lock:
    case Pending::Kind::WaitGroup:
      return K == Kind::Block;
    default:
      return false;
    }
  }
};

using Handler = Effect (*)(Call &);

/// The handler of \p FD when it is a function of the runtime's API.
Handler handlerOf(const clang::FunctionDecl *FD);
/// Whether \p FD is go::caseRecv, whose reference arguments receive.
bool isCaseRecv(const clang::FunctionDecl *FD);
/// Whether \p FD is go::caseSend.
bool isCaseSend(const clang::FunctionDecl *FD);
/// Whether a call handled by \p H may read or change the state of the
/// objects it is given, beyond registering the wait it blocks at. Making
/// cases, channels or goroutines, and calls whose result the model leaves
/// unknown, do not: the partial-order reduction relies on it.
bool usesObjectState(Handler H);
/// Whether the translation unit calls go::caseDefault: only then can a
/// goroutine offering to send or receive take a select's default away.
bool unitUsesDefaultCase(clang::ASTContext &Ctx);
/// Whether the translation unit declares the runtime's API (it includes
/// <go/go.h>): without it, its code can neither make nor hold a runtime
/// object.
bool unitDeclaresRuntime(clang::ASTContext &Ctx);

/// The runtime's types whose values the analysis models.
enum class RuntimeType {
  None,
  Chan,
  ChanIterator,
  WaitGroup,
  Mutex, ///< Mutex and RWMutex
  Cond,
  Once,
  Ticker,
  Timer,
  Context,
  Defer,
};

/// Which runtime type \p T is (references and qualifiers looked through).
RuntimeType runtimeTypeOf(clang::QualType T);

/// Whether \p D is declared by the runtime (namespace go), whose bodies the
/// analysis never enters.
bool isRuntimeDecl(const clang::Decl *D);

/// The value a default-constructed object of runtime type \p T holds: a new
/// object made at \p Site, the nil channel, or unknown.
Value zeroValue(State &S, RuntimeType T, const clang::Expr *Site);

/// A Cond made at \p Site over \p Mutex (unknown: the Cond escapes).
Value makeCond(State &S, const Value &Mutex, const clang::Expr *Site);

/// A lock guard over \p Mutex made at \p Site, and the lock it waits for.
/// Nothing when the mutex is not one the analysis sees.
std::optional<std::pair<Value, Pending>>
makeLockGuard(State &S, const Value &Mutex, const clang::Expr *Site);

/// What destroying object \p O does (a go::defer runs its function, a lock
/// guard unlocks); Return when nothing.
Effect destroy(State &S, ObjId O);

/// Calls the cancel function \p Cancel.
void callCancel(State &S, ObjId Cancel);

/// The channel Ticker::C or Timer::C of object \p O, if it is one.
std::optional<ObjId> timerChannel(const State &S, ObjId O);

} // namespace golife::runtime

#endif
