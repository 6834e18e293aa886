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
  /// A new translation unit starts: forget the last one's findings.
  void reset() { FindingsByBudget.clear(); }

  /// The findings under \p Options; checks configured with another budget
  /// get an analysis of their own.
  const std::vector<Finding> &findings(ASTContext &Ctx,
                                       const AnalysisOptions &Options) {
    auto [It, New] = FindingsByBudget.try_emplace(Options.MaxStates);
    if (New)
      It->second = analyzeTranslationUnit(Ctx, builtinChecks(), Options);
    return It->second;
  }

private:
  std::map<unsigned, std::vector<Finding>> FindingsByBudget;
};

SharedAnalysis &sharedAnalysis() {
  static SharedAnalysis Shared;
  return Shared;
}

class GolifeTidyCheck : public ClangTidyCheck {
public:
  GolifeTidyCheck(CheckKind Kind, StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context), Kind(Kind) {
    Analysis.MaxStates =
        Options.getLocalOrGlobal("MaxStates", Analysis.MaxStates);
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
  }

  void storeOptions(ClangTidyOptions::OptionMap &Opts) override {
    Options.store(Opts, "MaxStates", Analysis.MaxStates);
  }

private:
  CheckKind Kind;
  AnalysisOptions Analysis;
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
