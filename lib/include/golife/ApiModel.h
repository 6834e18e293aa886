//===- ApiModel.h - What the runtime's declarations mean ------------------===//
//
// The one table that tells golife what each function of the Go-style runtime
// does, recognised by qualified name on its declaration (never by reading the
// runtime's bodies). Another runtime is described by another table.
//
//===----------------------------------------------------------------------===//
#ifndef GOLIFE_APIMODEL_H
#define GOLIFE_APIMODEL_H

#include "clang/AST/Type.h"

namespace clang {
class Decl;
class FunctionDecl;
} // namespace clang

namespace golife {

enum class ApiFunction {
  None,
  // Goroutines and scheduling.
  Spawn,
  Run,
  Yield,
  Panic,
  // Channels.
  MakeChan,
  ChanSend,
  ChanRecv,
  ChanRecvOk,
  ChanClose,
  ChanBegin,
  ChanEnd,
  ChanLen,
  ChanCap,
  ChanIsNil,
  ChanIteratorNext,  ///< ++it of a range-for over a channel: receives
  ChanIteratorValue, ///< *it
  // Select.
  Select,
  CaseRecv,
  CaseSend,
  CaseDefault,
  // sync.
  WaitGroupAdd,
  WaitGroupDone,
  WaitGroupWait,
  MutexLock,
  MutexUnlock,
  MutexTryLock,
  MutexRLock,
  MutexRUnlock,
  CondWait,
  CondSignal,
  CondBroadcast,
  OnceRun,
  Defer,
  // time.
  Sleep,
  After,
  Tick,
  NewTicker,
  TickerStop,
  TickerReset,
  NewTimer,
  TimerStop,
  TimerReset,
  AfterFunc,
  // context.
  Background,
  Todo,
  WithCancel,
  WithTimeout,
  WithDeadline,
  ContextDone,
  ContextErr,
};

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

/// What \p FD is in the runtime's API, or ApiFunction::None.
ApiFunction apiFunctionOf(const clang::FunctionDecl *FD);

/// Which runtime type \p T is (references and qualifiers looked through).
RuntimeType runtimeTypeOf(clang::QualType T);

/// Whether \p D is declared by the runtime (namespace go), whose bodies the
/// analysis never enters.
bool isRuntimeDecl(const clang::Decl *D);

} // namespace golife

#endif
