// Shape (a): the pool's workers range over its jobs channel; shutdown()
// never closes it.
#include "pool.h"

void serveAndShutdown() {
  WorkerPool pool;
  pool.start(2);
  pool.submit(1);
  pool.shutdown();
}

int main() {
  return go::run([] { serveAndShutdown(); });
}
