// One call's result decides both: exactly one send.
#include <go/go.h>
#include <cstdlib>

void report() {
  auto ch = go::makeChan<int>(1);
  int draw = std::rand();
  if (draw > RAND_MAX / 2)
    ch.send(1);
  if (draw <= RAND_MAX / 2)
    ch.send(2);
}

int main() { return go::run([] { report(); }); }
