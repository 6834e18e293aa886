// A progress report is sent by an afterFunc callback; the caller gives up
// waiting first, and the callback blocks forever on its unbuffered send.
#include <go/go.h>

#include <chrono>

using namespace std::chrono_literals;

void awaitProgress() {
  auto progress = go::makeChan<int>();
  go::afterFunc(2s, [progress] { progress.send(50); });
  go::select(go::caseRecv(progress), go::caseRecv(go::after(1s)));
}

int main() {
  return go::run([] {
    awaitProgress();
    go::sleep(5s);
  });
}
