// The cache refreshes under the lock it already holds.
#include <go/go.h>
#include <deque>

struct Cache : go::Mutex {
  std::deque<int> entries;

  void refreshLocked() { entries.push_back(1); }

  int get() {
    lock();
    if (entries.empty())
      refreshLocked();
    int value = entries.front();
    unlock();
    return value;
  }
};

void use() {
  Cache cache;
  go::WaitGroup wg;
  wg.add(1);
  go::spawn([&] {
    (void)cache.get();
    wg.done();
  });
  wg.wait();
}

int main() { return go::run([] { use(); }); }
