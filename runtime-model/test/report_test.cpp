// Reports: the leak listing (exit status 3), the all-asleep deadlock and
// panics (status 2), liveGoroutines, verifyNone, and the same reports from
// a real program's stderr and exit status.
#include "run_helpers.h"

#include <go/go.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using golife::test::runCaptured;
using golife::test::runCommand;
using golife::test::runSeed;
using golife::test::siteOf;

namespace {

bool contains(const std::string &text, const std::string &part) {
  return text.find(part) != std::string::npos;
}

TEST(Report, LeakNamesSpawnSiteBlockingSiteAndChannelSite) {
  const auto madeAt = __LINE__ + 2;
  const auto result = runCaptured([] {
    auto results = go::makeChan<int>();
    go::spawn([results] { results.send(1); });
  });
  const auto spawnedAt = madeAt + 1;
  EXPECT_EQ(3, result.status);
  const std::string goroutineLine =
      "goroutine 2 [chan send]: at " + siteOf(spawnedAt);
  EXPECT_EQ(0U, result.output.find("golife: leaks after main returned:\n" +
                                   goroutineLine))
      << result.output;
  EXPECT_TRUE(contains(result.output, " spawned-at " + siteOf(spawnedAt)))
      << result.output;
  EXPECT_TRUE(contains(result.output, " chan-made-at " + siteOf(madeAt)))
      << result.output;
  EXPECT_TRUE(contains(result.output,
                       "\ngolife: exit status 3 (seed 0, strategy random)\n"))
      << result.output;
  EXPECT_EQ(3, std::count(result.output.begin(), result.output.end(), '\n'));
}

TEST(Report, EveryKindOfBlockingHasItsState) {
  struct Case {
    std::string state;
    std::function<void()> mainGoroutine;
  };
  const std::vector<Case> cases = {
      {"[chan send]", [] { go::spawn([] { go::makeChan<int>().send(1); }); }},
      {"[chan receive]", [] { go::spawn([] { go::makeChan<int>().recv(); }); }},
      {"[select]",
       [] {
         go::spawn([] {
           go::select(go::caseRecv(go::makeChan<int>()),
                      go::caseSend(go::makeChan<int>(), 1));
         });
       }},
      {"[WaitGroup wait]",
       [] {
         go::spawn([] {
           go::WaitGroup wg;
           wg.add(1);
           wg.wait();
         });
       }},
      {"[mutex lock]",
       [] {
         go::spawn([] {
           go::Mutex mu;
           mu.lock();
           mu.lock();
         });
       }},
      {"[rwmutex lock]",
       [] {
         go::spawn([] {
           go::RWMutex rw;
           rw.rlock();
           rw.lock();
         });
       }},
      {"[rwmutex rlock]",
       [] {
         go::spawn([] {
           go::RWMutex rw;
           rw.lock();
           rw.rlock();
         });
       }},
      {"[cond wait]",
       [] {
         go::spawn([] {
           go::Mutex mu;
           go::Cond cond(mu);
           mu.lock();
           cond.wait();
         });
       }},
      {"[once wait]",
       [] {
         go::spawn([] {
           go::Once once;
           once.run([&] { once.run([] {}); }); // Do inside Do
         });
       }},
      {"[sleep]", [] { go::spawn([] { go::sleep(2h); }); }},
      {"[running]",
       [] {
         go::spawn([] {
           for (;;) {
             go::yield();
           }
         });
       }},
  };
  for (const Case &c : cases) {
    const auto result = runCaptured(c.mainGoroutine);
    EXPECT_EQ(3, result.status) << c.state;
    EXPECT_TRUE(contains(result.output, "goroutine 2 " + c.state + ": at "))
        << result.output;
  }
}

TEST(Report, ListsEveryLeakedGoroutineInSpawnOrder) {
  const auto result = runCaptured([] {
    for (int i = 0; i < 3; ++i) {
      go::spawn([] { go::makeChan<int>().recv(); });
    }
    go::spawn([] {}); // finishes: not listed
  });
  EXPECT_EQ(3, result.status);
  const auto second = result.output.find("goroutine 2 [");
  const auto third = result.output.find("goroutine 3 [");
  const auto fourth = result.output.find("goroutine 4 [");
  EXPECT_LT(second, third);
  EXPECT_LT(third, fourth);
  EXPECT_NE(std::string::npos, fourth) << result.output;
  EXPECT_FALSE(contains(result.output, "goroutine 5 ")) << result.output;
}

TEST(Report, AllGoroutinesAsleepIsADeadlock) {
  const auto line = __LINE__ + 4;
  const auto result = runCaptured([] {
    auto ch = go::makeChan<int>();
    go::spawn([ch] { ch.recv(); });
    ch.recv();
  });
  EXPECT_EQ(2, result.status);
  EXPECT_EQ(0U, result.output.find(
                    "fatal error: all goroutines are asleep - deadlock!\n\n"))
      << result.output;
  EXPECT_TRUE(
      contains(result.output, "goroutine 1 [chan receive]: at " + siteOf(line)))
      << result.output;
  EXPECT_TRUE(contains(result.output,
                       "goroutine 2 [chan receive]: at " + siteOf(line - 1)))
      << result.output;
  EXPECT_TRUE(contains(result.output,
                       "golife: exit status 2 (seed 0, strategy random)\n"))
      << result.output;
}

TEST(Report, NoDeadlockWhileATimerCanWakeSomebody) {
  const auto result = runCaptured([] {
    auto ch = go::makeChan<int>();
    go::afterFunc(1h, [ch] { ch.send(1); });
    ch.recv();
  });
  EXPECT_EQ(0, result.status) << result.output;
}

TEST(Report, UncaughtPanicEndsTheProgram) {
  const auto line = __LINE__ + 2;
  const auto result = runCaptured([] {
    go::spawn([] { go::panic("boom"); });
    go::sleep(1h);
  });
  EXPECT_EQ(2, result.status);
  EXPECT_EQ(0U,
            result.output.find("panic: boom\n\ngoroutine 2 [panicked]: at " +
                               siteOf(line)))
      << result.output;
}

TEST(Report, UncaughtExceptionIsAPanic) {
  const auto result = runCaptured([] { throw std::runtime_error("bad"); });
  EXPECT_EQ(2, result.status);
  EXPECT_EQ(0U, result.output.find("panic: uncaught exception: bad\n"))
      << result.output;
}

TEST(Report, ReportLeaksFalseReturnsZero) {
  std::string output;
  go::RunOptions opts;
  opts.reportLeaks = false;
  opts.capturedOutput = &output;
  opts.seedFromEnvironment = false;
  EXPECT_EQ(0,
            go::run([] { go::spawn([] { go::Chan<int>().recv(); }); }, opts));
  EXPECT_EQ("", output);
}

TEST(Report, OthersGetTheHorizonAfterMainReturns) {
  const auto withinHorizon =
      runCaptured([] { go::spawn([] { go::sleep(59min); }); });
  EXPECT_EQ(0, withinHorizon.status) << withinHorizon.output;

  const auto beyondHorizon =
      runCaptured([] { go::spawn([] { go::sleep(61min); }); });
  EXPECT_EQ(3, beyondHorizon.status);
  EXPECT_TRUE(contains(beyondHorizon.output, "[sleep]"))
      << beyondHorizon.output;

  go::RunOptions shortHorizon;
  shortHorizon.horizon = 1min;
  const auto shortened =
      runSeed(0, [] { go::spawn([] { go::sleep(2min); }); }, shortHorizon);
  EXPECT_EQ(3, shortened.status) << shortened.output;
}

TEST(Report, StepBudgetBoundsASpinningGoroutine) {
  go::RunOptions opts;
  opts.stepBudget = 1000;
  int spins = 0;
  const auto result = runSeed(
      0,
      [&] {
        go::spawn([&] {
          for (;;) {
            ++spins;
            go::yield();
          }
        });
      },
      opts);
  EXPECT_EQ(3, result.status);
  EXPECT_TRUE(contains(result.output, "goroutine 2 [running]"))
      << result.output;
  EXPECT_LE(spins, 1000);
}

TEST(Report, MainThatNeverReturnsIsReportedAsRunning) {
  go::RunOptions opts;
  opts.maxSteps = 1000;
  const auto result = runSeed(
      0,
      [] {
        for (;;) {
          go::yield();
        }
      },
      opts);
  EXPECT_EQ(3, result.status);
  EXPECT_EQ(0U, result.output.find("golife: main did not return within the "
                                   "step or time budget:\n"))
      << result.output;
  EXPECT_TRUE(contains(result.output, "goroutine 1 [running]"))
      << result.output;
}

TEST(Report, LiveGoroutinesAndNumGoroutines) {
  const auto spawnLine = __LINE__ + 3; // where it blocks, too
  const auto result = runCaptured([spawnLine] {
    auto ch = go::makeChan<int>();
    go::spawn([ch] { ch.recv(); });
    go::sleep(1s);
    EXPECT_EQ(2U, go::numGoroutines());
    const auto live = go::liveGoroutines();
    ASSERT_EQ(2U, live.size());
    EXPECT_EQ(1U, live[0].id);
    EXPECT_EQ(go::GoroutineState::Runnable, live[0].state); // the caller
    EXPECT_EQ(2U, live[1].id);
    EXPECT_EQ(go::GoroutineState::ChanRecv, live[1].state);
    EXPECT_EQ(spawnLine, live[1].at.line());
    EXPECT_EQ(spawnLine, live[1].spawnedAt.line());
    ASSERT_EQ(1U, live[1].channelsMadeAt.size());
    EXPECT_EQ(spawnLine - 1, live[1].channelsMadeAt[0].line());
    ch.send(1);
    go::sleep(1s);
    EXPECT_EQ(1U, go::numGoroutines());
  });
  EXPECT_EQ(0, result.status) << result.output;
  EXPECT_TRUE(go::liveGoroutines().empty()); // outside go::run
}

TEST(Report, VerifyNonePassesOnceTheOthersFinish) {
  const auto result = runCaptured([] {
    go::spawn([] { go::sleep(10min); }); // needs the clock to finish
    go::spawn([] {
      for (int i = 0; i < 100; ++i) {
        go::yield();
      }
    });
    EXPECT_NO_THROW(go::verifyNone());
    EXPECT_EQ(1U, go::numGoroutines());
  });
  EXPECT_EQ(0, result.status) << result.output;
}

TEST(Report, VerifyNoneThrowsListingTheLeaks) {
  const auto line = __LINE__ + 3;
  const auto result = runCaptured([] {
    auto ch = go::makeChan<int>();
    go::spawn([ch] { ch.recv(); });
    try {
      go::verifyNone();
      ADD_FAILURE() << "verifyNone did not throw";
    } catch (const go::LeakError &e) {
      const std::string what = e.what();
      EXPECT_EQ(0U, what.find("found unexpected goroutines:\n")) << what;
      EXPECT_TRUE(
          contains(what, "goroutine 2 [chan receive]: at " + siteOf(line)))
          << what;
      EXPECT_FALSE(contains(what, "goroutine 1 ")) << what; // the caller
    }
    ch.send(1);
  });
  EXPECT_EQ(0, result.status) << result.output;
}

// The same reports on a real program's stderr, with its exit status.
TEST(ReportFromAProgram, ExitStatusesAndMessages) {
  const std::string program = GOLIFE_SCENARIOS_PATH;
  const auto clean = runCommand(program + " clean");
  EXPECT_EQ(0, clean.status) << clean.output;
  EXPECT_EQ("received 1\n", clean.output);

  const auto leak = runCommand(program + " leak");
  EXPECT_EQ(3, leak.status) << leak.output;
  EXPECT_TRUE(contains(leak.output, "golife: leaks after main returned:\n"
                                    "goroutine 2 [chan send]: at "))
      << leak.output;

  const auto deadlock = runCommand(program + " deadlock");
  EXPECT_EQ(2, deadlock.status) << deadlock.output;
  EXPECT_EQ(0U, deadlock.output.find(
                    "fatal error: all goroutines are asleep - deadlock!\n"))
      << deadlock.output;

  const auto panicked = runCommand(program + " panic");
  EXPECT_EQ(2, panicked.status) << panicked.output;
  EXPECT_EQ(0U, panicked.output.find("panic: something went wrong\n"))
      << panicked.output;
}

TEST(ReportFromAProgram, GolifeSeedChoosesTheSchedule) {
  const std::string program = GOLIFE_SCENARIOS_PATH;
  const auto odd = runCommand("GOLIFE_SEED=7 " + program + " leak");
  EXPECT_TRUE(contains(odd.output, "(seed 7, strategy priority)"))
      << odd.output;
  const auto even = runCommand("GOLIFE_SEED=12 " + program + " leak");
  EXPECT_TRUE(contains(even.output, "(seed 12, strategy random)"))
      << even.output;
  const auto malformed = runCommand("GOLIFE_SEED=x1 " + program + " leak");
  EXPECT_TRUE(contains(malformed.output, "(seed 0, strategy random)"))
      << malformed.output;
}

} // namespace
