#include "results.h"

go::Chan<int> computeAsync() {
  auto out = go::makeChan<int>();
  go::spawn([=] {
    go::sleep(std::chrono::seconds(2));
    out.send(42);
  });
  return out;
}

go::Chan<int> computeBuffered() {
  auto out = go::makeChan<int>(1);
  go::spawn([=] {
    go::sleep(std::chrono::seconds(2));
    out.send(42);
  });
  return out;
}

void computeInto(go::Chan<int> out) {
  go::spawn([=] {
    go::sleep(std::chrono::seconds(2));
    out.send(42);
  });
}
