// The analysis decides branches on the values it knows (null pointers,
// short-circuit conditions, default member initializers, channels sent
// through a select) and explores one way only: each bug below comes with
// its fix, which must stay silent.
// RUN: %golife_analyze -Xanalyzer -analyzer-checker=golife %s
#include <go/go.h>

#include <tuple>

struct Error {
  int Code;
};

struct Job {
  Error *Failure = nullptr;
  int Retries = 3;
};

void waitUnlessFailedBug() {
  auto done = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  Job *J = new Job{};
  bool Failed = J->Failure != nullptr;
  delete J;
  if (!Failed)
    (void)done.recv(); // expected-warning {{goroutine blocks forever receiving from a channel}} expected-note {{receiving from a channel}}
}

void waitUnlessFailedFixed() {
  auto done = go::makeChan<int>();
  Job *J = new Job{};
  J->Failure = new Error{1};
  if (J->Failure == nullptr)
    (void)done.recv();
  if (!J->Failure)
    (void)done.recv();
  delete J->Failure;
  delete J;
}

void defaultInitializerBug() {
  auto done = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  Job J{nullptr};
  if (J.Retries == 3)
    (void)done.recv(); // expected-warning {{goroutine blocks forever receiving from a channel}} expected-note {{receiving from a channel}}
}

void defaultInitializerFixed() {
  auto done = go::makeChan<int>();
  Job J{nullptr};
  if (J.Retries != 3)
    (void)done.recv();
}

void shortCircuitBug() {
  auto done = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  int Active = 0, Failed = 0;
  while (Active == 0 && Failed == 0)
    (void)done.recv(); // expected-warning {{goroutine blocks forever receiving from a channel}} expected-note {{receiving from a channel}}
}

void shortCircuitFixed() {
  auto done = go::makeChan<int>();
  int Active = 0, Failed = 1;
  while (Active == 0 && Failed == 0)
    (void)done.recv();
  while (Active != 0 || (Failed == 0 && Active == 0))
    (void)done.recv();
}

// A reply channel handed over by a select's send case: the server answers
// on exactly that channel.
void replyThroughSelectFixed() {
  auto requests = go::makeChan<go::Chan<int>>();
  go::spawn([=] {
    go::Chan<int> reply;
    go::select(go::caseRecv(requests, reply));
    reply.send(1);
  });
  auto reply = go::makeChan<int>();
  go::select(go::caseSend(requests, reply));
  (void)reply.recv();
}

// The server answers on the channel it was sent, which nobody reads: both
// goroutines block.
void replyThroughSelectBug() {
  auto requests = go::makeChan<go::Chan<int>>(1);
  go::spawn([=] { // expected-note {{goroutine spawned here}}
    go::Chan<int> reply;
    go::select(go::caseRecv(requests, reply));
    reply.send(1); // expected-warning {{goroutine blocks forever sending on a channel}} expected-note {{sending on a channel}}
  });
  auto reply = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  auto other = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  go::select(go::caseSend(requests, other));
  (void)reply.recv(); // expected-warning {{goroutine blocks forever receiving from a channel}} expected-note {{receiving from a channel}}
}

// A defaulted constructor runs the default member initializers, and S()
// zeroes the other fields: the waiting loop below ends once the worker has
// finished its task and broadcast.
struct Tasks {
  go::Mutex Mu;
  go::Cond *Drained = nullptr;
  int Running;
};

void drainFixed() {
  Tasks *T = new Tasks();
  T->Drained = new go::Cond(T->Mu);
  go::spawn([T] {
    T->Mu.lock();
    ++T->Running;
    T->Mu.unlock();
    T->Mu.lock();
    --T->Running;
    T->Drained->broadcast();
    T->Mu.unlock();
  });
  T->Mu.lock();
  while (T->Running > 0 || T->Drained == nullptr)
    T->Drained->wait();
  T->Mu.unlock();
}

// std::tie assigns a pair's members to existing variables, as Go's
// `ctx, cancel = context.WithCancel(ctx)` does.
struct Request {
  go::CancelFunc Cancel;
};

void tieWithCancelBug() {
  Request *R = new Request();
  go::Context Ctx = go::background();
  std::tie(Ctx, R->Cancel) = go::withCancel(Ctx); // expected-note {{its cancel function, made here, is never called}}
  go::spawn([Ctx] { (void)Ctx.done().recv(); }); // expected-note {{goroutine spawned here}} expected-warning {{goroutine waits forever on done() of a context whose cancel is never called}} expected-note {{goroutine waits forever on done() of a context whose cancel is never called}}
  delete R;
} // expected-note {{the function returns here}}

void tieWithCancelFixed() {
  Request *R = new Request();
  go::Context Ctx = go::background();
  std::tie(Ctx, R->Cancel) = go::withCancel(Ctx);
  go::spawn([Ctx] { (void)Ctx.done().recv(); });
  R->Cancel();
  delete R;
}

// A parameter tested as is twice takes the same branch both times.
void sameBareConditionTwice(bool Spawned, int Workers) {
  auto ch = go::makeChan<int>();
  if (Spawned)
    go::spawn([=] { ch.send(1); });
  if (Spawned)
    (void)ch.recv();
  auto other = go::makeChan<int>();
  if (!Workers)
    go::spawn([=] { other.send(1); });
  if (Workers == 0)
    (void)other.recv();
  for (int I = 0; 2 > I; ++I)
    ;
}

// A function returning two results as a std::pair, as Go returns two.
std::pair<go::Chan<int>, int> makeJobs() {
  return {go::makeChan<int>(), 1}; // expected-note {{unbuffered channel made here}}
}

void pairResultBug() {
  auto [Jobs, Count] = makeJobs();
  go::spawn([Jobs = Jobs] { Jobs.send(1); }); // expected-note {{goroutine spawned here}} expected-warning {{goroutine blocks forever sending on a channel}} expected-note {{sending on a channel}}
} // expected-note {{the function returns here}}

void pairResultFixed() {
  auto [Jobs, Count] = makeJobs();
  go::spawn([Jobs = Jobs] { Jobs.send(1); });
  (void)Jobs.recv();
}

// A virtual call runs the override of the object's dynamic type; unknown
// dynamic types are not guessed.
struct Sink {
  virtual ~Sink() = default;
  virtual void put(int V) = 0;
};
struct ChanSink : Sink {
  go::Chan<int> Ch;
  void put(int V) override { Ch.send(V); } // expected-warning {{goroutine blocks forever sending on a channel}} expected-note {{sending on a channel}}
};
struct DropSink : Sink {
  void put(int) override {}
};

void virtualCallBug() {
  ChanSink *C = new ChanSink();
  C->Ch = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  Sink *S = C;
  go::spawn([S] { S->put(1); }); // expected-note {{goroutine spawned here}}
} // expected-note {{the function returns here}}

void virtualCallFixed() {
  Sink *S = new DropSink();
  go::spawn([S] { S->put(1); });
}

void virtualCallUnknownType(Sink *S) {
  auto Done = go::makeChan<int>();
  go::spawn([S, Done] {
    S->put(1);
    Done.send(1);
  });
  (void)Done.recv();
}

// A std::function (go::CancelFunc) tested against nullptr or as a bool.
void cancelFuncTestsFixed() {
  auto [Ctx, Cancel] = go::withCancel(go::background());
  go::CancelFunc Saved = Cancel;
  go::CancelFunc Empty;
  auto Done = go::makeChan<int>();
  if (Saved == nullptr || !Saved || Empty)
    (void)Done.recv();
  Saved();
}

void cancelFuncTestsBug() {
  auto [Ctx, Cancel] = go::withCancel(go::background());
  go::CancelFunc Saved = Cancel;
  auto Done = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  Saved();
  if (Saved != nullptr)
    (void)Done.recv(); // expected-warning {{goroutine blocks forever receiving from a channel}} expected-note {{receiving from a channel}}
}

// A pointer to a variable is not null, whatever the variable holds.
void pointerToZeroFixed() {
  auto ch = go::makeChan<int>();
  int Zero = 0;
  int *P = &Zero;
  if (P == nullptr)
    go::spawn([=] { ch.send(1); });
}

// A store through a pointer reaches the object it points to: the worker
// reads the flag the parent set through `ready`.
void storeThroughPointerBug() {
  auto *ready = new int(0);
  *ready = 1;
  auto results = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  go::spawn([ready, results] { // expected-note {{goroutine spawned here}}
    if (*ready == 1)
      results.send(1); // expected-warning {{goroutine blocks forever sending on a channel: no partner can ever come}} expected-note {{goroutine blocks forever sending}}
  });
} // expected-note {{the function returns here}}

void storeThroughPointerFixed() {
  auto *ready = new int(0);
  *ready = 1;
  auto results = go::makeChan<int>(1);
  go::spawn([ready, results] {
    if (*ready == 1)
      results.send(1);
  });
}

// Its twin: the flag was cleared through the pointer, so nothing is sent.
void clearThroughPointer() {
  auto *ready = new int(1);
  *ready = 0;
  auto results = go::makeChan<int>();
  go::spawn([ready, results] {
    if (*ready == 1)
      results.send(1);
  });
}

// An unknown call's integer result is unknown but stays what it is: the
// same local tested twice agrees; two calls may differ.
int readyCount();
bool enabled();

void sameResultTestedTwiceFixed() {
  go::Mutex m;
  int ready = readyCount();
  if (ready)
    m.lock();
  if (ready)
    m.unlock();
  m.lock();
}

void twoResultsTestedBug() {
  go::Mutex m;
  if (readyCount()) // expected-note {{assuming 'readyCount()' is true}}
    m.lock();
  if (readyCount()) // expected-note {{assuming 'readyCount()' is false}}
    m.unlock(); // expected-warning {{panic: sync: unlock of unlocked mutex}} expected-note {{panic: sync: unlock of unlocked mutex}}
  m.lock(); // expected-warning {{goroutine locks a mutex it already holds: it blocks forever}} expected-note {{goroutine locks a mutex it already holds}}
}

// A loop that tests a new result each time comes back to the state it left
// (what was assumed of the old result is dropped): fully explored, silent.
void pollUntilEnabledFixed() {
  auto ch = go::makeChan<int>(1);
  while (!enabled())
    go::yield();
  ch.send(1);
}
