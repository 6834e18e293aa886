// Runtime objects kept in standard containers, found again by index, key
// or iteration; strings made from literals as keys; structs that embed a
// runtime type. A container the analysis cannot follow exactly (an unknown
// index, a range from unseen code) hands its elements to unseen code:
// silent.
// RUN: %golife_analyze -Xanalyzer -analyzer-checker=golife -Xanalyzer -analyzer-disable-checker=cplusplus.Move %s
// RUN: not %golife --quiet %s -- %runtime_flags | FileCheck %s
#include <go/go.h>
#include <array>
#include <list>
#include <map>
#include <set>
#include <string>
#include <vector>

void ext(std::vector<go::Chan<int>> &);
int anyIndex();
int anyKey();

// CHECK-DAG: containers.cpp:[[@LINE+9]]:5: warning: wait() blocks forever
void listOfWaitGroupsOneForgotten() {
  std::list<go::WaitGroup *> groups;
  go::WaitGroup a, b;
  groups.push_back(&a);
  groups.push_front(&b);
  a.add(1);
  b.add(1);
  go::spawn([groups] { groups.back()->done(); });
  b.wait(); // expected-warning {{wait() blocks forever: the WaitGroup's counter never drops to zero}} expected-note {{wait() blocks forever}}
}

void listOfWaitGroupsBothDone() {
  std::list<go::WaitGroup *> groups;
  go::WaitGroup a, b;
  groups.push_back(&a);
  groups.push_front(&b);
  a.add(1);
  b.add(1);
  go::spawn([groups] {
    for (go::WaitGroup *g : groups)
      g->done();
  });
  b.wait();
}

// CHECK-DAG: containers.cpp:[[@LINE+8]]:15: warning: goroutine blocks forever sending
void copiedVectorIsItsOwn() {
  std::vector<go::Chan<int>> mine;
  mine.push_back(go::makeChan<int>(1)); // expected-note {{channel made here with capacity 1}}
  std::vector<go::Chan<int>> copy = mine;
  copy.push_back(go::makeChan<int>(1));
  for (auto &c : mine)
    c.send(1);
  mine.back().send(2); // expected-warning {{goroutine blocks forever sending on a channel: no partner can ever come}} expected-note {{sending on a channel}}
}

void copiedVectorTwoSlots() {
  std::vector<go::Chan<int>> mine;
  mine.push_back(go::makeChan<int>(2));
  std::vector<go::Chan<int>> copy = mine;
  copy.push_back(go::makeChan<int>(1));
  for (auto &c : mine)
    c.send(1);
  mine.back().send(2);
}

void unknownIndexIsSilent(int i) {
  std::vector<go::Chan<int>> chans(2);
  chans[0] = go::makeChan<int>();
  chans[1] = go::makeChan<int>();
  go::spawn([chans] { chans[0].recv(); });
  chans[i].send(1);
}

void handedToUnseenCodeIsSilent() {
  std::vector<go::Chan<int>> chans;
  chans.push_back(go::makeChan<int>());
  ext(chans);
  chans[0].recv();
}

// CHECK-DAG: containers.cpp:[[@LINE+9]]:6: warning: wait() blocks forever
void movedFromIsEmpty() {
  std::vector<go::WaitGroup *> pending;
  go::WaitGroup wg;
  wg.add(1);
  pending.push_back(&wg);
  std::vector<go::WaitGroup *> taken = std::move(pending);
  for (go::WaitGroup *w : pending)
    w->done();
  wg.wait(); // expected-warning {{wait() blocks forever: the WaitGroup's counter never drops to zero}} expected-note {{wait() blocks forever}}
}

void movedToIsFull() {
  std::vector<go::WaitGroup *> pending;
  go::WaitGroup wg;
  wg.add(1);
  pending.push_back(&wg);
  std::vector<go::WaitGroup *> taken = std::move(pending);
  go::spawn([taken] {
    for (go::WaitGroup *w : taken)
      w->done();
  });
  wg.wait();
}

// CHECK-DAG: containers.cpp:[[@LINE+7]]:19: warning: goroutine locks a mutex it already holds
void stringKeysAgree() {
  std::map<std::string, go::Mutex *> locks;
  go::Mutex m;
  std::string name = "db";
  locks[name] = &m;
  locks["d" + std::string("b")]->lock();
  locks.at("db")->lock(); // expected-warning {{goroutine locks a mutex it already holds: it blocks forever}} expected-note {{goroutine locks a mutex it already holds}}
}

void stringKeysDiffer() {
  std::map<std::string, go::Mutex *> locks;
  go::Mutex m, n;
  locks["db"] = &m;
  locks["cache"] = &n;
  locks["db"]->lock();
  locks["cache"]->lock();
}

// CHECK-DAG: containers.cpp:[[@LINE+7]]:8: warning: goroutine blocks forever receiving
void setOfClosedChannels() {
  std::set<int> done;
  auto ch = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  done.insert(3);
  done.insert(3);
  if (done.size() == 1 && done.count(3))
    ch.recv(); // expected-warning {{goroutine blocks forever receiving from a channel: no partner can ever come}} expected-note {{receiving from a channel}}
}

void setOfClosedChannelsChecked() {
  std::set<int> done;
  auto ch = go::makeChan<int>();
  done.insert(3);
  done.insert(3);
  if (done.size() == 2)
    ch.recv();
}

// CHECK-DAG: containers.cpp:[[@LINE+6]]:25: warning: goroutine blocks forever sending
void unknownKeysAssumedNew() {
  std::map<int, go::Chan<int>> byId;
  byId[anyKey()] = go::makeChan<int>();
  byId[anyKey()] = go::makeChan<int>(); // expected-note {{assuming the key is new}} expected-note {{unbuffered channel made here}}
  for (auto &[id, ch] : byId)
    go::spawn([ch] { ch.send(1); }); // expected-warning {{goroutine blocks forever sending on a channel: no partner can ever come}} expected-note {{sending on a channel}} expected-note {{goroutine spawned here}}
  byId.begin()->second.recv();
} // expected-note {{the function returns here}}

void unknownKeyFoundIsSilent() {
  std::map<int, go::Chan<int>> byId;
  byId[1] = go::makeChan<int>();
  go::spawn([byId] { byId.at(1).send(1); });
  auto it = byId.find(anyKey());
  if (it != byId.end())
    it->second.recv();
}

// CHECK-DAG: containers.cpp:[[@LINE+4]]:5: warning: goroutine blocks forever locking a mutex
struct Registry : go::RWMutex {
  std::vector<int> items;
  void add(int item) {
    lock(); // expected-warning {{goroutine blocks forever locking a mutex that its holder never unlocks}} expected-note {{locking a mutex}}
    items.push_back(item);
    unlock();
  }
  void addAll(int a, int b) {
    rlock();
    add(a);
    add(b);
    runlock();
  }
  void addBoth(int a, int b) {
    add(a);
    add(b);
  }
};

void embeddedRWMutexReentered() {
  Registry r;
  r.addAll(1, 2);
}

void embeddedRWMutexOnce() {
  Registry r;
  r.addBoth(1, 2);
}

// std::array from braces, and its iterators (raw pointers into it).
// CHECK-DAG: containers.cpp:[[@LINE+5]]:29: warning: goroutine blocks forever sending
void arrayLanesOneUnread() {
  std::array<go::Chan<int>, 3> lanes{go::makeChan<int>(), go::makeChan<int>(),
                                     go::makeChan<int>()}; // expected-note {{unbuffered channel made here}}
  for (auto &lane : lanes)
    go::spawn([lane] { lane.send(1); }); // expected-warning {{goroutine blocks forever sending on a channel: no partner can ever come}} expected-note {{sending on a channel}} expected-note {{goroutine spawned here}}
  for (int i = 0; i < 2; ++i)
    lanes[i].recv();
} // expected-note {{the function returns here}}

void arrayLanesAllRead() {
  std::array<go::Chan<int>, 3> lanes{go::makeChan<int>(), go::makeChan<int>(),
                                     go::makeChan<int>()};
  for (auto &lane : lanes)
    go::spawn([lane] { lane.send(1); });
  for (auto *lane = lanes.begin(); lane != lanes.end(); ++lane)
    lane->recv();
}
