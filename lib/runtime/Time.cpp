//===- Time.cpp - sleep, after, tickers and timers on a virtual clock -----===//
//
// Time is virtual, as in runtime-model/src/time.cpp: it moves only when no
// goroutine can run, straight to the next alarm. An alarm with an unknown
// delay may fire at any time.
//
//   sleep(d):     the goroutine waits for its alarm.
//   after(d):     a channel (capacity 1) that receives one value at now + d.
//   Ticker:       [ ticking ] --stop()--> [ stopped ] --reset(d)--> ticking
//                 each period its channel receives a value if it has room;
//                 never stopped while its owner is done: a leak.
//   tick(d):      a ticker nobody can stop; for d <= 0, a nil channel.
//   newTicker(d): for d <= 0, a panic.
//   Timer:        like after(), with stop() and reset().
//   afterFunc(d, f): a Timer without a channel: when it fires, f starts in
//                 a goroutine of its own (the explorer asks the evaluator
//                 to start it: Transition::Started).
//
//===----------------------------------------------------------------------===//

#include "Rules.h"
#include <go/panic_messages.h>

namespace golife::runtime {

void addAlarm(State &S, Alarm::Kind K, const Value &Delay, uint32_t Target) {
  Value D = load(S, Delay);
  int64_t Due =
      D.is(Value::Kind::Int) ? S.Now + std::max<int64_t>(D.Int, 0) : -1;
  S.Alarms.push_back({K, Due, Target});
}

/// Whether the duration \p D is known to be zero or negative.
static bool nonPositive(const Value &D) {
  return D.is(Value::Kind::Int) && D.Int <= 0;
}

Effect sleep(Call &C) {
  Value D = C.arg(0);
  if (nonPositive(D))
    return Effect::returns();
  addAlarm(C.S, Alarm::Kind::Sleep, D, C.Caller);
  return Effect::block(Pending{Pending::Kind::Sleep, OpKind::Other, C.Site});
}

/// A channel of capacity 1 that alarms fill.
static ObjId timeChannel(Call &C) {
  ObjId Chan = C.S.newObject(Channel{}, C.Site);
  C.S.Objects[Chan].as<Channel>().Capacity = 1;
  return Chan;
}

static int64_t periodOf(const Value &D) {
  return D.is(Value::Kind::Int) ? D.Int : -1;
}

Effect after(Call &C) {
  ObjId Chan = timeChannel(C);
  addAlarm(C.S, Alarm::Kind::After, C.arg(0), Chan);
  return Effect::returns(Value::object(Chan));
}

/// A ticker whose period is the first argument, ticking into a new
/// channel; \p Note says where it was created.
static ObjId startTicker(Call &C, const char *Note) {
  ObjId Chan = timeChannel(C);
  ObjId Made = C.S.newObject(Ticker{Chan, periodOf(C.arg(0))}, C.Site);
  addAlarm(C.S, Alarm::Kind::Tick, C.arg(0), Made);
  C.note(Note, Made);
  return Made;
}

Effect tick(Call &C) {
  if (nonPositive(C.arg(0)))
    return Effect::returns(Value{Value::Kind::NilChan});
  ObjId Made = startTicker(C, "ticker created here, never stopped");
  return Effect::returns(Value::object(C.S.Objects[Made].as<Ticker>().C));
}

Effect newTicker(Call &C) {
  if (nonPositive(C.arg(0)))
    return Effect::panic(go::panic_messages::NonPositiveNewTicker,
                         OpKind::Other);
  return Effect::returns(Value::object(startTicker(C, "ticker created here")));
}

Effect newTimer(Call &C) {
  ObjId Chan = timeChannel(C);
  ObjId Made = C.S.newObject(Timer{Chan}, C.Site);
  addAlarm(C.S, Alarm::Kind::TimerFire, C.arg(0), Made);
  return Effect::returns(Value::object(Made));
}

Effect afterFunc(Call &C) {
  if (C.Args.size() < 2)
    return Effect::unknown(C.Args);
  ObjId Made = C.S.newObject(Timer{NoObject, false, C.arg(1)}, C.Site);
  addAlarm(C.S, Alarm::Kind::TimerFire, C.arg(0), Made);
  return Effect::returns(Value::object(Made));
}

/// Stops the receiver's alarm and, for a reset, schedules a new one; the
/// result tells whether an alarm was pending.
static Effect stopOrReset(Call &C, bool Stop) {
  Value Self = C.self();
  if (!C.known(Self))
    return Effect::returns();
  bool WasPending = false;
  llvm::erase_if(C.S.Alarms, [&](const Alarm &A) {
    bool Mine = (A.K == Alarm::Kind::Tick || A.K == Alarm::Kind::TimerFire) &&
                A.Target == Self.Id;
    WasPending |= Mine;
    return Mine;
  });
  Object &O = C.S.Objects[Self.Id];
  if (auto *T = O.getAs<Ticker>()) {
    T->Stopped = Stop;
    if (!Stop) {
      T->Period = periodOf(C.arg(0));
      addAlarm(C.S, Alarm::Kind::Tick, C.arg(0), Self.Id);
    }
  } else if (auto *T = O.getAs<Timer>()) {
    T->Stopped = Stop;
    if (!Stop)
      addAlarm(C.S, Alarm::Kind::TimerFire, C.arg(0), Self.Id);
  }
  return Effect::returns(Value::integer(WasPending));
}

Effect tickerStop(Call &C) { return stopOrReset(C, true); }
Effect tickerReset(Call &C) { return stopOrReset(C, false); }
Effect timerStop(Call &C) { return stopOrReset(C, true); }
Effect timerReset(Call &C) { return stopOrReset(C, false); }

std::optional<ObjId> timerChannel(const State &S, ObjId O) {
  if (const auto *T = S.Objects[O].getAs<Ticker>(); T && T->C != NoObject)
    return T->C;
  if (const auto *T = S.Objects[O].getAs<Timer>(); T && T->C != NoObject)
    return T->C;
  return std::nullopt;
}

} // namespace golife::runtime
