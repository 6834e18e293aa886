// Standard-library operations the model follows: std::unordered_map's
// insert (which keeps the first value), insert_or_assign (which does not),
// operator[] (which default-inserts: a nil channel), find, erase and
// iteration; a map's insert with a hint; emplace into a map; emplace_back and emplace_front, which run
// the element's constructor; a vector's insert before a position, erase of
// a range and erase while iterating; a smart
// pointer's get(); and std::forward through a generic helper.
// RUN: %golife_analyze -Xanalyzer -analyzer-checker=golife %s
// RUN: not %golife --quiet %s -- %runtime_flags | FileCheck %s
#include <go/go.h>
#include <array>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

// insert() does not replace a key that is there: the route keeps the first
// channel, and the listener on the second never hears from it.
void routeReplacedByInsert() {
  std::unordered_map<std::string, go::Chan<int>> routes;
  auto first = go::makeChan<int>(1);
  auto second = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  routes.insert({"orders", first});
  // CHECK-DAG: std-library.cpp:[[@LINE+1]]:31: warning: goroutine blocks forever receiving
  go::spawn([second] { second.recv(); }); // expected-warning {{goroutine blocks forever receiving from a channel: no partner can ever come}} expected-note {{receiving from a channel}} expected-note {{goroutine spawned here}}
  routes.insert({"orders", second});
  routes["orders"].send(1);
} // expected-note {{the function returns here}}

void routeReplacedByAssignment() {
  std::unordered_map<std::string, go::Chan<int>> routes;
  auto first = go::makeChan<int>(1);
  auto second = go::makeChan<int>();
  routes.insert({"orders", first});
  go::spawn([second] { second.recv(); });
  routes["orders"] = second;
  routes["orders"].send(1);
}

// insert_or_assign() replaces the value of a key already there.
void slotsReplacedByFewer() {
  std::unordered_map<std::string, go::Chan<int>> slots;
  slots.insert_or_assign("uploads", go::makeChan<int>(2));
  slots.insert_or_assign("uploads", go::makeChan<int>(1)); // expected-note {{channel made here with capacity 1}}
  slots["uploads"].send(1);
  // CHECK-DAG: std-library.cpp:[[@LINE+1]]:20: warning: goroutine blocks forever sending
  slots["uploads"].send(2); // expected-warning {{goroutine blocks forever sending on a channel: no partner can ever come}} expected-note {{sending on a channel}}
}

void slotsReplacedByMore() {
  std::unordered_map<std::string, go::Chan<int>> slots;
  slots.insert_or_assign("uploads", go::makeChan<int>(1));
  auto [slot, added] =
      slots.insert_or_assign("uploads", go::makeChan<int>(2));
  if (!added)
    slot->second.send(1);
  slots["uploads"].send(2);
}

// operator[] on a missing key inserts a default channel: the nil channel.
void missingWorkerIsNil() {
  std::unordered_map<int, go::Chan<int>> workers;
  workers[1] = go::makeChan<int>(1);
  workers[2] = go::makeChan<int>(1);
  // CHECK-DAG: std-library.cpp:[[@LINE+1]]:14: warning: goroutine blocks forever sending on a nil channel
  workers[3].send(7); // expected-warning {{goroutine blocks forever sending on a nil channel}} expected-note {{sending on a nil channel}}
}

void missingWorkerLookedUp() {
  std::unordered_map<int, go::Chan<int>> workers;
  workers[1] = go::makeChan<int>(1);
  workers[2] = go::makeChan<int>(1);
  auto it = workers.find(3);
  if (it != workers.end())
    it->second.send(7);
}

// A cancelled job is erased before the results are collected by iterating
// the map: its worker's reply has no reader unless the reply has room.
void cancelledJobBlocks() {
  std::unordered_map<int, go::Chan<int>> jobs;
  for (int id = 0; id < 3; ++id) {
    auto reply = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
    jobs.insert({id, reply});
    // CHECK-DAG: std-library.cpp:[[@LINE+1]]:35: warning: goroutine blocks forever sending
    go::spawn([reply, id] { reply.send(id); }); // expected-warning {{goroutine blocks forever sending on a channel: no partner can ever come}} expected-note {{sending on a channel}} expected-note {{goroutine spawned here}}
  }
  jobs.erase(1);
  for (auto &[id, reply] : jobs)
    reply.recv();
} // expected-note {{the function returns here}}

void cancelledJobHasRoom() {
  std::unordered_map<int, go::Chan<int>> jobs;
  for (int id = 0; id < 3; ++id) {
    auto reply = go::makeChan<int>(1);
    jobs.insert({id, reply});
    go::spawn([reply, id] { reply.send(id); });
  }
  jobs.erase(1);
  for (auto &[id, reply] : jobs)
    reply.recv();
}

// emplace_back constructs the element in place, with its constructor.
struct Pipe {
  go::Chan<int> ch;
  explicit Pipe(int capacity) : ch(go::makeChan<int>(capacity)) {} // expected-note 2 {{channel made here with capacity 1}}
};

void pipeEmplacedTooSmall() {
  std::vector<Pipe> pipes;
  pipes.emplace_back(1);
  pipes.back().ch.send(1);
  // CHECK-DAG: std-library.cpp:[[@LINE+1]]:19: warning: goroutine blocks forever sending
  pipes.back().ch.send(2); // expected-warning {{goroutine blocks forever sending on a channel: no partner can ever come}} expected-note {{sending on a channel}}
}

void pipeEmplacedBigEnough() {
  std::vector<Pipe> pipes;
  pipes.emplace_back(2);
  pipes.back().ch.send(1);
  pipes.back().ch.send(2);
}

// emplace_front gives the element it made, now the first one.
void pipeEmplacedAtFrontTooSmall() {
  std::deque<Pipe> pipes;
  pipes.emplace_back(2);
  Pipe &first = pipes.emplace_front(1);
  pipes.back().ch.send(1);
  pipes.front().ch.send(1);
  // CHECK-DAG: std-library.cpp:[[@LINE+1]]:12: warning: goroutine blocks forever sending
  first.ch.send(2); // expected-warning {{goroutine blocks forever sending on a channel: no partner can ever come}} expected-note {{sending on a channel}}
}

void pipeEmplacedAtFrontBigEnough() {
  std::deque<Pipe> pipes;
  pipes.emplace_back(1);
  Pipe &first = pipes.emplace_front(2);
  pipes.back().ch.send(1);
  pipes.front().ch.send(1);
  first.ch.send(2);
}

// emplace() into a map, like insert(), keeps the value already there.
void emplaceKeepsFirst() {
  std::unordered_map<int, go::WaitGroup *> groups;
  go::WaitGroup a, b;
  a.add(1);
  b.add(1);
  groups.emplace(1, &a);
  groups.emplace(1, &b);
  go::spawn([groups] { groups.at(1)->done(); });
  // CHECK-DAG: std-library.cpp:[[@LINE+1]]:5: warning: wait() blocks forever
  b.wait(); // expected-warning {{wait() blocks forever: the WaitGroup's counter never drops to zero}} expected-note {{wait() blocks forever}}
}

void emplaceUnderTwoKeys() {
  std::unordered_map<int, go::WaitGroup *> groups;
  go::WaitGroup a, b;
  a.add(1);
  b.add(1);
  groups.emplace(1, &a);
  groups.emplace(2, &b);
  go::spawn([groups] {
    for (auto &[key, group] : groups)
      group->done();
  });
  b.wait();
}

// erase() returns the next element: stepping past it as well skips one,
// and the skipped subscriber is never closed.
void eraseLoopSkipsOne() {
  std::vector<go::Chan<int>> subscribers{go::makeChan<int>(),
                                         go::makeChan<int>()}; // expected-note {{unbuffered channel made here}}
  for (auto &sub : subscribers)
    go::spawn([sub] { // expected-note {{goroutine spawned here}}
      // CHECK-DAG: std-library.cpp:[[@LINE+1]]:22: warning: goroutine blocks forever ranging
      for (int event : sub) // expected-warning {{goroutine blocks forever ranging over a channel: no partner can ever come}} expected-note {{ranging over a channel}}
        (void)event;
    });
  for (auto it = subscribers.begin(); it != subscribers.end(); ++it) {
    it->close();
    it = subscribers.erase(it);
  }
} // expected-note {{the function returns here}}

void eraseLoopVisitsAll() {
  std::vector<go::Chan<int>> subscribers{go::makeChan<int>(),
                                         go::makeChan<int>()};
  for (auto &sub : subscribers)
    go::spawn([sub] {
      for (int event : sub)
        (void)event;
    });
  for (auto it = subscribers.begin(); it != subscribers.end();) {
    it->close();
    it = subscribers.erase(it);
  }
}

// insert(pos, value) puts the new element before pos.
void urgentLaneFirst() {
  std::vector<go::Chan<int>> lanes{go::makeChan<int>(2)};
  lanes.insert(lanes.begin(), go::makeChan<int>(1)); // expected-note {{channel made here with capacity 1}}
  lanes.front().send(1);
  // CHECK-DAG: std-library.cpp:[[@LINE+1]]:17: warning: goroutine blocks forever sending
  lanes.front().send(2); // expected-warning {{goroutine blocks forever sending on a channel: no partner can ever come}} expected-note {{sending on a channel}}
}

void urgentLaneLast() {
  std::vector<go::Chan<int>> lanes{go::makeChan<int>(2)};
  lanes.insert(lanes.end(), go::makeChan<int>(1));
  lanes.front().send(1);
  lanes.front().send(2);
}

// erase(first, last) drops a range: its readers are closed by no one.
void staleReadersDropped() {
  std::vector<go::Chan<int>> readers{go::makeChan<int>(), go::makeChan<int>(), // expected-note {{unbuffered channel made here}}
                                     go::makeChan<int>()};
  for (auto &r : readers)
    go::spawn([r] { // expected-note {{goroutine spawned here}}
      // CHECK-DAG: std-library.cpp:[[@LINE+1]]:18: warning: goroutine blocks forever ranging
      for (int v : r) // expected-warning {{goroutine blocks forever ranging over a channel: no partner can ever come}} expected-note {{ranging over a channel}}
        (void)v;
    });
  readers.erase(readers.begin(), readers.begin() + 2);
  for (auto &r : readers)
    r.close();
} // expected-note {{the function returns here}}

void staleReadersClosedFirst() {
  std::vector<go::Chan<int>> readers{go::makeChan<int>(), go::makeChan<int>(),
                                     go::makeChan<int>()};
  for (auto &r : readers)
    go::spawn([r] {
      for (int v : r)
        (void)v;
    });
  for (auto it = readers.begin(); it != readers.begin() + 2; ++it)
    it->close();
  readers.erase(readers.begin(), readers.begin() + 2);
  for (auto &r : readers)
    r.close();
}

// get() lends the owned object itself.
struct Mailbox {
  go::Chan<int> letters = go::makeChan<int>(1); // expected-note {{channel made here with capacity 1}}
};

void lentTheOtherMailbox() {
  auto mine = std::make_unique<Mailbox>();
  auto theirs = std::make_shared<Mailbox>();
  Mailbox *lent = theirs.get();
  // CHECK-DAG: std-library.cpp:[[@LINE+1]]:36: warning: goroutine blocks forever receiving
  go::spawn([lent] { lent->letters.recv(); }); // expected-warning {{goroutine blocks forever receiving from a channel: no partner can ever come}} expected-note {{receiving from a channel}} expected-note {{goroutine spawned here}}
  mine->letters.send(1);
} // expected-note {{the function returns here}}

void lentMyMailbox() {
  auto mine = std::make_unique<Mailbox>();
  auto theirs = std::make_shared<Mailbox>();
  Mailbox *lent = mine.get();
  go::spawn([lent] { lent->letters.recv(); });
  mine->letters.send(1);
  (void)theirs;
}

// std::forward through a generic helper hands go::spawn the task and the
// very channel it was given.
template <class... Args> void spawnForwarded(Args &&...args) {
  go::spawn(std::forward<Args>(args)...); // expected-note {{goroutine spawned here}}
}

void forwardedSenderUnread() {
  auto done = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  // CHECK-DAG: std-library.cpp:[[@LINE+1]]:49: warning: goroutine blocks forever sending
  spawnForwarded([](go::Chan<int> c, int v) { c.send(v); }, done, 1); // expected-warning {{goroutine blocks forever sending on a channel: no partner can ever come}} expected-note {{sending on a channel}}
} // expected-note {{the function returns here}}

void forwardedSenderRead() {
  auto done = go::makeChan<int>();
  spawnForwarded([](go::Chan<int> c, int v) { c.send(v); }, done, 1);
  done.recv();
}

// A struct holding a channel, forwarded into a container.
struct Job {
  go::Chan<int> results;
  int count;
};

template <class T> void keep(std::vector<T> &all, T &&one) {
  all.push_back(std::forward<T>(one));
}

void forwardedJobHalfRead() {
  std::vector<Job> jobs;
  keep(jobs, Job{go::makeChan<int>(), 2}); // expected-note {{unbuffered channel made here}}
  go::spawn([jobs] { // expected-note {{goroutine spawned here}}
    for (const Job &job : jobs)
      for (int i = 0; i < job.count; ++i)
        // CHECK-DAG: std-library.cpp:[[@LINE+1]]:21: warning: goroutine blocks forever sending
        job.results.send(i); // expected-warning {{goroutine blocks forever sending on a channel: no partner can ever come}} expected-note {{sending on a channel}}
  });
  jobs.front().results.recv();
} // expected-note {{the function returns here}}

void forwardedJobAllRead() {
  std::vector<Job> jobs;
  keep(jobs, Job{go::makeChan<int>(), 2});
  go::spawn([jobs] {
    for (const Job &job : jobs)
      for (int i = 0; i < job.count; ++i)
        job.results.send(i);
  });
  for (int i = 0; i < jobs.front().count; ++i)
    jobs.front().results.recv();
}

// A std::array member no initializer names holds its elements: lock
// striping over a member array of mutexes.
struct StripedTable {
  std::array<go::Mutex, 4> stripes;
  void lockBoth(int a, int b) {
    stripes[a % 4].lock();
    // CHECK-DAG: std-library.cpp:[[@LINE+1]]:20: warning: goroutine locks a mutex it already holds
    stripes[b % 4].lock(); // expected-warning {{goroutine locks a mutex it already holds: it blocks forever}} expected-note {{goroutine locks a mutex it already holds}}
    stripes[b % 4].unlock();
    stripes[a % 4].unlock();
  }
};

void transferSameStripe() {
  StripedTable table;
  table.lockBoth(1, 5);
}

void transferOtherStripes() {
  StripedTable table;
  table.lockBoth(1, 2);
}

// insert(hint, value) inserts the value, as insert(value) does: a key
// already there keeps its first value.
void hintedInsertKeepsFirst() {
  std::map<int, go::Chan<int>> replies;
  auto first = go::makeChan<int>();
  auto second = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  replies.insert(replies.end(), {1, first});
  replies.insert(replies.end(), {1, second}); // key 1 is there: not inserted
  // CHECK-DAG: std-library.cpp:[[@LINE+1]]:26: warning: goroutine blocks forever sending
  go::spawn([=] { second.send(1); }); // expected-warning {{goroutine blocks forever sending on a channel: no partner can ever come}} expected-note {{goroutine spawned here}} expected-note {{goroutine blocks forever sending}}
  go::spawn([=] { first.send(1); });
  (void)replies[1].recv();
} // expected-note {{the function returns here}}

void hintedInsertFound() {
  std::map<int, go::Chan<int>> replies;
  auto reply = go::makeChan<int>();
  replies.insert(replies.end(), {1, reply});
  go::spawn([=] { reply.send(1); });
  (void)replies[1].recv();
}
