// The channel is made here, the goroutine spawned by a header helper.
#include "workers.h"

void spawnsThroughHeader() {
  auto results = go::makeChan<int>();
  startWorker(results);
}

void receives() {
  auto results = go::makeChan<int>();
  startWorker(results);
  results.recv();
}
