// Each worker counts itself in the WaitGroup from inside its goroutine: the
// collector's wait() can return before a worker's add(), close the results
// channel, and the late worker's send panics.
#include <go/go.h>

#include <chrono>

void collect() {
  auto results = go::makeChan<int>(4);
  auto *wg = new go::WaitGroup;
  for (int i = 0; i < 2; ++i)
    go::spawn([wg, results, i] {
      wg->add(1);
      results.send(i);
      wg->done();
    });
  wg->wait();
  results.close();
}

int main() {
  return go::run([] {
    collect();
    go::sleep(std::chrono::seconds(1));
  });
}
