// A static global mutex is released on every return.
#include <go/go.h>

static go::Mutex registry;

bool register_(int id) {
  registry.lock();
  if (id < 0) {
    registry.unlock();
    return false;
  }
  registry.unlock();
  return true;
}

int main() {
  return go::run([] {
    register_(-1);
    auto done = go::makeChan<bool>(1);
    go::spawn([done] { done.send(register_(2)); });
    go::select(go::caseRecv(done),
               go::caseRecv(go::after(std::chrono::seconds(1))));
  });
}
