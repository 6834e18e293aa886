//===- GolifeMain.cpp - golife: the standalone tool -----------------------===//
//
// golife [options] [files...] analyses translation units of a compilation
// database with golife's analysis core, configured as clang-tidy is
// (.clang-tidy files, --config, filters), and prints what it finds. Exit
// status: 0 clean, 1 findings, 2 errors.
//
//===----------------------------------------------------------------------===//

#include "Baseline.h"
#include "Cache.h"
#include "Checks.h"
#include "Config.h"
#include "CrossUnit.h"
#include "CrossUnitIndex.h"
#include "Report.h"
#include "golife/Analysis.h"
#include "golife/Finding.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Analysis/PathDiagnostic.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugSuppression.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
#include <atomic>
#include <cstring>
#include <map>
#include <mutex>
#include <new>
#include <unistd.h>

using namespace clang;
using namespace llvm;

namespace golife {
namespace {

cl::OptionCategory Category("golife options");

cl::opt<std::string>
    BuildPath("p",
              cl::desc("Build directory holding compile_commands.json, or "
                       "the compilation database file itself"),
              cl::value_desc("path"), cl::cat(Category));
cl::list<std::string> Files(cl::Positional,
                            cl::desc("[<file> ...] (default: every file of "
                                     "the compilation database)"),
                            cl::cat(Category));
cl::opt<std::string> ChecksGlob(
    "checks",
    cl::desc("Checks to run, in clang-tidy's glob syntax over the check names "
             "(e.g. '-*,golife-channel-leak'), applied after the "
             "configuration's Checks; default 'golife-*'"),
    cl::cat(Category));
cl::opt<std::string>
    ConfigText("config",
               cl::desc("A configuration in .clang-tidy's YAML, used instead "
                        "of the .clang-tidy files (unless it says "
                        "InheritParentConfig: true)"),
               cl::value_desc("yaml"), cl::cat(Category));
cl::opt<std::string> ConfigFile("config-file",
                                cl::desc("Read the configuration from <file> "
                                         "instead of .clang-tidy files"),
                                cl::value_desc("file"), cl::cat(Category));
cl::opt<bool>
    DumpConfig("dump-config",
               cl::desc("Print the configuration in effect for the first "
                        "file (or the current folder) as YAML, and exit"),
               cl::cat(Category));
cl::opt<std::string> HeaderFilter(
    "header-filter",
    cl::desc("Regular expression: findings located in headers it matches "
             "are shown too (overrides HeaderFilterRegex). Findings in "
             "the main file, or with a note there, are always shown"),
    cl::value_desc("regex"), cl::cat(Category));
cl::opt<std::string> ExcludeHeaderFilter(
    "exclude-header-filter",
    cl::desc("Regular expression: headers never shown even when "
             "--header-filter matches (overrides ExcludeHeaderFilterRegex)"),
    cl::value_desc("regex"), cl::cat(Category));
cl::opt<bool> SystemHeaders(
    "system-headers",
    cl::desc("Show findings in system headers too (overrides SystemHeaders)"),
    cl::cat(Category));
cl::opt<std::string> LineFilter(
    "line-filter",
    cl::desc("Show only findings on these lines, in clang-tidy's JSON: "
             "'[{\"name\":\"file.cpp\",\"lines\":[[1,3],[5,7]]},"
             "{\"name\":\"file.h\"}]'"),
    cl::value_desc("json"), cl::cat(Category));
cl::opt<std::string> WarningsAsErrors(
    "warnings-as-errors",
    cl::desc("Checks whose findings are errors, as globs (overrides "
             "WarningsAsErrors)"),
    cl::value_desc("globs"), cl::cat(Category));
cl::list<std::string>
    ExtraArgs("extra-arg",
              cl::desc("Extra argument to append to the compiler command"),
              cl::cat(Category));
cl::list<std::string> ExtraArgsBefore(
    "extra-arg-before",
    cl::desc("Extra argument to prepend to the compiler command"),
    cl::cat(Category));
cl::opt<bool> Trace("trace",
                    cl::desc("Print, per analysed function, how the "
                             "exploration went"),
                    cl::Hidden, cl::cat(Category));
cl::opt<OutputFormat> Format(
    "format", cl::desc("Output format (default: text)"),
    cl::values(clEnumValN(OutputFormat::Text, "text",
                          "clang-style diagnostics with source snippets"),
               clEnumValN(OutputFormat::Sarif, "sarif", "SARIF 2.1.0"),
               clEnumValN(OutputFormat::Json, "json",
                          "golife's JSON shape (docs/tool.md)")),
    cl::init(OutputFormat::Text), cl::cat(Category));
cl::opt<std::string> OutputFile("o",
                                cl::desc("Write the findings to <file> "
                                         "instead of standard output"),
                                cl::value_desc("file"), cl::cat(Category));
cl::opt<unsigned> Jobs("j",
                       cl::desc("Translation units analysed in parallel "
                                "(default: every core)"),
                       cl::value_desc("N"), cl::init(0), cl::Prefix,
                       cl::cat(Category));
cl::opt<bool> Quiet("quiet",
                    cl::desc("No progress line and no findings summary on "
                             "stderr (functions not fully explored are still "
                             "listed)"),
                    cl::cat(Category));
// cl::desc keeps a reference: the text must outlive the option.
const std::string MaxStatesHelp =
    "Distinct states explored per analysed function; past it the function is "
    "not fully explored: only leaks proven so far are reported, and the output "
    "says "
    "so (default: " +
    std::to_string(AnalysisOptions().MaxStates) +
    "; overrides every MaxStates of the configuration)";
cl::opt<unsigned> MaxStates("max-states", cl::desc(MaxStatesHelp),
                            cl::value_desc("N"), cl::cat(Category));
const std::string MaxMemoryHelp =
    "Megabytes the states of one analysed function may take before it is not "
    "fully explored (default: " +
    std::to_string(AnalysisOptions().MaxMemoryMB) + ")";
cl::opt<unsigned> MaxMemoryMB("max-memory-mb", cl::desc(MaxMemoryHelp),
                              cl::value_desc("N"),
                              cl::init(AnalysisOptions().MaxMemoryMB),
                              cl::cat(Category));
const std::string MaxSecondsHelp =
    "Seconds the exploration of one analysed function may take before it is "
    "not fully explored (default: " +
    std::to_string(AnalysisOptions().MaxSeconds) + ")";
cl::opt<unsigned> MaxSeconds("max-seconds", cl::desc(MaxSecondsHelp),
                             cl::value_desc("N"),
                             cl::init(AnalysisOptions().MaxSeconds),
                             cl::cat(Category));
const std::string MaxUnitSecondsHelp =
    "Seconds the explorations of one translation unit may take together; the "
    "functions left then are not explored, and the output says so (default: " +
    std::to_string(AnalysisOptions().MaxUnitSeconds) + ")";
cl::opt<unsigned> MaxUnitSeconds("max-unit-seconds",
                                 cl::desc(MaxUnitSecondsHelp),
                                 cl::value_desc("N"),
                                 cl::init(AnalysisOptions().MaxUnitSeconds),
                                 cl::cat(Category));
cl::opt<bool> NoReduction(
    "no-reduction",
    cl::desc("Explore every interleaving of every goroutine, without the "
             "partial-order and symmetry reductions (slower; for checking "
             "them)"),
    cl::cat(Category));
cl::opt<bool> EachFunction(
    "each-function",
    cl::desc("Analyse every function of the main file on its own, with "
             "unknown arguments, instead of from the entry points (functions "
             "no other analysed function calls)"),
    cl::cat(Category));
cl::opt<std::string> SarifRoot(
    "sarif-root",
    cl::desc("Files under this folder are named relative to it in SARIF (as "
             "uriBaseId SRCROOT) and in baselines; default: the folder "
             "holding every analysed file"),
    cl::value_desc("dir"), cl::cat(Category));
cl::opt<std::string> DocsUrl(
    "docs-url",
    cl::desc("Where the checks' pages are published: SARIF rules' "
             "helpUri is <url>/<check>.md (default: " GOLIFE_DOCS_URL ")"),
    cl::value_desc("url"), cl::init(GOLIFE_DOCS_URL), cl::cat(Category));
cl::opt<std::string> BaselineFile(
    "baseline",
    cl::desc("Report only the findings this baseline (--export-baseline) "
             "does not list"),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> ExportBaseline(
    "export-baseline",
    cl::desc("Write the findings to <file> as a baseline for --baseline"),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> CacheDir(
    "cache-dir",
    cl::desc("Keep each translation unit's result in <dir>, and reuse it while "
             "the preprocessed unit, its flags, the options and golife "
             "(its version and binary) stay the same"),
    cl::value_desc("dir"), cl::cat(Category));
cl::opt<bool> NoCtu(
    "no-ctu",
    cl::desc("Analyse each translation unit alone: calls to functions other "
             "units define stay unknown (by default, with -p, golife imports "
             "their definitions through a cross-unit index)"),
    cl::cat(Category));
cl::opt<std::string> CtuDir(
    "ctu-dir",
    cl::desc("Folder where golife builds and reuses the cross-unit index of "
             "the compilation database (default: <build dir>/golife-ctu)"),
    cl::value_desc("dir"), cl::cat(Category));
cl::opt<std::string> ExtdefMapping(
    "extdef-mapping",
    cl::desc("The clang-extdef-mapping that builds the cross-unit index "
             "(default: " GOLIFE_EXTDEF_MAPPING ")"),
    cl::value_desc("path"), cl::init(GOLIFE_EXTDEF_MAPPING), cl::cat(Category));
cl::opt<bool> ListChecks("list-checks",
                         cl::desc("List the checks enabled for the first "
                                  "file (or the current folder) and exit"),
                         cl::cat(Category));

Place placeOf(FullSourceLoc Loc) {
  if (Loc.isInvalid())
    return {};
  PresumedLoc Presumed = Loc.getManager().getPresumedLoc(Loc.getExpansionLoc());
  if (Presumed.isInvalid())
    return {};
  SmallString<256> Path(Presumed.getFilename());
  // Relative to the unit's own working directory, not the process's: units
  // analysed in parallel each have theirs.
  Loc.getManager().getFileManager().makeAbsolutePath(Path);
  sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return {std::string(Path), Presumed.getLine(), Presumed.getColumn()};
}

/// clang-tidy's header filters over a finding: it is shown when its
/// location or a note's is in user code (the main file, another source file
/// of the database whose code was imported, or a header the header filter
/// matches and the exclude filter does not). System headers
/// are never user code unless SystemHeaders. (The line filter applies to
/// the run's findings, cached or not.)
bool inUserCode(const Finding &F, const SourceManager &SM,
                const FileSettings &Settings, const StringSet<> &Sources) {
  bool UserCode = false;
  auto Consider = [&](SourceLocation Loc) {
    if (Loc.isInvalid()) {
      UserCode = true;
      return;
    }
    if (!Settings.SystemHeaders &&
        (SM.isInSystemHeader(Loc) || SM.isInSystemMacro(Loc)))
      return;
    OptionalFileEntryRef File =
        SM.getFileEntryRefForID(SM.getDecomposedExpansionLoc(Loc).first);
    if (!File) {
      UserCode = true;
      return;
    }
    StringRef Name = File->getName();
    // Code imported from another unit of the database is user code too.
    UserCode = UserCode || SM.isInMainFile(Loc) ||
               Sources.contains(File->getFileEntry().tryGetRealPathName()) ||
               (Settings.HeaderFilter && Settings.HeaderFilter->match(Name) &&
                !(Settings.ExcludeHeaderFilter &&
                  Settings.ExcludeHeaderFilter->match(Name)));
  };
  Consider(F.Loc);
  for (const FindingNote &N : F.Notes)
    Consider(N.Loc);
  return UserCode;
}

/// The qualified name of the analysed function a finding comes from; part
/// of its fingerprint.
std::string functionName(const Decl *Enclosing) {
  // A lambda is named by the function it is written in.
  for (const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Enclosing);
       Method && Method->getParent()->isLambda();
       Method = dyn_cast_or_null<CXXMethodDecl>(Enclosing))
    Enclosing = dyn_cast<Decl>(Method->getParent()->getDeclContext());
  const auto *Named = dyn_cast_or_null<NamedDecl>(Enclosing);
  return Named ? Named->getQualifiedNameAsString() : std::string();
}

/// The cross-unit index, built the first time a unit has a definition to
/// import: a database whose units never need one (code that does not use
/// the runtime) costs no clang-extdef-mapping run.
class IndexOnDemand {
public:
  IndexOnDemand(CrossUnitIndex Described,
                const tooling::CompilationDatabase &Database,
                CrossUnitIndexOptions Options)
      : Index(std::move(Described)), Database(Database),
        Options(std::move(Options)) {}
  /// The folder, files and digest, known before it is built.
  const CrossUnitIndex &described() const { return Index; }
  /// The built index; nothing when it cannot be built (buildError() says
  /// why). Safe from several units' threads.
  const CrossUnitIndex *built() {
    std::call_once(Once, [&] {
      if (Error Failed = buildCrossUnitIndex(Index, Database, Options))
        BuildError = toString(std::move(Failed));
      Built = BuildError.empty();
    });
    return Built ? &Index : nullptr;
  }
  const std::string &buildError() const { return BuildError; }
  /// Whether a unit asked for it and it was built.
  bool wasBuilt() const { return Built; }

private:
  CrossUnitIndex Index;
  const tooling::CompilationDatabase &Database;
  const CrossUnitIndexOptions Options;
  std::once_flag Once;
  std::string BuildError;
  std::atomic<bool> Built = false;
};

/// Runs the analysis core on a translation unit, once per exploration
/// budget among its enabled checks, and keeps the findings that are not
/// suppressed and pass the filters.
class AnalyzeConsumer : public ASTConsumer {
public:
  AnalyzeConsumer(CompilerInstance &CI, IndexOnDemand *Index,
                  const FileSettings &Settings, UnitResult &Out)
      : CI(CI), Index(Index), Settings(Settings), Out(Out) {}

  void HandleTranslationUnit(ASTContext &Ctx) override {
    if (Ctx.getDiagnostics().hasErrorOccurred())
      return; // reported as a unit that does not compile
    // Holds the units the definitions came from until the analysis is done.
    std::optional<CrossUnitImporter> Importer;
    if (Index && !importDefinitions(Importer))
      return;
    std::map<unsigned, std::vector<const Check *>> ChecksByBudget;
    for (const FileSettings::EnabledCheck &C : Settings.Checks)
      ChecksByBudget[C.MaxStates].push_back(
          builtinChecks()[static_cast<unsigned>(C.Info->Kind)]);
    const SourceManager &SM = Ctx.getSourceManager();
    // [[clang::suppress]] silences a finding here as in the analyzer.
    ento::BugSuppression Suppression(Ctx);
    for (const auto &[Budget, Checks] : ChecksByBudget) {
      AnalysisOptions Options;
      Options.MaxStates = Budget;
      Options.MaxMemoryMB = MaxMemoryMB;
      Options.MaxSeconds = MaxSeconds;
      Options.MaxUnitSeconds = MaxUnitSeconds;
      Options.Reduce = !NoReduction;
      Options.EntryPointsOnly = !EachFunction;
      Options.Trace = Trace;
      AnalysisStats Stats;
      for (const Finding &F :
           analyzeTranslationUnit(Ctx, Checks, Options, &Stats)) {
        const FileSettings::EnabledCheck *Check = Settings.check(F.Check);
        if (Suppression.isSuppressed(ento::PathDiagnosticLocation(F.Loc, SM),
                                     F.Enclosing,
                                     {Check->Info->AnalyzerName}) ||
            !inUserCode(F, SM, Settings, Sources))
          continue;
        ReportedFinding R{Check->Info,
                          placeOf(FullSourceLoc(F.Loc, SM)),
                          F.Message,
                          {},
                          Check->WarningAsError,
                          functionName(F.Enclosing)};
        for (const FindingNote &N : F.Notes)
          R.Notes.push_back({placeOf(FullSourceLoc(N.Loc, SM)), N.Message});
        Out.Findings.push_back(std::move(R));
      }
      // A function analysed under several budgets is listed once (overloads
      // of one name apart, by their place).
      for (const IncompleteFunction &I : Stats.Incomplete) {
        IncompleteAnalysis Named{
            placeOf(FullSourceLoc(I.Function->getLocation(), SM)),
            I.Function->getQualifiedNameAsString(), I.Reason};
        if (llvm::none_of(Out.Incomplete, [&](const IncompleteAnalysis &Seen) {
              return Seen.Function == Named.Function &&
                     Seen.Where.File == Named.Where.File &&
                     Seen.Where.Line == Named.Where.Line &&
                     Seen.Where.Column == Named.Where.Column;
            }))
          Out.Incomplete.push_back(std::move(Named));
      }
    }
    // Analyses under different budgets each come sorted by place.
    if (ChecksByBudget.size() > 1)
      llvm::stable_sort(
          Out.Findings, [](const ReportedFinding &A, const ReportedFinding &B) {
            return std::tie(A.Where.File, A.Where.Line, A.Where.Column) <
                   std::tie(B.Where.File, B.Where.Line, B.Where.Column);
          });
  }

private:
  CompilerInstance &CI;
  IndexOnDemand *Index; ///< none with --no-ctu
  const FileSettings &Settings;
  UnitResult &Out;
  const StringSet<> NoSources;
  const StringSet<> &Sources = Index ? Index->described().Files : NoSources;

  /// Imports the definitions this unit calls from the units of the index;
  /// false when the index cannot be used (the unit's error says why).
  bool importDefinitions(std::optional<CrossUnitImporter> &Importer) {
    std::vector<const FunctionDecl *> Callees =
        calleesWithoutBody(*CI.getASTContext().getTranslationUnitDecl());
    if (Callees.empty())
      return true; // nothing to import: no index needed
    const CrossUnitIndex *Built = Index->built();
    if (!Built) {
      Out.Error = Index->buildError();
      return false;
    }
    AnalyzerOptions &Options = CI.getAnalyzerOpts();
    Options.CTUDir = Built->Dir;
    Options.CTUIndexName = Built->IndexName;
    Options.CTUInvocationList = Built->InvocationList;
    Importer.emplace(CI, DefaultMaxImportedUnits);
    CrossUnitImports Imports = Importer->importCalledDefinitions(
        std::move(Callees), AnalysisOptions().MaxCallDepth, Trace);
    if (!Imports.IndexError.empty()) {
      Out.Error = "the cross-unit index in '" + Built->Dir +
                  "' cannot be used: " + Imports.IndexError;
      return false;
    }
    for (const std::string &File : Importer->importedUnitFiles())
      if (std::optional<FileStamp> Stamp = stampOf(File))
        Out.ImportedInputs.push_back(std::move(*Stamp));
    const SourceManager &SM = CI.getSourceManager();
    for (const ImportFailure &Failure : Imports.Failures)
      Out.Incomplete.push_back(
          {placeOf(FullSourceLoc(Failure.Function->getLocation(), SM)),
           Failure.Function->getQualifiedNameAsString(),
           "its definition in another unit was not imported: " +
               Failure.Reason});
    return true;
  }
};

class AnalyzeAction : public ASTFrontendAction {
public:
  AnalyzeAction(IndexOnDemand *Index, const FileSettings &Settings,
                UnitResult &Out)
      : Index(Index), Settings(Settings), Out(Out) {}

protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef) override {
    return std::make_unique<AnalyzeConsumer>(CI, Index, Settings, Out);
  }

private:
  IndexOnDemand *Index;
  const FileSettings &Settings;
  UnitResult &Out;
};

class AnalyzeActionFactory : public tooling::FrontendActionFactory {
public:
  AnalyzeActionFactory(IndexOnDemand *Index, const FileSettings &Settings,
                       UnitResult &Out)
      : Index(Index), Settings(Settings), Out(Out) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<AnalyzeAction>(Index, Settings, Out);
  }

private:
  IndexOnDemand *Index;
  const FileSettings &Settings;
  UnitResult &Out;
};

int Errors = 0;

void error(const Twine &Message) {
  ++Errors;
  WithColor::error(errs(), "golife") << Message << "\n";
}

/// \p Path absolute, without . or ..
std::string absolutePath(StringRef Path) {
  SmallString<256> Absolute(Path);
  sys::fs::make_absolute(Absolute);
  sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
  return std::string(Absolute);
}

/// \p Folder absolute, without . or .., ending in '/'.
std::string folderPath(StringRef Folder) {
  std::string Path = absolutePath(Folder);
  if (!StringRef(Path).ends_with("/"))
    Path += '/';
  return Path;
}

/// The deepest folder holding every one of \p Files, ending in '/'.
std::string commonFolder(ArrayRef<std::string> Files) {
  std::string Common;
  for (const std::string &File : Files) {
    std::string Folder = folderPath(sys::path::parent_path(absolutePath(File)));
    if (Common.empty())
      Common = Folder;
    while (!StringRef(Folder).starts_with(Common))
      Common =
          folderPath(sys::path::parent_path(StringRef(Common).drop_back()));
  }
  return Common;
}

/// Everything the analysis of any translation unit needs; read only while
/// the units run in parallel.
struct Job {
  const tooling::CompilationDatabase &Database;
  const StringSet<> &Known;
  bool FlagsForEveryFile;
  const ResultCache *Cache; ///< none without --cache-dir
  IndexOnDemand *Index;     ///< none with --no-ctu
};

/// Everything besides the unit itself that changes its findings, as text:
/// the key of its cached result includes it.
std::string resultOptions(const clang::tidy::ClangTidyOptions &Options,
                          const FileSettings &Settings) {
  return dumpConfig(Options, Settings) +
         formatv("max-memory-mb={0} max-seconds={1} max-unit-seconds={2} "
                 "reduction={3} each-function={4}\n",
                 unsigned(MaxMemoryMB), unsigned(MaxSeconds),
                 unsigned(MaxUnitSeconds), !NoReduction, bool(EachFunction))
             .str();
}

UnitResult analyseUnit(const Job &J, const std::string &Source,
                       const FileSettings &Settings, StringRef ResultOptions) {
  UnitResult Result;
  const std::string Absolute = absolutePath(Source);
  if (!sys::fs::exists(Absolute)) {
    Result.Error = "'" + Source + "': no such file";
    return Result;
  }
  if (!J.FlagsForEveryFile && !J.Known.contains(Absolute)) {
    Result.Error = "'" + Source + "' is not in the compilation database";
    return Result;
  }
  // A file system of its own: its working directory (the compile command's
  // directory) is not the process's, which parallel units would race on.
  tooling::ClangTool Tool(J.Database, {Absolute},
                          std::make_shared<PCHContainerOperations>(),
                          vfs::createPhysicalFileSystem());
  for (const std::vector<std::string> &Before :
       {Settings.ExtraArgsBefore, std::vector<std::string>(ExtraArgsBefore)})
    Tool.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
        Before, tooling::ArgumentInsertPosition::BEGIN));
  for (const std::vector<std::string> &After :
       {Settings.ExtraArgs, std::vector<std::string>(ExtraArgs)})
    Tool.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
        After, tooling::ArgumentInsertPosition::END));
  Tool.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
      {"-resource-dir=" GOLIFE_CLANG_RESOURCE_DIR, "-Wno-everything"},
      tooling::ArgumentInsertPosition::END));
  std::optional<std::string> Key;
  if (J.Cache) {
    Key = ResultCache::keyOf(Tool, ResultOptions);
    if (Key)
      if (std::optional<UnitResult> Cached = J.Cache->lookup(*Key)) {
        if (Trace)
          errs() << "golife: " << Source << ": result from the cache\n";
        return std::move(*Cached);
      }
  }
  FirstErrorConsumer Diagnostics;
  Diagnostics.Place = [](FullSourceLoc Loc) {
    Place Where = placeOf(Loc);
    return Where.File + ":" + std::to_string(Where.Line) + ":" +
           std::to_string(Where.Column);
  };
  Tool.setDiagnosticConsumer(&Diagnostics);
  AnalyzeActionFactory Factory(J.Index, Settings, Result);
  int Status = Tool.run(&Factory);
  if (Status != 0 || !Diagnostics.FirstError.empty()) {
    Result.Findings.clear();
    Result.Incomplete.clear();
    Result.Error =
        "'" + Source + "' does not compile" +
        (Diagnostics.FirstError.empty() ? std::string()
                                        : ": " + Diagnostics.FirstError);
  }
  // A result whose functions ran out of time is kept too: the warm run
  // says the same as the cold one (docs/tool.md).
  if (Key && Result.Error.empty())
    if (Error Failed = J.Cache->store(*Key, Result))
      WithColor::warning(errs(), "golife")
          << toString(std::move(Failed)) << "\n";
  return Result;
}

/// "[3/10] src/server.cpp" on a terminal's stderr, rewritten in place.
class Progress {
public:
  Progress(size_t Total, bool Enabled) : Total(Total), Enabled(Enabled) {}
  void done(StringRef File) {
    std::lock_guard<std::mutex> Lock(Mutex);
    ++Done;
    if (Enabled)
      errs() << "\r\x1b[K[" << Done << "/" << Total << "] " << File;
  }
  void finish() {
    if (Enabled && Done)
      errs() << "\r\x1b[K";
  }

private:
  std::mutex Mutex;
  size_t Total, Done = 0;
  bool Enabled;
};

std::unique_ptr<tooling::CompilationDatabase>
loadFixedDatabase(int &Argc, const char **Argv) {
  std::string Message;
  // Flags after "--" describe every file: no database needed.
  if (auto Fixed = tooling::FixedCompilationDatabase::loadFromCommandLine(
          Argc, Argv, Message))
    return Fixed;
  if (!Message.empty()) {
    error(Message);
    return nullptr;
  }
  return nullptr;
}

/// Whether every option \p Argv names exists. LLVM's parser groups
/// single-letter options: '--hedaer-filter' would be -h -e ..., print the
/// help and exit 0; golife groups none, and an unknown option is an error.
bool namesKnownOptions(int Argc, const char **Argv) {
  const StringMap<cl::Option *> &Options = cl::getRegisteredOptions();
  for (int I = 1; I < Argc; ++I) {
    StringRef Arg(Argv[I]);
    if (!Arg.starts_with("-") || Arg == "-")
      continue;
    auto [Name, Value] = Arg.ltrim('-').split('=');
    if (Name == "h")
      continue; // LLVM's alias of --help, registered while parsing
    if (auto It = Options.find(Name); It != Options.end()) {
      // A value given apart ("-p build", "--extra-arg -Wall") is no option.
      if (It->second->getValueExpectedFlag() == cl::ValueRequired &&
          !Arg.contains('='))
        ++I;
      continue;
    }
    // "-j4": an option that takes its value glued on.
    auto Prefix = Options.find(Name.take_front(1));
    if (Prefix != Options.end() &&
        Prefix->second->getFormattingFlag() == cl::Prefix)
      continue;
    error("unknown option '" + Arg + "' (golife --help lists the options)");
    return false;
  }
  return true;
}

/// The database -p names: a build directory holding compile_commands.json,
/// or a JSON compilation database file of any name.
std::unique_ptr<tooling::CompilationDatabase>
loadDatabase(StringRef Path, std::string &Message) {
  if (!sys::fs::is_regular_file(Path))
    return tooling::CompilationDatabase::loadFromDirectory(Path, Message);
  auto File = tooling::JSONCompilationDatabase::loadFromFile(
      Path, Message, tooling::JSONCommandLineSyntax::AutoDetect);
  if (!File)
    return nullptr;
  // What loadFromDirectory does to the database it finds.
  return tooling::inferTargetAndDriverMode(tooling::inferMissingCompileCommands(
      tooling::expandResponseFiles(std::move(File), vfs::getRealFileSystem())));
}

/// The configuration's layers the command line gives: --config or
/// --config-file, and the options that override every configuration.
Expected<ConfigFinder> commandLineConfig() {
  std::optional<clang::tidy::ClangTidyOptions> Explicit;
  if (!ConfigText.empty() && !ConfigFile.empty())
    return createStringError("--config and --config-file exclude each other");
  if (!ConfigFile.empty()) {
    auto Buffer = MemoryBuffer::getFile(ConfigFile, /*IsText=*/true);
    if (!Buffer)
      return createStringError("cannot read '" + ConfigFile +
                               "': " + Buffer.getError().message());
    auto Parsed = parseConfig((*Buffer)->getBuffer(), ConfigFile);
    if (!Parsed)
      return Parsed.takeError();
    Explicit = std::move(*Parsed);
  } else if (!ConfigText.empty()) {
    auto Parsed = parseConfig(ConfigText, "--config");
    if (!Parsed)
      return Parsed.takeError();
    Explicit = std::move(*Parsed);
  }

  clang::tidy::ClangTidyOptions Overrides;
  if (ChecksGlob.getNumOccurrences())
    Overrides.Checks = ChecksGlob;
  if (HeaderFilter.getNumOccurrences())
    Overrides.HeaderFilterRegex = HeaderFilter;
  if (ExcludeHeaderFilter.getNumOccurrences())
    Overrides.ExcludeHeaderFilterRegex = ExcludeHeaderFilter;
  if (SystemHeaders.getNumOccurrences())
    Overrides.SystemHeaders = SystemHeaders;
  if (WarningsAsErrors.getNumOccurrences())
    Overrides.WarningsAsErrors = WarningsAsErrors;
  return ConfigFinder(std::move(Explicit), std::move(Overrides));
}

/// The files being analysed, one slot per running unit, for the last words
/// of a run that dies: read from a signal handler, so plain atomics.
std::atomic<const char *> InProgress[64];

/// Marks \p File as being analysed for as long as it lives.
class InProgressSlot {
public:
  explicit InProgressSlot(const std::string &File) {
    for (std::atomic<const char *> &Slot : InProgress) {
      const char *Free = nullptr;
      if (Slot.compare_exchange_strong(Free, File.c_str())) {
        Held = &Slot;
        return;
      }
    }
  }
  ~InProgressSlot() {
    if (Held)
      Held->store(nullptr);
  }

private:
  std::atomic<const char *> *Held = nullptr;
};

/// A file that does not compile is missing from the cross-unit index; one
/// analysed now says so itself, the others are named here.
void warnUnindexed(ArrayRef<std::string> Unindexed,
                   ArrayRef<std::string> Sources) {
  std::vector<std::string> Missing;
  for (const std::string &Why : Unindexed)
    if (llvm::none_of(Sources, [&](const std::string &Source) {
          return StringRef(Why).starts_with(absolutePath(Source) + ":");
        }))
      Missing.push_back(Why);
  if (!Missing.empty())
    WithColor::warning(errs(), "golife")
        << "calls into " << Missing.size()
        << (Missing.size() == 1 ? " file" : " files")
        << " of the compilation database stay unknown, not indexed: "
        << join(Missing, "; ") << "\n";
}

/// Writes "golife: error: <Why> while analysing <files>" with write(2)
/// only, and ends the run with status 2: a run that dies is never taken
/// for a clean one.
[[noreturn]] void dieWhileAnalysing(const char *Why) {
  auto Put = [](const char *Text) {
    if (::write(2, Text, std::strlen(Text)) < 0)
      return;
  };
  Put("\ngolife: error: ");
  Put(Why);
  Put(" while analysing");
  for (const std::atomic<const char *> &Slot : InProgress)
    if (const char *File = Slot.load()) {
      Put(" ");
      Put(File);
    }
  Put("; no result is reported\n");
  ::_exit(2);
}

} // namespace
} // namespace golife

int main(int Argc, const char **Argv) {
  using namespace golife;
  sys::PrintStackTraceOnErrorSignal(Argv[0]);
  // Out of memory (a cap, or the machine's) ends the run with status 2 and
  // a clear line, wherever the allocation failed.
  std::set_new_handler([] { dieWhileAnalysing("out of memory"); });
  install_bad_alloc_error_handler(
      [](void *, const char *, bool) { dieWhileAnalysing("out of memory"); });
  sys::AddSignalHandler(
      [](void *) { dieWhileAnalysing("crashed (a fatal signal)"); }, nullptr);
  cl::HideUnrelatedOptions(Category);
  cl::SetVersionPrinter([](raw_ostream &OS) {
    OS << "golife " << GOLIFE_VERSION << " (LLVM " << LLVM_VERSION_STRING
       << ")\n";
  });

  std::unique_ptr<tooling::CompilationDatabase> Database =
      loadFixedDatabase(Argc, Argv);
  const bool FlagsForEveryFile = Database != nullptr;
  if (Errors || !namesKnownOptions(Argc, Argv))
    return 2;
  if (!cl::ParseCommandLineOptions(
          Argc, Argv,
          "golife: finds goroutine lifetime bugs (leaks, deadlocks, loops "
          "without exit, unstopped tickers, contexts never cancelled)\n\n"
          "Configured as clang-tidy is: the nearest .clang-tidy above each "
          "file, or --config / --config-file; command-line options win.\n"
          "Flags after '--' are used for every file instead of a "
          "compilation database.\n",
          &errs()))
    return 2;

  clang::tidy::ClangTidyGlobalOptions Lines;
  if (!LineFilter.empty())
    if (std::error_code EC = clang::tidy::parseLineFilter(LineFilter, Lines)) {
      error("invalid --line-filter '" + LineFilter + "': " + EC.message());
      return 2;
    }
  const std::optional<unsigned> MaxStatesOverride =
      MaxStates.getNumOccurrences() ? std::optional<unsigned>(MaxStates)
                                    : std::nullopt;
  if (MaxStatesOverride == 0u) {
    error("--max-states must be a positive integer");
    return 2;
  }
  auto Config = commandLineConfig();
  if (!Config) {
    error(toString(Config.takeError()));
    return 2;
  }
  std::optional<Baseline> Accepted;
  if (!BaselineFile.empty()) {
    auto Read = Baseline::read(BaselineFile);
    if (!Read) {
      error(toString(Read.takeError()));
      return 2;
    }
    Accepted = std::move(*Read);
  }
  std::optional<ResultCache> Cache;
  if (!CacheDir.empty()) {
    auto Opened = ResultCache::open(CacheDir);
    if (!Opened) {
      error(toString(Opened.takeError()));
      return 2;
    }
    Cache = std::move(*Opened);
  }
  // The configuration of a file, or the error that stops it.
  auto SettingsFor = [&](StringRef File)
      -> Expected<std::pair<clang::tidy::ClangTidyOptions, FileSettings>> {
    auto Options = Config->optionsFor(File);
    if (!Options)
      return Options.takeError();
    auto Settings = settingsOf(*Options, MaxStatesOverride);
    if (!Settings)
      return Settings.takeError();
    return std::make_pair(std::move(*Options), std::move(*Settings));
  };

  if (ListChecks || DumpConfig) {
    // As clang-tidy: the configuration of the first file, or of the
    // current folder's files.
    auto First = SettingsFor(Files.empty() ? "dummy" : Files[0]);
    if (!First) {
      error(toString(First.takeError()));
      return 2;
    }
    if (DumpConfig) {
      outs() << dumpConfig(First->first, First->second);
      return 0;
    }
    outs() << "Enabled checks:\n";
    for (const FileSettings::EnabledCheck &C : First->second.Checks)
      outs() << "    " << C.Info->TidyName << "\n";
    return 0;
  }

  if (!Database) {
    std::string Message;
    if (!BuildPath.empty())
      Database = loadDatabase(BuildPath, Message);
    else if (!Files.empty())
      Database =
          tooling::CompilationDatabase::autoDetectFromSource(Files[0], Message);
    else
      Message = "no compilation database: give -p <build dir>, or compiler "
                "flags after '--'";
    if (!Database) {
      error(BuildPath.empty() ? Twine(Message)
                              : "cannot load a compilation database from '" +
                                    BuildPath + "': " + Message);
      return 2;
    }
  }

  std::vector<std::string> Sources(Files.begin(), Files.end());
  if (Sources.empty()) {
    // The database's own order is its implementation's: sort, so that the
    // output is the same from run to run.
    Sources = Database->getAllFiles();
    llvm::sort(Sources);
  }
  if (Sources.empty()) {
    error("the compilation database lists no file");
    return 2;
  }

  // The database loaded from a directory guesses commands for files it does
  // not list; a named file it does not list is the user's mistake.
  StringSet<> Known;
  for (const std::string &File : Database->getAllFiles()) {
    SmallString<256> Normal(File);
    sys::path::remove_dots(Normal, /*remove_dot_dot=*/true);
    Known.insert(Normal);
  }

  // Each file's configuration, read before the units run in parallel; a
  // file whose configuration is broken is an error, not analysed.
  std::vector<std::optional<FileSettings>> Settings(Sources.size());
  std::vector<std::string> ResultOptions(Sources.size());
  std::vector<const CheckInfo *> Enabled; // for any file, in CheckKind order
  std::vector<UnitResult> Results(Sources.size());
  for (size_t I = 0; I < Sources.size(); ++I) {
    auto Found = SettingsFor(Sources[I]);
    if (!Found) {
      Results[I].Error = toString(Found.takeError());
      continue;
    }
    for (const FileSettings::EnabledCheck &C : Found->second.Checks)
      if (!llvm::is_contained(Enabled, C.Info))
        Enabled.push_back(C.Info);
    ResultOptions[I] = resultOptions(Found->first, Found->second);
    Settings[I] = std::move(Found->second);
  }
  llvm::sort(Enabled, [](const CheckInfo *A, const CheckInfo *B) {
    return A->Kind < B->Kind;
  });
  if (Enabled.empty() &&
      llvm::all_of(Settings, [](const auto &S) { return S.has_value(); })) {
    error("no golife check is enabled for any file (see --checks and the "
          "configuration's Checks)");
    return 2;
  }

  // Across units: the index of the database's definitions, which every
  // unit's analysis imports from. Only with a database -p names: its
  // folder holds the index by default.
  std::optional<IndexOnDemand> Index;
  if (!NoCtu && !FlagsForEveryFile && (!BuildPath.empty() || !CtuDir.empty())) {
    SmallString<256> Dir(CtuDir);
    if (Dir.empty()) {
      Dir = sys::fs::is_regular_file(BuildPath)
                ? sys::path::parent_path(BuildPath)
                : StringRef(BuildPath);
      sys::path::append(Dir, "golife-ctu");
    }
    CrossUnitIndexOptions IndexOptions{
        std::string(Dir),
        ExtdefMapping,
        std::vector<std::string>(ExtraArgsBefore),
        std::vector<std::string>(ExtraArgs),
        Jobs,
        Trace};
    IndexOptions.ConfiguredArgs = [&](StringRef File) {
      // A file whose configuration is broken gets none: its own analysis
      // reports the configuration.
      auto Found = SettingsFor(File);
      if (!Found) {
        consumeError(Found.takeError());
        return std::make_pair(std::vector<std::string>(),
                              std::vector<std::string>());
      }
      return std::make_pair(std::move(Found->second.ExtraArgsBefore),
                            std::move(Found->second.ExtraArgs));
    };
    IndexOptions.ArgsAfter.insert(
        IndexOptions.ArgsAfter.end(),
        {"-resource-dir=" GOLIFE_CLANG_RESOURCE_DIR, "-Wno-everything"});
    auto Described = describeCrossUnitIndex(*Database, IndexOptions);
    if (!Described) {
      error(toString(Described.takeError()));
      return 2;
    }
    Index.emplace(std::move(*Described), *Database, std::move(IndexOptions));
    for (std::string &Options : ResultOptions)
      Options += "cross-unit-index=" + Index->described().Digest + "\n";
  }

  Job J{*Database, Known, FlagsForEveryFile, Cache ? &*Cache : nullptr,
        Index ? &*Index : nullptr};
  Progress Bar(Sources.size(), !Quiet && errs().is_displayed());
  {
    DefaultThreadPool Pool(hardware_concurrency(Jobs));
    for (size_t I = 0; I < Sources.size(); ++I)
      if (Settings[I] && !Settings[I]->Checks.empty())
        Pool.async([&, I] {
          InProgressSlot Slot(Sources[I]);
          Results[I] =
              analyseUnit(J, Sources[I], *Settings[I], ResultOptions[I]);
          Bar.done(Sources[I]);
        });
    Pool.wait();
  }
  Bar.finish();
  if (Index && Index->wasBuilt())
    warnUnindexed(Index->described().Unindexed, Sources);

  std::vector<ReportedFinding> Findings;
  std::vector<std::string> UnitErrors;
  std::vector<IncompleteAnalysis> Incomplete;
  for (UnitResult &Result : Results) {
    if (!Result.Error.empty()) {
      error(Result.Error);
      UnitErrors.push_back(std::move(Result.Error));
    }
    for (ReportedFinding &F : Result.Findings)
      Findings.push_back(std::move(F));
    // A definition several units could not import is listed once.
    for (IncompleteAnalysis &I : Result.Incomplete)
      if (llvm::none_of(Incomplete, [&](const IncompleteAnalysis &Seen) {
            return Seen.Function == I.Function && Seen.Reason == I.Reason &&
                   Seen.Where.File == I.Where.File &&
                   Seen.Where.Line == I.Where.Line;
          }))
        Incomplete.push_back(std::move(I));
  }

  // A leak reached from several units (code they all import) is one.
  dropRepeatedFindings(Findings);
  dropNolintFindings(Findings);
  // Before the line filter: a finding's occurrence index counts the
  // findings of its file that the diff hides too.
  assignFingerprints(Findings);
  dropFindingsOutsideLines(Findings, Lines.LineFilter);
  const std::string Root =
      SarifRoot.empty() ? commonFolder(Sources) : folderPath(SarifRoot);
  if (!ExportBaseline.empty())
    if (Error Failed = exportBaseline(ExportBaseline, Findings, Root)) {
      error(toString(std::move(Failed)));
      return 2;
    }
  if (Accepted)
    llvm::erase_if(
        Findings, [&](const ReportedFinding &F) { return Accepted->lists(F); });

  std::unique_ptr<raw_fd_ostream> File;
  if (!OutputFile.empty()) {
    std::error_code EC;
    File = std::make_unique<raw_fd_ostream>(OutputFile, EC, sys::fs::OF_Text);
    if (EC) {
      error("cannot write '" + OutputFile + "': " + EC.message());
      return 2;
    }
  }
  raw_ostream &OS = File ? *File : outs();
  switch (Format) {
  case OutputFormat::Text:
    writeText(OS, Findings, /*Snippets=*/OS.is_displayed(),
              /*Colors=*/OS.has_colors());
    break;
  case OutputFormat::Sarif:
    writeSarif(OS, Findings, Enabled, UnitErrors, Incomplete, {Root, DocsUrl});
    break;
  case OutputFormat::Json:
    writeJson(OS, Findings, UnitErrors, Incomplete);
    break;
  }
  // What golife could not finish is never dropped silently, even --quiet.
  writeIncompleteSummary(errs(), Incomplete);
  if (!Findings.empty() && !Quiet)
    errs() << Findings.size()
           << (Findings.size() == 1 ? " finding" : " findings") << " in "
           << Sources.size() << " translation unit"
           << (Sources.size() == 1 ? "" : "s") << "\n";
  if (Errors)
    return 2;
  return Findings.empty() ? 0 : 1;
}
