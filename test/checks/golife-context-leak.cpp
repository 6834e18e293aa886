// RUN: %golife_analyze -Xanalyzer -analyzer-checker=golife.ContextLeak %s
#include <go/go.h>

#include <chrono>

using namespace std::chrono_literals;

go::CancelFunc PublishedCancel;
void keepCancel(go::CancelFunc cancel);

// The cancel function is dropped: the context lives until its parent ends.
void cancelNeverCalled() {
  auto [ctx, cancel] = go::withCancel(go::background()); // expected-warning {{the cancel function of this context is never called}} expected-note {{the cancel function of this context is never called}}
  (void)ctx.err();
}

void cancelCalled() {
  auto [ctx, cancel] = go::withCancel(go::background());
  (void)ctx.err();
  cancel();
}

void cancelDeferred() {
  auto [ctx, cancel] = go::withCancel(go::background());
  auto _ = go::defer(cancel);
  (void)ctx.err();
}

// A timeout cancels the context, but the cancel function must still be
// called: the early return skips it.
void earlyReturnSkipsCancel(int attempts) {
  auto [ctx, cancel] = go::withTimeout(go::background(), 1s); // expected-warning {{the cancel function of this context is never called}} expected-note {{the cancel function of this context is never called}}
  (void)ctx.done().recv();
  if (attempts > 1)
    return;
  cancel();
}

void earlyReturnAfterDeferredCancel(int attempts) {
  auto [ctx, cancel] = go::withTimeout(go::background(), 1s);
  auto _ = go::defer(cancel);
  (void)ctx.done().recv();
  if (attempts > 1)
    return;
}

// background() is never cancelled: waiting on its done() waits forever.
void waitOnBackground() {
  auto ctx = go::background();
  go::spawn([=] { // expected-note {{goroutine spawned here}}
    (void)ctx.done().recv(); // expected-warning {{goroutine waits forever on done() of a context that can never be cancelled}} expected-note {{goroutine waits forever on done() of a context that can never be cancelled}}
  });
} // expected-note {{the function returns here}}

void waitOnCancelled() {
  auto [ctx, cancel] = go::withCancel(go::background());
  go::spawn([ctx = ctx] { (void)ctx.done().recv(); });
  cancel();
}

void selectOnBackground() {
  auto ctx = go::todo();
  go::spawn([=] { // expected-note {{goroutine spawned here}}
    go::select(go::caseRecv(ctx.done())); // expected-warning {{goroutine waits forever on done() of a context that can never be cancelled}} expected-note {{goroutine waits forever on done() of a context that can never be cancelled}}
  });
} // expected-note {{the function returns here}}

void selectOnTimeout() {
  auto [ctx, cancel] = go::withTimeout(go::todo(), 1s);
  auto _ = go::defer(cancel);
  go::spawn([ctx = ctx] { go::select(go::caseRecv(ctx.done())); });
}

// The goroutine waits for a cancel that never comes.
void waitForForgottenCancel() {
  auto [ctx, cancel] = go::withCancel(go::background()); // expected-note {{its cancel function, made here, is never called}}
  go::spawn([ctx = ctx] { // expected-note {{goroutine spawned here}}
    (void)ctx.done().recv(); // expected-warning {{goroutine waits forever on done() of a context whose cancel is never called}} expected-note {{goroutine waits forever on done() of a context whose cancel is never called}}
  });
} // expected-note {{the function returns here}}

// Cancelled on one path only.
void cancelOnOnePath(int workers) {
  auto [ctx, cancel] = go::withCancel(go::background()); // expected-note {{its cancel function, made here, is never called}}
  go::spawn([ctx = ctx] { // expected-note {{goroutine spawned here}}
    (void)ctx.done().recv(); // expected-warning {{goroutine waits forever on done() of a context whose cancel is never called}} expected-note {{goroutine waits forever on done() of a context whose cancel is never called}}
  });
  if (workers > 0) // expected-note {{assuming 'workers > 0' is false}}
    cancel();
} // expected-note {{the function returns here}}

void cancelOnEveryPath(int workers) {
  auto [ctx, cancel] = go::withCancel(go::background());
  go::spawn([ctx = ctx] { (void)ctx.done().recv(); });
  if (workers > 0) {
    cancel();
    return;
  }
  cancel();
}

// Cancelling the parent cancels the child.
void childCancelledWithParent() {
  auto [parent, cancelParent] = go::withCancel(go::background());
  auto [child, cancelChild] = go::withCancel(parent);
  auto _ = go::defer(cancelChild);
  go::spawn([child = child] { (void)child.done().recv(); });
  cancelParent();
}

// The cancel function escapes: code the analysis cannot see may call it.
// Silent.
void passedToUnknownFunction() {
  auto [ctx, cancel] = go::withCancel(go::background());
  go::spawn([ctx = ctx] { (void)ctx.done().recv(); });
  keepCancel(cancel);
}

void storedInGlobal() {
  auto [ctx, cancel] = go::withCancel(go::background());
  go::spawn([ctx = ctx] { (void)ctx.done().recv(); });
  PublishedCancel = cancel;
}

// A goroutine that never finishes keeps running, but nothing it does ever
// calls this cancel: the runtime lists it when the program ends, as it does
// with every goroutine done.
void cancelNeverCalledBesideEndlessLoop() {
  auto [ctx, cancel] = go::withCancel(go::background()); // expected-warning {{the cancel function of this context is never called}} expected-note {{the cancel function of this context is never called}}
  go::spawn([] {
    for (;;)
      go::sleep(1s);
  });
}

void cancelCalledBesideEndlessLoop() {
  auto [ctx, cancel] = go::withCancel(go::background());
  go::spawn([] {
    for (;;)
      go::sleep(1s);
  });
  cancel();
}

// The endless loop makes a context on every round and cancels it on that
// round: no cancel is left behind for good.
void cancelCalledEveryRound() {
  go::spawn([] {
    for (;;) {
      auto [ctx, cancel] = go::withTimeout(go::background(), 1s);
      go::sleep(1s);
      cancel();
    }
  });
}

// The loop holds the cancel function and could call it, but never does.
void cancelHeldByEndlessLoop() {
  auto [ctx, cancel] = go::withCancel(go::background()); // expected-warning {{the cancel function of this context is never called}} expected-note {{the cancel function of this context is never called}}
  go::spawn([cancel = cancel] {
    for (;;)
      go::sleep(1s);
  });
}

void cancelCalledByLoopThatEnds() {
  auto [ctx, cancel] = go::withCancel(go::background());
  go::spawn([cancel = cancel] {
    for (int i = 0; i < 3; ++i)
      go::sleep(1s);
    cancel();
  });
}
