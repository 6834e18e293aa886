// The explorer: go::explore and golife-run find the first failing seed,
// and that seed replays the same failure.
#include "run_helpers.h"

#include <go/go.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <regex>
#include <string>

using namespace std::chrono_literals;
using golife::test::runCommand;
using golife::test::runSeed;

namespace {

const std::string scenarios = GOLIFE_SCENARIOS_PATH;
const std::string golifeRun = GOLIFE_RUN_PATH;

bool contains(const std::string &text, const std::string &part) {
  return text.find(part) != std::string::npos;
}

void clean() {
  auto ch = go::makeChan<int>();
  go::spawn([ch] { ch.send(1); });
  ch.recv();
}

// The worker leaks only when the timeout wins the race.
void racy() {
  auto result = go::makeChan<int>();
  go::spawn([result] {
    go::yield();
    result.send(1);
  });
  go::select(go::caseRecv(result), go::caseRecv(go::after(1s)));
}

TEST(Explore, CleanProgramPassesEverySeed) {
  go::ExploreOptions opts;
  opts.seeds = 100;
  const auto result = go::explore(clean, opts);
  EXPECT_FALSE(result.failed) << result.report;
  EXPECT_EQ(100U, result.seedsRun);
  EXPECT_EQ("", result.report);
}

TEST(Explore, FirstFailingSeedReplaysTheSameReport) {
  go::ExploreOptions opts;
  opts.seeds = 200;
  const auto result = go::explore(racy, opts);
  ASSERT_TRUE(result.failed);
  EXPECT_EQ(result.seed + 1, result.seedsRun);
  EXPECT_EQ(3, result.status);
  EXPECT_TRUE(contains(result.report, "goroutine 2 [chan send]"))
      << result.report;
  for (std::uint64_t seed = 0; seed < result.seed; ++seed) {
    EXPECT_EQ(0, runSeed(seed, racy).status) << "seed " << seed;
  }
  const auto replay = runSeed(result.seed, racy);
  EXPECT_EQ(result.status, replay.status);
  EXPECT_EQ(result.report, replay.output);
}

TEST(Explore, StartsAtFirstSeed) {
  go::ExploreOptions opts;
  opts.firstSeed = 1000;
  opts.seeds = 3;
  const auto result =
      go::explore([] { go::spawn([] { go::Chan<int>().recv(); }); }, opts);
  ASSERT_TRUE(result.failed);
  EXPECT_EQ(1000U, result.seed);
  EXPECT_TRUE(contains(result.report, "(seed 1000, strategy random)"))
      << result.report;
}

TEST(GolifeRun, CleanProgram) {
  const auto run =
      runCommand(golifeRun + " --seeds 50 " + scenarios + " clean");
  EXPECT_EQ(0, run.status) << run.output;
  EXPECT_TRUE(contains(run.output, "golife-run: ok: 50 seeds clean (0..49)"))
      << run.output;
}

TEST(GolifeRun, ReportsTheFirstFailingSeedAndItReplays) {
  const auto run =
      runCommand(golifeRun + " --seeds 200 " + scenarios + " racy");
  EXPECT_EQ(1, run.status) << run.output;
  std::smatch found;
  ASSERT_TRUE(std::regex_search(
      run.output, found,
      std::regex("golife-run: seed ([0-9]+): status 3 \\(leak\\)\n")))
      << run.output;
  const std::string seed = found[1];
  // The hint is a shell command line that replays the seed.
  const std::string replayLine =
      "GOLIFE_SEED=" + seed + " " + scenarios + " racy";
  const std::string replayHint = "golife-run: replay with " + replayLine + "\n";
  ASSERT_TRUE(contains(run.output, replayHint)) << run.output;
  // What the seed printed sits between its status line and the hint.
  const auto from = found.position(0) + found.length(0);
  const std::string report =
      run.output.substr(from, run.output.find(replayHint) - from);

  const auto replay = runCommand(replayLine);
  EXPECT_EQ(3, replay.status);
  EXPECT_EQ(report, replay.output);
  EXPECT_TRUE(contains(
      run.output, "golife-run: FAIL: 1 failing seed(s), first " + seed + "\n"))
      << run.output;
}

TEST(GolifeRun, KeepGoingCountsEveryFailingSeed) {
  const auto run = runCommand(golifeRun +
                              " --keep-going --first-seed 10 "
                              "--seeds 5 " +
                              scenarios + " leak");
  EXPECT_EQ(1, run.status) << run.output;
  EXPECT_TRUE(
      contains(run.output, "golife-run: FAIL: 5 failing seed(s), first 10"))
      << run.output;
}

TEST(GolifeRun, DeadlockPanicAndHangAreFailures) {
  const auto deadlock =
      runCommand(golifeRun + " --seeds 3 " + scenarios + " deadlock");
  EXPECT_EQ(1, deadlock.status);
  EXPECT_TRUE(contains(deadlock.output,
                       "golife-run: seed 0: status 2 (deadlock or panic)"))
      << deadlock.output;
  const auto panicked =
      runCommand(golifeRun + " --seeds 3 " + scenarios + " panic");
  EXPECT_EQ(1, panicked.status);
  EXPECT_TRUE(contains(panicked.output, "panic: something went wrong"))
      << panicked.output;
  const auto hang = runCommand(golifeRun + " --seeds 1 --timeout-ms 300 " +
                               scenarios + " hang");
  EXPECT_EQ(1, hang.status);
  EXPECT_TRUE(contains(hang.output, "golife-run: seed 0: timed out"))
      << hang.output;
}

TEST(GolifeRun, ReplayHintQuotesWordsTheShellWouldSplit) {
  const auto run = runCommand(golifeRun + " --seeds 1 " + scenarios +
                              " leak 'two words' \"it's\"");
  EXPECT_TRUE(contains(run.output, "golife-run: replay with GOLIFE_SEED=0 " +
                                       scenarios +
                                       " leak 'two words' 'it'\\''s'\n"))
      << run.output;
}

TEST(GolifeRun, StackOverflowStopsTheProgram) {
  const auto run =
      runCommand(golifeRun + " --seeds 1 " + scenarios + " overflow");
  EXPECT_EQ(1, run.status) << run.output;
  // The guard page's fault, or AddressSanitizer's report of it.
  EXPECT_TRUE(contains(run.output, "golife-run: killed by signal 11") ||
              contains(run.output, "AddressSanitizer: stack-overflow"))
      << run.output;
}

TEST(GolifeRun, UsageErrors) {
  EXPECT_EQ(2, runCommand(golifeRun).status);
  EXPECT_EQ(2, runCommand(golifeRun + " --seeds 0 " + scenarios).status);
  EXPECT_EQ(2, runCommand(golifeRun + " --seeds x " + scenarios).status);
  EXPECT_EQ(2, runCommand(golifeRun + " --colour 1 " + scenarios).status);
}

} // namespace
