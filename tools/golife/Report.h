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
#include <optional>
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
  /// The qualified name of the analysed function the finding comes from.
  std::string Function;
  /// Identifies the finding across edits that do not touch it (set by
  /// assignFingerprints): "<hash>:<occurrence>".
  std::string Fingerprint;
};

/// A function golife could not explore to the end: only the leaks the
/// states it reached prove are reported, and the outputs say so.
struct IncompleteAnalysis {
  Place Where; ///< the function's name in its declaration
  std::string Function;
  std::string Reason; ///< "state budget", "code it cannot follow: goto", ...
};

/// What the analysis of one translation unit gave.
/// A file as it was when a result was computed from it.
struct FileStamp {
  std::string Path;
  uint64_t Size = 0;
  int64_t Modified = 0; ///< nanoseconds since the epoch
  bool operator==(const FileStamp &) const = default;
};

/// \p Path's size and time of modification now; none when it is gone.
std::optional<FileStamp> stampOf(llvm::StringRef Path);

struct UnitResult {
  std::vector<ReportedFinding> Findings;
  std::vector<IncompleteAnalysis> Incomplete;
  std::string Error; ///< why it could not be analysed
  /// Every file the units it imported definitions from read (their
  /// headers too, which its own key does not cover): a cached result holds
  /// while each is unchanged.
  std::vector<FileStamp> ImportedInputs;
};

enum class OutputFormat { Text, Sarif, Json };

/// clang-tidy's globs: '*' matches any run of characters.
bool globMatches(llvm::StringRef Glob, llvm::StringRef Name);

/// Keeps the first of findings of one check at one place with one message:
/// code several units reach (a header, a definition they import) is
/// reported once.
void dropRepeatedFindings(std::vector<ReportedFinding> &Findings);

/// Drops the findings a `// NOLINT`, `// NOLINT(check,...)` on their line or
/// `// NOLINTNEXTLINE(...)` on the line before suppresses, as clang-tidy
/// does (check lists take globs: `golife-*`).
void dropNolintFindings(std::vector<ReportedFinding> &Findings);

/// Sets each finding's Fingerprint from its check, its function and the
/// text of its line (without whitespace or a trailing comment), never its
/// line number, so that it survives edits elsewhere in the file. Findings of
/// one file that share all three are told apart by an occurrence index, in the
/// order of their places (as GitHub code scanning does); one place reported
/// twice (a header's finding from two units) gets one fingerprint.
void assignFingerprints(std::vector<ReportedFinding> &Findings);

/// clang-style diagnostics; with \p Snippets, each location's source line
/// and a caret under the column; with \p Colors, clang's colours.
void writeText(llvm::raw_ostream &OS,
               const std::vector<ReportedFinding> &Findings, bool Snippets,
               bool Colors);

/// "golife: 2 functions not fully explored (state budget): f, g", one
/// line per reason.
void writeIncompleteSummary(llvm::raw_ostream &OS,
                            llvm::ArrayRef<IncompleteAnalysis> Incomplete);

struct SarifOptions {
  /// Files under it are named relative to it, through the uriBaseId
  /// "SRCROOT"; absolute, ending in '/'.
  std::string Root;
  /// Where the checks' pages are: a rule's helpUri is
  /// <DocsUrl>/<check>.md.
  std::string DocsUrl;
};

/// One SARIF 2.1.0 run: a rule per enabled check with its page as help, a
/// result per finding with its fingerprint and its notes as a code flow, and
/// an invocation whose notifications are the units that failed (errors) and
/// the functions not fully explored (warnings).
void writeSarif(llvm::raw_ostream &OS,
                const std::vector<ReportedFinding> &Findings,
                llvm::ArrayRef<const CheckInfo *> EnabledChecks,
                llvm::ArrayRef<std::string> Errors,
                llvm::ArrayRef<IncompleteAnalysis> Incomplete,
                const SarifOptions &Options);

/// {"version": 1, "findings": [...], "errors": [...], "incomplete": [...]}.
void writeJson(llvm::raw_ostream &OS,
               const std::vector<ReportedFinding> &Findings,
               llvm::ArrayRef<std::string> Errors,
               llvm::ArrayRef<IncompleteAnalysis> Incomplete);

} // namespace golife

#endif
