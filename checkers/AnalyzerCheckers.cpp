//===- AnalyzerCheckers.cpp - golife's checks as Static Analyzer checkers -===//
//
// One checker object serves all eight checks, each enabled under its own name
// (the MallocChecker pattern): the analysis runs once per translation unit and
// every enabled check reports its findings through the BugReporter, so
// [[clang::suppress]], -verify and every analyzer output format apply.
//
// With the analyzer's cross-TU options (experimental-enable-naive-ctu-
// analysis, ctu-dir, ctu-index-name, ctu-invocation-list), the checker
// first imports the definitions the unit calls from the units that have
// them (CrossUnit.h): after the analyzer's own passes, whose call graph
// does not expect declarations added under it.
//
//===----------------------------------------------------------------------===//

#include "Checks.h"
#include "CrossUnit.h"
#include "golife/Analysis.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/AnalysisManager.h"
#include "clang/StaticAnalyzer/Frontend/CheckerRegistry.h"
#include <memory>
#include <optional>

using namespace clang;
using namespace ento;

namespace golife {
namespace {

CompilerInstance *AnalyzerCompiler = nullptr;

/// Imports what the unit calls from other units, and says on the unit's
/// diagnostics what could not be imported.
void importCrossUnitDefinitions(CrossUnitImporter &Importer,
                                const AnalyzerOptions &Options, bool Trace) {
  CrossUnitImports Imports = Importer.importCalledDefinitions(
      calleesWithoutBody(
          *AnalyzerCompiler->getASTContext().getTranslationUnitDecl()),
      AnalysisOptions().MaxCallDepth, Trace);
  DiagnosticsEngine &Diags = AnalyzerCompiler->getDiagnostics();
  if (!Imports.IndexError.empty())
    Diags.Report(Diags.getCustomDiagID(
        DiagnosticsEngine::Error,
        "golife cannot use the cross-TU index in '%0': %1"))
        << Options.CTUDir << Imports.IndexError;
  for (const ImportFailure &Failure : Imports.Failures)
    Diags.Report(Failure.Function->getLocation(),
                 Diags.getCustomDiagID(
                     DiagnosticsEngine::Warning,
                     "golife could not import the definition of '%0' from "
                     "another translation unit (%1): calls to it stay "
                     "unknown"))
        << Failure.Function->getQualifiedNameAsString() << Failure.Reason;
}

class GolifeChecker : public Checker<check::EndOfTranslationUnit> {
public:
  /// Set by each check's registration; unset checks report nothing.
  std::unique_ptr<BugType> BugTypes[NumCheckKinds];
  AnalysisOptions Options;

  void checkEndOfTranslationUnit(const TranslationUnitDecl *TU,
                                 AnalysisManager &Mgr, BugReporter &BR) const {
    std::vector<const Check *> Enabled;
    for (const Check *C : builtinChecks())
      if (BugTypes[static_cast<unsigned>(C->kind())])
        Enabled.push_back(C);
    // Holds the units the definitions came from until the analysis is done.
    std::optional<CrossUnitImporter> Importer;
    const AnalyzerOptions &Config = Mgr.getAnalyzerOptions();
    if (Config.IsNaiveCTUEnabled && AnalyzerCompiler &&
        &AnalyzerCompiler->getASTContext() == &Mgr.getASTContext()) {
      Importer.emplace(*AnalyzerCompiler, DefaultMaxImportedUnits);
      importCrossUnitDefinitions(*Importer, Config, Options.Trace);
    }
    const SourceManager &SM = Mgr.getSourceManager();
    for (Finding &F :
         analyzeTranslationUnit(Mgr.getASTContext(), Enabled, Options)) {
      auto Report = std::make_unique<BasicBugReport>(
          *BugTypes[static_cast<unsigned>(F.Check)], F.Message,
          PathDiagnosticLocation(F.Loc, SM));
      for (const FindingNote &N : F.Notes)
        Report->addNote(N.Message, PathDiagnosticLocation(N.Loc, SM));
      Report->setDeclWithIssue(F.Enclosing);
      BR.emitReport(std::move(Report));
    }
  }
};

void registerOne(CheckerManager &Mgr, CheckKind Kind) {
  auto *Checker = Mgr.getChecker<GolifeChecker>();
  const CheckInfo &Info = checkInfo(Kind);
  Checker->BugTypes[static_cast<unsigned>(Kind)] = std::make_unique<BugType>(
      Mgr.getCurrentCheckerName(), Info.Description, "Goroutine lifetime");
}

template <CheckKind Kind> void registerCheck(CheckerManager &Mgr) {
  registerOne(Mgr, Kind);
}

bool shouldRegister(const CheckerManager &) { return true; }

void registerCore(CheckerManager &Mgr) {
  auto *Checker = Mgr.registerChecker<GolifeChecker>();
  // Package options, read directly: the registry fills in the defaults of
  // a plugin's package options only for checkers in the package's list.
  const auto &Config = Mgr.getAnalyzerOptions().Config;
  unsigned MaxStates = 0;
  if (!llvm::StringRef(Config.lookup("golife:MaxStates"))
           .getAsInteger(10, MaxStates) &&
      MaxStates > 0)
    Checker->Options.MaxStates = MaxStates;
  Checker->Options.Trace = Config.lookup("golife:Trace") == "true";
  Checker->Options.EntryPointsOnly =
      Config.lookup("golife:EachFunction") != "true";
}

template <std::size_t... I>
void addChecks(CheckerRegistry &Registry, std::index_sequence<I...>) {
  (Registry.addChecker(&registerCheck<static_cast<CheckKind>(I)>,
                       &shouldRegister, allCheckInfos()[I].AnalyzerName,
                       allCheckInfos()[I].Description,
                       docsUrl(static_cast<CheckKind>(I)), /*IsHidden=*/false),
   ...);
}

} // namespace

void rememberAnalyzerCompiler(CompilerInstance &CI) { AnalyzerCompiler = &CI; }

void registerAnalyzerCheckers(CheckerRegistry &Registry) {
  Registry.addChecker(&registerCore, &shouldRegister, "golife.Core",
                      "golife's shared analysis (modelling only)", "",
                      /*IsHidden=*/true);
  addChecks(Registry, std::make_index_sequence<NumCheckKinds>{});
  for (const CheckInfo &Info : allCheckInfos())
    Registry.addDependency(Info.AnalyzerName, "golife.Core");
  Registry.addPackage("golife");
  Registry.addPackageOption(
      "int", "golife", "MaxStates", std::to_string(AnalysisOptions().MaxStates),
      "Distinct states explored per analysed function; past it only the "
      "leaks the states reached prove are reported",
      "released");
  Registry.addPackageOption(
      "bool", "golife", "EachFunction", "false",
      "Analyse every function of the main file on its own, with unknown "
      "arguments, instead of from the entry points (functions no other "
      "analysed function calls)",
      "released");
  Registry.addPackageOption(
      "bool", "golife", "Trace", "false",
      "Print to stderr, per analysed function, how many states the "
      "exploration visited and why it stopped early",
      "developer");
}

} // namespace golife
