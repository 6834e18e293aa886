//===- CrossUnit.cpp - Definitions imported from other translation units --===//

#include "CrossUnit.h"
#include "golife/Analysis.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ASTImporterSharedState.h"
#include "clang/AST/Decl.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Index/USRGeneration.h"
#include "clang/StaticAnalyzer/Core/AnalyzerOptions.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace golife {

void FirstErrorConsumer::HandleDiagnostic(DiagnosticsEngine::Level Level,
                                          const Diagnostic &Info) {
  DiagnosticConsumer::HandleDiagnostic(Level, Info);
  if (Level < DiagnosticsEngine::Error || !FirstError.empty())
    return;
  SmallString<128> Message;
  Info.FormatDiagnostic(Message);
  FirstError = Message.str().str();
  if (!Info.hasSourceManager() || Info.getLocation().isInvalid())
    return;
  FullSourceLoc Loc(Info.getLocation(), Info.getSourceManager());
  if (Place) {
    FirstError = Place(Loc) + ": " + FirstError;
    return;
  }
  PresumedLoc Where = Loc.getManager().getPresumedLoc(Loc);
  if (Where.isValid())
    FirstError = std::string(Where.getFilename()) + ":" +
                 std::to_string(Where.getLine()) + ":" +
                 std::to_string(Where.getColumn()) + ": " + FirstError;
}

namespace {

/// Calls \p Found with the USR of every named declaration of a unit
/// outside its main file (template instantiations included), or in it.
template <typename Callback>
class NamedDeclWalker : public RecursiveASTVisitor<NamedDeclWalker<Callback>> {
public:
  NamedDeclWalker(const SourceManager &SM, bool InMainFile, Callback Found)
      : SM(SM), InMainFile(InMainFile), Found(Found) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }

  bool VisitNamedDecl(NamedDecl *D) {
    if (SM.isInMainFile(SM.getExpansionLoc(D->getLocation())) != InMainFile)
      return true;
    SmallString<128> USR;
    if (!index::generateUSRForDecl(D, USR))
      Found(USR.str(), D);
    return true;
  }

private:
  const SourceManager &SM;
  bool InMainFile;
  Callback Found;
};

template <typename Callback>
void forEachNamedDecl(ASTContext &Ctx, bool InMainFile, Callback Found) {
  NamedDeclWalker<Callback>(Ctx.getSourceManager(), InMainFile, Found)
      .TraverseDecl(Ctx.getTranslationUnitDecl());
}

/// Whether \p Value points into a constant the ASTImporter cannot import
/// (what std::source_location::current() makes).
bool refersToUnnamedConstant(const APValue &Value) {
  if (Value.isLValue())
    if (const auto *Base = Value.getLValueBase().dyn_cast<const ValueDecl *>())
      return isa<UnnamedGlobalConstantDecl>(Base);
  if (Value.isStruct()) {
    for (unsigned I = 0; I < Value.getStructNumBases(); ++I)
      if (refersToUnnamedConstant(Value.getStructBase(I)))
        return true;
    for (unsigned I = 0; I < Value.getStructNumFields(); ++I)
      if (refersToUnnamedConstant(Value.getStructField(I)))
        return true;
  }
  if (Value.isUnion())
    return refersToUnnamedConstant(Value.getUnionValue());
  return false;
}

/// Forgets the values computed for the source locations the runtime's
/// calls take by default (std::source_location::current(), consteval): the
/// ASTImporter cannot import them, the analysis never reads them, and an
/// evaluator computes them again from the call.
class SourceLocationScrubber
    : public RecursiveASTVisitor<SourceLocationScrubber> {
public:
  explicit SourceLocationScrubber(const ASTContext &Ctx) : Ctx(Ctx) {}
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }
  bool VisitConstantExpr(ConstantExpr *E) {
    if (E->hasAPValueResult() && refersToUnnamedConstant(E->getAPValueResult()))
      E->SetResult(APValue(), Ctx);
    return true;
  }

private:
  const ASTContext &Ctx;
};

/// Of two declarations of one USR, the one to map to: a definition.
bool isBetterTarget(const Decl *Candidate, const Decl *Current) {
  if (const auto *Tag = dyn_cast<TagDecl>(Candidate))
    return Tag->isThisDeclarationADefinition() &&
           !cast<TagDecl>(Current)->isThisDeclarationADefinition();
  if (const auto *Function = dyn_cast<FunctionDecl>(Candidate))
    return Function->doesThisDeclarationHaveABody() &&
           !cast<FunctionDecl>(Current)->doesThisDeclarationHaveABody();
  return false;
}

} // namespace

CrossUnitImporter::CrossUnitImporter(CompilerInstance &CI, unsigned MaxUnits)
    : CI(CI) {
  // The context reads its bound from the options once, when made.
  AnalyzerOptions &Options = CI.getAnalyzerOpts();
  unsigned AnalyzerBound = Options.CTUImportCppThreshold;
  unsigned AnalyzerBoundForC = Options.CTUImportThreshold;
  Options.CTUImportCppThreshold = Options.CTUImportThreshold = MaxUnits;
  Context.emplace(CI);
  Options.CTUImportCppThreshold = AnalyzerBound;
  Options.CTUImportThreshold = AnalyzerBoundForC;
}

ASTImporter &CrossUnitImporter::importerFor(ASTUnit &Unit) {
  std::unique_ptr<ASTImporter> &Importer = Importers[&Unit];
  if (Importer)
    return *Importer;
  ASTContext &To = CI.getASTContext();
  if (!Shared) {
    Shared =
        std::make_shared<ASTImporterSharedState>(*To.getTranslationUnitDecl());
    forEachNamedDecl(To, /*InMainFile=*/false, [&](StringRef USR, Decl *D) {
      Decl *&Known = HeaderDecls[USR];
      if (!Known ||
          (Known->getKind() == D->getKind() && isBetterTarget(D, Known)))
        Known = D;
    });
  }
  ASTContext &From = Unit.getASTContext();
  Importer = std::make_unique<ASTImporter>(
      To, To.getSourceManager().getFileManager(), From,
      From.getSourceManager().getFileManager(), /*MinimalImport=*/false,
      Shared);
  forEachNamedDecl(From, /*InMainFile=*/false, [&](StringRef USR, Decl *D) {
    auto Here = HeaderDecls.find(USR);
    if (Here != HeaderDecls.end() && Here->second->getKind() == D->getKind())
      Importer->MapImported(D, Here->second);
  });
  SourceLocationScrubber(From).TraverseDecl(From.getTranslationUnitDecl());
  return *Importer;
}

std::vector<std::string> CrossUnitImporter::importedUnitFiles() const {
  std::vector<std::string> Files;
  for (const auto &Loaded : Importers) {
    const SourceManager &SM = Loaded.first->getSourceManager();
    for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It) {
      StringRef Real = It->first.getFileEntry().tryGetRealPathName();
      Files.push_back((Real.empty() ? It->first.getName() : Real).str());
    }
  }
  llvm::sort(Files);
  Files.erase(std::unique(Files.begin(), Files.end()), Files.end());
  return Files;
}

Expected<const FunctionDecl *>
CrossUnitImporter::importDefinition(const FunctionDecl &Callee) {
  const AnalyzerOptions &Options = CI.getAnalyzerOpts();
  std::optional<std::string> Name =
      cross_tu::CrossTranslationUnitContext::getLookupName(&Callee);
  if (!Name)
    return llvm::make_error<cross_tu::IndexError>(
        cross_tu::index_error_code::failed_to_generate_usr);
  Expected<ASTUnit *> Unit = Context->loadExternalAST(
      *Name, Options.CTUDir, Options.CTUIndexName, Options.DisplayCTUProgress);
  if (!Unit)
    return Unit.takeError();
  const FunctionDecl *Definition = nullptr;
  forEachNamedDecl((*Unit)->getASTContext(), /*InMainFile=*/true,
                   [&](StringRef USR, Decl *D) {
                     const auto *Function = dyn_cast<FunctionDecl>(D);
                     if (!Definition && USR == *Name && Function &&
                         Function->doesThisDeclarationHaveABody())
                       Definition = Function;
                   });
  if (!Definition)
    return llvm::make_error<cross_tu::IndexError>(
        cross_tu::index_error_code::missing_definition);
  // LLVM 19's importer crashes on some C++ (DeclContext::removeDecl while
  // importing a record's members): that import fails, and nothing more is
  // imported into an AST it may have left half-changed.
  if (ImporterCrashed)
    return llvm::make_error<cross_tu::IndexError>(
        cross_tu::index_error_code::failed_import);
  std::optional<Expected<const Decl *>> Attempt;
  llvm::CrashRecoveryContext::Enable();
  llvm::CrashRecoveryContext Recovery;
  if (!Recovery.RunSafely(
          [&] { Attempt.emplace(importerFor(**Unit).Import(Definition)); })) {
    ImporterCrashed = true;
    return llvm::make_error<cross_tu::IndexError>(
        cross_tu::index_error_code::failed_import);
  }
  Expected<const Decl *> &Imported = *Attempt;
  if (!Imported) {
    llvm::consumeError(Imported.takeError());
    return llvm::make_error<cross_tu::IndexError>(
        cross_tu::index_error_code::failed_import);
  }
  // The parent map is stale once the AST changed.
  CI.getASTContext().getParentMapContext().clear();
  return cast<FunctionDecl>(*Imported);
}

/// Whether \p Code says the index or the invocation list is unusable, so
/// that every other lookup would fail alike.
static bool isIndexError(cross_tu::index_error_code Code) {
  using cross_tu::index_error_code;
  switch (Code) {
  case index_error_code::missing_index_file:
  case index_error_code::invalid_index_format:
  case index_error_code::multiple_definitions:
  case index_error_code::invocation_list_ambiguous:
  case index_error_code::invocation_list_file_not_found:
  case index_error_code::invocation_list_empty:
  case index_error_code::invocation_list_wrong_format:
    return true;
  default:
    return false;
  }
}

/// The index error's own words, without the final newline, and the file it
/// is about.
static std::string describe(const cross_tu::IndexError &E) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  E.log(OS);
  OS.flush();
  StringRef Trimmed = StringRef(Text).rtrim();
  if (E.getFileName().empty())
    return Trimmed.str();
  return (Trimmed + " ('" + E.getFileName() + "')").str();
}

CrossUnitImports CrossUnitImporter::importCalledDefinitions(
    std::vector<const FunctionDecl *> Callees, unsigned MaxDepth, bool Trace) {
  DiagnosticsEngine &Diags = CI.getDiagnostics();
  // The units parsed on demand report through the importing unit's
  // consumer; their errors are theirs, not this unit's.
  DiagnosticConsumer *Own = Diags.getClient();
  std::unique_ptr<DiagnosticConsumer> Owned = Diags.takeClient();
  Diags.setClient(&Loading, /*ShouldOwnClient=*/false);

  CrossUnitImports Result;
  llvm::DenseSet<const FunctionDecl *> Tried;
  std::vector<const FunctionDecl *> Level = std::move(Callees);
  for (unsigned Depth = 0; Depth < MaxDepth && !Level.empty() &&
                           Result.IndexError.empty() && !ImporterCrashed;
       ++Depth) {
    std::vector<const FunctionDecl *> Next;
    for (const FunctionDecl *Callee : Level) {
      if (Callee->hasBody() || !Tried.insert(Callee->getCanonicalDecl()).second)
        continue;
      std::string ErrorsBefore = Loading.FirstError;
      llvm::Expected<const FunctionDecl *> Imported = importDefinition(*Callee);
      if (!Imported && ImporterCrashed) {
        llvm::consumeError(Imported.takeError());
        Result.Failures.push_back(
            {Callee, "LLVM's AST importer crashed on it; nothing more is "
                     "imported into this unit"});
        break;
      }
      if (!Imported) {
        llvm::handleAllErrors(
            Imported.takeError(), [&](const cross_tu::IndexError &E) {
              if (E.getCode() == cross_tu::index_error_code::missing_definition)
                return; // no unit of the index defines it: a library's
              if (isIndexError(E.getCode()))
                Result.IndexError = describe(E);
              else if (Loading.FirstError != ErrorsBefore)
                // The importer's own words: "cannot import unsupported AST
                // node ...".
                Result.Failures.push_back(
                    {Callee, describe(E) + " " + Loading.FirstError});
              else
                Result.Failures.push_back({Callee, describe(E)});
            });
        if (!Result.IndexError.empty())
          break;
        continue;
      }
      if (Loading.FirstError != ErrorsBefore)
        Result.Failures.push_back(
            {Callee, "its unit does not compile: " + Loading.FirstError});
      ++Result.Imported;
      if (Trace)
        llvm::errs() << "golife: imported the definition of "
                     << Callee->getQualifiedNameAsString() << "\n";
      for (const FunctionDecl *Further : calleesWithoutBody(**Imported))
        Next.push_back(Further);
    }
    Level = std::move(Next);
  }
  // Deeper callees stay unknown: the analysis follows no call that deep
  // (AnalysisOptions::MaxCallDepth counts from the roots, in the main file).

  if (Owned)
    Diags.setClient(Owned.release(), /*ShouldOwnClient=*/true);
  else
    Diags.setClient(Own, /*ShouldOwnClient=*/false);
  return Result;
}

} // namespace golife
