// Fixed: the sender has room for its value, whatever the order.
#include <go/go.h>

void pollOnce() {
  auto values = go::makeChan<int>(1);
  go::spawn([values] { values.send(1); });
  int value = 0;
  go::select(go::caseRecv(values, value), go::caseDefault());
}

int main() { return go::run([] { pollOnce(); }); }
