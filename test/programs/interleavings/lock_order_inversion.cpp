// Two goroutines take two mutexes in opposite orders: they deadlock only
// when each gets its first mutex before the other gets its second.
#include <go/go.h>

void transfer(go::Mutex &from, go::Mutex &to, go::WaitGroup &wg) {
  from.lock();
  to.lock();
  to.unlock();
  from.unlock();
  wg.done();
}

void transferBothWays() {
  go::Mutex accounts;
  go::Mutex ledger;
  go::WaitGroup wg;
  wg.add(2);
  go::spawn([&] { transfer(accounts, ledger, wg); });
  go::spawn([&] { transfer(ledger, accounts, wg); });
  wg.wait();
}

int main() { return go::run([] { transferBothWays(); }); }
