// Fix of shape (a): a function of this file drives the pool and stops it,
// closing the jobs channel and waiting for the workers.
#include "pool.h"

void serveAndStop() {
  WorkerPool pool;
  pool.start(2);
  pool.submit(1);
  pool.stop();
}

int main() {
  return go::run([] { serveAndStop(); });
}
