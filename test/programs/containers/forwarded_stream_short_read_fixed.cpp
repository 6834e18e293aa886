// The consumer reads as many values as the producer was told to send.
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
  (void)previous;
  (void)consume(stream, count);
}

int main() { return go::run([] { run(); }); }
