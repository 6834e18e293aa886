// reconnect() closes the old connection's inbox before it resets the
// pointer, so the old reader ends.
#include <go/go.h>
#include <memory>

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
  std::unique_ptr<Conn> conn;

  void connect() {
    conn = std::make_unique<Conn>();
    startReader(conn.get());
  }

  void reconnect() {
    conn->inbox.close();
    conn.reset(new Conn());
    startReader(conn.get());
  }

  void shutdown() { conn->inbox.close(); }
};

void run() {
  Client client;
  client.connect();
  client.conn->inbox.send(1);
  client.reconnect();
  client.conn->inbox.send(2);
  client.shutdown();
}

int main() { return go::run([] { run(); }); }
