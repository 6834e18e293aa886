// An object that escapes to code the analysis cannot see after a goroutine
// blocked on it: that code may complete the wait at any time (send,
// receive, close, done, unlock, signal), so the goroutine is not reported.
// One blocked on another object still is.
// RUN: %golife_analyze -Xanalyzer -analyzer-checker=golife %s
#include <go/go.h>

void registerChannel(go::Chan<int> *ch);
void registerWaitGroup(go::WaitGroup *wg);
void registerMutex(go::Mutex *mu);
void registerCond(go::Cond *cond);

void receiverBlocksThenChannelEscapes() {
  auto ch = go::makeChan<int>();
  go::spawn([ch]() mutable { registerChannel(&ch); });
  (void)ch.recv();
}

void waiterBlocksThenWaitGroupEscapes() {
  auto *wg = new go::WaitGroup;
  wg->add(1);
  go::spawn([wg] { registerWaitGroup(wg); });
  wg->wait();
}

void lockerBlocksThenMutexEscapes() {
  auto *mu = new go::Mutex;
  mu->lock();
  go::spawn([mu] {
    mu->lock();
    mu->unlock();
  });
  registerMutex(mu);
}

void condWaiterThenCondEscapes() {
  auto *mu = new go::Mutex;
  auto *cond = new go::Cond(*mu);
  go::spawn([mu, cond] {
    mu->lock();
    cond->wait();
    mu->unlock();
  });
  go::sleep(std::chrono::seconds(1));
  registerCond(cond);
}

void selectBlocksThenChannelEscapes() {
  auto ch = go::makeChan<int>();
  auto other = go::makeChan<int>();
  go::spawn([ch]() mutable { registerChannel(&ch); });
  go::select(go::caseRecv(ch), go::caseRecv(other));
}

// Only the channel it does not wait on escapes.
void otherChannelEscapes() {
  auto ch = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  auto other = go::makeChan<int>();
  go::spawn([other]() mutable { registerChannel(&other); });
  (void)ch.recv(); // expected-warning {{goroutine blocks forever receiving from a channel: no partner can ever come}} expected-note {{goroutine blocks forever receiving}}
}
