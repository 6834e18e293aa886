// Fixed: both goroutines take the mutexes in the same order.
#include <go/go.h>

void transfer(go::Mutex &first, go::Mutex &second, go::WaitGroup &wg) {
  first.lock();
  second.lock();
  second.unlock();
  first.unlock();
  wg.done();
}

void transferBothWays() {
  go::Mutex accounts;
  go::Mutex ledger;
  go::WaitGroup wg;
  wg.add(2);
  go::spawn([&] { transfer(accounts, ledger, wg); });
  go::spawn([&] { transfer(accounts, ledger, wg); });
  wg.wait();
}

int main() { return go::run([] { transferBothWays(); }); }
