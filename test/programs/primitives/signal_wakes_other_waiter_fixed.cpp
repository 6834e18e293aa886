// Two goroutines wait on one condition variable for different things: the
// job is announced with broadcast(), which wakes both, so the worker always
// hears of it and the owner waits again for the result.
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
    changed.broadcast();
    mu.unlock();
  });
  while (!done)
    changed.wait();
  mu.unlock();
}

int main() { return go::run([] { runJob(); }); }
