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
}

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
}

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

// Not sure to run: the pass stays silent.
void sendUnderCondition(bool urgent) {
  auto ch = go::makeChan<int>();
  if (urgent)
    go::spawn([=] { ch.send(1); });
}

void sendAfterEarlyReturn(const std::vector<int> &jobs) {
  auto ch = go::makeChan<int>();
  if (jobs.empty())
    return;
  go::spawn([=] { ch.send(1); });
}

// A buffered channel with room takes the send without a receiver.
void bufferedSend() {
  auto ch = go::makeChan<int>(1);
  go::spawn([=] { ch.send(1); });
}
