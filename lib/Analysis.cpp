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

/// The functions a function's code calls directly, those it hands to the
/// runtime, and those the lambdas it hands to the runtime call (its
/// goroutines run them). A lambda kept or handed elsewhere may never run
/// where the analysis follows: what it calls stays an entry point.
class DirectCallees : public RecursiveASTVisitor<DirectCallees> {
public:
  llvm::DenseSet<const FunctionDecl *> Callees;

  bool VisitCallExpr(CallExpr *CE) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (!Callee)
      return true;
    if (runtime::isRuntimeDecl(Callee)) {
      // go::spawn(worker, ...) and go::spawn([..] { ... }) run them.
      for (const Expr *Arg : CE->arguments()) {
        const Expr *Bare = Arg->IgnoreImplicit();
        if (const auto *Lambda = dyn_cast<LambdaExpr>(Bare))
          Spawned.insert(Lambda);
        if (const auto *Unary = dyn_cast<UnaryOperator>(Bare);
            Unary && Unary->getOpcode() == UO_AddrOf)
          Bare = Unary->getSubExpr()->IgnoreImplicit();
        if (const auto *Ref = dyn_cast<DeclRefExpr>(Bare))
          if (const auto *Named = dyn_cast<FunctionDecl>(Ref->getDecl()))
            Callees.insert(Named->getCanonicalDecl());
      }
      return true;
    }
    Callees.insert(Callee->getCanonicalDecl());
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *CE) {
    Callees.insert(CE->getConstructor()->getCanonicalDecl());
    return true;
  }
  bool TraverseLambdaExpr(LambdaExpr *Lambda) {
    // A call's arguments are visited after the call itself.
    if (!Spawned.contains(Lambda))
      return true;
    return RecursiveASTVisitor::TraverseLambdaExpr(Lambda);
  }

private:
  llvm::DenseSet<const LambdaExpr *> Spawned;
};

/// Orders \p Candidates for analysis: the entry points first (functions no
/// other candidate calls), then the rest, each with the candidates it calls.
/// A function called from an entry point is analysed where its callers give
/// it its arguments and objects; it is analysed on its own only when no
/// entry point reaches it (a cycle of calls) or when a caller that reaches
/// it cannot be explored to its end.
struct CallGraph {
  std::vector<const FunctionDecl *> Entries;
  llvm::DenseMap<const FunctionDecl *, std::vector<const FunctionDecl *>> Calls;
};

static CallGraph callGraphOf(llvm::ArrayRef<const FunctionDecl *> Candidates) {
  CallGraph Graph;
  llvm::DenseMap<const FunctionDecl *, const FunctionDecl *> ByCanonical;
  for (const FunctionDecl *FD : Candidates)
    ByCanonical[FD->getCanonicalDecl()] = FD;
  llvm::DenseSet<const FunctionDecl *> Called;
  for (const FunctionDecl *FD : Candidates) {
    DirectCallees Collector;
    Collector.TraverseStmt(FD->getBody());
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
      for (const CXXCtorInitializer *Init : Ctor->inits())
        Collector.TraverseStmt(Init->getInit());
    auto &Calls = Graph.Calls[FD];
    for (const FunctionDecl *Callee : Collector.Callees)
      if (auto It = ByCanonical.find(Callee);
          It != ByCanonical.end() && It->second != FD) {
        Calls.push_back(It->second);
        Called.insert(It->second);
      }
    // Source order, whatever the set's.
    llvm::sort(Calls, [](const FunctionDecl *A, const FunctionDecl *B) {
      return A->getBeginLoc() < B->getBeginLoc();
    });
  }
  llvm::DenseSet<const FunctionDecl *> Reached;
  std::vector<const FunctionDecl *> Work;
  auto Reach = [&](const FunctionDecl *FD) {
    if (Reached.insert(FD).second)
      Work.push_back(FD);
  };
  auto Enter = [&](const FunctionDecl *Entry) {
    Graph.Entries.push_back(Entry);
    Reach(Entry);
    while (!Work.empty()) {
      const FunctionDecl *FD = Work.back();
      Work.pop_back();
      for (const FunctionDecl *Callee : Graph.Calls[FD])
        Reach(Callee);
    }
  };
  for (const FunctionDecl *FD : Candidates)
    if (!Called.contains(FD))
      Enter(FD);
  // Functions only a cycle of calls reaches: each is its own entry.
  for (const FunctionDecl *FD : Candidates)
    if (!Reached.contains(FD))
      Enter(FD);
  return Graph;
}

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
  CallGraph Graph;
  if (Options.EntryPointsOnly)
    Graph = callGraphOf(Collector.Roots);
  else
    Graph.Entries = Collector.Roots;
  // A root queued after an entry whose exploration did not end.
  std::vector<const FunctionDecl *> Queue(Graph.Entries.rbegin(),
                                          Graph.Entries.rend());
  llvm::DenseSet<const FunctionDecl *> Analysed;
  while (!Queue.empty()) {
    const FunctionDecl *Root = Queue.back();
    Queue.pop_back();
    if (!Analysed.insert(Root).second)
      continue;
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
    size_t IncompleteBefore = Counted.Incomplete.size();
    explore::exploreFunction(*Root, Ctx, ForRoot, Statics, Problems, Counted);
    // What the root calls was not seen through: each callee on its own.
    if (Counted.Incomplete.size() > IncompleteBefore) {
      const auto &Callees = Graph.Calls[Root];
      Queue.insert(Queue.end(), Callees.rbegin(), Callees.rend());
    }
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
