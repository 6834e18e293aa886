// RUN: %golife_analyze -Xanalyzer -analyzer-checker=golife.ChannelLeak %s
#include <go/go.h>

#include <vector>

go::Chan<int> Published;
void consumeSomewhere(go::Chan<int> ch);

void sendWithoutReceiver() {
  auto ch = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  go::spawn([=] {                // expected-note {{goroutine spawned here}}
    ch.send(1); // expected-warning {{goroutine blocks forever sending on a channel: no partner can ever come}} expected-note {{sending on a channel}}
  });
} // expected-note {{the function returns here}}

void sendWithReceiver() {
  auto ch = go::makeChan<int>();
  go::spawn([=] { ch.send(1); });
  (void)ch.recv();
}

void receiveWithoutSender() {
  auto ch = go::makeChan<int>(0); // expected-note {{unbuffered channel made here}}
  (void)ch.recv(); // expected-warning {{goroutine blocks forever receiving from a channel: no partner can ever come}} expected-note {{receiving from a channel}}
}

void receiveFromClosed() {
  auto ch = go::makeChan<int>();
  ch.close();
  (void)ch.recv();
}

void rangeWithoutSender() {
  auto ch = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  go::spawn([&] {                // expected-note {{goroutine spawned here}}
    for (int v : ch) // expected-warning {{goroutine blocks forever ranging over a channel: no partner can ever come}} expected-note {{ranging over a channel}}
      (void)v;
  });
} // expected-note {{the function returns here}}

void rangeClosedBySender() {
  auto ch = go::makeChan<int>();
  go::spawn([&] {
    for (int v : ch)
      (void)v;
  });
  ch.send(1);
  ch.close();
}

void receiveInSelect() {
  auto ch = go::makeChan<int>();
  go::spawn([=] { ch.send(1); });
  go::select(go::caseRecv(ch));
}

// The channel escapes: someone else may receive. Silent.
go::Chan<int> returned() {
  auto ch = go::makeChan<int>();
  go::spawn([=] { ch.send(1); });
  return ch;
}

void storedInGlobal() {
  auto ch = go::makeChan<int>();
  Published = ch;
  go::spawn([=] { ch.send(1); });
}

void passedToUnknownFunction() {
  auto ch = go::makeChan<int>();
  consumeSomewhere(ch);
  go::spawn([=] { ch.send(1); });
}

void capturedByStoredLambda() {
  auto ch = go::makeChan<int>();
  auto later = [=] { (void)ch.recv(); };
  go::spawn(later);
  go::spawn([=] { ch.send(1); });
}

// A leak on one path is a leak: the exploration follows both branches.
void sendUnderCondition(bool urgent) {
  auto ch = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  if (urgent) // expected-note {{assuming 'urgent' is true}}
    go::spawn([=] { ch.send(1); }); // expected-warning {{sending on a channel}} expected-note {{sending on a channel}} expected-note {{goroutine spawned here}}
} // expected-note {{the function returns here}}

void sendAfterEarlyReturn(const std::vector<int> &jobs) {
  auto ch = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  go::spawn([=] { ch.send(1); }); // expected-warning {{sending on a channel}} expected-note {{sending on a channel}} expected-note {{goroutine spawned here}}
  if (jobs.empty()) // expected-note {{assuming 'jobs' is empty}}
    return; // expected-note {{the function returns here}}
  (void)ch.recv();
}

// The same condition tested twice takes the same branch both times.
void conditionTestedTwice(int n) {
  auto ch = go::makeChan<int>();
  if (n > 0)
    go::spawn([=] { ch.send(1); });
  if (n > 0)
    (void)ch.recv();
}

// The receiver gives up after a timeout: the sender is orphaned.
void orphanedAfterTimeout() {
  auto ch = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  go::spawn([=] {                // expected-note {{goroutine spawned here}}
    go::sleep(std::chrono::seconds(10));
    ch.send(1); // expected-warning {{sending on a channel}} expected-note {{sending on a channel}}
  });
  go::select(go::caseRecv(ch), go::caseRecv(go::after(std::chrono::seconds(1)))); // expected-note {{the select takes this case}}
} // expected-note {{the function returns here}}

// Room for the only value: the sender finishes even after the timeout.
void bufferedAfterTimeout() {
  auto ch = go::makeChan<int>(1);
  go::spawn([=] {
    go::sleep(std::chrono::seconds(10));
    ch.send(1);
  });
  go::select(go::caseRecv(ch), go::caseRecv(go::after(std::chrono::seconds(1))));
}

// Select cases split paths: every case of this loop can return.
void selectLoopWithExit() {
  auto jobs = go::makeChan<int>();
  auto quit = go::makeChan<go::Unit>();
  go::spawn([=] {
    for (;;) {
      int job = 0;
      switch (go::select(go::caseRecv(jobs, job), go::caseRecv(quit))) {
      case 0:
        break;
      case 1:
        return;
      }
    }
  });
  jobs.send(1);
  quit.close();
}

// A range over a channel closed on every path ends.
void rangeClosedOnEveryPath(bool early) {
  auto ch = go::makeChan<int>();
  go::spawn([=] {
    for (int v : ch)
      (void)v;
  });
  if (early) {
    ch.close();
    return;
  }
  ch.send(1);
  ch.close();
}

// A nil channel blocks forever.
void receiveFromNil() {
  go::Chan<int> ch;
  (void)ch.recv(); // expected-warning {{goroutine blocks forever receiving from a nil channel}} expected-note {{receiving from a nil channel}}
}

// A buffered channel with room takes the send without a receiver.
void bufferedSend() {
  auto ch = go::makeChan<int>(1);
  go::spawn([=] { ch.send(1); });
}
