// Shared by the runtime's tests: run a main goroutine under one seed and
// keep what the runtime printed.
#pragma once

#include <go/go.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <source_location>
#include <string>
#include <utility>

#include <sys/wait.h>

namespace golife::test {

// How many seeds a property test runs its program under.
constexpr int seedsPerProperty = 50;

struct RunResult {
  int status = 0;
  std::string output; // the runtime's report, empty when it printed none
};

// Runs mainGoroutine under seed, ignoring GOLIFE_SEED, with the report
// captured instead of printed.
template <class F>
RunResult runSeed(std::uint64_t seed, F &&mainGoroutine,
                  go::RunOptions opts = {}) {
  RunResult result;
  opts.seed = seed;
  opts.seedFromEnvironment = false;
  opts.capturedOutput = &result.output;
  result.status = go::run(std::forward<F>(mainGoroutine), opts);
  return result;
}

template <class F> RunResult runCaptured(F &&mainGoroutine) {
  return runSeed(0, std::forward<F>(mainGoroutine));
}

// The clock moves only when every goroutine is blocked, so a test can
// expect exact virtual times.
template <class F> RunResult runWithExactTiming(F &&mainGoroutine) {
  go::RunOptions opts;
  opts.earlyClockJumps = false;
  return runSeed(0, std::forward<F>(mainGoroutine), opts);
}

// "file:line:" of a line in the calling file, as reports print a site
// before its column.
inline std::string
siteOf(std::uint_least32_t line,
       std::source_location here = std::source_location::current()) {
  return std::string(here.file_name()) + ":" + std::to_string(line) + ":";
}

struct CommandResult {
  int status = -1;    // the exit status, -1 if it did not exit normally
  std::string output; // stdout and stderr together
};

// Runs a shell command line as a subprocess.
inline CommandResult runCommand(const std::string &commandLine) {
  CommandResult result;
  FILE *pipe = popen((commandLine + " 2>&1").c_str(), "r");
  if (pipe == nullptr) {
    return result;
  }
  std::array<char, 4096> buffer{};
  while (const std::size_t n =
             std::fread(buffer.data(), 1, buffer.size(), pipe)) {
    result.output.append(buffer.data(), n);
  }
  const int waitStatus = pclose(pipe);
  if (WIFEXITED(waitStatus)) {
    result.status = WEXITSTATUS(waitStatus);
  }
  return result;
}

} // namespace golife::test
