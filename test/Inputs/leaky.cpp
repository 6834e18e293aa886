#include <go/go.h>

void forgetResult() {
  auto results = go::makeChan<int>();
  go::spawn([=] { results.send(1); });
}
