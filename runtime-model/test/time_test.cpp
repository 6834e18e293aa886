// time on the virtual clock: sleep, after, tick, Ticker, Timer, afterFunc.
#include "run_helpers.h"

#include <go/go.h>

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using golife::test::runCaptured;
using golife::test::runSeed;
using golife::test::runWithExactTiming;
using golife::test::seedsPerProperty;
using golife::test::siteOf;

namespace {

TEST(Time, SleepMovesOnlyTheVirtualClock) {
  go::Duration slept{};
  const auto wallStart = std::chrono::steady_clock::now();
  const auto result = runWithExactTiming([&] {
    const go::Time start = go::now();
    go::sleep(10h);
    slept = go::since(start);
  });
  EXPECT_EQ(0, result.status) << result.output;
  EXPECT_EQ(go::Duration(10h), slept);
  EXPECT_LT(std::chrono::steady_clock::now() - wallStart, 1s);
}

TEST(Time, TimeArithmetic) {
  const auto result = runWithExactTiming([] {
    const go::Time t0 = go::now();
    go::sleep(90s);
    const go::Time t1 = go::now();
    EXPECT_EQ(go::Duration(90s), t1 - t0);
    EXPECT_EQ(t1, t0 + 90s);
    EXPECT_EQ(t0, t1 - 90s);
    EXPECT_LT(t0, t1);
  });
  EXPECT_EQ(0, result.status) << result.output;
}

TEST(Time, NonPositiveSleepIsStillASchedulingPoint) {
  for (int seed = 0; seed < seedsPerProperty; ++seed) {
    bool otherRan = false;
    const auto result = runSeed(seed, [&] {
      const go::Time start = go::now();
      go::spawn([&] { otherRan = true; });
      for (int i = 0; i < 1000 && !otherRan; ++i) {
        go::sleep(i % 2 == 0 ? 0s : -1s);
      }
      EXPECT_EQ(start, go::now());
    });
    EXPECT_EQ(0, result.status) << result.output;
    EXPECT_TRUE(otherRan) << "seed " << seed;
  }
}

TEST(Time, AfterDeliversTheTimeOnce) {
  const auto result = runWithExactTiming([] {
    const go::Time start = go::now();
    auto c = go::after(3s);
    EXPECT_EQ(1U, c.cap());
    EXPECT_EQ(start + 3s, c.recv());
    go::sleep(1h);
    EXPECT_EQ(0U, c.len());
  });
  EXPECT_EQ(0, result.status) << result.output;
}

TEST(Time, TimersDueAtOneInstantAllFireBeforeAnyGoroutineRuns) {
  go::RunOptions opts;
  opts.earlyClockJumps = false; // or the clock may move between the afters
  for (int seed = 0; seed < seedsPerProperty; ++seed) {
    const auto result = runSeed(
        seed,
        [] {
          auto a = go::after(1s);
          auto b = go::after(1s);
          auto c = go::after(1s);
          a.recv();
          EXPECT_EQ(1U, b.len());
          EXPECT_EQ(1U, c.len());
        },
        opts);
    EXPECT_EQ(0, result.status) << result.output;
  }
}

TEST(Time, TickDeliversEveryPeriod) {
  const auto result = runWithExactTiming([] {
    const go::Time start = go::now();
    auto c = go::tick(2s);
    for (int i = 1; i <= 3; ++i) {
      EXPECT_EQ(start + i * 2s, c.recv());
    }
  });
  EXPECT_EQ(3, result.status); // a tick ticker can never be stopped
  EXPECT_NE(std::string::npos, result.output.find("ticker [not stopped]"))
      << result.output;
}

TEST(Time, TickOfNonPositiveDurationIsNil) {
  const auto result = runCaptured([] {
    EXPECT_TRUE(go::tick(0s).isNil());
    EXPECT_TRUE(go::tick(-1s).isNil());
  });
  EXPECT_EQ(0, result.status) << result.output;
}

TEST(Ticker, ChannelHoldsOneTickAndDropsTheRest) {
  const auto result = runWithExactTiming([] {
    const go::Time start = go::now();
    auto ticker = go::newTicker(1s);
    auto stop = go::defer([&] { ticker.stop(); });
    EXPECT_EQ(1U, ticker.C.cap());
    go::sleep(10s + 500ms);
    EXPECT_EQ(1U, ticker.C.len());
    EXPECT_EQ(start + 1s, ticker.C.recv());  // the first tick was kept
    EXPECT_EQ(start + 11s, ticker.C.recv()); // 2s..10s were dropped
  });
  EXPECT_EQ(0, result.status) << result.output;
}

TEST(Ticker, StopEndsTheTicks) {
  const auto result = runWithExactTiming([] {
    auto ticker = go::newTicker(1s);
    ticker.C.recv();
    ticker.stop();
    go::sleep(1h);
    EXPECT_EQ(0U, ticker.C.len());
    ticker.stop(); // stopping twice is harmless
  });
  EXPECT_EQ(0, result.status) << result.output;
}

TEST(Ticker, ResetChangesThePeriod) {
  const auto result = runWithExactTiming([] {
    const go::Time start = go::now();
    auto ticker = go::newTicker(1s);
    ticker.reset(5s);
    EXPECT_EQ(start + 5s, ticker.C.recv());
    EXPECT_EQ(start + 10s, ticker.C.recv());
    ticker.stop();
    ticker.reset(1s); // a stopped ticker starts again
    EXPECT_EQ(start + 11s, ticker.C.recv());
    ticker.stop();
  });
  EXPECT_EQ(0, result.status) << result.output;
}

TEST(Ticker, NonPositiveIntervalPanics) {
  const auto created = runCaptured([] { go::newTicker(0s); });
  EXPECT_EQ(2, created.status);
  EXPECT_EQ(0U,
            created.output.find("panic: non-positive interval for NewTicker"))
      << created.output;
  const auto reset = runCaptured([] {
    auto ticker = go::newTicker(1s);
    auto stop = go::defer([&] { ticker.stop(); });
    ticker.reset(-1s);
  });
  EXPECT_EQ(2, reset.status);
  EXPECT_EQ(0U,
            reset.output.find("panic: non-positive interval for Ticker.Reset"))
      << reset.output;
}

TEST(Ticker, NeverStoppedIsReportedWithItsCreationSite) {
  const auto line = __LINE__ + 2;
  const auto result = runCaptured([] {
    auto ticker = go::newTicker(1s);
    ticker.C.recv();
  });
  EXPECT_EQ(3, result.status);
  EXPECT_NE(std::string::npos,
            result.output.find("ticker [not stopped]: made-at " + siteOf(line)))
      << result.output;
}

TEST(Timer, StopReturnsWhetherItStoppedThePendingTimer) {
  const auto result = runWithExactTiming([] {
    auto timer = go::newTimer(5s);
    EXPECT_TRUE(timer.stop());
    EXPECT_FALSE(timer.stop()); // already stopped
    go::sleep(1h);
    EXPECT_EQ(0U, timer.C.len()); // it never fired

    auto fired = go::newTimer(1s);
    go::sleep(2s);
    EXPECT_FALSE(fired.stop());   // it had fired
    EXPECT_EQ(1U, fired.C.len()); // and its value waits in C
  });
  EXPECT_EQ(0, result.status) << result.output;
}

TEST(Timer, ResetReturnsWhetherTheTimerWasActive) {
  const auto result = runWithExactTiming([] {
    const go::Time start = go::now();
    auto timer = go::newTimer(5s);
    EXPECT_TRUE(timer.reset(2s)); // active: it now fires at 2s
    EXPECT_EQ(start + 2s, timer.C.recv());
    EXPECT_FALSE(timer.reset(3s)); // expired: it fires again, at 5s
    EXPECT_EQ(start + 5s, timer.C.recv());
    timer.stop();
    EXPECT_FALSE(timer.reset(1s)); // stopped
    EXPECT_EQ(start + 6s, timer.C.recv());
  });
  EXPECT_EQ(0, result.status) << result.output;
}

TEST(Timer, PendingTimersAtExitAreNotLeaks) {
  const auto result = runCaptured([] {
    auto timer = go::newTimer(24h);
    auto c = go::after(48h);
  });
  EXPECT_EQ(0, result.status) << result.output;
  EXPECT_EQ("", result.output);
}

TEST(Timer, AfterFuncRunsInItsOwnGoroutine) {
  int ranOnTime = 0;
  for (int seed = 0; seed < seedsPerProperty; ++seed) {
    const auto result = runSeed(seed, [&] {
      const go::Time start = go::now();
      auto handoff = go::makeChan<go::Time>();
      // f blocks until main receives: only a goroutine can.
      const auto timer =
          go::afterFunc(4s, [handoff] { handoff.send(go::now()); });
      EXPECT_TRUE(timer.C.isNil());
      go::sleep(10s);
      const go::Time ranAt = handoff.recv();
      EXPECT_GE(ranAt, start + 4s);
      EXPECT_LE(ranAt, start + 10s); // the last deadline of the program
      ranOnTime += ranAt == start + 4s ? 1 : 0;
    });
    EXPECT_EQ(0, result.status) << result.output;
  }
  EXPECT_GT(ranOnTime, 0);
}

TEST(Timer, StoppedAfterFuncNeverRuns) {
  bool ran = false;
  const auto result = runWithExactTiming([&] {
    const auto timer = go::afterFunc(1s, [&] { ran = true; });
    EXPECT_TRUE(timer.stop());
    go::sleep(1h);
  });
  EXPECT_EQ(0, result.status) << result.output;
  EXPECT_FALSE(ran);
}

// A seeded choice may jump the clock while goroutines can still run, so a
// timer can fire in the middle of a busy stretch; other seeds never do.
TEST(Time, SomeSchedulesFireTimersWhileGoroutinesRun) {
  int firedEarly = 0;
  int neverFired = 0;
  for (int seed = 0; seed < 100; ++seed) {
    int polls = 0;
    const auto result = runSeed(seed, [&] {
      auto timer = go::after(1s);
      while (polls < 1000 &&
             go::select(go::caseRecv(timer), go::caseDefault()) == 1) {
        ++polls;
      }
    });
    EXPECT_EQ(0, result.status) << result.output;
    (polls < 1000 ? firedEarly : neverFired) += 1;
  }
  EXPECT_GT(firedEarly, 0);
  EXPECT_GT(neverFired, 0);
}

} // namespace
