// The collector counts each worker in the WaitGroup before starting it, so
// its wait() returns only once every worker has sent.
#include <go/go.h>

#include <chrono>

void collect() {
  auto results = go::makeChan<int>(4);
  auto *wg = new go::WaitGroup;
  for (int i = 0; i < 2; ++i) {
    wg->add(1);
    go::spawn([wg, results, i] {
      results.send(i);
      wg->done();
    });
  }
  wg->wait();
  results.close();
}

int main() {
  return go::run([] {
    collect();
    go::sleep(std::chrono::seconds(1));
  });
}
