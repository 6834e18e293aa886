// Replaced connections are moved, still owned, into a list of retired ones
// so that their readers are not cut off mid-message; shutdown closes only
// the current connection, and the retired reader waits forever.
#include <go/go.h>
#include <memory>
#include <utility>
#include <vector>

struct Conn {
  go::Chan<int> inbox = go::makeChan<int>(1);
};

void startReader(Conn *conn) {
  go::spawn([inbox = conn->inbox] {
    for (int message : inbox)
      (void)message;
  });
}

struct Client {
  std::unique_ptr<Conn> conn = std::make_unique<Conn>();
  std::vector<std::unique_ptr<Conn>> retired;

  void replace() {
    retired.push_back(std::move(conn));
    conn = std::make_unique<Conn>();
    startReader(conn.get());
  }

  void shutdown() { conn->inbox.close(); }
};

void run() {
  Client client;
  startReader(client.conn.get());
  client.replace();
  client.conn->inbox.send(1);
  client.shutdown();
}

int main() { return go::run([] { run(); }); }
