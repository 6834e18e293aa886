// The goroutine spawned here blocks in a header helper.
#include "workers.h"

void sendsThroughHeader() {
  auto results = go::makeChan<int>();
  go::spawn([=] { sendResult(results); });
}
