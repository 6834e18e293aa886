// Containers the analysis did not see made (parameters): each is explored
// empty, with one element and with two, one size per path, so that a loop
// over it, its size() and empty() agree. A container lent by reference may
// be changed by code the analysis cannot see once the goroutine
// synchronises with that code: silent then.
// RUN: %golife_analyze -Xanalyzer -analyzer-checker=golife -Xanalyzer -analyzer-disable-checker=cplusplus.Move %s
// RUN: not %golife --quiet %s -- %runtime_flags | FileCheck %s
#include <go/go.h>
#include <deque>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

using namespace std::chrono_literals;

// Fan-out over a vector the caller passes: one reply read, the others'
// senders block once there are two ids.
void fanOutReadOne(const std::vector<int> &ids) {
  auto replies = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  for (int id : ids) // expected-note {{assuming 'ids' has 2 elements}}
    go::spawn([=] { replies.send(id); }); // expected-warning {{goroutine blocks forever sending on a channel: no partner can ever come}} expected-note {{goroutine spawned here}} expected-note {{goroutine blocks forever sending}}
  if (!ids.empty())
    replies.recv();
} // expected-note {{the function returns here}}

void fanOutReadOneBuffered(const std::vector<int> &ids) {
  auto replies = go::makeChan<int>(ids.size());
  for (int id : ids)
    go::spawn([=] { replies.send(id); });
  if (!ids.empty())
    replies.recv();
}

// Every reply read, counted by size(): the loop and size() see one map.
void fanOutReadAll(std::map<std::string, int> jobs) {
  auto done = go::makeChan<int>();
  for (const auto &[name, weight] : jobs)
    go::spawn([=] { done.send(weight); });
  for (size_t i = 0; i < jobs.size(); ++i)
    done.recv();
}

void fanOutReadAllButOne(std::map<std::string, int> jobs) {
  auto done = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  for (const auto &[name, weight] : jobs) // expected-note {{assuming 'jobs' has 1 element}}
    go::spawn([=] { done.send(weight); }); // expected-warning {{goroutine blocks forever sending on a channel: no partner can ever come}} expected-note {{goroutine spawned here}} expected-note {{goroutine blocks forever sending}}
  for (size_t i = 1; i < jobs.size(); ++i)
    done.recv();
} // expected-note {{the function returns here}}

void runAllOffByOne(const std::vector<std::function<void()>> &tasks) {
  go::WaitGroup wg;
  wg.add(tasks.size() + 1); // expected-note {{assuming 'tasks' is empty}}
  for (const auto &task : tasks)
    go::spawn([&] {
      task();
      wg.done();
    });
  wg.wait(); // expected-warning {{wait() blocks forever: the WaitGroup's counter never drops to zero}} expected-note {{wait() blocks forever}}
}

void runAll(const std::vector<std::function<void()>> &tasks) {
  go::WaitGroup wg;
  wg.add(tasks.size());
  for (const auto &task : tasks)
    go::spawn([&] {
      task();
      wg.done();
    });
  wg.wait();
}

// The queue is the caller's: whoever shares the mutex may fill it.
void waitForWork(std::deque<int> &queue, go::Mutex &mu) {
  for (;;) {
    mu.lock();
    bool idle = queue.empty();
    mu.unlock();
    if (!idle)
      return;
    go::sleep(1ms);
  }
}

void waitForSet(std::set<int> ids) {
  while (ids.empty()) // expected-note {{assuming 'ids' is empty}} expected-note {{this loop never exits}}
    go::sleep(1ms); // expected-warning {{the function keeps coming back here in a loop that never exits: it never returns}} expected-note {{keeps coming back here}}
}

void waitForSetFixed(std::set<int> ids) {
  if (ids.empty())
    return;
  while (ids.empty())
    go::sleep(1ms);
}

// What goes into a caller's container, or its out parameter, the caller
// can reach: it may send.
void registerInbox(std::vector<go::Chan<int>> &inboxes) {
  auto inbox = go::makeChan<int>();
  inboxes.push_back(inbox);
  go::spawn([inbox] { inbox.recv(); });
}

void openInbox(go::Chan<int> &out) {
  out = go::makeChan<int>();
  go::spawn([out] { out.recv(); });
}

// The standalone tool reports the same four, and nothing else.
// CHECK-NOT: warning:
// CHECK: unknown-containers.cpp:23:29: warning: goroutine blocks forever sending
// CHECK-NOT: warning:
// CHECK: unknown-containers.cpp:48:26: warning: goroutine blocks forever sending
// CHECK-NOT: warning:
// CHECK: unknown-containers.cpp:61:6: warning: wait() blocks forever
// CHECK-NOT: warning:
// CHECK: unknown-containers.cpp:89:5: warning: the function keeps coming back here
// CHECK-NOT: warning:
