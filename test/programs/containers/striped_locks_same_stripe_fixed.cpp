// move() takes a stripe once when both keys share it.
#include <go/go.h>
#include <array>

using Stripes = std::array<go::Mutex, 4>;
using Counts = std::array<int, 8>;

go::Mutex &stripeOf(Stripes &stripes, int key) {
  return stripes[key % stripes.size()];
}

void move(Stripes &stripes, Counts &counts, int from, int to) {
  go::Mutex &a = stripeOf(stripes, from);
  go::Mutex &b = stripeOf(stripes, to);
  a.lock();
  if (&b == &a) {
    --counts[from];
    ++counts[to];
  } else {
    b.lock();
    --counts[from];
    ++counts[to];
    b.unlock();
  }
  a.unlock();
}

void run() {
  Stripes stripes;
  Counts counts{};
  move(stripes, counts, 1, 2);
  move(stripes, counts, 3, 7);
}

int main() { return go::run([] { run(); }); }
