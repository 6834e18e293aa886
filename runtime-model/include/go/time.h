// Package time on the virtual clock: sleep, after, tick, Ticker, Timer.
#pragma once

#include <go/chan.h>
#include <go/core.h>

#include <functional>
#include <memory>
#include <source_location>

namespace go {

Time now(std::source_location loc = std::source_location::current());
Duration since(Time t,
               std::source_location loc = std::source_location::current());
// d <= 0 returns at once, still a scheduling point.
void sleep(Duration d,
           std::source_location loc = std::source_location::current());

namespace detail {
class TimerCore; // a pending entry in the scheduler's timer heap
} // namespace detail

// time.Ticker: C receives the time every period; it holds one tick and drops
// the ticks nobody receives in time.
class Ticker {
public:
  Ticker() = default;
  Ticker(std::shared_ptr<detail::TimerCore> core, Chan<Time> c)
      : C(std::move(c)), core_(std::move(core)) {}

  void stop(std::source_location loc = std::source_location::current()) const;
  // Panics if d <= 0.
  void reset(Duration d,
             std::source_location loc = std::source_location::current()) const;

  Chan<Time> C; // NOLINT(readability-identifier-naming): Go's name

private:
  std::shared_ptr<detail::TimerCore> core_;
};

// time.Timer: C receives the time once, when it fires.
class Timer {
public:
  Timer() = default;
  Timer(std::shared_ptr<detail::TimerCore> core, Chan<Time> c)
      : C(std::move(c)), core_(std::move(core)) {}

  // True if the call stops the timer, false if it had fired or was stopped.
  bool stop(std::source_location loc = std::source_location::current()) const;
  // True if the timer had been active.
  bool reset(Duration d,
             std::source_location loc = std::source_location::current()) const;

  Chan<Time> C; // NOLINT(readability-identifier-naming): Go's name

private:
  std::shared_ptr<detail::TimerCore> core_;
};

Ticker newTicker(Duration d,
                 std::source_location loc = std::source_location::current());
Timer newTimer(Duration d,
               std::source_location loc = std::source_location::current());
// f runs in its own goroutine when the timer fires.
Timer afterFunc(Duration d, std::function<void()> f,
                std::source_location loc = std::source_location::current());
// newTimer(d).C
Chan<Time> after(Duration d,
                 std::source_location loc = std::source_location::current());
// newTicker(d).C of a ticker nobody can stop; nil channel if d <= 0.
Chan<Time> tick(Duration d,
                std::source_location loc = std::source_location::current());

} // namespace go
