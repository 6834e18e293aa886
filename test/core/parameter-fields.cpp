// Fields of what a function is given (a record parameter, by value or by
// reference, the object a method runs on, an unseen function's result, an
// element of a container of unknown size) are made up when first read: an
// integer field is a symbol, so two tests of it agree. What a caller lends
// may be changed by code the analysis cannot see whenever the goroutine
// reaches a scheduling point, so a flag polled across one is not tied.
// RUN: %golife_analyze -Xanalyzer -analyzer-checker=golife %s
// RUN: not %golife --quiet %s -- %runtime_flags | FileCheck %s
#include <go/go.h>

#include <chrono>
#include <vector>

using namespace std::chrono_literals;

struct Limits {
  int Burst;
};

struct Options {
  int Replicas;
  bool Verbose;
  Limits Limit;
};

// Every replica answers, and only the first answer is read.
int firstAnswer(Options Opts) {
  auto Answers = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  for (int I = 0; I < Opts.Replicas; ++I) // expected-note {{assuming 'I < Opts.Replicas' is false after 2 rounds}}
    go::spawn([=] { Answers.send(I); }); // expected-warning {{goroutine blocks forever sending on a channel: no partner can ever come}} expected-note {{goroutine spawned here}} expected-note {{goroutine blocks forever sending}}
  return Opts.Replicas > 0 ? Answers.recv() : -1; // expected-note {{the function returns here}}
}

// Fixed: both loops run as many rounds.
void everyAnswer(Options Opts) {
  auto Answers = go::makeChan<int>();
  for (int I = 0; I < Opts.Replicas; ++I)
    go::spawn([=] { Answers.send(I); });
  for (int I = 0; I < Opts.Replicas; ++I)
    (void)Answers.recv();
}

// A nested field, through a reference: the same member read twice.
void burstByReference(const Options &Opts) {
  auto Done = go::makeChan<int>();
  if (Opts.Limit.Burst > 4)
    go::spawn([=] { Done.send(1); });
  if (Opts.Limit.Burst > 4)
    (void)Done.recv();
}

// Two different fields: one may say yes while the other says no, either
// way round.
void verboseOrBurst(const Options &Opts) {
  auto Done = go::makeChan<int>(); // expected-note 2 {{unbuffered channel made here}}
  if (Opts.Verbose) // expected-note {{assuming 'Opts.Verbose' is true}} expected-note {{assuming 'Opts.Verbose' is false}}
    go::spawn([=] { Done.send(1); }); // expected-warning {{goroutine blocks forever sending on a channel: no partner can ever come}} expected-note {{goroutine spawned here}} expected-note {{goroutine blocks forever sending}}
  if (Opts.Limit.Burst > 4) // expected-note {{assuming 'Opts.Limit.Burst > 4' is false}} expected-note {{assuming 'Opts.Limit.Burst > 4' is true}}
    (void)Done.recv(); // expected-warning {{goroutine blocks forever receiving from a channel: no partner can ever come}} expected-note {{goroutine blocks forever receiving}}
} // expected-note {{the function returns here}}

Options loadOptions();

// An unseen function's result, kept in a local: nobody else changes it.
void loaded() {
  Options Opts = loadOptions();
  auto Done = go::makeChan<int>();
  if (Opts.Verbose)
    go::spawn([=] { Done.send(1); });
  if (Opts.Verbose)
    (void)Done.recv();
}

struct Job {
  bool Urgent;
};

// Elements of a container of unknown size are made up the same way.
void urgentJobs(const std::vector<Job> &Jobs) {
  auto Done = go::makeChan<int>();
  for (const Job &J : Jobs) {
    if (J.Urgent)
      go::spawn([=] { Done.send(1); });
    if (J.Urgent)
      (void)Done.recv();
  }
}

class Server {
public:
  // The object a method runs on is the caller's: its fields are made up.
  void serve() {
    auto Done = go::makeChan<int>();
    if (Tls)
      go::spawn([=] { Done.send(1); });
    if (Tls)
      (void)Done.recv();
  }

  // The caller may set the flag while the goroutine sleeps: the loop may
  // exit, and golife stays silent.
  void poll() {
    while (!Stopped)
      go::sleep(1ms);
  }

private:
  bool Tls = false;
  bool Stopped = false;
};

// A copy nobody else can reach never changes: the loop never exits.
void pollCopy(Options Opts) {
  while (Opts.Verbose) // expected-note {{this loop never exits}}
    go::sleep(1ms); // expected-warning {{the function keeps coming back here in a loop that never exits: it never returns}} expected-note {{}}
}

// What a pointer parameter points to is made up as what a reference names:
// two tests of its field agree.
void answerThrough(const Options *Opts) {
  auto Answer = go::makeChan<int>();
  if (Opts->Verbose)
    go::spawn([=] { Answer.send(1); });
  if (Opts->Verbose)
    (void)Answer.recv();
}

// Sends when the flag is set, receives when it is not: either way one side
// waits forever.
void answerNobody(const Options *Opts) {
  auto Answer = go::makeChan<int>(); // expected-note 2 {{unbuffered channel made here}}
  if (Opts->Verbose) // expected-note {{assuming 'Opts->Verbose' is true}} expected-note {{assuming 'Opts->Verbose' is false}}
    go::spawn([=] { Answer.send(1); }); // expected-warning {{goroutine blocks forever sending on a channel: no partner can ever come}} expected-note {{goroutine spawned here}} expected-note {{goroutine blocks forever sending}}
  if (!Opts->Verbose)
    (void)Answer.recv(); // expected-warning {{goroutine blocks forever receiving from a channel: no partner can ever come}} expected-note {{goroutine blocks forever receiving}}
} // expected-note {{the function returns here}}

// CHECK-NOT: warning:
// CHECK: parameter-fields.cpp:30:29: warning: goroutine blocks forever sending
// CHECK-NOT: warning:
// CHECK: parameter-fields.cpp:57:26: warning: goroutine blocks forever sending
// CHECK: parameter-fields.cpp:59:16: warning: goroutine blocks forever receiving
// CHECK-NOT: warning:
// CHECK: parameter-fields.cpp:115:5: warning: the function keeps coming back here
// CHECK-NOT: warning:
// CHECK: parameter-fields.cpp:133:28: warning: goroutine blocks forever sending
// CHECK: parameter-fields.cpp:135:18: warning: goroutine blocks forever receiving
// CHECK-NOT: warning:
