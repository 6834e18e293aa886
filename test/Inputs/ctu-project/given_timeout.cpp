// Shape (c): this file makes the channel, another file's function spawns
// its sender, and the caller times out.
#include "results.h"

int resultOrTimeout() {
  auto result = go::makeChan<int>();
  computeInto(result);
  int value = -1;
  go::select(go::caseRecv(result, value),
             go::caseRecv(go::after(std::chrono::seconds(1))));
  return value;
}

int main() {
  return go::run([] { resultOrTimeout(); });
}
