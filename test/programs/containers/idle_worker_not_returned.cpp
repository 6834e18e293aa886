// Idle workers wait on their own job channel, kept in a deque. dispatch
// takes the front worker and never returns it to the deque, so shutdown,
// which closes the idle workers only, leaves it waiting for a job.
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
