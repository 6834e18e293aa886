// RUN: %golife_analyze -Xanalyzer -analyzer-checker=golife.TickerLeak %s
#include <go/go.h>

#include <chrono>

using namespace std::chrono_literals;

go::Ticker PublishedTicker;
void stopSomewhere(go::Ticker ticker);

// The ticker keeps ticking after its last handle is gone.
void tickerNeverStopped() {
  auto ticker = go::newTicker(1s); // expected-warning {{this ticker is never stopped}} expected-note {{this ticker is never stopped}}
  (void)ticker.C.recv();
}

void tickerStopped() {
  auto ticker = go::newTicker(1s);
  (void)ticker.C.recv();
  ticker.stop();
}

void tickerStoppedByDefer() {
  auto ticker = go::newTicker(1s);
  auto _ = go::defer([=] { ticker.stop(); });
  (void)ticker.C.recv();
}

// The early return skips stop().
void earlyReturnSkipsStop(int rounds) {
  auto ticker = go::newTicker(1s); // expected-warning {{this ticker is never stopped}} expected-note {{this ticker is never stopped}}
  (void)ticker.C.recv();
  if (rounds == 1)
    return;
  (void)ticker.C.recv();
  ticker.stop();
}

void earlyReturnAfterStop(int rounds) {
  auto ticker = go::newTicker(1s);
  (void)ticker.C.recv();
  if (rounds == 1) {
    ticker.stop();
    return;
  }
  (void)ticker.C.recv();
  ticker.stop();
}

// reset() does not stop the ticker.
void tickerResetNotStopped() {
  auto ticker = go::newTicker(1s); // expected-warning {{this ticker is never stopped}} expected-note {{this ticker is never stopped}}
  (void)ticker.C.recv();
  ticker.reset(2s);
  (void)ticker.C.recv();
}

void tickerResetThenStopped() {
  auto ticker = go::newTicker(1s);
  (void)ticker.C.recv();
  ticker.reset(2s);
  (void)ticker.C.recv();
  ticker.stop();
}

// go::tick makes a ticker nobody can stop.
void tickChannel() {
  auto ticks = go::tick(1s); // expected-warning {{this ticker is never stopped}} expected-note {{this ticker is never stopped}}
  (void)ticks.recv();
}

void afterChannel() {
  (void)go::after(1s).recv();
}

// A timer that fired is not a leak, nor is one still pending.
void timerNotStopped() {
  auto timer = go::newTimer(1s);
  (void)timer.C.recv();
  (void)go::newTimer(2s);
}

// A worker's ticker outlives the worker when the worker quits.
void workerForgetsToStop() {
  auto quit = go::makeChan<go::Unit>();
  go::spawn([=] {
    auto ticker = go::newTicker(1s); // expected-warning {{this ticker is never stopped}} expected-note {{this ticker is never stopped}}
    for (;;) {
      switch (go::select(go::caseRecv(ticker.C), go::caseRecv(quit))) {
      case 0:
        break;
      case 1:
        return;
      }
    }
  });
  quit.close();
}

void workerStopsByDefer() {
  auto quit = go::makeChan<go::Unit>();
  go::spawn([=] {
    auto ticker = go::newTicker(1s);
    auto _ = go::defer([=] { ticker.stop(); });
    for (;;) {
      switch (go::select(go::caseRecv(ticker.C), go::caseRecv(quit))) {
      case 0:
        break;
      case 1:
        return;
      }
    }
  });
  quit.close();
}

// The ticker escapes: code the analysis cannot see may stop it. Silent.
void passedToUnknownFunction() {
  auto ticker = go::newTicker(1s);
  stopSomewhere(ticker);
}

void storedInGlobal() {
  auto ticker = go::newTicker(1s);
  PublishedTicker = ticker;
}

go::Ticker returnedToCaller() { return go::newTicker(1s); }

// tick() of a period that is not positive is a nil channel: no ticker runs
// (the runtime's own test of it passes). A literal's period is the
// compiler's.
void tickOfNothing() {
  (void)go::tick(0s);
  (void)go::tick(-1s);
  (void)go::tick(5ms - 5ms);
}

void tickOfAPeriod() {
  (void)go::tick(2ms * 3); // expected-warning {{this ticker is never stopped}} expected-note {{this ticker is never stopped}}
}
