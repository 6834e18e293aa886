// A goroutine a method starts waits on an object its caller still holds
// (a member of an object the caller owns, or a channel returned to it):
// the analysis follows the caller, from the entry point, to what it does
// with the object. Closing it, or reading all it is sent, is silent;
// forgetting it is the leak.
// RUN: %golife_analyze -Xanalyzer -analyzer-checker=golife %s
// RUN: not %golife --quiet %s -- %runtime_flags | FileCheck %s
#include <go/go.h>

class Pool {
public:
  void start() {
    go::spawn([Jobs = Jobs] { // expected-note {{goroutine spawned here}}
      for (int Job : Jobs) // expected-warning {{goroutine blocks forever ranging over a channel: no partner can ever come}} expected-note {{goroutine blocks forever ranging}}
        (void)Job;
    });
  }
  void submit(int Job) { Jobs.send(Job); }
  void stop() { Jobs.close(); }

private:
  go::Chan<int> Jobs = go::makeChan<int>(1); // expected-note {{channel made here with capacity 1}}
};

struct Service {
  Pool Workers;
  void open() { Workers.start(); }
  void close() { Workers.stop(); }
};

void serveAndClose() { // fix: the owner closes the pool
  Service S;
  S.open();
  S.Workers.submit(1);
  S.close();
}

void serveAndForget() { // bug: the owner forgets it
  Service S;
  S.open();
  S.Workers.submit(1);
} // expected-note {{the function returns here}}

go::Chan<int> startCounter() {
  auto Counts = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  go::spawn([=] { // expected-note {{goroutine spawned here}}
    for (int I = 0; I < 3; ++I)
      Counts.send(I); // expected-warning {{goroutine blocks forever sending on a channel: no partner can ever come}} expected-note {{goroutine blocks forever sending}}
  });
  return Counts;
}

void readTwo() { // bug: two of three counts read
  auto Counts = startCounter();
  (void)Counts.recv();
  (void)Counts.recv();
} // expected-note {{the function returns here}}

void readThree() { // fix: all three read
  auto Counts = startCounter();
  for (int I = 0; I < 3; ++I)
    (void)Counts.recv();
}

// CHECK-NOT: warning:
// CHECK: object-lifecycles.cpp:14:20: warning: goroutine blocks forever ranging over a channel
// CHECK-NOT: warning:
// CHECK: object-lifecycles.cpp:48:14: warning: goroutine blocks forever sending on a channel
// CHECK-NOT: warning:
