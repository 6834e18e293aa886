// The parent yields between two updates of the shared state: a reporter
// that runs then sees the intermediate state and leaves its result in the
// channel's buffer.
#include <go/go.h>

void publish() {
  auto *stage = new int(0);
  auto results = go::makeChan<int>(1);
  go::spawn([stage, results] {
    if (*stage == 1)
      results.send(*stage);
  });
  *stage = 1;
  go::yield();
  *stage = 2;
}

int main() { return go::run([] { publish(); }); }
