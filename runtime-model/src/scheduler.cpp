#include "scheduler.h"

#include <go/core.h>
#include <go/time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>

// AddressSanitizer must be told whenever the thread moves to another stack,
// or it takes an exception thrown on a goroutine's stack for a wild access.
// Its hooks are weak: present when the program links ASan's runtime, whether
// or not this library was built with it, and null otherwise.
extern "C" {
// NOLINTBEGIN(bugprone-reserved-identifier,readability-identifier-naming)
__attribute__((weak)) void
__sanitizer_start_switch_fiber(void **fake_stack_save, const void *bottom,
                               std::size_t size);
__attribute__((weak)) void
__sanitizer_finish_switch_fiber(void *fake_stack_save, const void **bottom_old,
                                std::size_t *size_old);
// NOLINTEND(bugprone-reserved-identifier,readability-identifier-naming)
}

namespace go::detail {
namespace {

thread_local Scheduler *currentScheduler = nullptr;

// The thread is about to leave its stack for [bottom, bottom + size).
// save receives the fake frames of the stack it leaves; null when that
// stack is left for good.
void announceStackSwitch(void **save, const void *bottom, std::size_t size) {
  if (__sanitizer_start_switch_fiber != nullptr) {
    __sanitizer_start_switch_fiber(save, bottom, size);
  }
}

// The thread has arrived on a stack; saved is what announceStackSwitch kept
// when it left it. from receives the stack it came from.
void completeStackSwitch(void *saved, const void **fromBottom = nullptr,
                         std::size_t *fromSize = nullptr) {
  if (__sanitizer_finish_switch_fiber != nullptr) {
    __sanitizer_finish_switch_fiber(saved, fromBottom, fromSize);
  }
}

// Thrown on the stack of a goroutine the runtime abandons at exit: its
// destructors run and it ends. Not a std::exception, so that only a
// catch (...) that does not rethrow can stop it.
struct GoroutineUnwind {};

// A goroutine's stack from the scheduler's pool; it notes where the stack is.
class GoroutineStack {
public:
  GoroutineStack(StackPool &pool, Goroutine &g) : pool_(pool), g_(g) {}
  boost::context::stack_context allocate() {
    g_.stack = pool_.allocate();
    return g_.stack;
  }
  void deallocate(boost::context::stack_context &stack) noexcept {
    pool_.deallocate(stack);
  }

private:
  StackPool &pool_;
  Goroutine &g_;
};

constexpr std::size_t goroutineStackSize = std::size_t{256} * 1024;

std::uint64_t seedFromEnvironment(std::uint64_t fallback) {
  const char *text = std::getenv(
      "GOLIFE_SEED"); // NOLINT(concurrency-mt-unsafe): read once per run
  if (text == nullptr || *text == '\0') {
    return fallback;
  }
  char *end = nullptr;
  const std::uint64_t seed = std::strtoull(text, &end, 10);
  return *end == '\0' ? seed : fallback;
}

// One report line: goroutine <id> [<state>]: at <site> spawned-at <site> ...
std::string describeGoroutine(const GoroutineInfo &info,
                              std::string_view state) {
  std::string line = "goroutine " + std::to_string(info.id) + " [" +
                     std::string(state) + "]: at " + formatSite(info.at) +
                     " spawned-at " + formatSite(info.spawnedAt);
  for (const auto &site : info.channelsMadeAt) {
    line += " chan-made-at " + formatSite(site);
  }
  return line + "\n";
}

} // namespace

std::uint64_t Rng::next() {
  std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30U)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27U)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31U);
}

std::string formatSite(std::source_location loc) {
  return std::string(loc.file_name()) + ":" + std::to_string(loc.line()) + ":" +
         std::to_string(loc.column());
}

// The seed picks the strategy and its parameters as well as every choice:
// odd seeds use priorities (PCT-like), even seeds choose uniformly.
Scheduler::Scheduler(const RunOptions &opts, std::uint64_t seed)
    : opts_(opts), seed_(seed), rng_(seed),
      strategy_(seed % 2 == 1 ? Strategy::Priority : Strategy::Random),
      timeJumpOneIn_(std::uint64_t{4} << rng_.below(6)),
      priorityDropOneIn_(std::uint64_t{2} << rng_.below(10)),
      stacks_(goroutineStackSize) {
  // Some schedules never let the clock run ahead.
  if (const bool neverEarly = rng_.oneIn(4);
      neverEarly || !opts.earlyClockJumps) {
    timeJumpOneIn_ = 0;
  }
}

Scheduler::~Scheduler() { teardown(); }

Scheduler *Scheduler::current() noexcept { return currentScheduler; }

void Scheduler::spawn(std::unique_ptr<Task> body, std::source_location loc) {
  auto g = std::make_unique<Goroutine>();
  g->id = nextId_++;
  g->body = std::move(body);
  g->spawnedAt = loc;
  g->at = loc;
  g->priority = initialLowest + 1 + rng_.below(std::uint64_t{1} << 32U);
  Goroutine *raw = g.get();
  raw->context = boost::context::fiber(
      std::allocator_arg, GoroutineStack(stacks_, *raw),
      [this, raw](boost::context::fiber &&scheduler) {
        completeStackSwitch(nullptr, &threadStackBottom_, &threadStackSize_);
        raw->scheduler = std::move(scheduler);
        if (!tearingDown_) {
          runBody(raw);
        }
        raw->finished = true;
        announceStackSwitch(nullptr, threadStackBottom_, threadStackSize_);
        return std::move(raw->scheduler);
      });
  goroutines_.push_back(std::move(g));
  makeRunnable(raw);
}

void Scheduler::runBody(Goroutine *g) {
  try {
    g->body->invoke();
  } catch (const GoroutineUnwind &) {
    return; // abandoned at exit
  } catch (const Panic &p) {
    panicReport_ = std::string(p.fatal() ? "fatal error: " : "panic: ") +
                   p.message() + "\n\n";
  } catch (const std::exception &e) {
    panicReport_ =
        std::string("panic: uncaught exception: ") + e.what() + "\n\n";
  } catch (...) {
    panicReport_ = "panic: uncaught exception of unknown type\n\n";
  }
  if (!panicReport_.empty()) {
    const GoroutineInfo info{
        g->id, GoroutineState::Runnable, g->spawnedAt, g->at, {}};
    panicReport_ += describeGoroutine(info, "panicked");
  }
}

void Scheduler::makeRunnable(Goroutine *g) {
  g->state = GoroutineState::Runnable;
  g->runnableSlot = runnable_.size();
  runnable_.push_back(g);
}

void Scheduler::removeRunnable(Goroutine *g) {
  Goroutine *last = runnable_.back();
  runnable_[g->runnableSlot] = last;
  last->runnableSlot = g->runnableSlot;
  runnable_.pop_back();
}

void Scheduler::ready(Goroutine *g) {
  if (g->state != GoroutineState::Runnable) {
    g->channelsMadeAt.clear();
    makeRunnable(g);
  }
}

void Scheduler::switchTo(Goroutine *g) {
  void *fakeStack = nullptr;
  announceStackSwitch(&fakeStack,
                      static_cast<const char *>(g->stack.sp) - g->stack.size,
                      g->stack.size);
  g->context = std::move(g->context).resume();
  completeStackSwitch(fakeStack);
}

void Scheduler::switchToScheduler() {
  Goroutine *g = running_;
  announceStackSwitch(&g->sanitizerFakeStack, threadStackBottom_,
                      threadStackSize_);
  g->scheduler = std::move(g->scheduler).resume();
  completeStackSwitch(g->sanitizerFakeStack);
  if (tearingDown_) {
    throw GoroutineUnwind{};
  }
}

void Scheduler::schedulePoint(std::source_location loc) {
  running_->at = loc;
  makeRunnable(running_);
  switchToScheduler();
}

void Scheduler::giveWay() noexcept {
  if (running_ != nullptr) {
    running_->priority = --lowestPriority_;
  }
}

void Scheduler::park(GoroutineState state, std::source_location loc,
                     std::vector<std::source_location> channelsMadeAt) {
  running_->state = state;
  running_->at = loc;
  running_->channelsMadeAt = std::move(channelsMadeAt);
  switchToScheduler();
}

void Scheduler::startTimer(const std::shared_ptr<TimerCore> &timer, Time when,
                           Duration period) {
  stopTimer(*timer);
  timer->active_ = true;
  timer->period_ = period;
  timer->key_ = {when, timerSeq_++};
  timers_.emplace(timer->key_, timer);
}

bool Scheduler::stopTimer(TimerCore &timer) {
  if (!timer.active_) {
    return false;
  }
  timer.active_ = false;
  timers_.erase(timer.key_);
  return true;
}

void Scheduler::trackCancel(std::shared_ptr<CancelRecord> record) {
  cancels_.push_back(std::move(record));
}

Time Scheduler::nextDeadline() const { return timers_.begin()->first.first; }

// Every timer due at t fires before any goroutine runs again.
void Scheduler::advanceClockTo(Time t) {
  now_ = std::max(now_, t);
  while (!timers_.empty() && nextDeadline() <= now_) {
    auto entry = timers_.begin();
    std::shared_ptr<TimerCore> timer = entry->second;
    const Time due = entry->first.first;
    timers_.erase(entry);
    timer->active_ = false;
    if (timer->period_ > Duration{0}) {
      startTimer(timer, due + timer->period_, timer->period_);
    }
    ++steps_;
    timer->onFire_(now_);
  }
}

// Jumps the clock when nobody can run, and sometimes (a seeded choice) while
// goroutines are still runnable: in Go any goroutine may be slow.
bool Scheduler::maybeAdvanceClock() {
  if (timers_.empty()) {
    return false;
  }
  const bool mustJump = runnable_.empty();
  if (!mustJump && !rng_.oneIn(timeJumpOneIn_)) {
    return false;
  }
  const Time next = nextDeadline();
  if (mainReturned_ && next > mainReturnedAt_ + opts_.horizon) {
    return false;
  }
  advanceClockTo(next);
  return true;
}

bool Scheduler::withinLimits() const {
  if (steps_ >= opts_.maxSteps) {
    return false;
  }
  return !mainReturned_ || steps_ - stepsAtMainReturn_ < opts_.stepBudget;
}

Goroutine *Scheduler::pickNext() {
  if (strategy_ == Strategy::Random) {
    return runnable_[rng_.below(runnable_.size())];
  }
  // PCT-like: the highest priority runs; at random steps the goroutine that
  // would run drops below all others.
  auto highest = [this] {
    return *std::max_element(runnable_.begin(), runnable_.end(),
                             [](const Goroutine *a, const Goroutine *b) {
                               return a->priority < b->priority;
                             });
  };
  Goroutine *g = highest();
  if (runnable_.size() > 1 && rng_.oneIn(priorityDropOneIn_)) {
    g->priority = --lowestPriority_;
    g = highest();
  }
  return g;
}

void Scheduler::resume(Goroutine *g) {
  removeRunnable(g);
  running_ = g;
  ++steps_;
  switchTo(g);
  running_ = nullptr;
  if (g->finished) {
    if (g == main_) {
      mainReturned_ = true;
      mainReturnedAt_ = now_;
      stepsAtMainReturn_ = steps_;
    }
    auto owner = std::find_if(goroutines_.begin(), goroutines_.end(),
                              [g](const auto &p) { return p.get() == g; });
    goroutines_.erase(owner);
  }
}

Scheduler::Outcome Scheduler::loop() {
  for (;;) {
    if (!panicReport_.empty()) {
      return Outcome::Panicked;
    }
    if (!withinLimits()) {
      return Outcome::BudgetExhausted;
    }
    if (maybeAdvanceClock()) {
      continue;
    }
    if (runnable_.empty()) {
      // Nobody can run and no timer may fire: while main lives that is a
      // deadlock; after it returned, the others have done all they can.
      return mainReturned_ ? Outcome::Finished : Outcome::Deadlock;
    }
    resume(pickNext());
  }
}

std::vector<GoroutineInfo> Scheduler::liveGoroutines() const {
  std::vector<GoroutineInfo> live;
  live.reserve(goroutines_.size());
  for (const auto &g : goroutines_) {
    live.push_back({g->id, g->state, g->spawnedAt, g->at, g->channelsMadeAt});
  }
  std::sort(live.begin(), live.end(),
            [](const auto &a, const auto &b) { return a.id < b.id; });
  return live;
}

bool Scheduler::othersRunnable() const {
  return std::any_of(runnable_.begin(), runnable_.end(),
                     [this](const Goroutine *g) { return g != running_; });
}

std::string Scheduler::goroutineReport() const {
  std::string report;
  for (const auto &info : liveGoroutines()) {
    if (running_ == nullptr || info.id != running_->id) {
      report += describeGoroutine(info, stateName(info.state));
    }
  }
  return report;
}

std::string Scheduler::leakReport() const {
  std::string report = goroutineReport();
  std::vector<std::source_location> tickers;
  for (const auto &[key, timer] : timers_) {
    if (timer->isTicker()) {
      tickers.push_back(timer->madeAt());
    }
  }
  for (const auto &site : tickers) {
    report += "ticker [not stopped]: made-at " + formatSite(site) + "\n";
  }
  for (const auto &record : cancels_) {
    if (!record->called) {
      report +=
          "cancel [not called]: made-at " + formatSite(record->madeAt) + "\n";
    }
  }
  return report;
}

void Scheduler::emit(const std::string &text) const {
  if (opts_.capturedOutput != nullptr) {
    *opts_.capturedOutput += text;
    return;
  }
  std::fflush(stdout);
  std::fputs(text.c_str(), stderr);
  std::fflush(stderr);
}

int Scheduler::run(std::unique_ptr<Task> mainGoroutine,
                   std::source_location loc) {
  if (currentScheduler != nullptr) {
    throw std::logic_error("go::run called inside go::run");
  }
  currentScheduler = this;
  std::srand(static_cast<unsigned>(
      seed_ ^ (seed_ >> 32U))); // NOLINT(cert-msc32-c,cert-msc51-cpp): programs
                                // branch on std::rand by design
  spawn(std::move(mainGoroutine), loc);
  main_ = goroutines_.back().get();

  const Outcome outcome = loop();
  const std::string schedule =
      "seed " + std::to_string(seed_) + ", strategy " +
      (strategy_ == Strategy::Priority ? "priority" : "random");
  int status = 0;
  if (outcome == Outcome::Panicked) {
    emit(panicReport_ + "golife: exit status 2 (" + schedule + ")\n");
    status = 2;
  } else if (outcome == Outcome::Deadlock) {
    emit("fatal error: all goroutines are asleep - deadlock!\n\n" +
         leakReport() + "golife: exit status 2 (" + schedule + ")\n");
    status = 2;
  } else if (opts_.reportLeaks) {
    const std::string leaks = leakReport();
    if (!leaks.empty()) {
      const char *when = mainReturned_
                             ? "golife: leaks after main returned:\n"
                             : "golife: main did not return within the step "
                               "or time budget:\n";
      emit(when + leaks + "golife: exit status 3 (" + schedule + ")\n");
      status = 3;
    }
  }
  teardown();
  currentScheduler = nullptr;
  return status;
}

// Unwinds the goroutines still alive, newest first (their stacks run
// destructors, but runtime calls and deferred calls do nothing now); one
// that never ran ends without running its body.
void Scheduler::teardown() {
  tearingDown_ = true;
  Scheduler *outer = currentScheduler;
  currentScheduler = this;
  while (!goroutines_.empty()) {
    const std::unique_ptr<Goroutine> g = std::move(goroutines_.back());
    goroutines_.pop_back();
    running_ = g.get();
    while (!g->finished) {
      switchTo(g.get());
    }
    running_ = nullptr;
  }
  runnable_.clear();
  timers_.clear();
  currentScheduler = outer;
}

void Scheduler::settle(std::source_location loc) {
  const Time until = now_ + opts_.horizon;
  for (std::uint64_t step = 0; step < opts_.stepBudget; ++step) {
    if (othersRunnable()) {
      giveWay();
      schedulePoint(loc);
    } else if (!timers_.empty() && nextDeadline() <= until) {
      go::sleep(nextDeadline() - now_, loc);
    } else {
      return;
    }
  }
}

bool enter(std::source_location loc) {
  Scheduler *s = Scheduler::current();
  if (s == nullptr) {
    return true;
  }
  if (s->tearingDown()) {
    return false;
  }
  if (s->running() == nullptr) {
    return true; // a timer firing in the scheduler itself
  }
  s->schedulePoint(loc);
  return true;
}

void blockedOutsideRun(const char *what) {
  throw std::logic_error(std::string("go: ") + what +
                         " would block outside go::run");
}

int runTask(std::unique_ptr<Task> mainGoroutine, const RunOptions &opts,
            std::source_location loc) {
  const std::uint64_t seed =
      opts.seedFromEnvironment ? seedFromEnvironment(opts.seed) : opts.seed;
  Scheduler scheduler(opts, seed);
  return scheduler.run(std::move(mainGoroutine), loc);
}

void spawnTask(std::unique_ptr<Task> body, std::source_location loc) {
  if (!enter(loc)) {
    return;
  }
  Scheduler *s = Scheduler::current();
  if (s == nullptr) {
    throw std::logic_error("go::spawn called outside go::run");
  }
  s->spawn(std::move(body), loc);
}

bool tearingDown() noexcept {
  const Scheduler *s = Scheduler::current();
  return s != nullptr && s->tearingDown();
}

} // namespace go::detail

namespace go {

Panic::Panic(std::string message, bool fatal)
    : message_(std::move(message)), fatal_(fatal) {}

const char *Panic::what() const noexcept { return message_.c_str(); }

void panic(std::string message, std::source_location loc) {
  if (detail::Scheduler *s = detail::Scheduler::current();
      s != nullptr && s->running() != nullptr) {
    s->running()->at = loc;
  }
  throw Panic(std::move(message));
}

std::string_view stateName(GoroutineState state) {
  switch (state) {
  case GoroutineState::Runnable:
    return "running";
  case GoroutineState::ChanSend:
    return "chan send";
  case GoroutineState::ChanSendNil:
    return "chan send (nil chan)";
  case GoroutineState::ChanRecv:
    return "chan receive";
  case GoroutineState::ChanRecvNil:
    return "chan receive (nil chan)";
  case GoroutineState::Select:
    return "select";
  case GoroutineState::SelectNoCases:
    return "select (no cases)";
  case GoroutineState::WaitGroupWait:
    return "WaitGroup wait";
  case GoroutineState::MutexLock:
    return "mutex lock";
  case GoroutineState::RWMutexLock:
    return "rwmutex lock";
  case GoroutineState::RWMutexRLock:
    return "rwmutex rlock";
  case GoroutineState::CondWait:
    return "cond wait";
  case GoroutineState::OnceWait:
    return "once wait";
  case GoroutineState::Sleep:
    return "sleep";
  }
  return "unknown";
}

void yield(std::source_location loc) {
  detail::Scheduler *s = detail::Scheduler::current();
  if (s != nullptr && s->running() != nullptr && !s->tearingDown()) {
    s->giveWay(); // Gosched: to the back of the queue
    s->schedulePoint(loc);
  }
}

std::size_t numGoroutines(std::source_location loc) {
  detail::enter(loc);
  const detail::Scheduler *s = detail::Scheduler::current();
  return s == nullptr ? 0 : s->liveGoroutines().size();
}

void verifyNone(std::source_location loc) {
  detail::Scheduler *s = detail::Scheduler::current();
  if (s == nullptr || s->running() == nullptr) {
    throw std::logic_error("go::verifyNone called outside a goroutine");
  }
  if (s->tearingDown()) {
    return;
  }
  s->settle(loc);
  if (const std::string leaks = s->goroutineReport(); !leaks.empty()) {
    throw LeakError("found unexpected goroutines:\n" + leaks);
  }
}

std::vector<GoroutineInfo> liveGoroutines() {
  const detail::Scheduler *s = detail::Scheduler::current();
  return s == nullptr ? std::vector<GoroutineInfo>{} : s->liveGoroutines();
}

VirtualClock::time_point VirtualClock::now(std::source_location loc) {
  detail::enter(loc);
  const detail::Scheduler *s = detail::Scheduler::current();
  return s == nullptr ? time_point{} : s->now();
}

} // namespace go
