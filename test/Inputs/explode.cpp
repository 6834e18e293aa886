// Eight goroutines counting independently: the states multiply without end.
#include <go/go.h>

void countEverywhere() {
  go::WaitGroup done;
  done.add(8);
  for (int g = 0; g < 8; ++g)
    go::spawn([&done] {
      for (int i = 0; i < 1000000; ++i)
        go::yield();
      done.done();
    });
  done.wait();
}
