// Workers reply on channels kept in a vector; the collector reads only the
// first two replies and returns: the third worker blocks forever.
#include <go/go.h>
#include <vector>

void collect() {
  std::vector<go::Chan<int>> replies;
  for (int i = 0; i < 3; ++i)
    replies.push_back(go::makeChan<int>());
  for (auto &reply : replies)
    go::spawn([reply] { reply.send(42); });
  int sum = 0;
  for (int i = 0; i < 2; ++i)
    sum += replies[i].recv();
  (void)sum;
}

int main() { return go::run([] { collect(); }); }
