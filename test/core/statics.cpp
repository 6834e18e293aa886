// Function-local statics and globals with internal linkage that hold
// runtime objects are followed from a root a program can call first (main,
// or a function nothing in the unit names): there they hold their initial
// value. A local static is made the first time its declaration runs, a
// global from its initializer (default member initializers included).
// From a function others call, or once a callable that uses them is handed
// to unseen code, they stay unknown: silent.
// RUN: %golife_analyze -Xanalyzer -analyzer-checker=golife %s
// RUN: not %golife --quiet %s -- %runtime_flags | FileCheck %s
#include <go/go.h>

// CHECK-DAG: statics.cpp:[[@LINE+5]]:6: warning: wait() blocks forever
void staticWaitGroupCountsTwo() {
  static go::WaitGroup wg;
  wg.add(2);
  go::spawn([] { wg.done(); });
  wg.wait(); // expected-warning {{wait() blocks forever: the WaitGroup's counter never drops to zero}} expected-note {{wait() blocks forever}}
}

void staticWaitGroupCountsOne() {
  static go::WaitGroup wg;
  wg.add(1);
  go::spawn([] { wg.done(); });
  wg.wait();
}

// CHECK-DAG: statics.cpp:[[@LINE+4]]:5: warning: goroutine locks a mutex it already holds
void staticMutexLockedTwice() {
  static go::Mutex m;
  m.lock();
  m.lock(); // expected-warning {{goroutine locks a mutex it already holds: it blocks forever}} expected-note {{goroutine locks a mutex it already holds}}
}

void staticMutexLockedOnce() {
  static go::Mutex m;
  m.lock();
  m.unlock();
  m.lock();
  m.unlock();
}

// The channel is made once: the second send finds the first value still in
// its buffer. Made anew on each call, as a local, nothing would block.
go::Chan<int> replies() {
  static auto ch = go::makeChan<int>(1); // expected-note {{channel made here with capacity 1}}
  return ch;
}
// CHECK-DAG: statics.cpp:[[@LINE+3]]:13: warning: goroutine blocks forever sending
void twoRepliesOneSlot() {
  replies().send(1);
  replies().send(2); // expected-warning {{goroutine blocks forever sending on a channel: no partner can ever come}} expected-note {{sending on a channel}}
}

void twoRepliesTwoSlots() {
  replies().send(1);
  (void)replies().recv();
  replies().send(2);
}

// A global in an anonymous namespace, made from its default member
// initializers: the workers range over a channel nobody closes.
namespace {
struct Pipeline {
  go::Chan<int> jobs = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  go::WaitGroup workers;
};
Pipeline pipeline;
Pipeline closedPipeline;
} // namespace

// CHECK-DAG: statics.cpp:[[@LINE+9]]:20: warning: wait() blocks forever
void runPipelineNeverClosed() {
  pipeline.workers.add(1);
  go::spawn([] { // expected-note {{goroutine spawned here}}
    for (int job : pipeline.jobs) // expected-warning {{goroutine blocks forever ranging over a channel: no partner can ever come}} expected-note {{ranging over a channel}}
      (void)job;
    pipeline.workers.done();
  });
  pipeline.jobs.send(1);
  pipeline.workers.wait(); // expected-warning {{wait() blocks forever: the WaitGroup's counter never drops to zero}} expected-note {{wait() blocks forever}}
}

void runPipelineClosed() {
  closedPipeline.workers.add(1);
  go::spawn([] {
    for (int job : closedPipeline.jobs)
      (void)job;
    closedPipeline.workers.done();
  });
  closedPipeline.jobs.send(1);
  closedPipeline.jobs.close();
  closedPipeline.workers.wait();
}

// A function others call starts with whatever they left: here main's
// begin() fills the slot first, so waitForStart alone proves nothing.
static auto started = go::makeChan<go::Unit>(1);
void begin() { started.send({}); }
void waitForStart() { started.recv(); }
int main() {
  begin();
  waitForStart();
}

// A callback handed to code the analysis cannot see may run at any time.
void registerCallback(void (*)());
void waitForCallback() {
  static go::WaitGroup wg;
  wg.add(1);
  registerCallback([] { wg.done(); });
  wg.wait();
}

// Converting the callback to a function pointer runs nothing; calling the
// pointer does.
// CHECK-DAG: statics.cpp:[[@LINE+6]]:6: warning: wait() blocks forever
void callbackNeverCalled() {
  static go::WaitGroup wg;
  wg.add(1);
  void (*callback)() = [] { wg.done(); };
  (void)callback;
  wg.wait(); // expected-warning {{wait() blocks forever: the WaitGroup's counter never drops to zero}} expected-note {{wait() blocks forever}}
}

void callbackCalled() {
  static go::WaitGroup wg;
  wg.add(1);
  void (*callback)() = [] { wg.done(); };
  callback();
  wg.wait();
}

// A Cond made over a global Mutex by its own initializer: both followed.
namespace {
go::Mutex registryLock;
go::Cond registryChanged(registryLock);
} // namespace

// CHECK-DAG: statics.cpp:[[@LINE+3]]:19: warning: goroutine waits forever on a condition variable
void waitForChangeNobodySignals() {
  registryLock.lock();
  registryChanged.wait(); // expected-warning {{goroutine waits forever on a condition variable that is never signalled}} expected-note {{goroutine waits forever on a condition variable}}
  registryLock.unlock();
}

void waitForChangeUnderItsCondition() {
  auto *changed = new bool(false);
  go::spawn([changed] {
    registryLock.lock();
    *changed = true;
    registryChanged.signal();
    registryLock.unlock();
  });
  registryLock.lock();
  while (!*changed)
    registryChanged.wait();
  registryLock.unlock();
}

// CHECK-DAG: statics.cpp:[[@LINE+3]]:16: warning: goroutine locks a mutex it already holds
void lockRegistryTwice() {
  registryLock.lock();
  registryLock.lock(); // expected-warning {{goroutine locks a mutex it already holds: it blocks forever}} expected-note {{goroutine locks a mutex it already holds}}
}

// A constant global (constexpr, or const with a constant initializer) holds
// the compiler's value wherever it is read.
constexpr int ReplyCapacity = 0;
const int BufferedCapacity = 1;

// CHECK-DAG: statics.cpp:[[@LINE+3]]:25: warning: goroutine blocks forever sending
void replyToNobody() {
  auto Reply = go::makeChan<int>(ReplyCapacity); // expected-note {{unbuffered channel made here}}
  go::spawn([=] { Reply.send(1); }); // expected-warning {{goroutine blocks forever sending on a channel: no partner can ever come}} expected-note {{goroutine spawned here}} expected-note {{goroutine blocks forever sending}}
} // expected-note {{the function returns here}}

void replyIntoBuffer() {
  auto Reply = go::makeChan<int>(BufferedCapacity);
  go::spawn([=] { Reply.send(1); });
}
