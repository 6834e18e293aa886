// Shape (b): the channel comes back from another file's function, whose
// sender is left alone when the caller times out.
#include "results.h"

int resultOrTimeout() {
  auto result = computeAsync();
  int value = -1;
  go::select(go::caseRecv(result, value),
             go::caseRecv(go::after(std::chrono::seconds(1))));
  return value;
}

int main() {
  return go::run([] { resultOrTimeout(); });
}
