//===- Sync.cpp - WaitGroup, Mutex, RWMutex, Cond, Once -------------------===//
//
// After Go's sync package (runtime-model/src/sync.cpp is the executable
// version):
//
//   WaitGroup:  counter --add(n)/done()--> counter + n; below 0: panic;
//               wait() blocks until the counter is 0.
//
//   Mutex:      [ free ] --lock()--> [ held by g ] --unlock()--> [ free ]
//                  |                     | lock() by anyone: blocks
//                  +--unlock(): panic    |
//               RWMutex also: rlock() adds a reader while no writer holds
//               it or has claimed it; a writer waiting in lock() while
//               readers are inside may claim it (a step of its own, like
//               taking it), which holds off new readers, and takes it once
//               they have left: a reader that locks again while a writer
//               waits deadlocks, as in Go.
//
//   Cond:       wait() unlocks its mutex and waits for a signal; signal()
//               wakes any one waiter, broadcast() all; a woken waiter
//               locks the mutex again before wait() returns.
//
//   Once:       run(f) runs f the first time only.
//
// Taking a free mutex, and which waiter a signal wakes, are the
// exploration's choices (Scheduler.cpp).
//
//===----------------------------------------------------------------------===//

#include "Rules.h"
#include <go/panic_messages.h>

namespace golife::runtime {

static Effect addToCounter(Call &C, const Value &Delta) {
  Value Self = C.self();
  if (!C.known(Self))
    return Effect::returns();
  if (!Delta.is(Value::Kind::Int)) {
    C.S.Objects[Self.Id].Escaped = true;
    return Effect::returns();
  }
  int64_t &Counter = C.S.Objects[Self.Id].as<WaitGroup>().Counter;
  // Go: an add that starts from zero must happen before the wait(). One
  // while another goroutine already waits may as well come after it.
  bool AfterWait = Counter == 0 && Delta.Int > 0 &&
                   llvm::any_of(C.S.Processes, [&](const Process &Q) {
                     return Q.Wait.K == Pending::Kind::WaitGroup &&
                            Q.Wait.Values[0].Id == Self.Id;
                   });
  Counter += Delta.Int;
  if (Counter < 0)
    return Effect::panic(go::panic_messages::NegativeWaitGroup,
                         OpKind::WaitGroupAdd);
  Effect Added = Effect::returns();
  Added.Unordered = AfterWait;
  Added.Op = OpKind::WaitGroupAdd;
  return Added;
}

Effect waitGroupAdd(Call &C) { return addToCounter(C, C.arg(0)); }
Effect waitGroupDone(Call &C) { return addToCounter(C, Value::integer(-1)); }

/// The goroutine waits at \p K on the receiver, when the analysis sees it.
static Effect waitOnSelf(Call &C, Pending::Kind K, OpKind Op,
                         bool Reader = false) {
  Value Self = C.self();
  if (!C.known(Self))
    return Effect::returns();
  Pending W{K, Op, C.Site};
  W.Values = {Self};
  W.Reader = Reader;
  return Effect::block(std::move(W));
}

Effect waitGroupWait(Call &C) {
  return waitOnSelf(C, Pending::Kind::WaitGroup, OpKind::WaitGroupWait);
}
Effect mutexLock(Call &C) {
  return waitOnSelf(C, Pending::Kind::Lock, OpKind::Lock);
}
Effect mutexRLock(Call &C) {
  return waitOnSelf(C, Pending::Kind::Lock, OpKind::Lock, /*Reader=*/true);
}

std::optional<Effect> unlock(State &S, ObjId M, bool Reader) {
  Object &O = S.Objects[M];
  Mutex *Locked = O.getAs<Mutex>();
  if (O.Escaped || !Locked) // not a mutex the analysis follows
    return std::nullopt;
  Mutex &Held = *Locked;
  if (Reader ? Held.Readers == 0 : Held.Writer == NoProcess)
    return Effect::panic(Reader ? go::panic_messages::RUnlockOfUnlocked
                                : go::panic_messages::UnlockOfUnlocked,
                         OpKind::Unlock);
  if (Reader)
    --Held.Readers;
  else
    Held.Writer = NoProcess;
  return std::nullopt;
}

static Effect unlockSelf(Call &C, bool Reader) {
  Value Self = C.self();
  if (C.known(Self))
    if (std::optional<Effect> Panic = unlock(C.S, Self.Id, Reader))
      return *Panic;
  return Effect::returns();
}

Effect mutexUnlock(Call &C) { return unlockSelf(C, false); }
Effect mutexRUnlock(Call &C) { return unlockSelf(C, true); }

Effect mutexTryLock(Call &C) {
  Value Self = C.self();
  if (!C.known(Self))
    return Effect::returns();
  Mutex &M = C.S.Objects[Self.Id].as<Mutex>();
  if (M.Writer != NoProcess || M.Claimed != NoProcess || M.Readers > 0)
    return Effect::returns(Value::integer(0));
  M.Writer = C.Caller;
  return Effect::returns(Value::integer(1));
}

Value makeCond(State &S, const Value &Mutex, const clang::Expr *Site) {
  ObjId Made = S.newObject(Cond{}, Site);
  if (Mutex.is(Value::Kind::Object))
    S.Objects[Made].as<Cond>().Mutex = Mutex.Id;
  else
    S.Objects[Made].Escaped = true;
  return Value::object(Made);
}

Effect condWait(Call &C) {
  Value Self = C.self();
  if (!C.known(Self) || C.S.Objects[Self.Id].as<Cond>().Mutex == NoObject)
    return Effect::returns();
  Cond &Waited = C.S.Objects[Self.Id].as<Cond>();
  ObjId M = Waited.Mutex;
  Waited.Waiters.push_back(C.Caller);
  if (std::optional<Effect> Panic = unlock(C.S, M, false))
    return *Panic;
  Pending W{Pending::Kind::CondWait, OpKind::CondWait, C.Site};
  W.Values = {Self, Value::object(M)};
  return Effect::block(std::move(W));
}

void wakeWaiter(State &S, ObjId Signalled, size_t Index) {
  std::vector<ProcId> &Waiters = S.Objects[Signalled].as<Cond>().Waiters;
  Pending &Wait = S.Processes[Waiters[Index]].Wait;
  Wait.K = Pending::Kind::Lock;
  Wait.Values = {Wait.Values[1]};
  Wait.Reader = false;
  Waiters.erase(Waiters.begin() + Index);
}

Effect condSignal(Call &C) {
  Value Self = C.self();
  if (!C.known(Self))
    return Effect::returns();
  size_t Waiting = C.S.Objects[Self.Id].as<Cond>().Waiters.size();
  // Go wakes any one waiter: with several, the signaller waits for the
  // runtime's step that chooses it (one transition per waiter).
  if (Waiting > 1) {
    Pending W{Pending::Kind::Signal, OpKind::Other, C.Site};
    W.Values = {Self};
    return Effect::block(std::move(W));
  }
  if (Waiting == 1)
    wakeWaiter(C.S, Self.Id, 0);
  return Effect::returns();
}

Effect condBroadcast(Call &C) {
  Value Self = C.self();
  if (!C.known(Self))
    return Effect::returns();
  while (!C.S.Objects[Self.Id].as<Cond>().Waiters.empty())
    wakeWaiter(C.S, Self.Id, 0);
  return Effect::returns();
}

Effect onceRun(Call &C) {
  Value Self = C.self();
  if (!C.known(Self))
    return Effect::unknown(C.Args);
  Once &O = C.S.Objects[Self.Id].as<Once>();
  if (O.Ran)
    return Effect::returns();
  O.Ran = true;
  if (C.Args.empty())
    return Effect::unknown(C.Args);
  return Effect::invoke(C.Args[0], C.Args);
}

std::optional<std::pair<Value, Pending>>
makeLockGuard(State &S, const Value &M, const clang::Expr *Site) {
  if (!M.is(Value::Kind::Object) || S.Objects[M.Id].Escaped)
    return std::nullopt;
  ObjId Guard = S.newObject(LockGuard{M.Id}, Site);
  Pending Lock{Pending::Kind::Lock, OpKind::Lock, Site};
  Lock.Values = {M};
  return std::make_pair(Value::object(Guard), std::move(Lock));
}

} // namespace golife::runtime
