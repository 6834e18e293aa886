// The caller reads the stream when the open succeeded.
#include <go/go.h>
#include <tuple>

std::tuple<int, go::Chan<int>, bool> openStream() {
  auto stream = go::makeChan<int>();
  go::spawn([stream] { stream.send(1); });
  return {7, stream, true};
}

void consume() {
  auto [id, stream, ok] = openStream();
  if (ok)
    (void)stream.recv();
}

int main() { return go::run([] { consume(); }); }
