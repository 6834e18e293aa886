//===- ApiModel.h - What the runtime's declarations mean ------------------===//
//
// The one table that tells golife what each function of the Go-style runtime
// does, recognised by qualified name on its declaration (never by reading the
// runtime's bodies). Another runtime is described by another table.
//
//===----------------------------------------------------------------------===//
#ifndef GOLIFE_APIMODEL_H
#define GOLIFE_APIMODEL_H

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

/// What \p FD is in the runtime's API, or ApiFunction::None.
ApiFunction apiFunctionOf(const clang::FunctionDecl *FD);

/// Whether \p D is declared by the runtime (namespace go), whose bodies the
/// analysis never enters.
bool isRuntimeDecl(const clang::Decl *D);

} // namespace golife

#endif
