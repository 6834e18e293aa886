// Workers range over a channel kept in a global of an anonymous namespace;
// main never closes it, so they and main's wait block forever.
#include <go/go.h>

namespace {
struct Pipeline {
  go::Chan<int> jobs = go::makeChan<int>();
  go::WaitGroup workers;
};
Pipeline pipeline;
} // namespace

void worker() {
  for (int job : pipeline.jobs)
    (void)job;
  pipeline.workers.done();
}

int main() {
  return go::run([] {
    for (int i = 0; i < 2; ++i) {
      pipeline.workers.add(1);
      go::spawn(worker);
    }
    pipeline.jobs.send(1);
    pipeline.jobs.send(2);
    pipeline.workers.wait();
  });
}
