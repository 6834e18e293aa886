// A cleanup callback is scheduled with afterFunc and cancelled when the
// work finishes early; the caller still waits for the callback's signal,
// which never comes.
#include <go/go.h>

#include <chrono>

using namespace std::chrono_literals;

void finishEarly() {
  auto cleaned = go::makeChan<go::Unit>();
  go::Timer cleanup = go::afterFunc(5s, [cleaned] { cleaned.send({}); });
  cleanup.stop();
  (void)cleaned.recv();
}

int main() { return go::run([] { finishEarly(); }); }
