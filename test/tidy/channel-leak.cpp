// clang-tidy reports the finding with its notes; NOLINT silences it.
// RUN: %clang_tidy --checks='-*,golife-*' %s -- %runtime_flags 2>&1 | FileCheck %s --implicit-check-not=warning:
#include <go/go.h>

void forgetResult() {
  auto results = go::makeChan<int>();
  go::spawn([=] { results.send(1); });
}
// CHECK: channel-leak.cpp:[[@LINE-2]]:27: warning: goroutine blocks forever sending on a channel: no partner can ever come [golife-channel-leak]
// CHECK: channel-leak.cpp:[[@LINE-4]]:18: note: unbuffered channel made here
// CHECK: channel-leak.cpp:[[@LINE-4]]:3: note: goroutine spawned here

void forgetResultKnowingly() {
  auto results = go::makeChan<int>();
  go::spawn([=] { results.send(1); }); // NOLINT(golife-channel-leak)
}
