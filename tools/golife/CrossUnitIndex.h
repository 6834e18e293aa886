//===- CrossUnitIndex.h - The cross-TU index over a compilation database --===//
//
// golife -p builds, in a folder of its own, what the Static Analyzer's
// cross-TU mode reads: the index of external definitions (USR -> file, by
// clang-extdef-mapping, one process per file) and the invocation list that
// parses a unit on demand. It is described first (its folder and digest,
// cheap), and built only when a unit has a definition to import; it is
// rebuilt when a command or a file of the database changed since, and
// reused otherwise.
//
//===----------------------------------------------------------------------===//
#ifndef GOLIFE_TOOLS_GOLIFE_CROSSUNITINDEX_H
#define GOLIFE_TOOLS_GOLIFE_CROSSUNITINDEX_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"
#include <functional>
#include <string>
#include <vector>

namespace clang::tooling {
class CompilationDatabase;
} // namespace clang::tooling

namespace golife {

struct CrossUnitIndex {
  /// Absolute; holds IndexName and InvocationList.
  std::string Dir;
  std::string IndexName = "externalDefMap.txt";
  std::string InvocationList;
  /// The real path of every file of the database.
  llvm::StringSet<> Files;
  /// Changes whenever a command or a file of the database does: the key of
  /// a cached result includes it, since other units' code decides it too.
  std::string Digest;
  /// Files the index lacks, each with its first error: they do not compile.
  std::vector<std::string> Unindexed;
  /// Names defined by more than one file (a main per program): calls to
  /// them stay unknown.
  unsigned Ambiguous = 0;
  /// What decides the index: every command, and every file's size and time.
  std::string Inputs;
};

struct CrossUnitIndexOptions {
  std::string Dir;
  /// The clang-extdef-mapping executable.
  std::string ExtdefMapping;
  /// Added to every command, as the analysis adds them.
  std::vector<std::string> ArgsBefore, ArgsAfter;
  unsigned Jobs = 0;
  bool Trace = false;
  /// A file's own configuration's ExtraArgsBefore and ExtraArgs, added
  /// next to those (before ArgsBefore's, before ArgsAfter's) as the
  /// analysis of that file adds them; none when not given.
  std::function<std::pair<std::vector<std::string>, std::vector<std::string>>(
      llvm::StringRef File)>
      ConfiguredArgs;
};

/// The index of \p Database in Options.Dir, named but not built: its
/// folder, files and digest, found without parsing anything.
llvm::Expected<CrossUnitIndex>
describeCrossUnitIndex(const clang::tooling::CompilationDatabase &Database,
                       const CrossUnitIndexOptions &Options);

/// Builds the index \p Index describes (one clang-extdef-mapping run per
/// file), or reuses the one built from the same inputs; fills Unindexed
/// and Ambiguous.
llvm::Error
buildCrossUnitIndex(CrossUnitIndex &Index,
                    const clang::tooling::CompilationDatabase &Database,
                    const CrossUnitIndexOptions &Options);

} // namespace golife

#endif
