// The owner sends the request before it drops its reference.
#include <go/go.h>
#include <memory>

struct Session {
  go::Chan<int> requests = go::makeChan<int>();
};

void open() {
  auto session = std::make_shared<Session>();
  std::shared_ptr<Session> reader = session;
  go::spawn([reader] { (void)reader->requests.recv(); });
  session->requests.send(1);
  session.reset();
}

int main() { return go::run([] { open(); }); }
