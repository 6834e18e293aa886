//===- CrossUnit.h - Definitions imported from other translation units ----===//
//
// The Static Analyzer's cross-TU machinery (an index of external definitions
// built by clang-extdef-mapping, units parsed on demand from an invocation
// list, definitions merged by the ASTImporter) brings the definitions of the
// functions a unit calls without a body into its AST, before the analysis:
// the analysis then follows those calls as it follows calls within the unit.
// Shared by the analyzer plugin and the standalone tool.
//
// Unlike the analyzer's own importer, the declarations both units see
// through headers are not imported again but mapped to this unit's own:
// LLVM 19's ASTImporter cannot import C++20 concepts or requires-expressions,
// which every unit including <chrono> or <compare> from libstdc++ holds.
//
//===----------------------------------------------------------------------===//
#ifndef GOLIFE_CHECKERS_CROSSUNIT_H
#define GOLIFE_CHECKERS_CROSSUNIT_H

#include "clang/AST/ASTImporter.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/CrossTU/CrossTranslationUnit.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTUnit;
class CompilerInstance;
class Decl;
class FunctionDecl;
} // namespace clang

namespace golife {

/// Units one unit may load definitions from, by default.
constexpr unsigned DefaultMaxImportedUnits = 32;

/// A function another unit defines whose definition could not be brought
/// in: calls to it stay unknown calls.
struct ImportFailure {
  const clang::FunctionDecl *Function;
  std::string Reason;
};

struct CrossUnitImports {
  unsigned Imported = 0;
  std::vector<ImportFailure> Failures;
  /// Set when the index or the invocation list cannot be used at all:
  /// nothing was imported.
  std::string IndexError;
};

/// Keeps the first error a unit reports ("file:line:column: message")
/// instead of printing it: a unit parsed on demand for its definitions, a
/// unit the tool analyses. \p Place names a location, by default as the
/// unit's command line named its file.
class FirstErrorConsumer : public clang::DiagnosticConsumer {
public:
  std::string FirstError;
  std::function<std::string(clang::FullSourceLoc)> Place;
  void HandleDiagnostic(clang::DiagnosticsEngine::Level Level,
                        const clang::Diagnostic &Info) override;
};

/// Imports definitions into the AST of \p CI from the units named by the
/// cross-TU options of its analyzer options (ctu-dir, ctu-index-name,
/// ctu-invocation-list, ctu-import-cpp-threshold).
class CrossUnitImporter {
public:
  /// Loads at most \p MaxUnits other units (each parsed on demand),
  /// whatever the analyzer's own ctu-import-cpp-threshold says: that one
  /// bounds the analyzer's inlining, which LLVM 19 cannot do for C++20
  /// code including libstdc++'s <compare> (docs/static-analyzer.md).
  CrossUnitImporter(clang::CompilerInstance &CI, unsigned MaxUnits);

  /// Imports the definitions of \p Callees (what the main file's code
  /// calls without a body in this unit: calleesWithoutBody), then those
  /// their definitions call, up to \p MaxDepth calls deep. With \p Trace,
  /// says on stderr what it imports.
  CrossUnitImports
  importCalledDefinitions(std::vector<const clang::FunctionDecl *> Callees,
                          unsigned MaxDepth, bool Trace);

  /// Every file the units definitions were imported from read (their main
  /// files and headers), sorted.
  std::vector<std::string> importedUnitFiles() const;

private:
  /// The definition of \p Callee from the unit the index names, merged
  /// into this unit's AST.
  llvm::Expected<const clang::FunctionDecl *>
  importDefinition(const clang::FunctionDecl &Callee);
  /// The importer from \p Unit, made the first time: what \p Unit
  /// declares in headers is mapped to this unit's declarations of the same
  /// USR, so that only the other unit's own code is imported.
  clang::ASTImporter &importerFor(clang::ASTUnit &Unit);

  clang::CompilerInstance &CI;
  /// Outlives the context: the units it loaded report to it.
  FirstErrorConsumer Loading;
  /// Finds and loads (parses) the unit that defines a function.
  std::optional<clang::cross_tu::CrossTranslationUnitContext> Context;
  std::shared_ptr<clang::ASTImporterSharedState> Shared;
  llvm::DenseMap<clang::ASTUnit *, std::unique_ptr<clang::ASTImporter>>
      Importers;
  /// This unit's declarations outside its main file, by USR.
  llvm::StringMap<clang::Decl *> HeaderDecls;
  /// Set once LLVM's importer crashed (and was recovered from).
  bool ImporterCrashed = false;
};

} // namespace golife

#endif
