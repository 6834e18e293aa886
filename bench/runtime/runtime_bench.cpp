// The runtime's speed beside Boost.Fiber's on one thread, measured in the
// same run: unbuffered ping-pong, buffered throughput, select over four
// channels, spawn+exit. Each workload reports operations per second; after
// the runs a table gives the ratio golife/boost for each.
//
// Both sides use pooled 256 KiB stacks and channels with the same usable
// capacity (a Boost buffered_channel of capacity n holds n - 1 values).
// Boost.Fiber has no select: its side polls the four channels with
// try_pop, starting at a rotating index, and yields when none is ready.
#include <go/go.h>

#include <benchmark/benchmark.h>
#include <boost/fiber/all.hpp>

#include <array>
#include <cstddef>
#include <cstdio>
#include <deque>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace {

namespace fibers = boost::fibers;

constexpr int opsPerRun = 10'000;
constexpr std::size_t stackSize = 256 * 1024;
constexpr std::size_t bufferedCapacity = 127;
constexpr std::size_t selectCapacity = 7;
constexpr int selectChannels = 4;
constexpr int spawnBatch = 100;

go::RunOptions benchRunOptions() {
  go::RunOptions opts;
  opts.seedFromEnvironment = false; // seed 0: uniform random choice
  return opts;
}

// Launches a fiber with a stack from the shared pool.
template <class F>
fibers::fiber launch(fibers::pooled_fixedsize_stack &stacks, F &&f) {
  return fibers::fiber(std::allocator_arg, stacks, std::forward<F>(f));
}

// One operation: a value to the echo goroutine and back.
void golifePingPong(benchmark::State &state) {
  for (auto _ : state) {
    go::run(
        [] {
          auto ping = go::makeChan<int>();
          auto pong = go::makeChan<int>();
          go::spawn([ping, pong] {
            for (int i = 0; i < opsPerRun; ++i) {
              pong.send(ping.recv());
            }
          });
          for (int i = 0; i < opsPerRun; ++i) {
            ping.send(i);
            benchmark::DoNotOptimize(pong.recv());
          }
        },
        benchRunOptions());
  }
  state.SetItemsProcessed(state.iterations() * opsPerRun);
}

void boostPingPong(benchmark::State &state) {
  fibers::pooled_fixedsize_stack stacks(stackSize);
  for (auto _ : state) {
    fibers::unbuffered_channel<int> ping;
    fibers::unbuffered_channel<int> pong;
    auto echo = launch(stacks, [&] {
      for (int i = 0; i < opsPerRun; ++i) {
        pong.push(ping.value_pop());
      }
    });
    for (int i = 0; i < opsPerRun; ++i) {
      ping.push(i);
      benchmark::DoNotOptimize(pong.value_pop());
    }
    echo.join();
  }
  state.SetItemsProcessed(state.iterations() * opsPerRun);
}

// One operation: a value through a buffered channel.
void golifeBuffered(benchmark::State &state) {
  for (auto _ : state) {
    go::run(
        [] {
          auto values = go::makeChan<int>(bufferedCapacity);
          go::spawn([values] {
            for (int i = 0; i < opsPerRun; ++i) {
              values.send(i);
            }
          });
          for (int i = 0; i < opsPerRun; ++i) {
            benchmark::DoNotOptimize(values.recv());
          }
        },
        benchRunOptions());
  }
  state.SetItemsProcessed(state.iterations() * opsPerRun);
}

void boostBuffered(benchmark::State &state) {
  fibers::pooled_fixedsize_stack stacks(stackSize);
  for (auto _ : state) {
    fibers::buffered_channel<int> values(bufferedCapacity + 1);
    auto producer = launch(stacks, [&] {
      for (int i = 0; i < opsPerRun; ++i) {
        values.push(i);
      }
    });
    for (int i = 0; i < opsPerRun; ++i) {
      benchmark::DoNotOptimize(values.value_pop());
    }
    producer.join();
  }
  state.SetItemsProcessed(state.iterations() * opsPerRun);
}

// One operation: a select that receives from one of four channels, each
// fed by its own producer.
void golifeSelect(benchmark::State &state) {
  for (auto _ : state) {
    go::run(
        [] {
          std::array<go::Chan<int>, selectChannels> inputs;
          for (auto &input : inputs) {
            input = go::makeChan<int>(selectCapacity);
            go::spawn([input] {
              for (int i = 0; i < opsPerRun / selectChannels; ++i) {
                input.send(i);
              }
            });
          }
          int value = 0;
          for (int i = 0; i < opsPerRun; ++i) {
            go::select(
                go::caseRecv(inputs[0], value), go::caseRecv(inputs[1], value),
                go::caseRecv(inputs[2], value), go::caseRecv(inputs[3], value));
            benchmark::DoNotOptimize(value);
          }
        },
        benchRunOptions());
  }
  state.SetItemsProcessed(state.iterations() * opsPerRun);
}

void boostSelect(benchmark::State &state) {
  fibers::pooled_fixedsize_stack stacks(stackSize);
  for (auto _ : state) {
    std::deque<fibers::buffered_channel<int>> inputs; // never moved
    std::vector<fibers::fiber> producers;
    for (int c = 0; c < selectChannels; ++c) {
      auto &input = inputs.emplace_back(selectCapacity + 1);
      producers.push_back(launch(stacks, [&input] {
        for (int i = 0; i < opsPerRun / selectChannels; ++i) {
          input.push(i);
        }
      }));
    }
    int value = 0;
    std::size_t start = 0;
    for (int received = 0; received < opsPerRun;) {
      bool got = false;
      for (std::size_t k = 0; k < inputs.size() && !got; ++k) {
        got = inputs[(start + k) % inputs.size()].try_pop(value) ==
              fibers::channel_op_status::success;
      }
      start = (start + 1) % inputs.size();
      if (got) {
        benchmark::DoNotOptimize(value);
        ++received;
      } else {
        boost::this_fiber::yield();
      }
    }
    for (auto &producer : producers) {
      producer.join();
    }
  }
  state.SetItemsProcessed(state.iterations() * opsPerRun);
}

// One operation: a goroutine started, run and finished; main waits for
// each batch of spawnBatch.
void golifeSpawn(benchmark::State &state) {
  for (auto _ : state) {
    go::run(
        [] {
          go::WaitGroup wg;
          for (int batch = 0; batch < opsPerRun / spawnBatch; ++batch) {
            wg.add(spawnBatch);
            for (int i = 0; i < spawnBatch; ++i) {
              go::spawn([&wg] { wg.done(); });
            }
            wg.wait();
          }
        },
        benchRunOptions());
  }
  state.SetItemsProcessed(state.iterations() * opsPerRun);
}

void boostSpawn(benchmark::State &state) {
  fibers::pooled_fixedsize_stack stacks(stackSize);
  std::vector<fibers::fiber> batch;
  batch.reserve(spawnBatch);
  for (auto _ : state) {
    for (int b = 0; b < opsPerRun / spawnBatch; ++b) {
      for (int i = 0; i < spawnBatch; ++i) {
        batch.push_back(launch(stacks, [] {}));
      }
      for (auto &f : batch) {
        f.join();
      }
      batch.clear();
    }
  }
  state.SetItemsProcessed(state.iterations() * opsPerRun);
}

// The console output as usual, plus each benchmark's operations per second
// (averaged over repetitions) for the ratio table.
class RatioReporter : public benchmark::ConsoleReporter {
public:
  void ReportRuns(const std::vector<Run> &runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run &run : runs) {
      const auto rate = run.counters.find("items_per_second");
      if (run.run_type == Run::RT_Iteration && !run.error_occurred &&
          rate != run.counters.end()) {
        auto &[sum, count] = rates_[run.run_name.function_name];
        sum += rate->second.value;
        ++count;
      }
    }
  }

  void printRatios(const std::vector<std::string> &workloads) const {
    std::printf("\n%-22s %16s %16s %14s\n", "workload", "golife ops/s",
                "boost ops/s", "golife/boost");
    for (const std::string &workload : workloads) {
      const double golife = average("golife/" + workload);
      const double boost = average("boost_fiber/" + workload);
      std::printf("%-22s %16.0f %16.0f %14.3f\n", workload.c_str(), golife,
                  boost, boost > 0 ? golife / boost : 0.0);
    }
  }

private:
  [[nodiscard]] double average(const std::string &name) const {
    const auto found = rates_.find(name);
    return found == rates_.end() ? 0.0
                                 : found->second.first / found->second.second;
  }

  std::map<std::string, std::pair<double, int>> rates_;
};

} // namespace

int main(int argc, char **argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
    return 1;
  }
  using Workload = void (*)(benchmark::State &);
  const std::vector<std::pair<std::string, std::pair<Workload, Workload>>>
      workloads = {
          {"unbuffered_ping_pong", {golifePingPong, boostPingPong}},
          {"buffered_throughput", {golifeBuffered, boostBuffered}},
          {"select_4_channels", {golifeSelect, boostSelect}},
          {"spawn_exit", {golifeSpawn, boostSpawn}},
      };
  std::vector<std::string> names;
  for (const auto &[name, pair] : workloads) {
    benchmark::RegisterBenchmark(("golife/" + name).c_str(), pair.first)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("boost_fiber/" + name).c_str(), pair.second)
        ->Unit(benchmark::kMillisecond);
    names.push_back(name);
  }
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.printRatios(names);
  benchmark::Shutdown();
  return 0;
}
