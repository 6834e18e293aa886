// time on the virtual clock. Timers live in the scheduler's heap; a Timer or
// Ticker handle shares its TimerCore with that heap.
#include "scheduler.h"

#include <go/panic_messages.h>
#include <go/time.h>

#include <stdexcept>

namespace go {
namespace {

using detail::Scheduler;
using detail::TimerCore;

Scheduler &schedulerFor(const char *what) {
  Scheduler *s = Scheduler::current();
  if (s == nullptr) {
    throw std::logic_error(std::string("go: ") + what +
                           " needs the virtual clock of go::run");
  }
  return *s;
}

// The channel of a Timer or Ticker: one slot, filled without blocking; a
// value nobody has received yet makes the next one drop.
Chan<Time> makeTimeChan(std::source_location loc) {
  return makeChan<Time>(1, loc);
}

// The pending timer owns its channel, as in Go: `go::after(d)` hands out
// the only other handle, which may be gone long before the timer fires.
std::function<void(Time)> sendTimeOn(const Chan<Time> &c) {
  return [c](Time t) { detail::chanTrySendFromRuntime(*c.core(), &t); };
}

} // namespace

Time now(std::source_location loc) { return VirtualClock::now(loc); }

Duration since(Time t, std::source_location loc) { return now(loc) - t; }

void sleep(Duration d, std::source_location loc) {
  if (!detail::enter(loc) || d <= Duration{0}) {
    return;
  }
  Scheduler &s = schedulerFor("sleep");
  detail::Goroutine *self = s.running();
  auto wake = std::make_shared<TimerCore>([&s, self](Time) { s.ready(self); },
                                          loc, /*isTicker=*/false);
  s.startTimer(wake, s.now() + d);
  s.park(GoroutineState::Sleep, loc);
}

void Ticker::stop(std::source_location loc) const {
  if (detail::enter(loc) && core_ != nullptr) {
    schedulerFor("Ticker.stop").stopTimer(*core_);
  }
}

void Ticker::reset(Duration d, std::source_location loc) const {
  if (!detail::enter(loc) || core_ == nullptr) {
    return;
  }
  if (d <= Duration{0}) {
    throw Panic(panic_messages::NonPositiveTickerReset);
  }
  Scheduler &s = schedulerFor("Ticker.reset");
  s.startTimer(core_, s.now() + d, d);
}

bool Timer::stop(std::source_location loc) const {
  return detail::enter(loc) && core_ != nullptr &&
         schedulerFor("Timer.stop").stopTimer(*core_);
}

bool Timer::reset(Duration d, std::source_location loc) const {
  if (!detail::enter(loc) || core_ == nullptr) {
    return false;
  }
  Scheduler &s = schedulerFor("Timer.reset");
  const bool wasActive = core_->active();
  s.startTimer(core_, s.now() + d);
  return wasActive;
}

Ticker newTicker(Duration d, std::source_location loc) {
  if (!detail::enter(loc)) {
    return {};
  }
  if (d <= Duration{0}) {
    throw Panic(panic_messages::NonPositiveNewTicker);
  }
  Scheduler &s = schedulerFor("newTicker");
  Chan<Time> c = makeTimeChan(loc);
  auto core =
      std::make_shared<TimerCore>(sendTimeOn(c), loc, /*isTicker=*/true);
  s.startTimer(core, s.now() + d, d);
  return {core, c};
}

Timer newTimer(Duration d, std::source_location loc) {
  if (!detail::enter(loc)) {
    return {};
  }
  Scheduler &s = schedulerFor("newTimer");
  Chan<Time> c = makeTimeChan(loc);
  auto core =
      std::make_shared<TimerCore>(sendTimeOn(c), loc, /*isTicker=*/false);
  s.startTimer(core, s.now() + d);
  return {core, c};
}

Timer afterFunc(Duration d, std::function<void()> f, std::source_location loc) {
  if (!detail::enter(loc)) {
    return {};
  }
  Scheduler &s = schedulerFor("afterFunc");
  auto core = std::make_shared<TimerCore>(
      [&s, f = std::move(f), loc](Time) { s.spawn(detail::bindTask(f), loc); },
      loc, /*isTicker=*/false);
  s.startTimer(core, s.now() + d);
  return {core, Chan<Time>()};
}

Chan<Time> after(Duration d, std::source_location loc) {
  return newTimer(d, loc).C;
}

Chan<Time> tick(Duration d, std::source_location loc) {
  if (d <= Duration{0}) {
    return {};
  }
  return newTicker(d, loc).C;
}

} // namespace go
