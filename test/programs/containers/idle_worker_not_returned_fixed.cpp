// dispatch returns the worker to the back of the deque once it has the
// job, so shutdown closes every worker.
#include <go/go.h>
#include <deque>

struct Pool {
  std::deque<go::Chan<int>> idle;

  void start(int workers) {
    for (int i = 0; i < workers; ++i) {
      auto jobs = go::makeChan<int>(1);
      idle.push_back(jobs);
      go::spawn([jobs] {
        for (int job : jobs)
          (void)job;
      });
    }
  }

  void dispatch(int job) {
    go::Chan<int> worker = idle.front();
    idle.pop_front();
    worker.send(job);
    idle.push_back(worker);
  }

  void shutdown() {
    for (auto &jobs : idle)
      jobs.close();
    idle.clear();
  }
};

void run() {
  Pool pool;
  pool.start(3);
  pool.dispatch(7);
  pool.shutdown();
}

int main() { return go::run([] { run(); }); }
