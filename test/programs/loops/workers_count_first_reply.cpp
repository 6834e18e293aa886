#include <go/go.h>

// Starts n probes and takes the first answer; the other probes' answers
// have nowhere to go.
int probe(int n) {
  auto answers = go::makeChan<int>();
  for (int i = 0; i < n; ++i)
    go::spawn([=] { answers.send(i); });
  return n > 0 ? answers.recv() : -1;
}

int main() {
  return go::run([] { probe(4); });
}
