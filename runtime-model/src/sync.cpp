// sync: every primitive is a little state plus a queue of parked goroutines,
// woken first in, first out, except by Cond.signal, which wakes any one.
// A woken goroutine re-checks the state (Go's normal mode lets a running
// goroutine barge in), so wakeups never hand over ownership by themselves.
#include "scheduler.h"

#include <go/panic_messages.h>
#include <go/sync.h>

#include <algorithm>
#include <cstddef>
#include <deque>

namespace go::detail {

class SyncCore {
public:
  int counter = 0;     // WaitGroup counter; Once: 0 new, 1 running, 2 done
  bool locked = false; // Mutex, or RWMutex held by a writer
  bool writerWaiting = false; // RWMutex: a writer holds off new readers
  int readers = 0;            // RWMutex readers inside

  // Parks the running goroutine here until wakeOne/wakeAll.
  void wait(GoroutineState state, std::source_location loc, const char *what) {
    Scheduler *s = Scheduler::current();
    if (s == nullptr) {
      blockedOutsideRun(what);
    }
    Goroutine *self = s->running();
    join(self);
    const LeaveQueue leave{*this, self};
    s->park(state, loc);
  }
  // Takes a goroutine off the queue on every way out of a wait, also when the
  // runtime unwinds it at exit, so no queue points into a dead goroutine.
  struct LeaveQueue {
    SyncCore &core;
    const Goroutine *g;
    LeaveQueue(SyncCore &c, const Goroutine *waiter) : core(c), g(waiter) {}
    LeaveQueue(const LeaveQueue &) = delete;
    LeaveQueue &operator=(const LeaveQueue &) = delete;
    ~LeaveQueue() { std::erase(core.waiters_, g); }
  };
  // Cond.wait queues itself before it unlocks L, then parks only if no
  // signal has taken it off the queue in between.
  void join(Goroutine *g) { waiters_.push_back(g); }
  [[nodiscard]] bool queued(const Goroutine *g) const {
    return std::find(waiters_.begin(), waiters_.end(), g) != waiters_.end();
  }
  void wakeOne() {
    if (!waiters_.empty()) {
      wake(waiters_.begin());
    }
  }
  // Go promises only that some waiter wakes: which one is a choice of the
  // schedule, like the next goroutine to run (no draw when there is none).
  void wakeAny() {
    if (waiters_.size() > 1) {
      const auto chosen = static_cast<std::ptrdiff_t>(
          Scheduler::current()->rng().below(waiters_.size()));
      wake(waiters_.begin() + chosen);
    } else {
      wakeOne();
    }
  }
  void wakeAll() {
    while (!waiters_.empty()) {
      wakeOne();
    }
  }

private:
  void wake(std::deque<Goroutine *>::iterator waiter) {
    Goroutine *g = *waiter;
    waiters_.erase(waiter);
    Scheduler::current()->ready(g);
  }

  std::deque<Goroutine *> waiters_;
};

} // namespace go::detail

namespace go {

using detail::enter;
using detail::SyncCore;

WaitGroup::WaitGroup() : core_(std::make_unique<SyncCore>()) {}
WaitGroup::~WaitGroup() = default;

void WaitGroup::add(int delta, std::source_location loc) {
  if (!enter(loc)) {
    return;
  }
  core_->counter += delta;
  if (core_->counter < 0) {
    throw Panic(panic_messages::NegativeWaitGroup);
  }
  if (core_->counter == 0) {
    core_->wakeAll();
  }
}

void WaitGroup::done(std::source_location loc) { add(-1, loc); }

void WaitGroup::wait(std::source_location loc) {
  if (!enter(loc)) {
    return;
  }
  while (core_->counter > 0) {
    core_->wait(GoroutineState::WaitGroupWait, loc, "WaitGroup.wait");
  }
}

Mutex::Mutex() : core_(std::make_unique<SyncCore>()) {}
Mutex::~Mutex() = default;

void Mutex::lock(std::source_location loc) {
  if (!enter(loc)) {
    return;
  }
  while (core_->locked) {
    core_->wait(GoroutineState::MutexLock, loc, "Mutex.lock");
  }
  core_->locked = true;
}

void Mutex::unlock(std::source_location loc) {
  if (!enter(loc)) {
    return;
  }
  if (!core_->locked) {
    throw Panic(panic_messages::UnlockOfUnlocked, /*fatal=*/true);
  }
  core_->locked = false;
  core_->wakeOne();
}

bool Mutex::tryLock(std::source_location loc) {
  if (!enter(loc) || core_->locked) {
    return false;
  }
  core_->locked = true;
  return true;
}

RWMutex::RWMutex() : core_(std::make_unique<SyncCore>()) {}
RWMutex::~RWMutex() = default;

void RWMutex::lock(std::source_location loc) {
  if (!enter(loc)) {
    return;
  }
  // Like Go: first win the writer slot (other writers queue), which stops
  // new readers, then wait for the readers inside to leave.
  while (core_->writerWaiting || core_->locked) {
    core_->wait(GoroutineState::RWMutexLock, loc, "RWMutex.lock");
  }
  core_->writerWaiting = true;
  while (core_->readers > 0) {
    core_->wait(GoroutineState::RWMutexLock, loc, "RWMutex.lock");
  }
  core_->writerWaiting = false;
  core_->locked = true;
}

void RWMutex::unlock(std::source_location loc) {
  if (!enter(loc)) {
    return;
  }
  if (!core_->locked) {
    throw Panic(panic_messages::UnlockOfUnlockedRW, /*fatal=*/true);
  }
  core_->locked = false;
  core_->wakeAll();
}

void RWMutex::rlock(std::source_location loc) {
  if (!enter(loc)) {
    return;
  }
  while (core_->writerWaiting || core_->locked) {
    core_->wait(GoroutineState::RWMutexRLock, loc, "RWMutex.rlock");
  }
  ++core_->readers;
}

void RWMutex::runlock(std::source_location loc) {
  if (!enter(loc)) {
    return;
  }
  if (core_->readers == 0) {
    throw Panic(panic_messages::RUnlockOfUnlocked, /*fatal=*/true);
  }
  if (--core_->readers == 0) {
    core_->wakeAll();
  }
}

bool RWMutex::tryLock(std::source_location loc) {
  if (!enter(loc) || core_->locked || core_->writerWaiting ||
      core_->readers > 0) {
    return false;
  }
  core_->locked = true;
  return true;
}

bool RWMutex::tryRLock(std::source_location loc) {
  if (!enter(loc) || core_->locked || core_->writerWaiting) {
    return false;
  }
  ++core_->readers;
  return true;
}

Cond::Cond(Locker &l) : L(l), core_(std::make_unique<SyncCore>()) {}
Cond::~Cond() = default;

void Cond::wait(std::source_location loc) {
  if (!enter(loc)) {
    return;
  }
  detail::Scheduler *s = detail::Scheduler::current();
  if (s == nullptr) {
    detail::blockedOutsideRun("Cond.wait");
  }
  // Queued before L is unlocked (unlock is a scheduling point), so a signal
  // sent in between is not lost.
  detail::Goroutine *self = s->running();
  core_->join(self);
  {
    const SyncCore::LeaveQueue leave{*core_, self};
    L.unlock(loc);
    if (core_->queued(self)) {
      s->park(GoroutineState::CondWait, loc);
    }
  }
  L.lock(loc);
}

void Cond::signal(std::source_location loc) {
  if (enter(loc)) {
    core_->wakeAny();
  }
}

void Cond::broadcast(std::source_location loc) {
  if (enter(loc)) {
    core_->wakeAll();
  }
}

Once::Once() : core_(std::make_unique<SyncCore>()) {}
Once::~Once() = default;

namespace detail {

bool onceEnter(SyncCore &core, std::source_location loc) {
  if (!enter(loc)) {
    return false;
  }
  while (core.counter == 1) {
    core.wait(GoroutineState::OnceWait, loc, "Once.run");
  }
  if (core.counter == 2) {
    return false;
  }
  core.counter = 1;
  return true;
}

void onceFinish(SyncCore &core) {
  core.counter = 2;
  if (!tearingDown()) {
    core.wakeAll();
  }
}

} // namespace detail
} // namespace go
