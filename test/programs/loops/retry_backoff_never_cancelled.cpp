// A connection retries with a growing back-off until its context is done;
// nobody ever cancels it, so the goroutine retries forever.
#include <chrono>
#include <go/go.h>

using namespace std::chrono_literals;

void connect(go::Context ctx) {
  go::spawn([ctx] {
    for (int retries = 1;; retries++) {  // BUG
      go::Duration backoff = 2ns * retries;
      if (go::select(go::caseRecv(go::after(backoff)), go::caseRecv(ctx.done())) == 1)  // BUG
        return;
    }
  });
}

int main() {
  return go::run([] {
    auto [ctx, cancel] = go::withCancel(go::background());
    connect(ctx);
    (void)cancel;
  });
}
