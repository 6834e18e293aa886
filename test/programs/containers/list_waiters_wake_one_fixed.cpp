// open() wakes every waiter in the list, as broadcast() would.
#include <go/go.h>
#include <list>

struct Gate {
  go::Mutex mu;
  std::list<go::Chan<go::Unit>> waiters;

  go::Chan<go::Unit> park() {
    auto wake = go::makeChan<go::Unit>();
    mu.lock();
    waiters.push_back(wake);
    mu.unlock();
    return wake;
  }

  void open() {
    mu.lock();
    while (!waiters.empty()) {
      waiters.front().close();
      waiters.pop_front();
    }
    mu.unlock();
  }
};

void run() {
  Gate gate;
  for (int i = 0; i < 2; ++i) {
    auto wake = gate.park();
    go::spawn([wake] { (void)wake.recv(); });
  }
  gate.open();
}

int main() { return go::run([] { run(); }); }
