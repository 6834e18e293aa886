// RUN: %golife_analyze -Xanalyzer -analyzer-checker=golife.WaitGroup %s
#include <go/go.h>

go::WaitGroup *PublishedGroup;
void finishSomewhere(go::WaitGroup &wg);

// The goroutine forgets done(): wait() never returns.
void missingDone() {
  go::WaitGroup wg;
  wg.add(1);
  go::spawn([] {});
  wg.wait(); // expected-warning {{wait() blocks forever: the WaitGroup's counter never drops to zero}} expected-note {{wait() blocks forever: the WaitGroup's counter never drops to zero}}
}

void doneInGoroutine() {
  go::WaitGroup wg;
  wg.add(1);
  go::spawn([&] { wg.done(); });
  wg.wait();
}

void deferredDone() {
  go::WaitGroup wg;
  wg.add(1);
  go::spawn([&] { auto _ = go::defer([&] { wg.done(); }); });
  wg.wait();
}

// One add too many: three counted, two goroutines.
void addMoreThanSpawned() {
  go::WaitGroup wg;
  wg.add(3);
  for (int i = 0; i < 2; ++i)
    go::spawn([&] { wg.done(); });
  wg.wait(); // expected-warning {{wait() blocks forever: the WaitGroup's counter never drops to zero}} expected-note {{wait() blocks forever: the WaitGroup's counter never drops to zero}}
}

void addPerSpawn() {
  go::WaitGroup wg;
  for (int i = 0; i < 2; ++i) {
    wg.add(1);
    go::spawn([&] { wg.done(); });
  }
  wg.wait();
}

// done() on one path only: an early return skips it.
void doneOnOnePath(bool ok) {
  go::WaitGroup wg;
  wg.add(1);
  go::spawn([&, ok] {
    if (!ok)
      return;
    wg.done();
  });
  wg.wait(); // expected-warning {{wait() blocks forever: the WaitGroup's counter never drops to zero}} expected-note {{wait() blocks forever: the WaitGroup's counter never drops to zero}}
}

void deferredDoneOnEveryPath(bool ok) {
  go::WaitGroup wg;
  wg.add(1);
  go::spawn([&, ok] {
    auto _ = go::defer([&] { wg.done(); });
    if (!ok)
      return;
  });
  wg.wait();
}

// One done() too many drives the counter negative: a panic.
void doneTwice() {
  go::WaitGroup wg;
  wg.add(1);
  wg.done();
  wg.done(); // expected-warning {{the WaitGroup's counter goes negative here (panic: sync: negative WaitGroup counter)}} expected-note {{the WaitGroup's counter goes negative here (panic: sync: negative WaitGroup counter)}}
}

void doneOnce() {
  go::WaitGroup wg;
  wg.add(1);
  wg.done();
  wg.wait();
}

void negativeAdd() {
  go::WaitGroup wg;
  wg.add(-1); // expected-warning {{the WaitGroup's counter goes negative here (panic: sync: negative WaitGroup counter)}} expected-note {{the WaitGroup's counter goes negative here (panic: sync: negative WaitGroup counter)}}
}

void negativeAddAfterAdd() {
  go::WaitGroup wg;
  wg.add(2);
  wg.add(-1);
  wg.done();
  wg.wait();
}

// The extra done() runs on one path only.
void doneAgainOnOnePath(int attempts) {
  go::WaitGroup wg;
  wg.add(1);
  wg.done();
  if (attempts > 1)
    wg.done(); // expected-warning {{the WaitGroup's counter goes negative here (panic: sync: negative WaitGroup counter)}} expected-note {{the WaitGroup's counter goes negative here (panic: sync: negative WaitGroup counter)}}
  wg.wait();
}

void addAgainOnSamePath(int attempts) {
  go::WaitGroup wg;
  wg.add(1);
  if (attempts > 1)
    wg.add(1);
  wg.done();
  if (attempts > 1)
    wg.done();
  wg.wait();
}

// The WaitGroup escapes: code the analysis cannot see may call done().
// Silent.
void passedToUnknownFunction() {
  go::WaitGroup wg;
  wg.add(1);
  finishSomewhere(wg);
  wg.wait();
}

void storedInGlobal() {
  go::WaitGroup wg;
  wg.add(1);
  PublishedGroup = &wg;
  wg.wait();
}

// The worker counts itself from inside its goroutine: the parent's wait()
// can return before the add() (Go requires an add from zero to happen
// before the wait).
void addInsideTheGoroutine() {
  auto *wg = new go::WaitGroup;
  go::spawn([wg] {
    wg->add(1); // expected-warning {{add() from zero while another goroutine waits: wait() can return before it (call add() before starting the goroutine)}} expected-note {{add() from zero while another goroutine waits}}
    wg->done();
  });
  wg->wait();
}

// Its fix: add() before the goroutine starts.
void addBeforeTheGoroutine() {
  auto *wg = new go::WaitGroup;
  wg->add(1);
  go::spawn([wg] { wg->done(); });
  wg->wait();
}

// An add while the counter is above zero is ordered before the wait's end:
// a worker may count the helper it starts.
void addWhileCounted() {
  auto *wg = new go::WaitGroup;
  wg->add(1);
  go::spawn([wg] {
    wg->add(1);
    go::spawn([wg] { wg->done(); });
    wg->done();
  });
  wg->wait();
}
