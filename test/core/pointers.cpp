// Smart pointers and std::optional hold one thing or nothing: a copy of a
// shared_ptr aliases its object, a moved-from unique_ptr is empty,
// make_shared and make_unique construct the object (its constructor runs),
// an optional holds its value in place. std::function values kept in a
// container are called later by another goroutine.
// RUN: %golife_analyze -Xanalyzer -analyzer-checker=golife %s
// RUN: not %golife --quiet %s -- %runtime_flags | FileCheck %s
#include <go/go.h>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

struct Worker {
  go::Chan<int> jobs = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  go::WaitGroup done;
};

struct Pool {
  go::Chan<int> jobs;
  explicit Pool(int capacity) : jobs(go::makeChan<int>(capacity)) {} // expected-note {{channel made here with capacity 1}}
};

// CHECK-DAG: pointers.cpp:[[@LINE+4]]:35: warning: goroutine blocks forever receiving
void sharedWorkerNeverFed() {
  auto w = std::make_shared<Worker>();
  std::shared_ptr<Worker> alias = w;
  go::spawn([alias] { alias->jobs.recv(); }); // expected-warning {{goroutine blocks forever receiving from a channel: no partner can ever come}} expected-note {{receiving from a channel}} expected-note {{goroutine spawned here}}
  w.reset();
} // expected-note {{the function returns here}}

void sharedWorkerFed() {
  auto w = std::make_shared<Worker>();
  std::shared_ptr<Worker> alias = w;
  go::spawn([alias] { alias->jobs.recv(); });
  w->jobs.send(1);
}

// CHECK-DAG: pointers.cpp:[[@LINE+6]]:17: warning: goroutine blocks forever sending
void uniquePoolTooSmall() {
  auto pool = std::make_unique<Pool>(1);
  pool->jobs.send(1);
  std::unique_ptr<Pool> owner = std::move(pool);
  if (!pool)
    owner->jobs.send(2); // expected-warning {{goroutine blocks forever sending on a channel: no partner can ever come}} expected-note {{sending on a channel}}
}

void uniquePoolBigEnough() {
  auto pool = std::make_unique<Pool>(2);
  pool->jobs.send(1);
  std::unique_ptr<Pool> owner = std::move(pool);
  if (!pool)
    owner->jobs.send(2);
}

// CHECK-DAG: pointers.cpp:[[@LINE+4]]:23: warning: goroutine blocks forever sending
void optionalReplyMissing() {
  std::optional<go::Chan<int>> reply;
  auto ch = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  go::spawn([ch] { ch.send(1); }); // expected-warning {{goroutine blocks forever sending on a channel: no partner can ever come}} expected-note {{sending on a channel}} expected-note {{goroutine spawned here}}
  if (reply)
    reply->recv();
} // expected-note {{the function returns here}}

void optionalReplyPresent() {
  std::optional<go::Chan<int>> reply;
  auto ch = go::makeChan<int>();
  reply = ch;
  go::spawn([ch] { ch.send(1); });
  if (reply.has_value())
    reply->recv();
}

// CHECK-DAG: pointers.cpp:[[@LINE+5]]:29: warning: goroutine blocks forever sending
void callbacksInVectorOneSkipped() {
  auto ch = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  std::vector<std::function<void()>> hooks;
  hooks.push_back([ch] { ch.send(1); });
  hooks.push_back([ch] { ch.send(2); }); // expected-warning {{goroutine blocks forever sending on a channel: no partner can ever come}} expected-note {{sending on a channel}}
  go::spawn([hooks] { // expected-note {{goroutine spawned here}}
    for (auto &hook : hooks)
      hook();
  });
  ch.recv();
} // expected-note {{the function returns here}}

void callbacksInVectorAllTaken() {
  auto ch = go::makeChan<int>();
  std::vector<std::function<void()>> hooks;
  hooks.push_back([ch] { ch.send(1); });
  hooks.push_back([ch] { ch.send(2); });
  go::spawn([hooks] {
    for (auto &hook : hooks)
      hook();
  });
  ch.recv();
  ch.recv();
}

// A std::function member set by one goroutine and called by another.
struct Server {
  std::function<void()> onStop;
  void stop() {
    if (onStop)
      onStop();
  }
};

// CHECK-DAG: pointers.cpp:[[@LINE+5]]:33: warning: goroutine blocks forever receiving
void stopHookNeverRun() {
  auto stopped = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  Server s;
  s.onStop = [stopped] { stopped.close(); };
  go::spawn([stopped] { stopped.recv(); }); // expected-warning {{goroutine blocks forever receiving from a channel: no partner can ever come}} expected-note {{receiving from a channel}} expected-note {{goroutine spawned here}}
} // expected-note {{the function returns here}}

void stopHookRunByAnother() {
  auto stopped = go::makeChan<int>();
  auto *s = new Server();
  s->onStop = [stopped] { stopped.close(); };
  go::spawn([s] { s->stop(); });
  stopped.recv();
}
