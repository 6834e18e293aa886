//===- AnalyzerCheckers.cpp - golife's checks as Static Analyzer checkers -===//
//
// One checker object serves all eight checks, each enabled under its own name
// (the MallocChecker pattern): the analysis runs once per translation unit and
// every enabled check reports its findings through the BugReporter, so
// [[clang::suppress]], -verify and every analyzer output format apply.
//
//===----------------------------------------------------------------------===//

#include "Checks.h"
#include "golife/Analysis.h"
#include "clang/AST/ASTContext.h"
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
      "bool", "golife", "Trace", "false",
      "Print to stderr, per analysed function, how many states the "
      "exploration visited and why it stopped early",
      "developer");
}

} // namespace golife
