// A session shared between its reader goroutine and its owner; the owner
// drops its reference without sending the request the reader waits for.
#include <go/go.h>
#include <memory>

struct Session {
  go::Chan<int> requests = go::makeChan<int>();
};

void open() {
  auto session = std::make_shared<Session>();
  std::shared_ptr<Session> reader = session;
  go::spawn([reader] { (void)reader->requests.recv(); });
  session.reset();
}

int main() { return go::run([] { open(); }); }
