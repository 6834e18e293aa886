#include <go/explore.h>

namespace go {

ExploreResult exploreTask(const std::function<void()> &mainGoroutine,
                          const ExploreOptions &opts) {
  ExploreResult result;
  for (std::uint64_t i = 0; i < opts.seeds; ++i) {
    std::string output;
    RunOptions run = opts.run;
    run.seed = opts.firstSeed + i;
    run.seedFromEnvironment = false; // the explorer chooses the seeds
    run.capturedOutput = &output;
    const int status = go::run(mainGoroutine, run);
    ++result.seedsRun;
    if (status != 0) {
      result.failed = true;
      result.seed = run.seed;
      result.status = status;
      result.report = std::move(output);
      break;
    }
  }
  return result;
}

} // namespace go
