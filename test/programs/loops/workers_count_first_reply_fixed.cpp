#include <go/go.h>

// Starts n probes and takes the first answer; the other probes' answers
// wait in the buffer.
int probe(int n) {
  auto answers = go::makeChan<int>(n > 0 ? n : 0);
  for (int i = 0; i < n; ++i)
    go::spawn([=] { answers.send(i); });
  return n > 0 ? answers.recv() : -1;
}

int main() {
  return go::run([] { probe(4); });
}
