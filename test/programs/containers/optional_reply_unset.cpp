// The reply channel is optional; the caller made one for the worker but
// never stored it, so it never waits for the reply.
#include <go/go.h>
#include <optional>

void request() {
  std::optional<go::Chan<int>> reply;
  auto ch = go::makeChan<int>();
  go::spawn([ch] { ch.send(7); });
  if (reply)
    (void)reply->recv();
}

int main() { return go::run([] { request(); }); }
