// Every front end honours [[clang::suppress]] and NOLINT the same way: one
// leak stays reported, each suppressed twin stays silent.
// RUN: %golife_analyze -Xanalyzer -analyzer-checker=golife %s
// RUN: %clang_tidy --checks='-*,golife-*' %s -- %runtime_flags 2>&1 | FileCheck %s --implicit-check-not=warning:
// RUN: not %golife %s -- %runtime_flags 2>&1 | FileCheck %s --implicit-check-not=warning:
#include <go/go.h>

void reported() {
  auto results = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  go::spawn([=] { results.send(1); }); // expected-warning {{goroutine blocks forever sending on a channel}} expected-note {{sending on a channel}} expected-note {{goroutine spawned here}}
} // expected-note {{the function returns here}}
// CHECK: suppress.cpp:[[@LINE-2]]:27: warning: goroutine blocks forever sending on a channel: no partner can ever come [golife-channel-leak]

void suppressedStatement() {
  auto results = go::makeChan<int>();
  go::spawn([=] { [[clang::suppress]] results.send(1); });
}

[[clang::suppress]] void suppressedFunction() {
  auto results = go::makeChan<int>();
  go::spawn([=] { results.send(1); });
}

// A bug in a function an entry point calls is suppressed where it is, in the
// callee: its context is the function holding it, not the entry point.
void sendsForCaller() {
  auto results = go::makeChan<int>();
  go::spawn([=] { [[clang::suppress]] results.send(1); });
}

void callsSuppressed() { sendsForCaller(); }
