// Fix of shape (b): the returned channel has room for the result.
#include "results.h"

int resultOrTimeout() {
  auto result = computeBuffered();
  int value = -1;
  go::select(go::caseRecv(result, value),
             go::caseRecv(go::after(std::chrono::seconds(1))));
  return value;
}

int main() {
  return go::run([] { resultOrTimeout(); });
}
