// golife-run: runs a program built against the runtime under many schedule
// seeds (GOLIFE_SEED) and reports the first seed that leaks, deadlocks or
// panics, so that `GOLIFE_SEED=k ./prog` replays it.
//
//   golife-run [--seeds N] [--first-seed S] [--timeout-ms T] [--keep-going]
//              ./prog [args...]
//
// Exit status: 0 every seed clean, 1 some seed failed, 2 usage error.
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

struct Options {
  std::uint64_t seeds = 100;
  std::uint64_t firstSeed = 0;
  int timeoutMs = 10000;
  bool keepGoing = false; // report every failing seed, not just the first
  std::vector<char *> command;
};

struct Outcome {
  int status = 0; // the program's exit status, or -1
  bool timedOut = false;
  std::string output; // stdout and stderr, interleaved
  std::string describe() const;
};

std::string Outcome::describe() const {
  if (timedOut) {
    return "timed out (a hang: no progress within the time limit)";
  }
  switch (status) {
  case 2:
    return "status 2 (deadlock or panic)";
  case 3:
    return "status 3 (leak)";
  default:
    return "status " + std::to_string(status);
  }
}

// The command as a shell line, each word quoted when the shell would split
// or expand it.
std::string shellLine(const std::vector<char *> &command) {
  std::string line;
  for (const char *word : command) {
    if (word == nullptr) {
      break;
    }
    const std::string_view text = word;
    const bool plain =
        !text.empty() &&
        text.find_first_not_of("abcdefghijklmnopqrstuvwxyz"
                               "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                               "_-./=:,+@%") == std::string_view::npos;
    if (!line.empty()) {
      line += ' ';
    }
    if (plain) {
      line += text;
      continue;
    }
    line += '\'';
    for (const char c : text) {
      line += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    line += '\'';
  }
  return line;
}

void usage() {
  std::fputs("usage: golife-run [--seeds N] [--first-seed S] [--timeout-ms T] "
             "[--keep-going] ./prog [args...]\n",
             stderr);
}

std::optional<std::uint64_t> parseNumber(std::string_view text) {
  std::uint64_t value = 0;
  const auto *end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end) {
    return std::nullopt;
  }
  return value;
}

std::optional<Options> parseArgs(int argc, char **argv) {
  Options opts;
  int i = 1;
  for (; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--keep-going") {
      opts.keepGoing = true;
      continue;
    }
    if (arg.size() < 2 || arg.substr(0, 2) != "--") {
      break;
    }
    if (i + 1 >= argc) {
      return std::nullopt;
    }
    const auto value = parseNumber(argv[++i]);
    if (!value) {
      return std::nullopt;
    }
    if (arg == "--seeds") {
      opts.seeds = *value;
    } else if (arg == "--first-seed") {
      opts.firstSeed = *value;
    } else if (arg == "--timeout-ms" && *value > 0 && *value < 3'600'000) {
      opts.timeoutMs = static_cast<int>(*value);
    } else {
      return std::nullopt;
    }
  }
  if (i >= argc || opts.seeds == 0) {
    return std::nullopt;
  }
  for (; i < argc; ++i) {
    opts.command.push_back(argv[i]);
  }
  opts.command.push_back(nullptr);
  return opts;
}

// Runs the program once with GOLIFE_SEED=seed, capturing its output.
std::optional<Outcome> runOnce(const Options &opts, std::uint64_t seed) {
  int pipeFds[2];
  if (pipe(pipeFds) != 0) {
    std::perror("golife-run: pipe");
    return std::nullopt;
  }
  const pid_t child = fork();
  if (child < 0) {
    std::perror("golife-run: fork");
    return std::nullopt;
  }
  if (child == 0) {
    dup2(pipeFds[1], STDOUT_FILENO);
    dup2(pipeFds[1], STDERR_FILENO);
    close(pipeFds[0]);
    close(pipeFds[1]);
    const std::string seedText = std::to_string(seed);
    setenv("GOLIFE_SEED", seedText.c_str(),
           1); // NOLINT(concurrency-mt-unsafe): single-threaded child
    execvp(opts.command[0], opts.command.data());
    std::perror("golife-run: exec");
    _exit(127);
  }
  close(pipeFds[1]);
  Outcome outcome;
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::milliseconds(opts.timeoutMs);
  char buffer[4096];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      outcome.timedOut = true;
      kill(child, SIGKILL);
      break;
    }
    pollfd fd{pipeFds[0], POLLIN, 0};
    if (poll(&fd, 1, static_cast<int>(left.count())) < 0 && errno != EINTR) {
      break;
    }
    if ((fd.revents & (POLLIN | POLLHUP)) != 0) {
      const ssize_t n = read(pipeFds[0], buffer, sizeof buffer);
      if (n <= 0) {
        break; // end of output: the program exited
      }
      outcome.output.append(buffer, static_cast<std::size_t>(n));
    }
  }
  close(pipeFds[0]);
  int waitStatus = 0;
  waitpid(child, &waitStatus, 0);
  if (WIFEXITED(waitStatus)) {
    outcome.status = WEXITSTATUS(waitStatus);
  } else {
    outcome.status = -1;
    if (!outcome.timedOut) {
      outcome.output += "golife-run: killed by signal " +
                        std::to_string(WTERMSIG(waitStatus)) + "\n";
    }
  }
  return outcome;
}

} // namespace

int main(int argc, char **argv) {
  const auto opts = parseArgs(argc, argv);
  if (!opts) {
    usage();
    return 2;
  }
  std::uint64_t failures = 0;
  std::optional<std::uint64_t> firstFailure;
  for (std::uint64_t i = 0; i < opts->seeds; ++i) {
    const std::uint64_t seed = opts->firstSeed + i;
    const auto outcome = runOnce(*opts, seed);
    if (!outcome) {
      return 2;
    }
    if (outcome->status == 0 && !outcome->timedOut) {
      continue;
    }
    ++failures;
    if (!firstFailure) {
      firstFailure = seed;
    }
    std::printf("golife-run: seed %llu: %s\n",
                static_cast<unsigned long long>(seed),
                outcome->describe().c_str());
    std::fputs(outcome->output.c_str(), stdout);
    std::printf("golife-run: replay with GOLIFE_SEED=%llu %s\n",
                static_cast<unsigned long long>(seed),
                shellLine(opts->command).c_str());
    if (!opts->keepGoing) {
      break;
    }
  }
  if (firstFailure) {
    std::printf("golife-run: FAIL: %llu failing seed(s), first %llu\n",
                static_cast<unsigned long long>(failures),
                static_cast<unsigned long long>(*firstFailure));
    return 1;
  }
  std::printf(
      "golife-run: ok: %llu seeds clean (%llu..%llu)\n",
      static_cast<unsigned long long>(opts->seeds),
      static_cast<unsigned long long>(opts->firstSeed),
      static_cast<unsigned long long>(opts->firstSeed + opts->seeds - 1));
  return 0;
}
