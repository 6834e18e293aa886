// A checksum is computed in the background, but nobody ever reads it: the
// worker goroutine blocks forever on its send, and leaks.
#include <cstdio>
#include <go/go.h>
#include <vector>

std::size_t startChecksum(const std::vector<int> &data) {
  auto result = go::makeChan<int>();
  go::spawn([=] {
    int sum = 0;
    for (int value : data)
      sum += value;
    result.send(sum);
  });
  return data.size();
}

int main() {
  return go::run(
      [] { std::printf("queued %zu values\n", startChecksum({1, 2, 3})); });
}
