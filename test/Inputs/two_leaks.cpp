#include <go/go.h>

void firstLeak() {
  auto results = go::makeChan<int>();
  go::spawn([=] { results.send(1); });
}

void secondLeak() {
  auto done = go::makeChan<int>();
  go::spawn([=] { (void)done.recv(); });
}
