//===- Finding.h - What golife reports, whichever front end runs it -------===//
//
// One finding model for every front end: the Static Analyzer plugin, the
// clang-tidy module and the standalone tool all turn these into their own
// diagnostics, so they report the same findings with the same notes.
//
//===----------------------------------------------------------------------===//
#ifndef GOLIFE_FINDING_H
#define GOLIFE_FINDING_H

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace clang {
class Decl;
} // namespace clang

namespace golife {

/// The user-facing checks, one row each in golife/Checks.def; their
/// detection logic is in checkers/<tidy-name>.cpp.
enum class CheckKind {
#define GOLIFE_CHECK(Kind, AnalyzerName, TidyName, Description) Kind,
#include "golife/Checks.def"
};
constexpr unsigned NumCheckKinds = 0
#define GOLIFE_CHECK(Kind, AnalyzerName, TidyName, Description) +1
#include "golife/Checks.def"
    ;

struct CheckInfo {
  CheckKind Kind;
  llvm::StringRef AnalyzerName; ///< golife.ChannelLeak
  llvm::StringRef TidyName;     ///< golife-channel-leak
  llvm::StringRef Description;  ///< one line, for check listings
};

const CheckInfo &checkInfo(CheckKind Kind);
llvm::ArrayRef<CheckInfo> allCheckInfos();
/// The URL of a check's documentation page (docs/checks/<tidy-name>.md),
/// under \p Base where the pages are published (empty: where golife was
/// built to find them).
std::string docsUrl(CheckKind Kind, llvm::StringRef Base = {});

struct FindingNote {
  clang::SourceLocation Loc;
  std::string Message;
};

struct Finding {
  CheckKind Check;
  clang::SourceLocation Loc;
  std::string Message;
  /// Events along the execution that leads to the bug, in order.
  std::vector<FindingNote> Notes;
  /// The function whose body holds Loc (used for suppression attributes).
  const clang::Decl *Enclosing = nullptr;
};

} // namespace golife

#endif
