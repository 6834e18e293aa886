// The caller stores the reply channel, and waits on it.
#include <go/go.h>
#include <optional>

void request() {
  std::optional<go::Chan<int>> reply;
  auto ch = go::makeChan<int>();
  reply = ch;
  go::spawn([ch] { ch.send(7); });
  if (reply)
    (void)reply->recv();
}

int main() { return go::run([] { request(); }); }
