// A cache embeds its mutex, as a Go struct embeds sync.Mutex; get() holds
// it while it calls refresh(), which takes it again.
#include <go/go.h>
#include <deque>

struct Cache : go::Mutex {
  std::deque<int> entries;

  void refresh() {
    lock();
    entries.push_back(1);
    unlock();
  }

  int get() {
    lock();
    if (entries.empty())
      refresh();
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
