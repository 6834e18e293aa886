// sync: WaitGroup, Mutex, RWMutex, Cond, Once.
#include "run_helpers.h"

#include <go/go.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <set>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using golife::test::runCaptured;
using golife::test::runSeed;
using golife::test::seedsPerProperty;

namespace {

// The message of the go::Panic that f throws, or "" if it returns.
template <class F> std::string panicMessage(F &&f) {
  try {
    f();
  } catch (const go::Panic &p) {
    return p.message();
  }
  return "";
}

TEST(WaitGroup, WaitReturnsWhenEveryGoroutineIsDone) {
  for (int seed = 0; seed < seedsPerProperty; ++seed) {
    int finished = 0;
    int finishedAtWait = -1;
    const auto result = runSeed(seed, [&] {
      go::WaitGroup wg;
      for (int i = 0; i < 5; ++i) {
        wg.add(1);
        go::spawn([&] {
          auto d = go::defer([&] { wg.done(); });
          go::yield();
          ++finished;
        });
      }
      wg.wait();
      finishedAtWait = finished;
    });
    EXPECT_EQ(0, result.status) << result.output;
    EXPECT_EQ(5, finishedAtWait) << "seed " << seed;
  }
}

TEST(WaitGroup, WaitOnZeroCounterReturnsAtOnce) {
  const auto result = runCaptured([] {
    go::WaitGroup wg;
    wg.wait();
    wg.add(2);
    wg.add(-2);
    wg.wait();
  });
  EXPECT_EQ(0, result.status) << result.output;
}

TEST(WaitGroup, NegativeCounterPanics) {
  const auto result = runCaptured([] {
    go::WaitGroup wg;
    wg.add(1);
    wg.done();
    EXPECT_EQ("sync: negative WaitGroup counter",
              panicMessage([&] { wg.done(); }));
  });
  EXPECT_EQ(0, result.status) << result.output;
}

TEST(WaitGroup, WaitBlocksTheGoroutineNotTheThread) {
  bool workerRan = false;
  const auto result = runCaptured([&] {
    go::WaitGroup wg;
    wg.add(1);
    go::spawn([&] {
      workerRan = true;
      wg.done();
    });
    wg.wait(); // the worker runs on the same thread meanwhile
  });
  EXPECT_EQ(0, result.status) << result.output;
  EXPECT_TRUE(workerRan);
}

TEST(WaitGroup, MissingDoneIsADeadlockInMain) {
  const auto result = runCaptured([] {
    go::WaitGroup wg;
    wg.add(1);
    wg.wait();
  });
  EXPECT_EQ(2, result.status);
  EXPECT_NE(std::string::npos, result.output.find("[WaitGroup wait]"))
      << result.output;
}

TEST(Mutex, ExcludesOtherGoroutines) {
  for (int seed = 0; seed < seedsPerProperty; ++seed) {
    int inside = 0;
    int mostInside = 0;
    int counter = 0;
    const auto result = runSeed(seed, [&] {
      go::Mutex mu;
      go::WaitGroup wg;
      for (int g = 0; g < 4; ++g) {
        wg.add(1);
        go::spawn([&] {
          for (int i = 0; i < 10; ++i) {
            const std::lock_guard lock(mu); // BasicLockable
            mostInside = std::max(mostInside, ++inside);
            go::yield(); // others run, but none may enter
            ++counter;
            --inside;
          }
          wg.done();
        });
      }
      wg.wait();
    });
    EXPECT_EQ(0, result.status) << result.output;
    EXPECT_EQ(1, mostInside) << "seed " << seed;
    EXPECT_EQ(40, counter);
  }
}

TEST(Mutex, TryLock) {
  const auto result = runCaptured([] {
    go::Mutex mu;
    EXPECT_TRUE(mu.tryLock());
    EXPECT_FALSE(mu.tryLock());
    mu.unlock();
    EXPECT_TRUE(mu.tryLock());
    mu.unlock();
  });
  EXPECT_EQ(0, result.status) << result.output;
}

TEST(Mutex, UnlockOfUnlockedMutexIsFatal) {
  const auto result = runCaptured([] {
    go::Mutex mu;
    mu.unlock();
  });
  EXPECT_EQ(2, result.status);
  EXPECT_EQ(0U,
            result.output.find("fatal error: sync: unlock of unlocked mutex\n"))
      << result.output;
}

TEST(Mutex, LockingTwiceInOneGoroutineDeadlocks) {
  const auto result = runCaptured([] {
    go::Mutex mu;
    mu.lock();
    mu.lock();
  });
  EXPECT_EQ(2, result.status);
  EXPECT_NE(std::string::npos, result.output.find("[mutex lock]"))
      << result.output;
}

TEST(RWMutex, ReadersShare) {
  const auto result = runCaptured([] {
    go::RWMutex rw;
    rw.rlock();
    auto reading = go::makeChan<go::Unit>();
    go::spawn([&] {
      rw.rlock(); // does not wait for the first reader
      reading.close();
      rw.runlock();
    });
    reading.recv();
    rw.runlock();
  });
  EXPECT_EQ(0, result.status) << result.output;
}

TEST(RWMutex, WriterExcludesReadersAndWriters) {
  for (int seed = 0; seed < seedsPerProperty; ++seed) {
    int readersInside = 0;
    bool writerInside = false;
    bool overlap = false;
    const auto result = runSeed(seed, [&] {
      go::RWMutex rw;
      go::WaitGroup wg;
      for (int g = 0; g < 6; ++g) {
        wg.add(1);
        go::spawn([&, writer = g % 3 == 0] {
          for (int i = 0; i < 5; ++i) {
            if (writer) {
              rw.lock();
              overlap |= writerInside || readersInside > 0;
              writerInside = true;
              go::yield();
              writerInside = false;
              rw.unlock();
            } else {
              rw.rlock();
              overlap |= writerInside;
              ++readersInside;
              go::yield();
              --readersInside;
              rw.runlock();
            }
          }
          wg.done();
        });
      }
      wg.wait();
    });
    EXPECT_EQ(0, result.status) << result.output;
    EXPECT_FALSE(overlap) << "seed " << seed;
  }
}

TEST(RWMutex, WaitingWriterHoldsOffNewReaders) {
  std::vector<std::string> order;
  const auto result = runCaptured([&] {
    go::RWMutex rw;
    go::WaitGroup wg;
    rw.rlock();
    wg.add(2);
    go::spawn([&] {
      rw.lock();
      order.emplace_back("writer");
      rw.unlock();
      wg.done();
    });
    while (go::liveGoroutines().back().state !=
           go::GoroutineState::RWMutexLock) {
      go::yield();
    }
    go::spawn([&] {
      rw.rlock();
      order.emplace_back("late reader");
      rw.runlock();
      wg.done();
    });
    while (go::liveGoroutines().back().state !=
           go::GoroutineState::RWMutexRLock) {
      go::yield();
    }
    EXPECT_TRUE(order.empty());
    rw.runlock();
    wg.wait();
  });
  EXPECT_EQ(0, result.status) << result.output;
  EXPECT_EQ((std::vector<std::string>{"writer", "late reader"}), order);
}

TEST(RWMutex, TryLockAndTryRLock) {
  const auto result = runCaptured([] {
    go::RWMutex rw;
    EXPECT_TRUE(rw.tryRLock());
    EXPECT_TRUE(rw.tryRLock());
    EXPECT_FALSE(rw.tryLock());
    rw.runlock();
    rw.runlock();
    EXPECT_TRUE(rw.tryLock());
    EXPECT_FALSE(rw.tryRLock());
    rw.unlock();
  });
  EXPECT_EQ(0, result.status) << result.output;
}

TEST(RWMutex, UnlockingWhatIsNotHeldIsFatal) {
  const auto unlock = runCaptured([] {
    go::RWMutex rw;
    rw.unlock();
  });
  EXPECT_EQ(2, unlock.status);
  EXPECT_EQ(
      0U, unlock.output.find("fatal error: sync: Unlock of unlocked RWMutex\n"))
      << unlock.output;
  const auto runlock = runCaptured([] {
    go::RWMutex rw;
    rw.runlock();
  });
  EXPECT_EQ(2, runlock.status);
  EXPECT_EQ(0U, runlock.output.find(
                    "fatal error: sync: RUnlock of unlocked RWMutex\n"))
      << runlock.output;
}

TEST(RWMutex, RLockerLocksForReading) {
  const auto result = runCaptured([] {
    go::RWMutex rw;
    go::Locker &reader = rw.rlocker();
    reader.lock();
    EXPECT_TRUE(rw.tryRLock()); // readers share
    rw.runlock();
    EXPECT_FALSE(rw.tryLock()); // a reader holds it
    reader.unlock();
    EXPECT_TRUE(rw.tryLock());
    rw.unlock();
  });
  EXPECT_EQ(0, result.status) << result.output;
}

TEST(Cond, SignalWakesOneWaiterAndBroadcastWakesAll) {
  for (int seed = 0; seed < seedsPerProperty; ++seed) {
    int woken = 0;
    long stillWaitingAfterSignal = -1;
    const auto result = runSeed(seed, [&] {
      go::Mutex mu;
      go::Cond cond(mu);
      go::WaitGroup wg;
      int waiting = 0;
      for (int i = 0; i < 3; ++i) {
        wg.add(1);
        go::spawn([&] {
          mu.lock();
          ++waiting;
          cond.wait();
          ++woken;
          mu.unlock();
          wg.done();
        });
      }
      // Every waiter is inside wait() (it released mu) before we signal.
      for (;;) {
        const std::lock_guard lock(mu);
        if (waiting == 3) {
          break;
        }
        go::yield();
      }
      cond.signal();
      while (woken == 0) {
        go::yield();
      }
      const auto live = go::liveGoroutines();
      stillWaitingAfterSignal =
          std::count_if(live.begin(), live.end(), [](const auto &g) {
            return g.state == go::GoroutineState::CondWait;
          });
      cond.broadcast();
      wg.wait();
    });
    EXPECT_EQ(0, result.status) << result.output;
    EXPECT_EQ(2, stillWaitingAfterSignal) << "seed " << seed;
    EXPECT_EQ(3, woken);
  }
}

// Go promises only that signal wakes one waiter, not the one that waited
// longest: over the seeds, either of two waiters queued in order is woken.
TEST(Cond, SignalWakesAnyWaiter) {
  std::set<int> wokenBySignal;
  for (int seed = 0; seed < seedsPerProperty; ++seed) {
    int woken = -1;
    const auto result = runSeed(seed, [&] {
      go::Mutex mu;
      go::Cond cond(mu);
      go::WaitGroup wg;
      int waiting = 0;
      for (int i = 0; i < 2; ++i) {
        wg.add(1);
        go::spawn([&, i] {
          mu.lock();
          ++waiting;
          cond.wait();
          if (woken < 0) {
            woken = i;
          }
          mu.unlock();
          wg.done();
        });
        // Waiter i is inside wait() (it released mu) before the next one
        // starts.
        for (;;) {
          const std::lock_guard lock(mu);
          if (waiting == i + 1) {
            break;
          }
          go::yield();
        }
      }
      cond.signal();
      while (woken < 0) {
        go::yield();
      }
      cond.broadcast();
      wg.wait();
    });
    EXPECT_EQ(0, result.status) << result.output;
    wokenBySignal.insert(woken);
  }
  EXPECT_EQ((std::set<int>{0, 1}), wokenBySignal);
}

TEST(Cond, WaitReleasesAndRetakesTheLock) {
  const auto result = runCaptured([] {
    go::Mutex mu;
    go::Cond cond(mu);
    bool ready = false;
    go::spawn([&] {
      const std::lock_guard lock(mu); // possible only while main waits
      ready = true;
      cond.signal();
    });
    mu.lock();
    while (!ready) {
      cond.wait();
    }
    EXPECT_FALSE(mu.tryLock()); // held again after wait
    mu.unlock();
  });
  EXPECT_EQ(0, result.status) << result.output;
}

TEST(Cond, SignalWithNobodyWaitingIsLost) {
  const auto result = runCaptured([] {
    go::Mutex mu;
    go::Cond cond(mu);
    cond.signal();
    mu.lock();
    cond.wait(); // nothing will ever signal again
  });
  EXPECT_EQ(2, result.status);
  EXPECT_NE(std::string::npos, result.output.find("[cond wait]"))
      << result.output;
}

TEST(Once, RunsOnceAndLaterCallersWaitForIt) {
  for (int seed = 0; seed < seedsPerProperty; ++seed) {
    int runs = 0;
    bool sawUnfinished = false;
    const auto result = runSeed(seed, [&] {
      go::Once once;
      bool initialised = false;
      go::WaitGroup wg;
      for (int i = 0; i < 4; ++i) {
        wg.add(1);
        go::spawn([&] {
          once.run([&] {
            ++runs;
            go::sleep(1s); // the others arrive meanwhile
            initialised = true;
          });
          sawUnfinished |= !initialised;
          wg.done();
        });
      }
      wg.wait();
    });
    EXPECT_EQ(0, result.status) << result.output;
    EXPECT_EQ(1, runs);
    EXPECT_FALSE(sawUnfinished) << "seed " << seed;
  }
}

TEST(Once, PanickingFunctionCountsAsDone) {
  int runs = 0;
  const auto result = runCaptured([&] {
    go::Once once;
    EXPECT_EQ("first", panicMessage([&] {
                once.run([&] {
                  ++runs;
                  go::panic("first");
                });
              }));
    once.run([&] { ++runs; });
  });
  EXPECT_EQ(0, result.status) << result.output;
  EXPECT_EQ(1, runs);
}

} // namespace
