// Package sync: WaitGroup, Mutex, RWMutex, Cond, Once. They block the
// goroutine, never the OS thread. Not copyable: share them by reference.
#pragma once

#include <go/core.h>

#include <memory>
#include <source_location>
#include <utility>

namespace go {
namespace detail {
class SyncCore; // a wait queue plus the primitive's state, in the library
} // namespace detail

class WaitGroup {
public:
  WaitGroup();
  WaitGroup(const WaitGroup &) = delete;
  WaitGroup &operator=(const WaitGroup &) = delete;
  ~WaitGroup();

  // Panics if the counter goes negative; wakes the waiters when it hits 0.
  void add(int delta,
           std::source_location loc = std::source_location::current());
  void done(std::source_location loc = std::source_location::current());
  void wait(std::source_location loc = std::source_location::current());

private:
  std::unique_ptr<detail::SyncCore> core_;
};

// sync.Locker
class Locker {
public:
  Locker() = default;
  Locker(const Locker &) = delete;
  Locker &operator=(const Locker &) = delete;
  virtual void
  lock(std::source_location loc = std::source_location::current()) = 0;
  virtual void
  unlock(std::source_location loc = std::source_location::current()) = 0;

protected:
  virtual ~Locker() = default;
};

class Mutex : public Locker {
public:
  Mutex();
  ~Mutex() override;

  void
  lock(std::source_location loc = std::source_location::current()) override;
  // Unlocking an unlocked mutex is Go's fatal error.
  void
  unlock(std::source_location loc = std::source_location::current()) override;
  bool tryLock(std::source_location loc = std::source_location::current());

private:
  std::unique_ptr<detail::SyncCore> core_;
};

// Readers share, a writer excludes; a waiting writer holds off new readers.
class RWMutex : public Locker {
public:
  RWMutex();
  ~RWMutex() override;

  void
  lock(std::source_location loc = std::source_location::current()) override;
  void
  unlock(std::source_location loc = std::source_location::current()) override;
  void rlock(std::source_location loc = std::source_location::current());
  void runlock(std::source_location loc = std::source_location::current());
  bool tryLock(std::source_location loc = std::source_location::current());
  bool tryRLock(std::source_location loc = std::source_location::current());
  // RLocker(): a Locker whose lock/unlock are rlock/runlock.
  Locker &rlocker() { return readLocker_; }

private:
  class ReadLocker final : public Locker {
  public:
    explicit ReadLocker(RWMutex &rw) : rw_(rw) {}
    void
    lock(std::source_location loc = std::source_location::current()) override {
      rw_.rlock(loc);
    }
    void unlock(
        std::source_location loc = std::source_location::current()) override {
      rw_.runlock(loc);
    }

  private:
    RWMutex &rw_;
  };

  std::unique_ptr<detail::SyncCore> core_;
  ReadLocker readLocker_{*this};
};

class Cond {
public:
  explicit Cond(Locker &l);
  Cond(const Cond &) = delete;
  Cond &operator=(const Cond &) = delete;
  ~Cond();

  // Unlocks L, waits for signal or broadcast, locks L again.
  void wait(std::source_location loc = std::source_location::current());
  void signal(std::source_location loc = std::source_location::current());
  void broadcast(std::source_location loc = std::source_location::current());

  Locker &L; // NOLINT(readability-identifier-naming): Go's name, c.L

private:
  std::unique_ptr<detail::SyncCore> core_;
};

namespace detail {
// The first caller runs f; later callers wait until it has returned.
bool onceEnter(SyncCore &core, std::source_location loc);
void onceFinish(SyncCore &core);
} // namespace detail

class Once {
public:
  Once();
  Once(const Once &) = delete;
  Once &operator=(const Once &) = delete;
  ~Once();

  // once.Do(f): f runs at most once, even if it panics.
  template <class F>
  void run(F &&f, std::source_location loc = std::source_location::current()) {
    if (!detail::onceEnter(*core_, loc)) {
      return;
    }
    struct Finish {
      detail::SyncCore &core;
      explicit Finish(detail::SyncCore &c) : core(c) {}
      Finish(const Finish &) = delete;
      Finish &operator=(const Finish &) = delete;
      ~Finish() { detail::onceFinish(core); }
    } finish{*core_};
    std::forward<F>(f)();
  }

private:
  std::unique_ptr<detail::SyncCore> core_;
};

} // namespace go
