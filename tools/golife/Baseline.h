//===- Baseline.h - Today's findings, so that only new ones are reported --===//
//
// --export-baseline writes the findings of a run by fingerprint, with their
// files relative to the source root; --baseline reports only the findings
// such a file does not list. A fingerprint does not depend on line numbers,
// so an edit above a finding does not bring it back (docs/tool.md).
//
//===----------------------------------------------------------------------===//
#ifndef GOLIFE_TOOLS_GOLIFE_BASELINE_H
#define GOLIFE_TOOLS_GOLIFE_BASELINE_H

#include "Report.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace golife {

/// Writes \p Findings (fingerprints assigned) to \p File as a baseline, the
/// files under \p Root (absolute, ending in '/') relative to it.
llvm::Error exportBaseline(llvm::StringRef File,
                           const std::vector<ReportedFinding> &Findings,
                           llvm::StringRef Root);

class Baseline {
public:
  /// The baseline in \p File, or why it cannot be read.
  static llvm::Expected<Baseline> read(llvm::StringRef File);

  /// Whether the baseline lists \p F: its fingerprint, in a file whose path
  /// ends with the one the baseline gives (so that the root the baseline
  /// was exported from and the checkout's place do not matter).
  bool lists(const ReportedFinding &F) const;

private:
  /// The files of each fingerprint.
  llvm::StringMap<std::vector<std::string>> Files;
};

} // namespace golife

#endif
