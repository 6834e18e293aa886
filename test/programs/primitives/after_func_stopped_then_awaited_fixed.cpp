// A cleanup callback is scheduled with afterFunc and cancelled when the
// work finishes early; the caller waits for its signal only when stop()
// did not prevent it.
#include <go/go.h>

#include <chrono>

using namespace std::chrono_literals;

void finishEarly() {
  auto cleaned = go::makeChan<go::Unit>();
  go::Timer cleanup = go::afterFunc(5s, [cleaned] { cleaned.send({}); });
  if (!cleanup.stop())
    (void)cleaned.recv();
}

int main() { return go::run([] { finishEarly(); }); }
