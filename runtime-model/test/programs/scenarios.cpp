// A program for the tests that run the runtime as a subprocess, as users do:
// `golife_scenarios <scenario>` picks what the program does.
#include <go/go.h>

#include <chrono>
#include <cstdio>
#include <string_view>
#include <thread>

using namespace std::chrono_literals;

namespace {

// Every goroutine finishes.
void clean() {
  auto ch = go::makeChan<int>();
  go::spawn([ch] { ch.send(1); });
  std::printf("received %d\n", ch.recv());
}

// A worker blocks forever on a send nobody receives.
void leak() {
  auto results = go::makeChan<int>();
  go::spawn([results] { results.send(1); });
}

// main waits for a value nobody sends.
void deadlock() { go::makeChan<int>().recv(); }

void panics() { go::panic("something went wrong"); }

// The worker leaks only under schedules where the timeout wins the race.
void racy() {
  auto result = go::makeChan<int>();
  go::spawn([result] {
    go::yield();
    result.send(1);
  });
  go::select(go::caseRecv(result), go::caseRecv(go::after(1s)));
}

// Never reaches a scheduling point: only golife-run's time limit ends it.
void hang() {
  for (;;) {
    std::this_thread::sleep_for(10ms);
  }
}

// Recurses through about 400 KiB of frames in a goroutine, more than its
// stack: the guard page below the stack must stop it.
int deepen(int depth) {
  volatile char frame[1024] = {};
  frame[0] = static_cast<char>(depth);
  return depth == 0 ? frame[0] : deepen(depth - 1) + frame[0];
}

void overflow() {
  go::spawn([] { std::printf("%d\n", deepen(400)); });
}

} // namespace

int main(int argc, char **argv) {
  const std::string_view scenario = argc > 1 ? argv[1] : "";
  void (*body)() = scenario == "clean"      ? clean
                   : scenario == "leak"     ? leak
                   : scenario == "deadlock" ? deadlock
                   : scenario == "panic"    ? panics
                   : scenario == "racy"     ? racy
                   : scenario == "hang"     ? hang
                   : scenario == "overflow" ? overflow
                                            : nullptr;
  if (body == nullptr) {
    std::fputs("usage: golife_scenarios "
               "clean|leak|deadlock|panic|racy|hang|overflow\n",
               stderr);
    return 64;
  }
  return go::run(body);
}
