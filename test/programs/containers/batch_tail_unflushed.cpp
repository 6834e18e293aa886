// Requests, each with its reply channel, are moved into a batch; a full
// batch is moved into the goroutine that serves it. The last, partial
// batch is never flushed, so its client waits forever for the reply.
#include <go/go.h>
#include <utility>
#include <vector>

struct Request {
  int id;
  go::Chan<int> reply;
};

struct Batcher {
  std::vector<Request> pending;

  void add(Request request) {
    pending.push_back(std::move(request));
    if (pending.size() == 2)
      flush();
  }

  void flush() {
    go::spawn([batch = std::move(pending)] {
      for (const Request &request : batch)
        request.reply.send(request.id * 10);
    });
    pending.clear();
  }
};

void client() {
  Batcher batcher;
  std::vector<go::Chan<int>> replies;
  for (int id = 0; id < 3; ++id) {
    auto reply = go::makeChan<int>(1);
    replies.push_back(reply);
    batcher.add(Request{id, reply});
  }
  for (auto &reply : replies)
    (void)reply.recv();
}

int main() { return go::run([] { client(); }); }
