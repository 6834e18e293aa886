// A worker waits on a condition variable for a job, and its owner on the same
// one for the job's result. The job comes with one signal(), which Go lets
// wake either of them: when it wakes the owner, who finds no result and
// waits again, the worker never hears of the job and both wait forever.
#include <go/go.h>

void runJob() {
  go::Mutex mu;
  go::Cond changed(mu);
  bool job = false;
  bool done = false;
  go::WaitGroup started;
  started.add(1);
  go::spawn([&] {
    mu.lock();
    started.done();
    while (!job)
      changed.wait();
    done = true;
    changed.signal();
    mu.unlock();
  });
  started.wait();
  mu.lock(); // the worker holds the mutex until it waits
  go::spawn([&] {
    mu.lock();
    job = true;
    changed.signal();
    mu.unlock();
  });
  while (!done)
    changed.wait();
  mu.unlock();
}

int main() { return go::run([] { runJob(); }); }
