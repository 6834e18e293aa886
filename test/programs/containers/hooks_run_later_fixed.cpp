// Every hook's report is awaited.
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
  for (size_t i = 0; i < hooks.size(); ++i)
    (void)reports.recv();
}

int main() { return go::run([] { shutdown(); }); }
