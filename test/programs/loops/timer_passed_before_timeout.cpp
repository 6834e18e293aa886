// A timer due before another has always fired when the other has: the
// first two rounds (2ns, 4ns against 5ns) always find `passed` ready, so
// `phase` is 2 whenever the loop ends and `never` is not waited on.
// Forgetting the round counter would let the second round end the loop.
#include <go/go.h>

int main() {
  return go::run([] {
    auto never = go::makeChan<int>();
    int phase = 0;
    for (int round = 1;; round++) {
      go::Duration wait{2 * round};
      auto passed = go::after(wait);
      go::after(go::Duration{5}).recv();
      if (go::select(go::caseRecv(passed), go::caseDefault()) == 1)
        break;
      if (phase < 2)
        phase++;
    }
    if (phase < 2)
      never.recv();
  });
}
