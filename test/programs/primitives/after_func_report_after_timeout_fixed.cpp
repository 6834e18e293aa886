// A progress report is sent by an afterFunc callback into a buffer, so it
// finishes even when the caller has given up waiting.
#include <go/go.h>

#include <chrono>

using namespace std::chrono_literals;

void awaitProgress() {
  auto progress = go::makeChan<int>(1);
  go::afterFunc(2s, [progress] { progress.send(50); });
  go::select(go::caseRecv(progress), go::caseRecv(go::after(1s)));
}

int main() {
  return go::run([] {
    awaitProgress();
    go::sleep(5s);
  });
}
