#pragma once
#include <go/go.h>

// Workers that take jobs from a channel until it is closed.
class WorkerPool {
public:
  void start(int workers);
  void submit(int job);
  // Forgets the workers: they wait for jobs forever.
  void shutdown();
  // Closes the jobs channel and waits for every worker to finish.
  void stop();

private:
  go::Chan<int> jobs = go::makeChan<int>();
  go::WaitGroup running;
};
