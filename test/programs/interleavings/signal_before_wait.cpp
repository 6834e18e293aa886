// The waiter waits without checking a condition: when the signal comes
// before it waits, the signal is lost and it waits forever.
#include <go/go.h>

void handOff() {
  go::Mutex mu;
  go::Cond arrived(mu);
  go::WaitGroup wg;
  wg.add(1);
  go::spawn([&] {
    mu.lock();
    arrived.wait();
    mu.unlock();
    wg.done();
  });
  mu.lock();
  arrived.signal();
  mu.unlock();
  wg.wait();
}

int main() { return go::run([] { handOff(); }); }
