// The caller cancels the context before it returns: the retry loop ends.
#include <chrono>
#include <go/go.h>

using namespace std::chrono_literals;

void connect(go::Context ctx) {
  go::spawn([ctx] {
    for (int retries = 1;; retries++) {
      go::Duration backoff = 2ns * retries;
      if (go::select(go::caseRecv(go::after(backoff)), go::caseRecv(ctx.done())) == 1)
        return;
    }
  });
}

int main() {
  return go::run([] {
    auto [ctx, cancel] = go::withCancel(go::background());
    connect(ctx);
    cancel();
  });
}
