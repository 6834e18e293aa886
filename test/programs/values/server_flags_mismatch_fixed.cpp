// A handler starts an audit goroutine when auditing is on, and waits for
// it under the same field: both tests agree.
#include <go/go.h>

class Handler {
public:
  Handler(bool Audit, bool Trace) : Audit(Audit), Trace(Trace) {}

  void handle() {
    auto Report = go::makeChan<int>();
    if (Audit)
      go::spawn([=] { Report.send(1); });
    if (Audit)
      (void)Report.recv();
  }

private:
  bool Audit;
  bool Trace;
};

int main() {
  return go::run([] {
    Handler H(true, false);
    H.handle();
  });
}
