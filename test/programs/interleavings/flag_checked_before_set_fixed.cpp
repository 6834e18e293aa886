// Fixed: the parent always receives the worker's result.
#include <go/go.h>

struct Progress {
  go::Mutex mu;
  bool ready = false;
};

void collectIfReady() {
  auto *progress = new Progress;
  auto result = go::makeChan<int>();
  go::spawn([progress, result] {
    progress->mu.lock();
    progress->ready = true;
    progress->mu.unlock();
    result.send(7);
  });
  progress->mu.lock();
  bool collect = progress->ready;
  progress->mu.unlock();
  result.recv();
  (void)collect;
}

int main() { return go::run([] { collectIfReady(); }); }
