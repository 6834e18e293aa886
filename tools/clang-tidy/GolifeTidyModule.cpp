//===- GolifeTidyModule.cpp - golife's checks as a clang-tidy module ------===//
//
// Each golife-* check is a ClangTidyCheck. They share one analysis per
// translation unit and budget (run by whichever enabled check comes first)
// and each reports the findings of its own kind, notes included, so NOLINT
// and .clang-tidy configuration work as for any clang-tidy check, and
// [[clang::suppress]] as in the Static Analyzer.
//
//===----------------------------------------------------------------------===//

#include "Checks.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#include "golife/Analysis.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Analysis/PathDiagnostic.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugSuppression.h"
#include <map>

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy;

namespace golife {
namespace {

/// The findings of the translation unit being checked, computed once for
/// every enabled golife check.
class SharedAnalysis {
public:
  /// A new translation unit starts: forget the last one's analyses.
  void reset() { ByBudget.clear(); }

  /// The findings under \p Options; checks configured with another budget
  /// or other roots get an analysis of their own.
  const std::vector<Finding> &findings(ASTContext &Ctx,
                                       const AnalysisOptions &Options) {
    return analysis(Ctx, Options).Findings;
  }

  /// The functions the analysis under \p Options did not explore to the
  /// end, handed out once per unit so that one check reports them.
  std::vector<IncompleteFunction>
  takeIncomplete(ASTContext &Ctx, const AnalysisOptions &Options) {
    return std::move(analysis(Ctx, Options).Stats.Incomplete);
  }

private:
  struct Analysis {
    std::vector<Finding> Findings;
    AnalysisStats Stats;
  };
  std::map<std::pair<unsigned, bool>, Analysis> ByBudget;

  Analysis &analysis(ASTContext &Ctx, const AnalysisOptions &Options) {
    auto [It, New] = ByBudget.try_emplace(
        std::make_pair(Options.MaxStates, Options.EntryPointsOnly));
    if (New)
      It->second.Findings = analyzeTranslationUnit(Ctx, builtinChecks(),
                                                   Options, &It->second.Stats);
    return It->second;
  }
};

SharedAnalysis &sharedAnalysis() {
  static SharedAnalysis Shared;
  return Shared;
}

bool isTrue(StringRef Option) {
  return Option.equals_insensitive("true") || Option == "1";
}

class GolifeTidyCheck : public ClangTidyCheck {
public:
  GolifeTidyCheck(CheckKind Kind, StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context), Kind(Kind) {
    Analysis.MaxStates =
        Options.getLocalOrGlobal("MaxStates", Analysis.MaxStates);
    // Read as text: clang-tidy-19 does not export the bool instantiation.
    StringRef Report = Options.getLocalOrGlobal("ReportIncomplete", "false");
    ReportIncomplete = isTrue(Report);
    Analysis.EntryPointsOnly =
        !isTrue(Options.getLocalOrGlobal("EachFunction", "false"));
  }

  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }

  void registerPPCallbacks(const SourceManager &, Preprocessor *,
                           Preprocessor *) override {
    sharedAnalysis().reset();
  }

  void registerMatchers(MatchFinder *Finder) override {
    Finder->addMatcher(translationUnitDecl().bind("tu"), this);
  }

  void check(const MatchFinder::MatchResult &Result) override {
    // [[clang::suppress]] silences a finding here as in the analyzer.
    ento::BugSuppression Suppression(*Result.Context);
    llvm::StringRef AnalyzerName = checkInfo(Kind).AnalyzerName;
    for (const Finding &F :
         sharedAnalysis().findings(*Result.Context, Analysis)) {
      if (F.Check != Kind ||
          Suppression.isSuppressed(
              ento::PathDiagnosticLocation(F.Loc, *Result.SourceManager),
              F.Enclosing, {AnalyzerName}))
        continue;
      diag(F.Loc, F.Message);
      for (const FindingNote &N : F.Notes)
        diag(N.Loc, N.Message, DiagnosticIDs::Note);
    }
    if (ReportIncomplete)
      for (const IncompleteFunction &I :
           sharedAnalysis().takeIncomplete(*Result.Context, Analysis))
        diag(I.Function->getLocation(),
             "golife did not explore '%0' to the end (%1): only leaks "
             "proven so far are reported")
            << I.Function->getQualifiedNameAsString() << I.Reason;
  }

  void storeOptions(ClangTidyOptions::OptionMap &Opts) override {
    Options.store(Opts, "MaxStates", Analysis.MaxStates);
    Options.store(Opts, "ReportIncomplete",
                  ReportIncomplete ? "true" : "false");
    Options.store(Opts, "EachFunction",
                  Analysis.EntryPointsOnly ? "false" : "true");
  }

private:
  CheckKind Kind;
  AnalysisOptions Analysis;
  /// Whether functions not fully explored are reported (as warnings).
  bool ReportIncomplete = false;
};

class GolifeModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    for (const CheckInfo &Info : allCheckInfos())
      Factories.registerCheckFactory(
          Info.TidyName,
          [Kind = Info.Kind](StringRef Name, ClangTidyContext *Context) {
            return std::make_unique<GolifeTidyCheck>(Kind, Name, Context);
          });
  }
};

} // namespace
} // namespace golife

static clang::tidy::ClangTidyModuleRegistry::Add<golife::GolifeModule>
    GolifeModuleRegistration("golife-module",
                             "golife: goroutine lifetime bugs");
