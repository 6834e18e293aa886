// A function-local static WaitGroup counts two workers; only one starts.
#include <go/go.h>

void runWorkers() {
  static go::WaitGroup workers;
  workers.add(2);
  go::spawn([] { workers.done(); });
  workers.wait();
}

int main() {
  return go::run([] { runWorkers(); });
}
