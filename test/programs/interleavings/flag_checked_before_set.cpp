// The parent receives only when the worker has already set its flag: when
// it looks first, the worker's send has no partner. The flag is shared
// memory, so the two goroutines' runs do not commute. (The shared state is
// on the heap: the worker outlives the parent's frame.)
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
  if (collect)
    result.recv();
}

int main() { return go::run([] { collectIfReady(); }); }
