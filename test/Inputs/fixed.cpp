#include <go/go.h>

int awaitResult() {
  auto results = go::makeChan<int>();
  go::spawn([=] { results.send(1); });
  return results.recv();
}
