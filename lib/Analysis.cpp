//===- Analysis.cpp - Runs golife's analysis over a translation unit ------===//

#include "golife/Analysis.h"
#include "eval/Relevance.h"
#include "eval/StaticVariables.h"
#include "eval/StdLibrary.h"
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

/// Collects the functions a scope's code reaches through calls (into
/// functions with bodies, wherever they are) that have no body in the unit,
/// and that the analysis would enter if they had one.
class CalleeCollector : public RecursiveASTVisitor<CalleeCollector> {
public:
  CalleeCollector(const SourceManager &SM, bool MainFileOnly)
      : SM(SM), MainFileOnly(MainFileOnly) {}
  std::vector<const FunctionDecl *> Callees;

  // Implicit constructor calls and default member initializers run too.
  bool shouldVisitImplicitCode() const { return true; }

  /// Traverses \p Scope, then the bodies its code reaches.
  void collect(const Decl &Scope) {
    TraverseDecl(const_cast<Decl *>(&Scope));
    MainFileOnly = false;
    while (!Bodies.empty()) {
      const FunctionDecl *Next = Bodies.back();
      Bodies.pop_back();
      TraverseDecl(const_cast<FunctionDecl *>(Next));
    }
  }

  /// From the translation unit, only the main file's code, as roots are.
  bool TraverseDecl(Decl *D) {
    if (MainFileOnly && D &&
        !isa<TranslationUnitDecl, NamespaceDecl, LinkageSpecDecl>(D) &&
        !SM.isInMainFile(SM.getExpansionLoc(D->getLocation())))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }

  bool VisitDeclRefExpr(DeclRefExpr *E) {
    consider(dyn_cast<FunctionDecl>(E->getDecl()));
    return true;
  }
  bool VisitMemberExpr(MemberExpr *E) {
    consider(dyn_cast<FunctionDecl>(E->getMemberDecl()));
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    consider(E->getConstructor());
    return true;
  }
  bool VisitVarDecl(VarDecl *Var) {
    if (const auto *Record = Var->getType()->getAsCXXRecordDecl();
        Record && Record->hasDefinition())
      consider(Record->getDestructor());
    return true;
  }

private:
  const SourceManager &SM;
  bool MainFileOnly;
  llvm::DenseSet<const FunctionDecl *> Seen;
  std::vector<const FunctionDecl *> Bodies;

  void consider(const FunctionDecl *FD) {
    if (!FD || FD->isDependentContext() || runtime::isRuntimeDecl(FD) ||
        eval::isStd(FD))
      return;
    if (const auto *Method = dyn_cast<CXXMethodDecl>(FD);
        Method && eval::isStd(Method->getParent()))
      return;
    if (!Seen.insert(FD->getCanonicalDecl()).second)
      return;
    const FunctionDecl *Definition = nullptr;
    if (FD->hasBody(Definition))
      Bodies.push_back(Definition);
    else if (FD->isExternallyVisible() && !FD->isDeleted() &&
             !FD->isDefaulted() && !FD->getBuiltinID() &&
             !SM.isInSystemHeader(FD->getLocation()))
      Callees.push_back(FD);
  }
};

class CollectingSink final : public FindingSink {
public:
  std::vector<Finding> Findings;
  void report(Finding F) override { Findings.push_back(std::move(F)); }
};

} // namespace

std::vector<const FunctionDecl *> calleesWithoutBody(const Decl &Scope) {
  // A unit that cannot name the runtime cannot hand a callee a runtime
  // object nor wait on one a callee returns: importing for it would cost a
  // parse of other units for nothing its own analysis could use.
  if (isa<TranslationUnitDecl>(Scope) &&
      !runtime::unitDeclaresRuntime(Scope.getASTContext()))
    return {};
  CalleeCollector Collector(Scope.getASTContext().getSourceManager(),
                            isa<TranslationUnitDecl>(Scope));
  Collector.collect(Scope);
  return std::move(Collector.Callees);
}

std::vector<Finding>
analyzeTranslationUnit(ASTContext &Ctx, llvm::ArrayRef<const Check *> Enabled,
                       const AnalysisOptions &Options, AnalysisStats *Stats) {
  // Without the runtime's declarations no code of the unit can reach it:
  // nothing to look for, and ordinary C++ costs only its parse.
  if (!runtime::unitDeclaresRuntime(Ctx))
    return {};
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
