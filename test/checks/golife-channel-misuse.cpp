// RUN: %golife_analyze -Xanalyzer -analyzer-checker=golife.ChannelMisuse %s
#include <go/go.h>

go::Chan<int> Published;
void closeSomewhere(go::Chan<int> ch);

// Send on a closed channel panics, even with room in the buffer.
void sendAfterClose() {
  auto ch = go::makeChan<int>(1);
  ch.close();
  ch.send(1); // expected-warning {{panic: send on closed channel}} expected-note {{panic: send on closed channel}}
}

void sendBeforeClose() {
  auto ch = go::makeChan<int>(1);
  ch.send(1);
  ch.close();
}

// A closed channel is never ready to send: a select's send case panics too,
// even when a default case is there.
void selectSendAfterClose() {
  auto ch = go::makeChan<int>(1);
  ch.close();
  go::select(go::caseSend(ch, 1), go::caseDefault()); // expected-warning {{panic: send on closed channel}} expected-note {{panic: send on closed channel}}
}

void selectReceiveAfterClose() {
  auto ch = go::makeChan<int>(1);
  ch.close();
  go::select(go::caseRecv(ch), go::caseDefault());
}

// The sender races with the close: it may send after it.
void closeWhileSenderRuns() {
  auto ch = go::makeChan<int>(1);
  go::spawn([=] { ch.send(1); }); // expected-warning {{panic: send on closed channel}} expected-note {{panic: send on closed channel}}
  ch.close();
}

void senderCloses() {
  auto ch = go::makeChan<int>(1);
  go::spawn([=] {
    ch.send(1);
    ch.close();
  });
  for (int v : ch)
    (void)v;
}

// Closing twice panics.
void closeTwice() {
  auto ch = go::makeChan<int>();
  ch.close();
  ch.close(); // expected-warning {{panic: close of closed channel}} expected-note {{panic: close of closed channel}}
}

// Only the failure path closes twice.
void closeTwiceOnFailure(bool failed) {
  auto ch = go::makeChan<int>();
  if (failed)
    ch.close();
  ch.close(); // expected-warning {{panic: close of closed channel}} expected-note {{panic: close of closed channel}}
}

void closeOnceOnEveryPath(bool failed) {
  auto ch = go::makeChan<int>();
  if (failed) {
    ch.close();
    return;
  }
  ch.close();
}

// Two goroutines both close the channel.
void twoClosers() {
  auto done = go::makeChan<go::Unit>();
  go::WaitGroup wg;
  wg.add(2);
  for (int i = 0; i < 2; ++i)
    go::spawn([&] {
      done.close(); // expected-warning {{panic: close of closed channel}} expected-note {{panic: close of closed channel}}
      wg.done();
    });
  wg.wait();
}

void oneCloserAfterWait() {
  auto done = go::makeChan<go::Unit>();
  go::WaitGroup wg;
  wg.add(2);
  for (int i = 0; i < 2; ++i)
    go::spawn([&] { wg.done(); });
  wg.wait();
  done.close();
}

// The nil channel cannot be closed.
void closeNil() {
  go::Chan<int> ch;
  ch.close(); // expected-warning {{panic: close of nil channel}} expected-note {{panic: close of nil channel}}
}

void closeUnlessNil() {
  go::Chan<int> ch;
  if (!ch.isNil())
    ch.close();
}

// The channel escapes: code the analysis cannot see may have closed it, or
// not. Silent.
void passedToUnknownFunction() {
  auto ch = go::makeChan<int>(1);
  closeSomewhere(ch);
  ch.send(1);
  ch.close();
}

void storedInGlobal() {
  auto ch = go::makeChan<int>();
  Published = ch;
  ch.close();
}
