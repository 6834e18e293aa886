// A finding's context (the analyzer's issue hash, scan-build's report file
// name, CodeChecker's and golife's fingerprints) is the function holding it,
// not the entry point that reached it: two leaks on lines that read alike,
// in two functions one entry point calls, are two issues.
// RUN: %clang --analyze --analyzer-no-default-checks -fplugin=%plugin_analyzer -Xanalyzer -analyzer-checker=golife -Xanalyzer -analyzer-output=plist-multi-file %runtime_flags %s -o %t.plist
// RUN: grep -c '<key>check_name</key><string>golife.ChannelLeak' %t.plist | FileCheck %s --check-prefix=COUNT
// RUN: grep -o 'issue_hash_content_of_line_in_context</key><string>[0-9a-f]*' %t.plist | sort -u | wc -l | FileCheck %s --check-prefix=COUNT
// COUNT: 2
// RUN: grep -A1 '<key>issue_context</key>' %t.plist | FileCheck %s --check-prefix=CONTEXT
// CONTEXT-NOT: <string>main</string>
#include <go/go.h>

void first() {
  auto results = go::makeChan<int>();
  go::spawn([=] { results.send(1); });
}

void second() {
  auto results = go::makeChan<int>();
  go::spawn([=] { results.send(1); });
}

int main() {
  return go::run([] {
    first();
    second();
  });
}
