// The plugin through the clang driver, as users run it, in text and SARIF.
// RUN: %clang --analyze -fplugin=%plugin_analyzer -Xanalyzer -analyzer-checker=golife \
// RUN:   -Xanalyzer -analyzer-output=text %runtime_flags %s -o /dev/null 2>&1 | FileCheck %s
// RUN: %clang --analyze -fplugin=%plugin_analyzer -Xanalyzer -analyzer-checker=golife \
// RUN:   --analyzer-output sarif %runtime_flags %s -o %t.sarif
// RUN: FileCheck %s --check-prefix=SARIF < %t.sarif
#include <go/go.h>

void forgetResult() {
  auto results = go::makeChan<int>();
  go::spawn([=] { results.send(1); });
}
// CHECK: driver.cpp:[[@LINE-2]]:27: warning: goroutine blocks forever sending on a channel: no partner can ever come [golife.ChannelLeak]
// CHECK: driver.cpp:[[@LINE-4]]:18: note: unbuffered channel made here
// CHECK: driver.cpp:[[@LINE-4]]:3: note: goroutine spawned here
// SARIF: "ruleId": "golife.ChannelLeak"
