// Shutdown hooks stored in a vector are run by another goroutine; each
// reports on the same channel, and only one report is awaited.
#include <go/go.h>
#include <functional>
#include <vector>

void shutdown() {
  auto reports = go::makeChan<int>();
  std::vector<std::function<void()>> hooks;
  hooks.push_back([reports] { reports.send(1); });
  hooks.push_back([reports] { reports.send(2); });
  go::spawn([hooks] {
    for (const auto &hook : hooks)
      hook();
  });
  (void)reports.recv();
}

int main() { return go::run([] { shutdown(); }); }
