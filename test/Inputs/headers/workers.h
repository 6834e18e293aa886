// Helpers the programs beside it include: the header cases of the tool's
// filters and of the parity test.
#pragma once
#include <go/go.h>

// A leak wholly inside the header: every step of its path is here.
inline void leakHere() {
  auto results = go::makeChan<int>();
  go::spawn([=] { results.send(1); });
}

// Waits for a result nobody sends: whoever calls it blocks forever, and the
// whole path is in this header.
inline int awaitNothing() {
  auto results = go::makeChan<int>();
  return results.recv();
}

// Sends the result: blocks forever when nobody receives.
inline void sendResult(go::Chan<int> results) { results.send(1); }

// Starts a worker that sends one result.
inline void startWorker(go::Chan<int> results) {
  go::spawn([=] { results.send(2); });
}
