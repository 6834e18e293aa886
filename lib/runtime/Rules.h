//===- Rules.h - The runtime's handlers and shared rules (internal) -------===//
//
// Declares what each file of lib/runtime defines, file for file like
// runtime-model/src: Chan.cpp (channels, select), Sync.cpp (WaitGroup,
// Mutex, RWMutex, Cond, Once), Time.cpp (sleep, after, tickers, timers),
// Context.cpp (cancel trees), Goroutines.cpp (spawn, run, yield, panic,
// defer). Api.cpp names each handler in the API table.
//
//===----------------------------------------------------------------------===//
#ifndef GOLIFE_LIB_RUNTIME_RULES_H
#define GOLIFE_LIB_RUNTIME_RULES_H

#include "Api.h"

namespace golife::runtime {

// Chan.cpp
Effect makeChan(Call &C);
Effect chanSend(Call &C);
Effect chanRecv(Call &C);
Effect chanRecvOk(Call &C);
Effect chanBegin(Call &C);
Effect chanIteratorNext(Call &C);
Effect chanClose(Call &C);
Effect chanIsNil(Call &C);
Effect unknownResult(Call &C);
Effect caseRecv(Call &C);
Effect caseSend(Call &C);
Effect caseDefault(Call &C);
Effect select(Call &C);
void closeChannel(State &S, ObjId Chan);

// Sync.cpp
Effect waitGroupAdd(Call &C);
Effect waitGroupDone(Call &C);
Effect waitGroupWait(Call &C);
Effect mutexLock(Call &C);
Effect mutexRLock(Call &C);
Effect mutexUnlock(Call &C);
Effect mutexRUnlock(Call &C);
Effect mutexTryLock(Call &C);
Effect condWait(Call &C);
Effect condSignal(Call &C);
Effect condBroadcast(Call &C);
Effect onceRun(Call &C);
/// Unlocks \p M; the panic to raise when it was not locked (a write lock,
/// or a read lock when \p Reader).
std::optional<Effect> unlock(State &S, ObjId M, bool Reader);
/// Wakes waiter \p Index of Cond \p Signalled: it leaves the Cond's waiters
/// and waits to take the mutex back.
void wakeWaiter(State &S, ObjId Signalled, size_t Index);

// Time.cpp
Effect sleep(Call &C);
Effect after(Call &C);
Effect tick(Call &C);
Effect newTicker(Call &C);
Effect newTimer(Call &C);
Effect tickerStop(Call &C);
Effect tickerReset(Call &C);
Effect timerStop(Call &C);
Effect timerReset(Call &C);
/// Schedules an alarm \p Delay (a duration value) from now.
void addAlarm(State &S, Alarm::Kind K, const Value &Delay, uint32_t Target);

// Context.cpp
Effect background(Call &C);
Effect withCancel(Call &C);
Effect withTimeout(Call &C);
Effect withDeadline(Call &C);
Effect contextDone(Call &C);
void cancelContext(State &S, ObjId Context);

// Goroutines.cpp
Effect spawn(Call &C);
Effect run(Call &C);
Effect yield(Call &C);
Effect exitByPanic(Call &C);
Effect defer(Call &C);
Effect afterFunc(Call &C);

} // namespace golife::runtime

#endif
