// A function-local static WaitGroup counts the one worker it starts.
#include <go/go.h>

void runWorkers() {
  static go::WaitGroup workers;
  workers.add(1);
  go::spawn([] { workers.done(); });
  workers.wait();
}

int main() {
  return go::run([] { runWorkers(); });
}
