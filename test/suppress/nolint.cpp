// NOLINT comments silence a finding in clang-tidy and in the golife tool;
// a NOLINT for another check does not.
// RUN: %clang_tidy --checks='-*,golife-*' %s -- %runtime_flags 2>&1 | FileCheck %s --implicit-check-not=warning:
// RUN: not %golife %s -- %runtime_flags 2>&1 | FileCheck %s --implicit-check-not=warning:
#include <go/go.h>

void otherCheckNamed() {
  auto results = go::makeChan<int>();
  go::spawn([=] { results.send(1); }); // NOLINT(golife-deadlock)
}
// CHECK: nolint.cpp:[[@LINE-2]]:27: warning: goroutine blocks forever sending on a channel: no partner can ever come [golife-channel-leak]

void namedCheck() {
  auto results = go::makeChan<int>();
  go::spawn([=] { results.send(1); }); // NOLINT(golife-channel-leak)
}

void globOfChecks() {
  auto results = go::makeChan<int>();
  go::spawn([=] { results.send(1); }); // NOLINT(golife-*)
}

void everyCheck() {
  auto results = go::makeChan<int>();
  go::spawn([=] { results.send(1); }); // NOLINT
}

void nextLine() {
  auto results = go::makeChan<int>();
  // NOLINTNEXTLINE(golife-channel-leak)
  go::spawn([=] { results.send(1); });
}
