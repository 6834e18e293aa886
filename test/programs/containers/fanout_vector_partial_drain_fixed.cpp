// Workers reply on channels kept in a vector; the collector reads every
// reply.
#include <go/go.h>
#include <vector>

void collect() {
  std::vector<go::Chan<int>> replies;
  for (int i = 0; i < 3; ++i)
    replies.push_back(go::makeChan<int>());
  for (auto &reply : replies)
    go::spawn([reply] { reply.send(42); });
  int sum = 0;
  for (auto &reply : replies)
    sum += reply.recv();
  (void)sum;
}

int main() { return go::run([] { collect(); }); }
