// A one-slot channel filled under one call of a function the analysis
// cannot see into, and again under a second call: the calls may both say
// yes (here they do), and the second send waits forever.
#include <go/go.h>
#include <cstdlib>

void report() {
  auto ch = go::makeChan<int>(1);
  if (std::rand() > RAND_MAX / 2)
    ch.send(1);
  if (std::rand() > RAND_MAX / 4)
    ch.send(2);
}

int main() { return go::run([] { report(); }); }
