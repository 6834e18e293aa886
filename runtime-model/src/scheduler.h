// The scheduler: goroutines as Boost.Context fibers on one OS thread, a
// seeded choice of the next one to run, the virtual clock and its timers.
#pragma once

#include "stack_pool.h"

#include <go/core.h>

#include <boost/context/fiber.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <source_location>
#include <string>
#include <utility>
#include <vector>

namespace go::detail {

// splitmix64: tiny, fast, and the same sequence on every platform.
class Rng {
public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next();
  // Uniform in [0, n); n > 0.
  std::uint64_t below(std::uint64_t n) { return next() % n; }
  // True with probability 1 / n.
  bool oneIn(std::uint64_t n) { return n != 0 && below(n) == 0; }

private:
  std::uint64_t state_;
};

struct Goroutine {
  std::uint64_t id = 0;
  std::unique_ptr<Task> body;
  boost::context::fiber context;       // the goroutine while it is suspended
  boost::context::fiber scheduler;     // the scheduler while the goroutine runs
  boost::context::stack_context stack; // where its fiber's stack lives
  void *sanitizerFakeStack = nullptr;  // AddressSanitizer's, while suspended
  GoroutineState state = GoroutineState::Runnable;
  std::source_location spawnedAt;
  std::source_location at; // last scheduling point or blocking call
  std::vector<std::source_location> channelsMadeAt; // what it blocks on
  std::uint64_t priority = 0;                       // priority strategy only
  std::size_t runnableSlot = 0; // index in Scheduler::runnable_ when runnable
  bool finished = false;
  // Set by the partner that completes a blocked channel operation: which
  // case (0 for a plain send/receive) and whether close() did it.
  int firedCase = -1;
  bool firedByClose = false;
};

// A pending entry on the virtual clock: a Timer, a Ticker, a sleep, a
// context deadline. Handles share it; the scheduler holds it while active.
class TimerCore {
public:
  TimerCore(std::function<void(Time)> onFire, std::source_location madeAt,
            bool isTicker)
      : onFire_(std::move(onFire)), madeAt_(madeAt), isTicker_(isTicker) {}

  [[nodiscard]] bool active() const { return active_; }
  [[nodiscard]] bool isTicker() const { return isTicker_; }
  [[nodiscard]] std::source_location madeAt() const { return madeAt_; }

private:
  friend class Scheduler;
  std::function<void(Time)> onFire_;
  std::source_location madeAt_;
  bool isTicker_;
  bool active_ = false;
  Duration period_{0}; // > 0 for tickers
  std::pair<Time, std::uint64_t> key_{};
};

// A cancel function handed out by withCancel/withTimeout/withDeadline.
struct CancelRecord {
  std::source_location madeAt;
  bool called = false;
};

class Scheduler {
public:
  Scheduler(const RunOptions &opts, std::uint64_t seed);
  Scheduler(const Scheduler &) = delete;
  Scheduler &operator=(const Scheduler &) = delete;
  ~Scheduler();

  // The scheduler of the go::run in progress on this thread, or null.
  static Scheduler *current() noexcept;

  int run(std::unique_ptr<Task> mainGoroutine, std::source_location loc);

  [[nodiscard]] bool tearingDown() const noexcept { return tearingDown_; }
  [[nodiscard]] Goroutine *running() const noexcept { return running_; }
  Rng &rng() noexcept { return rng_; }

  void spawn(std::unique_ptr<Task> body, std::source_location loc);
  // The scheduling point every API call starts with: the caller stays
  // runnable and the seeded strategy picks who runs next.
  void schedulePoint(std::source_location loc);
  // A goroutine that polls (yield, select default) gives way to the others,
  // so a busy loop cannot starve them under the priority strategy.
  void giveWay() noexcept;
  // Blocks the running goroutine until ready() is called for it.
  void park(GoroutineState state, std::source_location loc,
            std::vector<std::source_location> channelsMadeAt = {});
  void ready(Goroutine *g);

  [[nodiscard]] Time now() const noexcept { return now_; }
  void startTimer(const std::shared_ptr<TimerCore> &timer, Time when,
                  Duration period = Duration{0});
  // True if the timer was active.
  bool stopTimer(TimerCore &timer);
  void trackCancel(std::shared_ptr<CancelRecord> record);

  [[nodiscard]] std::vector<GoroutineInfo> liveGoroutines() const;
  [[nodiscard]] bool othersRunnable() const;
  [[nodiscard]] bool timersPending() const { return !timers_.empty(); }
  [[nodiscard]] Time nextDeadline() const;
  // Every goroutine alive but the caller, one line each.
  [[nodiscard]] std::string goroutineReport() const;
  // The goroutines alive, tickers never stopped, cancels never called.
  [[nodiscard]] std::string leakReport() const;
  // goleak's retries: lets the other goroutines run until none can progress,
  // sleeping the caller to the next timer within the run's horizon, bounded
  // by the step budget.
  void settle(std::source_location loc);

private:
  enum class Strategy { Random, Priority };
  enum class Outcome { Finished, Deadlock, Panicked, BudgetExhausted };

  Outcome loop();
  Goroutine *pickNext();
  void resume(Goroutine *g);
  void switchTo(Goroutine *g);
  void switchToScheduler();
  void runBody(Goroutine *g);
  bool maybeAdvanceClock();
  void advanceClockTo(Time t);
  [[nodiscard]] bool withinLimits() const;
  void makeRunnable(Goroutine *g);
  void removeRunnable(Goroutine *g);
  void emit(const std::string &text) const;
  void teardown();

  RunOptions opts_;
  std::uint64_t seed_;
  Rng rng_;
  Strategy strategy_;
  std::uint64_t timeJumpOneIn_;     // chance of a clock jump per step
  std::uint64_t priorityDropOneIn_; // chance of a priority change per step
  // Spawned goroutines get priorities above this; a dropped goroutine gets
  // one below every other, so it decreases from here.
  static constexpr std::uint64_t initialLowest = std::uint64_t{1} << 40U;
  std::uint64_t lowestPriority_ = initialLowest;

  // Declared before the goroutines: stacks must outlive the fibers on them.
  StackPool stacks_;
  // The OS thread's own stack, where the scheduler runs (for AddressSanitizer).
  const void *threadStackBottom_ = nullptr;
  std::size_t threadStackSize_ = 0;
  std::vector<std::unique_ptr<Goroutine>> goroutines_;
  std::vector<Goroutine *> runnable_;
  Goroutine *running_ = nullptr;
  Goroutine *main_ = nullptr;
  std::uint64_t nextId_ = 1;

  Time now_{};
  std::map<std::pair<Time, std::uint64_t>, std::shared_ptr<TimerCore>> timers_;
  std::uint64_t timerSeq_ = 0;
  std::vector<std::shared_ptr<CancelRecord>> cancels_;

  std::uint64_t steps_ = 0;
  bool mainReturned_ = false;
  Time mainReturnedAt_{};
  std::uint64_t stepsAtMainReturn_ = 0;
  bool tearingDown_ = false;
  std::string panicReport_;
};

// Every API call starts here: its scheduling point inside go::run. False if
// the call must do nothing because the runtime is unwinding abandoned
// goroutines. Outside go::run it returns true and Scheduler::current() is null.
bool enter(std::source_location loc);

// Throws: a blocking operation was called outside go::run.
[[noreturn]] void blockedOutsideRun(const char *what);

std::string formatSite(std::source_location loc);

// Channel operations the runtime itself performs from timers and contexts:
// no scheduling point, never blocking.
class ChanCore;
void chanCloseFromRuntime(ChanCore &chan);
bool chanTrySendFromRuntime(ChanCore &chan, void *value);

} // namespace go::detail
