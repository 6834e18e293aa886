//===- Report.h - The standalone tool's findings and output formats -------===//
//
// Findings resolved to file positions, so they outlive their translation
// unit, and the three ways the tool prints them: clang-style text, SARIF
// 2.1.0 and a plain JSON shape for scripts (docs/tool.md describes both).
//
//===----------------------------------------------------------------------===//
#ifndef GOLIFE_TOOLS_GOLIFE_REPORT_H
#define GOLIFE_TOOLS_GOLIFE_REPORT_H

#include "golife/Finding.h"
#include "llvm/Support/raw_ostream.h"
#include <string>
#include <vector>

namespace golife {

struct Place {
  std::string File; ///< absolute, without . or ..
  unsigned Line = 0, Column = 0;
};

struct ReportedNote {
  Place Where;
  std::string Message;
};

struct ReportedFinding {
  const CheckInfo *Check;
  Place Where;
  std::string Message;
  std::vector<ReportedNote> Notes;
  /// WarningsAsErrors names its check: an error, not a warning.
  bool AsError = false;
};

enum class OutputFormat { Text, Sarif, Json };

/// clang-tidy's globs: '*' matches any run of characters.
bool globMatches(llvm::StringRef Glob, llvm::StringRef Name);

/// Drops the findings a `// NOLINT`, `// NOLINT(check,...)` on their line or
/// `// NOLINTNEXTLINE(...)` on the line before suppresses, as clang-tidy
/// does (check lists take globs: `golife-*`).
void dropNolintFindings(std::vector<ReportedFinding> &Findings);

/// clang-style diagnostics; with \p Snippets, each location's source line
/// and a caret under the column; with \p Colors, clang's colours.
void writeText(llvm::raw_ostream &OS,
               const std::vector<ReportedFinding> &Findings, bool Snippets,
               bool Colors);

/// One SARIF 2.1.0 run: a rule per enabled check, a result per finding with
/// its notes as a code flow.
void writeSarif(llvm::raw_ostream &OS,
                const std::vector<ReportedFinding> &Findings,
                llvm::ArrayRef<const CheckInfo *> EnabledChecks);

/// {"version": 1, "findings": [...], "errors": [...]}.
void writeJson(llvm::raw_ostream &OS,
               const std::vector<ReportedFinding> &Findings,
               llvm::ArrayRef<std::string> Errors);

} // namespace golife

#endif
