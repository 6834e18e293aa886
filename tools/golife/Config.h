//===- Config.h - The tool's configuration, read as clang-tidy reads it ---===//
//
// golife reads the same configuration as clang-tidy: the nearest .clang-tidy
// above each file (InheritParentConfig chains to the next one up), or
// --config / --config-file instead, with command-line options on top. The
// keys it uses are Checks, CheckOptions (MaxStates, per check or global),
// HeaderFilterRegex, ExcludeHeaderFilterRegex, SystemHeaders, WarningsAsErrors,
// ExtraArgs and ExtraArgsBefore; the others are kept for --dump-config and
// ignored.
//
//===----------------------------------------------------------------------===//
#ifndef GOLIFE_TOOLS_GOLIFE_CONFIG_H
#define GOLIFE_TOOLS_GOLIFE_CONFIG_H

#include "Report.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "golife/Finding.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/Regex.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace golife {

/// What the configuration of one file asks of golife.
struct FileSettings {
  struct EnabledCheck {
    const CheckInfo *Info;
    unsigned MaxStates;
    bool WarningAsError;
  };
  /// In CheckKind order.
  std::vector<EnabledCheck> Checks;
  /// Findings in headers are shown when the header matches HeaderFilter and
  /// not ExcludeHeaderFilter (either may be null: matches nothing).
  std::shared_ptr<llvm::Regex> HeaderFilter, ExcludeHeaderFilter;
  bool SystemHeaders = false;
  /// Compiler arguments the configuration adds (before the command line's).
  std::vector<std::string> ExtraArgs, ExtraArgsBefore;

  const EnabledCheck *check(CheckKind Kind) const;
};

/// Finds and caches the configuration of each file's folder.
class ConfigFinder {
public:
  /// \p Explicit is --config or --config-file's configuration, if any;
  /// \p Overrides are the command line's options.
  ConfigFinder(std::optional<clang::tidy::ClangTidyOptions> Explicit,
               clang::tidy::ClangTidyOptions Overrides);

  /// The effective options of \p File (which need not exist: its folder's
  /// configuration is used), or why a configuration file is malformed.
  llvm::Expected<clang::tidy::ClangTidyOptions>
  optionsFor(llvm::StringRef File);

private:
  /// The options of the .clang-tidy files that apply in \p Folder, merged
  /// from the outermost one; none when no file does.
  llvm::Expected<std::optional<clang::tidy::ClangTidyOptions>>
  folderOptions(llvm::StringRef Folder);

  std::optional<clang::tidy::ClangTidyOptions> Explicit;
  clang::tidy::ClangTidyOptions Overrides;
  llvm::StringMap<std::optional<clang::tidy::ClangTidyOptions>> Cache;
};

/// Parses a configuration given as text (--config, --config-file, a
/// .clang-tidy file); \p Source names it in the error.
llvm::Expected<clang::tidy::ClangTidyOptions>
parseConfig(llvm::StringRef Text, llvm::StringRef Source);

/// What \p Options ask of golife; \p MaxStatesOverride (--max-states) wins
/// over CheckOptions. Errors: a MaxStates that is not a positive integer, a
/// filter that is not a regular expression.
llvm::Expected<FileSettings>
settingsOf(const clang::tidy::ClangTidyOptions &Options,
           std::optional<unsigned> MaxStatesOverride);

/// \p Options as a .clang-tidy file, with every enabled check's MaxStates.
std::string dumpConfig(clang::tidy::ClangTidyOptions Options,
                       const FileSettings &Settings);

/// clang-tidy's --line-filter: whether \p Line of \p File is in the ranges
/// of the first filter whose name \p File ends with (every line when that
/// filter has none); always true for an empty filter.
bool passesLineFilter(llvm::ArrayRef<clang::tidy::FileFilter> Filter,
                      llvm::StringRef File, unsigned Line);

/// Keeps the findings whose location or one of whose notes passes
/// \p Filter, as clang-tidy does.
void dropFindingsOutsideLines(std::vector<ReportedFinding> &Findings,
                              llvm::ArrayRef<clang::tidy::FileFilter> Filter);

} // namespace golife

#endif
