// Fixed: the waiter waits only while the condition does not hold, so a
// signal sent before it waits is not needed.
#include <go/go.h>

void handOff() {
  go::Mutex mu;
  go::Cond arrived(mu);
  bool done = false;
  go::WaitGroup wg;
  wg.add(1);
  go::spawn([&] {
    mu.lock();
    while (!done)
      arrived.wait();
    mu.unlock();
    wg.done();
  });
  mu.lock();
  done = true;
  arrived.signal();
  mu.unlock();
  wg.wait();
}

int main() { return go::run([] { handOff(); }); }
