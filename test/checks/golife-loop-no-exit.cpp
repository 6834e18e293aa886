// RUN: %golife_analyze -Xanalyzer -analyzer-checker=golife.LoopNoExit %s
#include <go/go.h>

#include <chrono>

using namespace std::chrono_literals;

go::Chan<go::Unit> PublishedQuit;
void watch(go::Chan<go::Unit> quit);

// A poller with no way out: it runs for as long as the process does.
void pollForever() {
  go::spawn([] { // expected-note {{goroutine spawned here}}
    for (;;) // expected-note {{this loop never exits}}
      go::sleep(1s); // expected-warning {{the goroutine keeps coming back here in a loop that never exits: it can never finish}} expected-note {{the goroutine keeps coming back here in a loop that never exits: it can never finish}}
  });
} // expected-note {{the function returns here}}

// The analysed function spins itself: its caller never gets control back.
void spinInPlace() {
  for (;;) // expected-note {{this loop never exits}}
    go::yield(); // expected-warning {{the function keeps coming back here in a loop that never exits: it never returns}} expected-note {{the function keeps coming back here in a loop that never exits: it never returns}}
}

// Its fixes: a bound, or a quit channel someone may close.
void spinTenTimes() {
  for (int i = 0; i < 10; ++i)
    go::yield();
}

void spinUntilQuit(go::Chan<go::Unit> quit) {
  for (;;) {
    int chosen = go::select(go::caseRecv(quit), go::caseDefault());
    if (chosen == 0)
      return;
    go::yield();
  }
}

void pollThreeTimes() {
  go::spawn([] {
    for (int i = 0; i < 3; ++i)
      go::sleep(1s);
  });
}

void pollUntilCount() {
  go::spawn([] {
    int polls = 0;
    while (true) {
      go::sleep(1s);
      if (++polls == 3)
        break;
    }
  });
}

// The quit case exists, but nobody ever closes quit.
void quitNeverClosed() {
  auto quit = go::makeChan<go::Unit>();
  go::spawn([=] { // expected-note {{goroutine spawned here}}
    for (;;) { // expected-note {{this loop never exits}}
      switch (go::select(go::caseRecv(quit), go::caseRecv(go::after(1s)))) { // expected-warning {{the goroutine keeps coming back here in a loop that never exits: it can never finish}} expected-note {{the goroutine keeps coming back here in a loop that never exits: it can never finish}} expected-note {{the select takes this case}}
      case 0:
        return;
      case 1:
        break;
      }
    }
  });
} // expected-note {{the function returns here}}

void quitClosed() {
  auto quit = go::makeChan<go::Unit>();
  go::spawn([=] {
    for (;;) {
      switch (go::select(go::caseRecv(quit), go::caseRecv(go::after(1s)))) {
      case 0:
        return;
      case 1:
        break;
      }
    }
  });
  quit.close();
}

// A busy loop with a default case never blocks, and never ends either.
void busyLoopNeverStopped() {
  auto quit = go::makeChan<go::Unit>();
  go::spawn([=] { // expected-note {{goroutine spawned here}}
    while (true) { // expected-note {{this loop never exits}}
      if (go::select(go::caseRecv(quit), go::caseDefault()) == 0) // expected-warning {{the goroutine keeps coming back here in a loop that never exits: it can never finish}} expected-note {{the goroutine keeps coming back here in a loop that never exits: it can never finish}} expected-note {{the select takes this case}}
        return;
      go::yield();
    }
  });
} // expected-note {{the function returns here}}

void busyLoopStopped() {
  auto quit = go::makeChan<go::Unit>();
  go::spawn([=] {
    while (true) {
      if (go::select(go::caseRecv(quit), go::caseDefault()) == 0)
        return;
      go::yield();
    }
  });
  quit.close();
}

// Only one path closes quit.
void quitClosedOnOnePath(bool stop) {
  auto quit = go::makeChan<go::Unit>();
  go::spawn([=] { // expected-note {{goroutine spawned here}}
    for (;;) { // expected-note {{this loop never exits}}
      switch (go::select(go::caseRecv(quit), go::caseRecv(go::after(1s)))) { // expected-warning {{the goroutine keeps coming back here in a loop that never exits: it can never finish}} expected-note {{the goroutine keeps coming back here in a loop that never exits: it can never finish}} expected-note {{the select takes this case}}
      case 0:
        return;
      case 1:
        break;
      }
    }
  });
  if (stop) // expected-note {{assuming 'stop' is false}}
    quit.close();
} // expected-note {{the function returns here}}

void quitClosedOnEveryPath(bool stop) {
  auto quit = go::makeChan<go::Unit>();
  auto _ = go::defer([=] { quit.close(); });
  go::spawn([=] {
    for (;;) {
      switch (go::select(go::caseRecv(quit), go::caseRecv(go::after(1s)))) {
      case 0:
        return;
      case 1:
        break;
      }
    }
  });
  if (stop)
    return;
  go::sleep(2s);
}

// A worker that follows a context whose cancel is never called.
void contextNeverCancelled() {
  auto [ctx, cancel] = go::withCancel(go::background());
  go::spawn([ctx = ctx] { // expected-note {{goroutine spawned here}}
    auto ticker = go::newTicker(1s);
    auto _ = go::defer([=] { ticker.stop(); });
    for (;;) { // expected-note {{this loop never exits}}
      switch (go::select(go::caseRecv(ctx.done()), go::caseRecv(ticker.C))) { // expected-warning {{the goroutine keeps coming back here in a loop that never exits: it can never finish}} expected-note {{the goroutine keeps coming back here in a loop that never exits: it can never finish}} expected-note {{the select takes this case}}
      case 0:
        return;
      case 1:
        break;
      }
    }
  });
} // expected-note {{the function returns here}}

void contextCancelled() {
  auto [ctx, cancel] = go::withCancel(go::background());
  auto _ = go::defer(cancel);
  go::spawn([ctx = ctx] {
    auto ticker = go::newTicker(1s);
    auto _ = go::defer([=] { ticker.stop(); });
    for (;;) {
      switch (go::select(go::caseRecv(ctx.done()), go::caseRecv(ticker.C))) {
      case 0:
        return;
      case 1:
        break;
      }
    }
  });
}

// quit escapes: code the analysis cannot see may close it. Silent.
void quitPassedToUnknownFunction() {
  auto quit = go::makeChan<go::Unit>();
  watch(quit);
  go::spawn([=] {
    for (;;) {
      switch (go::select(go::caseRecv(quit), go::caseRecv(go::after(1s)))) {
      case 0:
        return;
      case 1:
        break;
      }
    }
  });
}

void quitStoredInGlobal() {
  auto quit = go::makeChan<go::Unit>();
  PublishedQuit = quit;
  go::spawn([=] {
    for (;;) {
      switch (go::select(go::caseRecv(quit), go::caseRecv(go::after(1s)))) {
      case 0:
        return;
      case 1:
        break;
      }
    }
  });
}

// The goroutine parks in a function its loop calls: reported there, where a
// goroutine dump shows it.
void pauseASecond() {
  go::sleep(1s); // expected-warning {{the goroutine keeps coming back here in a loop that never exits: it can never finish}} expected-note {{the goroutine keeps coming back here in a loop that never exits: it can never finish}}
}

void pollThroughHelper() {
  go::spawn([] { // expected-note {{goroutine spawned here}}
    for (;;) // expected-note {{this loop never exits}}
      pauseASecond();
  });
} // expected-note {{the function returns here}}

void pollThroughHelperUntilQuit(go::Chan<go::Unit> quit) {
  go::spawn([=] {
    for (;;) {
      if (go::select(go::caseRecv(quit), go::caseDefault()) == 0)
        return;
      pauseASecond();
    }
  });
}

// The operation sits in a nested block of the loop's body.
void pollInNestedBlock() {
  go::spawn([] { // expected-note {{goroutine spawned here}}
    for (;;) { // expected-note {{this loop never exits}}
      {
        auto timeout = go::after(1s);
        (void)timeout.recv(); // expected-warning {{the goroutine keeps coming back here in a loop that never exits: it can never finish}} expected-note {{the goroutine keeps coming back here in a loop that never exits: it can never finish}}
      }
    }
  });
} // expected-note {{the function returns here}}

void pollInNestedBlockThreeTimes() {
  go::spawn([] {
    for (int round = 0; round < 3; ++round) {
      {
        auto timeout = go::after(1s);
        (void)timeout.recv();
      }
    }
  });
}

// Two operations on the way round: the first after the loop's head.
void sleepThenYieldForever() {
  go::spawn([] { // expected-note {{goroutine spawned here}}
    for (;;) { // expected-note {{this loop never exits}}
      go::sleep(1s); // expected-warning {{the goroutine keeps coming back here in a loop that never exits: it can never finish}} expected-note {{the goroutine keeps coming back here in a loop that never exits: it can never finish}}
      go::yield();
    }
  });
} // expected-note {{the function returns here}}

void sleepThenYieldUntilQuit(go::Chan<go::Unit> quit) {
  go::spawn([=] {
    for (;;) {
      go::sleep(1s);
      go::yield();
      if (go::select(go::caseRecv(quit), go::caseDefault()) == 0)
        return;
    }
  });
}

// Branches reach different operations first: the one written first.
void yieldOrSleepForever(bool eager) {
  go::spawn([=] { // expected-note {{goroutine spawned here}}
    for (;;) { // expected-note {{this loop never exits}}
      if (eager) // expected-note {{assuming 'eager' is true}}
        go::yield(); // expected-warning {{the goroutine keeps coming back here in a loop that never exits: it can never finish}} expected-note {{the goroutine keeps coming back here in a loop that never exits: it can never finish}}
      else
        go::sleep(1s);
    }
  });
} // expected-note {{the function returns here}}

void yieldOrSleepThreeTimes(bool eager) {
  go::spawn([=] {
    for (int i = 0; i < 3; ++i) {
      if (eager)
        go::yield();
      else
        go::sleep(1s);
    }
  });
}

// A round that never parks in the runtime (go::now() does not wait): the
// loop itself is reported.
void readClockForever() {
  go::spawn([] { // expected-note {{goroutine spawned here}}
    for (;;) // expected-warning {{this loop never exits: the goroutine running it can never finish}} expected-note {{this loop never exits: the goroutine running it can never finish}}
      (void)go::now();
  });
} // expected-note {{the function returns here}}

void readClockThreeTimes() {
  go::spawn([] {
    for (int i = 0; i < 3; ++i)
      (void)go::now();
  });
}

// An inner loop that ends, inside one that never does: the outer loop is the
// one named, and the first operation after its head the one reported.
void innerLoopEndsOuterNever() {
  go::spawn([] { // expected-note {{goroutine spawned here}}
    for (;;) { // expected-note {{this loop never exits}}
      for (int i = 0; i < 2; ++i)
        go::yield(); // expected-warning {{the goroutine keeps coming back here in a loop that never exits: it can never finish}} expected-note {{the goroutine keeps coming back here in a loop that never exits: it can never finish}}
      go::sleep(1s);
    }
  });
} // expected-note {{the function returns here}}

void innerLoopEndsOuterToo() {
  go::spawn([] {
    for (int round = 0; round < 3; ++round) {
      for (int i = 0; i < 2; ++i)
        go::yield();
      go::sleep(1s);
    }
  });
}

// A loop that ends, then one that never does: the second is named.
void warmUpThenPollForever() {
  go::spawn([] { // expected-note {{goroutine spawned here}}
    for (int i = 0; i < 2; ++i)
      go::yield();
    for (;;) // expected-note {{this loop never exits}}
      go::sleep(1s); // expected-warning {{the goroutine keeps coming back here in a loop that never exits: it can never finish}} expected-note {{the goroutine keeps coming back here in a loop that never exits: it can never finish}}
  });
} // expected-note {{the function returns here}}

void warmUpThenPollThreeTimes() {
  go::spawn([] {
    for (int i = 0; i < 2; ++i)
      go::yield();
    for (int i = 0; i < 3; ++i)
      go::sleep(1s);
  });
}
