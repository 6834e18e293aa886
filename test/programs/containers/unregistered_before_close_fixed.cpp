// Unsubscribing closes the topic's channel before erasing it.
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
  auto sport = topics.find("sport");
  sport->second.close();
  topics.erase(sport);
  for (auto &[name, ch] : topics)
    ch.close();
}

int main() { return go::run([] { serve(); }); }
