#include <go/go.h>
#include <vector>

// Asks every replica; the first answer wins and the others are never read.
int firstAnswer(const std::vector<int> &replicas) {
  auto answers = go::makeChan<int>();
  for (int replica : replicas)
    go::spawn([=] { answers.send(replica * 10); });
  return replicas.empty() ? -1 : answers.recv();
}

int main() {
  return go::run([] { firstAnswer({1, 2, 3}); });
}
