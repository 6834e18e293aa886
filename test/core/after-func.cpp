// go::afterFunc(d, f) runs f in a goroutine of its own when its timer
// fires; stop() before then means f never runs.
// RUN: %golife_analyze -Xanalyzer -analyzer-checker=golife %s
#include <go/go.h>

#include <chrono>

using namespace std::chrono_literals;

// The callback reports on an unbuffered channel; the caller stops
// listening after its own timeout, long before the callback runs.
void callbackOutlivesListener() {
  auto reports = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  go::afterFunc(1s, [reports] { reports.send(1); }); // expected-note {{goroutine spawned here}} expected-warning {{goroutine blocks forever sending on a channel: no partner can ever come}} expected-note {{goroutine blocks forever sending}}
  go::select(go::caseRecv(reports), go::caseRecv(go::after(10ms)));
}

// Its fix: room for the report.
void callbackLeavesReportInBuffer() {
  auto reports = go::makeChan<int>(1);
  go::afterFunc(1s, [reports] { reports.send(1); });
  go::select(go::caseRecv(reports), go::caseRecv(go::after(10ms)));
}

// The timer is stopped before it fires: the callback never runs and the
// receive waits for it forever.
void stoppedCallbackAwaited() {
  auto done = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  go::Timer timer = go::afterFunc(1s, [done] { done.send(1); });
  timer.stop();
  (void)done.recv(); // expected-warning {{goroutine blocks forever receiving from a channel: no partner can ever come}} expected-note {{goroutine blocks forever receiving}}
}

// Its fix: wait for the callback only when stop() did not prevent it.
void stoppedCallbackNotAwaited() {
  auto done = go::makeChan<int>();
  go::Timer timer = go::afterFunc(1s, [done] { done.send(1); });
  if (!timer.stop())
    (void)done.recv();
}

void callbackAwaited() {
  auto done = go::makeChan<int>();
  go::afterFunc(1s, [done] { done.send(1); });
  (void)done.recv();
}
