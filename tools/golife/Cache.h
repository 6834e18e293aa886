//===- Cache.h - Results of translation units already analysed ------------===//
//
// --cache-dir keeps each unit's result under a hash of what decides it: the
// preprocessed unit, its compiler invocation, the options that change
// findings and golife's version (as ctcache does for clang-tidy). A unit
// whose hash is found is not analysed again, unless a file of a unit it
// imported definitions from changed since (UnitResult::ImportedInputs). An
// entry that cannot be read, or whose checksum does not match, is ignored and
// the unit analysed; entries are written whole or not at all.
//
//===----------------------------------------------------------------------===//
#ifndef GOLIFE_TOOLS_GOLIFE_CACHE_H
#define GOLIFE_TOOLS_GOLIFE_CACHE_H

#include "Report.h"
#include "llvm/Support/Error.h"
#include <optional>
#include <string>

namespace clang::tooling {
class ClangTool;
} // namespace clang::tooling

namespace golife {

class ResultCache {
public:
  /// The cache in \p Dir, which is created if need be.
  static llvm::Expected<ResultCache> open(llvm::StringRef Dir);

  /// The key of the one unit \p Tool compiles, analysed under \p Options
  /// (every option that changes its findings, as text); none when the unit
  /// cannot be preprocessed (its analysis says why).
  static std::optional<std::string> keyOf(clang::tooling::ClangTool &Tool,
                                          llvm::StringRef Options);

  /// The result stored under \p Key; none when there is none or it is
  /// unreadable or damaged.
  std::optional<UnitResult> lookup(llvm::StringRef Key) const;

  /// Stores \p Result under \p Key: a temporary file renamed into place.
  llvm::Error store(llvm::StringRef Key, const UnitResult &Result) const;

private:
  explicit ResultCache(std::string Dir) : Dir(std::move(Dir)) {}
  std::string entryPath(llvm::StringRef Key) const;

  std::string Dir;
};

} // namespace golife

#endif
