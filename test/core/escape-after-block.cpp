// An object that escapes to code the analysis cannot see after a goroutine
// blocked on it: that code may complete the wait at any time (send,
// receive, close, done, unlock, signal), so the goroutine is not reported.
// One blocked on another object still is.
// RUN: %golife_analyze -Xanalyzer -analyzer-checker=golife %s
#include <go/go.h>
#include <tuple>

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

// A record handed to unseen code before its fields are set: that code can
// read the cancel function stored into it later, and may call it.
struct Session {
  go::Context ctx;
  go::CancelFunc cancel;
};
void keepSession(Session *s);
struct Registry {
  Session *last = nullptr;
  void open(go::Context parent);
};

void Registry::open(go::Context parent) {
  Session *s = new Session();
  last = s;
  std::tie(s->ctx, s->cancel) = go::withCancel(parent);
}

void openKept(go::Context parent) {
  Session *s = new Session();
  keepSession(s);
  std::tie(s->ctx, s->cancel) = go::withCancel(parent);
}

void openForgotten(go::Context parent) {
  Session *s = new Session();
  std::tie(s->ctx, s->cancel) = go::withCancel(parent); // expected-warning {{the cancel function of this context is never called}} expected-note {{the cancel function of this context is never called}}
  delete s;
}
