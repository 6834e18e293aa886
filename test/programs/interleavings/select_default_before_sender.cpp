// The receiver polls once: when its select runs before the sender is ready,
// it takes the default case and the sender blocks forever. Only that order
// leaks; the reduction must keep it.
#include <go/go.h>

void pollOnce() {
  auto values = go::makeChan<int>();
  go::spawn([values] { values.send(1); });
  int value = 0;
  go::select(go::caseRecv(values, value), go::caseDefault());
}

int main() { return go::run([] { pollOnce(); }); }
