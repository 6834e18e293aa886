// A launcher perfectly forwards a task and its arguments to go::spawn; the
// stream's producer sends as many values as it was told, but the consumer
// stops after the count it was told for the previous stream.
#include <go/go.h>
#include <utility>

template <class F, class... Args> void launch(F &&task, Args &&...args) {
  go::spawn(std::forward<F>(task), std::forward<Args>(args)...);
}

void produce(go::Chan<int> out, int count) {
  for (int i = 0; i < count; ++i)
    out.send(i);
}

int consume(go::Chan<int> in, int count) {
  int sum = 0;
  for (int i = 0; i < count; ++i)
    sum += in.recv();
  return sum;
}

void run() {
  int previous = 2, count = 3;
  auto stream = go::makeChan<int>();
  launch(produce, stream, count);
  (void)consume(stream, previous);
}

int main() { return go::run([] { run(); }); }
