// Goroutines, the scheduler that runs them, and panics.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <source_location>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace go {

using Duration = std::chrono::nanoseconds;

// The virtual clock: it only moves when the scheduler jumps to the next timer
// deadline, so sleeping for an hour costs nothing.
struct VirtualClock {
  using rep = Duration::rep;
  using period = Duration::period;
  using duration = Duration;
  using time_point = std::chrono::time_point<VirtualClock>;
  static constexpr bool is_steady = true;
  static time_point
  now(std::source_location loc = std::source_location::current());
};
using Time = VirtualClock::time_point;

// What Go calls a panic. Runtime misuse (send on a closed channel, a negative
// WaitGroup counter, ...) throws it; an uncaught one ends the program with
// status 2. A fatal panic is Go's "fatal error:" (unlock of an unlocked mutex).
class Panic : public std::exception {
public:
  explicit Panic(std::string message, bool fatal = false);
  [[nodiscard]] const char *what() const noexcept override;
  [[nodiscard]] const std::string &message() const noexcept { return message_; }
  [[nodiscard]] bool fatal() const noexcept { return fatal_; }

private:
  std::string message_;
  bool fatal_;
};

[[noreturn]] void
panic(std::string message,
      std::source_location loc = std::source_location::current());

struct RunOptions {
  std::uint64_t seed = 0;  // overridden by the GOLIFE_SEED environment variable
  bool reportLeaks = true; // print the leak report and return 3 on leaks
  Duration horizon =
      std::chrono::hours(1); // virtual time the others get after main returns
  // Scheduling points the others get after main returns: a goroutine that is
  // still runnable when they are used up is reported as running (spinning).
  std::uint64_t stepBudget = 100'000;
  std::uint64_t maxSteps = 20'000'000; // for the whole run, main included
  // Seeded schedules may jump the clock to the next deadline while
  // goroutines can still run, as a slow goroutine would see it. False: the
  // clock moves only when every goroutine is blocked (like Go's
  // testing/synctest), for tests that check exact virtual times.
  bool earlyClockJumps = true;
  bool seedFromEnvironment = true;       // let GOLIFE_SEED override seed
  std::string *capturedOutput = nullptr; // reports go here instead of stderr
};

enum class GoroutineState {
  Runnable,      // ready to run, or running: "running" in reports
  ChanSend,      // blocked sending on a channel
  ChanSendNil,   // blocked forever sending on a nil channel
  ChanRecv,      // blocked receiving from a channel
  ChanRecvNil,   // blocked forever receiving from a nil channel
  Select,        // blocked in a select with no ready case
  SelectNoCases, // select {}
  WaitGroupWait,
  MutexLock,
  RWMutexLock,
  RWMutexRLock,
  CondWait,
  OnceWait,
  Sleep,
};

// The state's name as reports print it (Go's names where Go has one).
std::string_view stateName(GoroutineState state);

struct GoroutineInfo {
  std::uint64_t id = 0;
  GoroutineState state = GoroutineState::Runnable;
  std::source_location spawnedAt;
  // Where it blocks, or for a runnable goroutine its last scheduling point.
  std::source_location at;
  // Creation sites of the channels it blocks on (none for nil channels).
  std::vector<std::source_location> channelsMadeAt;
};

// Thrown by verifyNone: the message lists the leaked goroutines.
class LeakError : public std::runtime_error {
public:
  explicit LeakError(const std::string &report) : std::runtime_error(report) {}
};

namespace detail {

// A goroutine body with its arguments bound, type-erased so the scheduler is
// not a template.
class Task {
public:
  Task() = default;
  Task(const Task &) = delete;
  Task &operator=(const Task &) = delete;
  virtual ~Task() = default;
  virtual void invoke() = 0;
};

template <class F> class TaskOf final : public Task {
public:
  explicit TaskOf(F body) : body_(std::move(body)) {}
  void invoke() override { body_(); }

private:
  F body_;
};

template <class F, class... Args>
std::unique_ptr<Task> bindTask(F &&f, Args &&...args) {
  // Decay-copy f and args as `go f(args...)` evaluates them in the caller.
  auto body = [f = std::forward<F>(f),
               ... args = std::forward<Args>(args)]() mutable {
    std::invoke(std::move(f), std::move(args)...);
  };
  return std::make_unique<TaskOf<decltype(body)>>(std::move(body));
}

int runTask(std::unique_ptr<Task> mainGoroutine, const RunOptions &opts,
            std::source_location loc);
void spawnTask(std::unique_ptr<Task> body, std::source_location loc);
// True while the runtime unwinds abandoned goroutines at exit: deferred
// calls do not run then, as in Go where nothing runs after main returns.
bool tearingDown() noexcept;

} // namespace detail

// Runs mainGoroutine as goroutine 1 and returns the exit status:
// 0 clean, 2 panic or deadlock, 3 leaks after main returned.
template <class F>
int run(F &&mainGoroutine, RunOptions opts = {},
        std::source_location loc = std::source_location::current()) {
  return detail::runTask(detail::bindTask(std::forward<F>(mainGoroutine)), opts,
                         loc);
}

// go f(args...) with an explicit spawn site.
template <class F, class... Args>
void spawnAt(std::source_location loc, F &&f, Args &&...args) {
  detail::spawnTask(
      detail::bindTask(std::forward<F>(f), std::forward<Args>(args)...), loc);
}

// go f(args...). A parameter pack cannot be followed by a defaulted
// source_location, so there is one overload per argument count.
template <class F>
void spawn(F &&f, std::source_location loc = std::source_location::current()) {
  spawnAt(loc, std::forward<F>(f));
}
template <class F, class A1>
void spawn(F &&f, A1 &&a1,
           std::source_location loc = std::source_location::current()) {
  spawnAt(loc, std::forward<F>(f), std::forward<A1>(a1));
}
template <class F, class A1, class A2>
void spawn(F &&f, A1 &&a1, A2 &&a2,
           std::source_location loc = std::source_location::current()) {
  spawnAt(loc, std::forward<F>(f), std::forward<A1>(a1), std::forward<A2>(a2));
}
template <class F, class A1, class A2, class A3>
void spawn(F &&f, A1 &&a1, A2 &&a2, A3 &&a3,
           std::source_location loc = std::source_location::current()) {
  spawnAt(loc, std::forward<F>(f), std::forward<A1>(a1), std::forward<A2>(a2),
          std::forward<A3>(a3));
}
template <class F, class A1, class A2, class A3, class A4>
void spawn(F &&f, A1 &&a1, A2 &&a2, A3 &&a3, A4 &&a4,
           std::source_location loc = std::source_location::current()) {
  spawnAt(loc, std::forward<F>(f), std::forward<A1>(a1), std::forward<A2>(a2),
          std::forward<A3>(a3), std::forward<A4>(a4));
}

// runtime.Gosched(): a scheduling point and nothing else.
void yield(std::source_location loc = std::source_location::current());
// runtime.NumGoroutine().
std::size_t
numGoroutines(std::source_location loc = std::source_location::current());
// Every goroutine that has not returned, the caller included.
std::vector<GoroutineInfo> liveGoroutines();
// goleak.VerifyNone: lets the other goroutines run until none can progress,
// then throws LeakError if any but the caller is still alive.
void verifyNone(std::source_location loc = std::source_location::current());

} // namespace go
