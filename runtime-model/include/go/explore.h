// Run one program under many schedules and keep the first that fails.
#pragma once

#include <go/core.h>

#include <cstdint>
#include <functional>
#include <string>

namespace go {

struct ExploreOptions {
  std::uint64_t firstSeed = 0;
  std::uint64_t seeds = 100;
  RunOptions run; // seed and capturedOutput are set per run
};

struct ExploreResult {
  bool failed = false;    // some seed leaked, deadlocked or panicked
  std::uint64_t seed = 0; // the first failing seed: GOLIFE_SEED=seed replays it
  int status = 0;         // run's status under that seed
  std::string report;     // what run printed under that seed
  std::uint64_t seedsRun = 0;
};

ExploreResult exploreTask(const std::function<void()> &mainGoroutine,
                          const ExploreOptions &opts);

// mainGoroutine runs once per seed, so it must be callable repeatedly.
template <class F>
ExploreResult explore(F &&mainGoroutine, ExploreOptions opts = {}) {
  return exploreTask(std::function<void()>(std::forward<F>(mainGoroutine)),
                     opts);
}

} // namespace go
