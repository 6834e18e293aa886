// A panic ends the program: the goroutines around it are gone, not leaked.
// The panics themselves are reported by their checks.
// RUN: %golife_analyze -Xanalyzer -analyzer-checker=golife %s
#include <go/go.h>

#include <chrono>

void sendCaseOnClosedChannel() {
  auto ch = go::makeChan<int>(1);
  ch.close();
  go::select(go::caseSend(ch, 1), go::caseDefault()); // expected-warning {{panic: send on closed channel}} expected-note {{panic: send on closed channel}}
}

void doneTwiceWhileParentWaits() {
  go::WaitGroup wg;
  wg.add(1);
  go::spawn([&] {
    wg.done();
    wg.done(); // expected-warning {{the WaitGroup's counter goes negative here (panic: sync: negative WaitGroup counter)}} expected-note {{the WaitGroup's counter goes negative here}}
  });
  wg.wait();
}

void goroutinePanicsBeforeSending() {
  auto ch = go::makeChan<int>();
  go::spawn([=] { go::panic("boom"); });
  (void)ch.recv();
}

// The bug without the panic: nobody sends.
void goroutineReturnsWithoutSending() {
  auto ch = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  go::spawn([=] {});
  (void)ch.recv(); // expected-warning {{goroutine blocks forever receiving from a channel}} expected-note {{receiving from a channel}}
}

// A function that loops on a tick forever uses it for good: no ticker leak,
// only the loop that never returns.
void tickForever() {
  auto ticks = go::tick(std::chrono::seconds(1));
  for (;;) // expected-note {{this loop never exits}}
    (void)ticks.recv(); // expected-warning {{the function keeps coming back here in a loop that never exits: it never returns}} expected-note {{the function keeps coming back here in a loop that never exits: it never returns}}
}

// Nothing of a program that panicked is left to leak: no ticker, no cancel.
void tickerThenPanic() {
  auto T = go::newTicker(std::chrono::seconds(1));
  go::Mutex Mu;
  Mu.unlock(); // expected-warning {{panic: sync: unlock of unlocked mutex}} expected-note {{panic: sync: unlock of unlocked mutex}}
}
