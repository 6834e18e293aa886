// select: which case runs, blocking, default, nil channels, fairness.
#include "run_helpers.h"

#include <go/go.h>

#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <string>

using namespace std::chrono_literals;
using golife::test::runCaptured;
using golife::test::runSeed;
using golife::test::seedsPerProperty;

namespace {

TEST(Select, RunsTheOnlyReadyReceiveAndAssignsValueAndOk) {
  const auto result = runCaptured([] {
    auto idle = go::makeChan<int>();
    auto ready = go::makeChan<int>(1);
    ready.send(4);
    int value = 0;
    bool ok = false;
    EXPECT_EQ(1, go::select(go::caseRecv(idle, value),
                            go::caseRecv(ready, value, ok)));
    EXPECT_EQ(4, value);
    EXPECT_TRUE(ok);
    EXPECT_EQ(0U, ready.len());
  });
  EXPECT_EQ(0, result.status) << result.output;
}

TEST(Select, RunsAReadySendCase) {
  const auto result = runCaptured([] {
    auto full = go::makeChan<int>(1);
    full.send(0);
    auto room = go::makeChan<int>(1);
    EXPECT_EQ(1, go::select(go::caseSend(full, 1), go::caseSend(room, 2)));
    EXPECT_EQ(2, room.recv());
    EXPECT_EQ(0, full.recv());
  });
  EXPECT_EQ(0, result.status) << result.output;
}

TEST(Select, BlocksUntilACaseCanProceed) {
  for (int seed = 0; seed < seedsPerProperty; ++seed) {
    const auto result = runSeed(seed, [] {
      const go::Time start = go::now(); // no timer yet: the clock stays
      auto a = go::makeChan<int>();
      auto b = go::makeChan<std::string>();
      go::spawn([b] {
        go::sleep(5s);
        b.send("late");
      });
      std::string got;
      EXPECT_EQ(1, go::select(go::caseRecv(a), go::caseRecv(b, got)));
      EXPECT_EQ("late", got);
      EXPECT_EQ(5s, go::since(start));
    });
    EXPECT_EQ(0, result.status) << result.output;
  }
}

TEST(Select, BlockedSendCaseCompletesWithAReceiver) {
  for (int seed = 0; seed < seedsPerProperty; ++seed) {
    int got = 0;
    const auto result = runSeed(seed, [&] {
      auto out = go::makeChan<int>();
      auto never = go::makeChan<int>();
      auto done = go::makeChan<go::Unit>();
      go::spawn([&got, out, done] {
        go::sleep(1s);
        got = out.recv();
        done.close();
      });
      EXPECT_EQ(0, go::select(go::caseSend(out, 11), go::caseRecv(never)));
      done.recv();
    });
    EXPECT_EQ(0, result.status) << result.output;
    EXPECT_EQ(11, got);
  }
}

TEST(Select, DefaultOnlyWhenNoCaseIsReady) {
  for (int seed = 0; seed < seedsPerProperty; ++seed) {
    const auto result = runSeed(seed, [] {
      auto empty = go::makeChan<int>(1);
      EXPECT_EQ(1, go::select(go::caseRecv(empty), go::caseDefault()));
      empty.send(1);
      EXPECT_EQ(0, go::select(go::caseRecv(empty), go::caseDefault()));
      auto full = go::makeChan<int>(1);
      full.send(1);
      EXPECT_EQ(1, go::select(go::caseSend(full, 2), go::caseDefault()));
    });
    EXPECT_EQ(0, result.status) << result.output;
  }
}

TEST(Select, NilChannelCasesNeverProceed) {
  for (int seed = 0; seed < seedsPerProperty; ++seed) {
    const auto result = runSeed(seed, [] {
      go::Chan<int> nil;
      auto closed = go::makeChan<int>();
      closed.close();
      EXPECT_EQ(1, go::select(go::caseRecv(nil), go::caseRecv(closed),
                              go::caseSend(nil, 1)));
      EXPECT_EQ(2, go::select(go::caseRecv(nil), go::caseSend(nil, 1),
                              go::caseDefault()));
    });
    EXPECT_EQ(0, result.status) << result.output;
  }
}

TEST(Select, ClosedChannelCaseReceivesZeroAndNotOk) {
  const auto result = runCaptured([] {
    auto ch = go::makeChan<int>();
    go::spawn([ch] {
      go::sleep(1s);
      ch.close();
    });
    int value = -1;
    bool ok = true;
    EXPECT_EQ(0, go::select(go::caseRecv(ch, value, ok)));
    EXPECT_EQ(0, value);
    EXPECT_FALSE(ok);
  });
  EXPECT_EQ(0, result.status) << result.output;
}

TEST(Select, ChosenSendCaseOnClosedChannelPanics) {
  const auto result = runCaptured([] {
    auto ch = go::makeChan<int>(1);
    ch.close();
    go::select(go::caseSend(ch, 1));
  });
  EXPECT_EQ(2, result.status);
  EXPECT_EQ(0U, result.output.find("panic: send on closed channel\n"))
      << result.output;
}

TEST(Select, BlockedSendCasePanicsWhenItsChannelIsClosed) {
  const auto result = runCaptured([] {
    auto ch = go::makeChan<int>();
    go::spawn([ch] {
      go::sleep(1s);
      ch.close();
    });
    go::select(go::caseSend(ch, 1), go::caseRecv(go::Chan<int>()));
  });
  EXPECT_EQ(2, result.status);
  EXPECT_EQ(0U, result.output.find("panic: send on closed channel\n"))
      << result.output;
}

TEST(Select, WithoutCasesBlocksForever) {
  const auto result = runCaptured([] {
    go::spawn([] { go::select(); });
    go::spawn([] { go::select(go::caseRecv(go::Chan<int>())); });
    go::sleep(1s);
  });
  EXPECT_EQ(3, result.status);
  EXPECT_NE(std::string::npos, result.output.find("[select (no cases)]"))
      << result.output;
}

TEST(Select, OnlyOneCaseRuns) {
  for (int seed = 0; seed < seedsPerProperty; ++seed) {
    const auto result = runSeed(seed, [] {
      auto a = go::makeChan<int>(1);
      auto b = go::makeChan<int>(1);
      go::spawn([a] { a.send(1); });
      go::spawn([b] { b.send(2); });
      int got = 0;
      const int first = go::select(go::caseRecv(a, got), go::caseRecv(b, got));
      EXPECT_EQ(first + 1, got);
      // The other value is still there for a second select.
      const int second = go::select(go::caseRecv(a, got), go::caseRecv(b, got));
      EXPECT_EQ(1 - first, second);
      EXPECT_EQ(second + 1, got);
    });
    EXPECT_EQ(0, result.status) << result.output;
  }
}

// Among ready cases the choice is uniform: each count stays within five
// standard deviations of its binomial expectation, under several seeds.
TEST(Select, ChoosesUniformlyAmongReadyCases) {
  constexpr int rounds = 8000;
  for (int seed = 0; seed < 6; ++seed) {
    std::array<int, 4> chosen{};
    const auto result = runSeed(seed, [&] {
      std::array<go::Chan<int>, 4> ready;
      for (auto &ch : ready) {
        ch = go::makeChan<int>();
        ch.close(); // always ready
      }
      for (int i = 0; i < rounds; ++i) {
        ++chosen.at(static_cast<std::size_t>(
            go::select(go::caseRecv(ready[0]), go::caseRecv(ready[1]),
                       go::caseRecv(ready[2]), go::caseRecv(ready[3]))));
      }
    });
    EXPECT_EQ(0, result.status) << result.output;
    const double expected = rounds / 4.0;
    const double sd = std::sqrt(rounds * 0.25 * 0.75);
    for (int count : chosen) {
      EXPECT_NEAR(expected, count, 5 * sd) << "seed " << seed;
    }
  }
}

// A ready case and a default: the default never runs.
TEST(Select, ReadyCaseAlwaysBeatsDefault) {
  for (int seed = 0; seed < seedsPerProperty; ++seed) {
    int defaults = 0;
    const auto result = runSeed(seed, [&] {
      auto closed = go::makeChan<int>();
      closed.close();
      for (int i = 0; i < 100; ++i) {
        defaults += go::select(go::caseRecv(closed), go::caseDefault());
      }
    });
    EXPECT_EQ(0, result.status) << result.output;
    EXPECT_EQ(0, defaults) << "seed " << seed;
  }
}

TEST(Select, TemporaryChannelOfAfterLivesThroughTheSelect) {
  for (int seed = 0; seed < seedsPerProperty; ++seed) {
    const auto result = runSeed(seed, [] {
      auto never = go::makeChan<int>();
      const go::Time start = go::now();
      EXPECT_EQ(1,
                go::select(go::caseRecv(never), go::caseRecv(go::after(3s))));
      EXPECT_EQ(3s, go::since(start));
    });
    EXPECT_EQ(0, result.status) << result.output;
  }
}

} // namespace
