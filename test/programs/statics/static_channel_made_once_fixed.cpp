// The reply channel is a static with a slot for each request.
#include <go/go.h>

go::Chan<int> replies() {
  static auto ch = go::makeChan<int>(2);
  return ch;
}

void request(int id, go::WaitGroup *sent) {
  sent->add(1);
  go::spawn([id, sent] {
    replies().send(id);
    sent->done();
  });
}

int main() {
  return go::run([] {
    auto *sent = new go::WaitGroup;
    request(1, sent);
    request(2, sent);
    sent->wait();
    (void)replies().recv();
  });
}
