// Subscribers wait on channels registered by topic; unsubscribing erases a
// topic before shutdown closes the channels it still knows: the erased
// topic's subscriber waits forever.
#include <go/go.h>
#include <string>
#include <unordered_map>

void serve() {
  std::unordered_map<std::string, go::Chan<int>> topics;
  topics.emplace("news", go::makeChan<int>());
  topics.emplace("sport", go::makeChan<int>());
  for (auto &[name, ch] : topics)
    go::spawn([ch] {
      for (int event : ch)
        (void)event;
    });
  topics.erase("sport");
  for (auto &[name, ch] : topics)
    ch.close();
}

int main() { return go::run([] { serve(); }); }
