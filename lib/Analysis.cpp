//===- Analysis.cpp - Runs golife's analysis over a translation unit ------===//

#include "golife/Analysis.h"
#include "eval/Relevance.h"
#include "eval/StaticVariables.h"
#include "explore/Explorer.h"
#include "runtime/Api.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include <algorithm>
#include <chrono>
#include <set>
#include <tuple>

using namespace clang;

namespace golife {
namespace {

/// Collects the functions to analyse: those with a body in the main file,
/// outside the runtime. Lambda bodies are analysed with the function that
/// holds them.
class RootCollector : public RecursiveASTVisitor<RootCollector> {
public:
  RootCollector(const SourceManager &SM, eval::Relevance &Relevant)
      : SM(SM), Relevant(Relevant) {}
  std::vector<const FunctionDecl *> Roots;

  bool shouldVisitTemplateInstantiations() const { return false; }
  bool shouldVisitLambdaBody() const { return false; }

  /// Headers hold no roots: only namespaces are entered outside the main
  /// file, so that a large unit costs little more than its own code.
  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl, NamespaceDecl, LinkageSpecDecl>(D) &&
        !SM.isInMainFile(SM.getExpansionLoc(D->getLocation())))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }

  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (!FD->doesThisDeclarationHaveABody() || FD->isDependentContext() ||
        runtime::isRuntimeDecl(FD))
      return true;
    if (const auto *Method = dyn_cast<CXXMethodDecl>(FD);
        Method && Method->getParent()->isLambda())
      return true;
    // TraverseDecl keeps to the main file. A function that cannot reach the
    // runtime cannot leak a goroutine.
    if (Relevant.mayReachRuntime(FD))
      Roots.push_back(FD);
    return true;
  }

private:
  const SourceManager &SM;
  eval::Relevance &Relevant;
};

class CollectingSink final : public FindingSink {
public:
  std::vector<Finding> Findings;
  void report(Finding F) override { Findings.push_back(std::move(F)); }
};

} // namespace

std::vector<Finding>
analyzeTranslationUnit(ASTContext &Ctx, llvm::ArrayRef<const Check *> Enabled,
                       const AnalysisOptions &Options, AnalysisStats *Stats) {
  eval::Relevance Relevant(Ctx);
  eval::StaticVariables Statics(Ctx, Relevant);
  RootCollector Collector(Ctx.getSourceManager(), Relevant);
  Collector.TraverseDecl(Ctx.getTranslationUnitDecl());

  std::vector<Problem> Problems;
  AnalysisStats Local;
  AnalysisStats &Counted = Stats ? *Stats : Local;
  auto Start = std::chrono::steady_clock::now();
  for (const FunctionDecl *Root : Collector.Roots) {
    auto Spent = std::chrono::duration_cast<std::chrono::seconds>(
                     std::chrono::steady_clock::now() - Start)
                     .count();
    if (Spent >= Options.MaxUnitSeconds) {
      Counted.Incomplete.push_back(
          {Root, "time budget of the translation unit"});
      continue;
    }
    AnalysisOptions ForRoot = Options;
    ForRoot.MaxSeconds =
        std::min<unsigned>(Options.MaxSeconds, Options.MaxUnitSeconds - Spent);
    explore::exploreFunction(*Root, Ctx, ForRoot, Statics, Problems, Counted);
  }

  CollectingSink Sink;
  for (const Problem &P : Problems)
    for (const Check *C : Enabled)
      C->classify(P, Sink);

  // One finding per check and place, in source order.
  const SourceManager &SM = Ctx.getSourceManager();
  auto Key = [](const Finding &F) {
    return std::make_pair(F.Loc.getRawEncoding(), static_cast<int>(F.Check));
  };
  std::vector<Finding> Unique;
  std::set<std::pair<unsigned, int>> Seen;
  for (Finding &F : Sink.Findings)
    if (Seen.insert(Key(F)).second)
      Unique.push_back(std::move(F));
  std::stable_sort(Unique.begin(), Unique.end(),
                   [&](const Finding &A, const Finding &B) {
                     return SM.isBeforeInTranslationUnit(A.Loc, B.Loc);
                   });
  return Unique;
}

} // namespace golife
