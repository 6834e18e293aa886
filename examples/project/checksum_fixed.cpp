// The fix: the caller waits for the checksum, so the worker's send always
// has a receiver and the goroutine finishes.
#include <cstdio>
#include <go/go.h>
#include <vector>

int checksum(const std::vector<int> &data) {
  auto result = go::makeChan<int>();
  go::spawn([=] {
    int sum = 0;
    for (int value : data)
      sum += value;
    result.send(sum);
  });
  return result.recv();
}

int main() {
  return go::run([] { std::printf("checksum %d\n", checksum({1, 2, 3})); });
}
