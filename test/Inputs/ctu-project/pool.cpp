#include "pool.h"

void WorkerPool::start(int workers) {
  for (int i = 0; i < workers; ++i) {
    running.add(1);
    // A worker holds the channel itself: the pool may be gone before it.
    go::spawn([jobs = jobs, running = &running] {
      for (int job : jobs)
        (void)job;
      running->done();
    });
  }
}

void WorkerPool::submit(int job) { jobs.send(job); }

void WorkerPool::shutdown() {}

void WorkerPool::stop() {
  jobs.close();
  running.wait();
}
