// A handler starts an audit goroutine when auditing is on, but waits for
// it when tracing is on: with auditing on and tracing off, the audit
// goroutine's report is never read; the other way round, the handler waits
// for a report nobody sends.
#include <go/go.h>

class Handler {
public:
  Handler(bool Audit, bool Trace) : Audit(Audit), Trace(Trace) {}

  void handle() {
    auto Report = go::makeChan<int>();
    if (Audit)
      go::spawn([=] { Report.send(1); });
    if (Trace)
      (void)Report.recv();
  }

private:
  bool Audit;
  bool Trace;
};

int main() {
  return go::run([] {
    Handler AuditOnly(true, false);
    AuditOnly.handle();
    Handler TraceOnly(false, true);
    TraceOnly.handle();
  });
}
