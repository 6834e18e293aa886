// describe() read-locks the registry once and reads the size under that
// lock: a writer that calls add() in between waits for the one reader.
#include <go/go.h>

struct Registry {
  go::RWMutex mu;
  int entries = 0;

  int size() {
    mu.rlock();
    int n = entries;
    mu.runlock();
    return n;
  }
  int describe() {
    mu.rlock();
    int n = entries;
    mu.runlock();
    return n;
  }
  void add() {
    mu.lock();
    ++entries;
    mu.unlock();
  }
};

int main() {
  return go::run([] {
    auto *registry = new Registry;
    auto done = go::makeChan<int>(2);
    go::spawn([registry, done] { done.send(registry->describe()); });
    go::spawn([registry, done] {
      registry->add();
      done.send(0);
    });
    (void)done.recv();
    (void)done.recv();
  });
}
