//===- GolifeMain.cpp - golife: the standalone tool -----------------------===//
//
// golife [options] [files...] analyses translation units of a compilation
// database with golife's Static Analyzer checkers, registered statically, and
// prints what they find. Exit status: 0 clean, 1 findings, 2 errors.
//
//===----------------------------------------------------------------------===//

#include "Checks.h"
#include "Report.h"
#include "golife/Analysis.h"
#include "golife/Finding.h"
#include "clang/Analysis/PathDiagnostic.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/StaticAnalyzer/Core/AnalyzerOptions.h"
#include "clang/StaticAnalyzer/Frontend/AnalysisConsumer.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
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
#include <mutex>

using namespace clang;
using namespace llvm;

namespace golife {
namespace {

cl::OptionCategory Category("golife options");

cl::opt<std::string>
    BuildPath("p", cl::desc("Build directory holding compile_commands.json"),
              cl::value_desc("dir"), cl::cat(Category));
cl::list<std::string> Files(cl::Positional,
                            cl::desc("[<file> ...] (default: every file of "
                                     "the compilation database)"),
                            cl::cat(Category));
cl::opt<std::string> ChecksGlob(
    "checks",
    cl::desc("Checks to run, in clang-tidy's glob syntax over the check names "
             "(e.g. '-*,golife-channel-leak'); default 'golife-*'"),
    cl::init("golife-*"), cl::cat(Category));
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
                       cl::value_desc("N"), cl::init(0), cl::cat(Category));
cl::opt<bool> Quiet("quiet",
                    cl::desc("No progress line and no summary on stderr"),
                    cl::cat(Category));
// cl::desc keeps a reference: the text must outlive the option.
const std::string MaxStatesHelp =
    "Distinct states explored per analysed function; past it the function is "
    "skipped without a finding (default: " +
    std::to_string(AnalysisOptions().MaxStates) + ")";
cl::opt<unsigned> MaxStates("max-states", cl::desc(MaxStatesHelp),
                            cl::value_desc("N"),
                            cl::init(AnalysisOptions().MaxStates),
                            cl::cat(Category));
cl::opt<bool> ListChecks("list-checks",
                         cl::desc("List the checks --checks enables and exit"),
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

const CheckInfo *checkNamed(StringRef AnalyzerName) {
  for (const CheckInfo &Info : allCheckInfos())
    if (Info.AnalyzerName == AnalyzerName)
      return &Info;
  return nullptr;
}

/// Receives the analyzer's reports with their paths and keeps them as
/// ReportedFindings.
class CollectingPathConsumer final : public ento::PathDiagnosticConsumer {
public:
  explicit CollectingPathConsumer(std::vector<ReportedFinding> &Out)
      : Out(Out) {}

  void FlushDiagnosticsImpl(std::vector<const ento::PathDiagnostic *> &Diags,
                            FilesMade *) override {
    for (const ento::PathDiagnostic *D : Diags) {
      const CheckInfo *Check = checkNamed(D->getCheckerName());
      if (!Check)
        continue;
      ReportedFinding F{Check,
                        placeOf(D->getLocation().asLocation()),
                        D->getVerboseDescription().str(),
                        {}};
      for (const auto &Piece : D->path.flatten(/*ShouldFlattenMacros=*/true)) {
        ReportedNote Note{placeOf(Piece->getLocation().asLocation()),
                          Piece->getString().str()};
        bool IsTheWarning = Note.Where.Line == F.Where.Line &&
                            Note.Where.File == F.Where.File &&
                            Note.Message == F.Message;
        if (!IsTheWarning)
          F.Notes.push_back(std::move(Note));
      }
      Out.push_back(std::move(F));
    }
  }

  StringRef getName() const override { return "golife"; }
  PathGenerationScheme getGenerationScheme() const override { return Minimal; }

private:
  std::vector<ReportedFinding> &Out;
};

/// clang-tidy's glob list: comma-separated globs, '-' negates, '*' matches
/// anything, the last matching glob decides.
bool globListMatches(StringRef GlobList, StringRef Name) {
  bool Enabled = false;
  SmallVector<StringRef> Globs;
  GlobList.split(Globs, ',', -1, /*KeepEmpty=*/false);
  for (StringRef Glob : Globs) {
    Glob = Glob.trim();
    bool Negative = Glob.consume_front("-");
    if (globMatches(Glob, Name))
      Enabled = !Negative;
  }
  return Enabled;
}

/// Runs golife's analyzer checkers on each translation unit.
class AnalyzeAction : public ASTFrontendAction {
public:
  AnalyzeAction(std::vector<std::string> Checkers,
                std::vector<ReportedFinding> &Out)
      : Checkers(std::move(Checkers)), Out(Out) {}

protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef) override {
    AnalyzerOptions &Opts = CI.getAnalyzerOpts();
    Opts.CheckersAndPackages.clear();
    for (const std::string &Name : Checkers)
      Opts.CheckersAndPackages.emplace_back(Name, /*Enabled=*/true);
    Opts.AnalysisDiagOpt = PD_NONE;
    if (Trace)
      Opts.Config["golife:Trace"] = "true";
    Opts.Config["golife:MaxStates"] = std::to_string(MaxStates);
    auto Consumer = ento::CreateAnalysisConsumer(CI);
    Consumer->AddCheckerRegistrationFn(registerAnalyzerCheckers);
    Consumer->AddDiagnosticConsumer(new CollectingPathConsumer(Out));
    return Consumer;
  }

private:
  std::vector<std::string> Checkers;
  std::vector<ReportedFinding> &Out;
};

class AnalyzeActionFactory : public tooling::FrontendActionFactory {
public:
  AnalyzeActionFactory(std::vector<std::string> Checkers,
                       std::vector<ReportedFinding> &Out)
      : Checkers(std::move(Checkers)), Out(Out) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<AnalyzeAction>(Checkers, Out);
  }

private:
  std::vector<std::string> Checkers;
  std::vector<ReportedFinding> &Out;
};

/// Keeps the first compiler error of a translation unit, and prints nothing.
class FirstErrorConsumer : public DiagnosticConsumer {
public:
  std::string FirstError;

  void HandleDiagnostic(DiagnosticsEngine::Level Level,
                        const Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Level < DiagnosticsEngine::Error || !FirstError.empty())
      return;
    SmallString<128> Message;
    Info.FormatDiagnostic(Message);
    FirstError = Message.str().str();
    if (Info.hasSourceManager() && Info.getLocation().isValid()) {
      Place Where =
          placeOf(FullSourceLoc(Info.getLocation(), Info.getSourceManager()));
      FirstError = Where.File + ":" + std::to_string(Where.Line) + ":" +
                   std::to_string(Where.Column) + ": " + FirstError;
    }
  }
};

int Errors = 0;

void error(const Twine &Message) {
  ++Errors;
  WithColor::error(errs(), "golife") << Message << "\n";
}

/// What the analysis of one translation unit gave.
struct UnitResult {
  std::vector<ReportedFinding> Findings;
  std::string Error; ///< why it could not be analysed
};

/// Everything the analysis of any translation unit needs; read only while
/// the units run in parallel.
struct Job {
  const tooling::CompilationDatabase &Database;
  const StringSet<> &Known;
  bool FlagsForEveryFile;
  std::vector<std::string> Checkers;
};

UnitResult analyseUnit(const Job &J, const std::string &Source) {
  UnitResult Result;
  SmallString<256> Absolute(Source);
  sys::fs::make_absolute(Absolute);
  sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
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
  tooling::ClangTool Tool(J.Database, {std::string(Absolute)},
                          std::make_shared<PCHContainerOperations>(),
                          vfs::createPhysicalFileSystem());
  Tool.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
      ExtraArgsBefore, tooling::ArgumentInsertPosition::BEGIN));
  Tool.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
      ExtraArgs, tooling::ArgumentInsertPosition::END));
  Tool.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
      {"-resource-dir=" GOLIFE_CLANG_RESOURCE_DIR, "-Wno-everything"},
      tooling::ArgumentInsertPosition::END));
  FirstErrorConsumer Diagnostics;
  Tool.setDiagnosticConsumer(&Diagnostics);
  AnalyzeActionFactory Factory(J.Checkers, Result.Findings);
  int Status = Tool.run(&Factory);
  if (Status != 0 || !Diagnostics.FirstError.empty()) {
    Result.Findings.clear();
    Result.Error =
        "'" + Source + "' does not compile" +
        (Diagnostics.FirstError.empty() ? std::string()
                                        : ": " + Diagnostics.FirstError);
  }
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

} // namespace
} // namespace golife

int main(int Argc, const char **Argv) {
  using namespace golife;
  sys::PrintStackTraceOnErrorSignal(Argv[0]);
  cl::HideUnrelatedOptions(Category);
  cl::SetVersionPrinter([](raw_ostream &OS) {
    OS << "golife " << GOLIFE_VERSION << " (LLVM " << LLVM_VERSION_STRING
       << ")\n";
  });

  std::unique_ptr<tooling::CompilationDatabase> Database =
      loadFixedDatabase(Argc, Argv);
  const bool FlagsForEveryFile = Database != nullptr;
  if (Errors)
    return 2;
  if (!cl::ParseCommandLineOptions(
          Argc, Argv,
          "golife: finds goroutine lifetime bugs (leaks, deadlocks, loops "
          "without exit, unstopped tickers, contexts never cancelled)\n\n"
          "Flags after '--' are used for every file instead of a "
          "compilation database.\n",
          &errs()))
    return 2;

  std::vector<const CheckInfo *> Enabled;
  std::vector<std::string> Checkers;
  for (const CheckInfo &Info : allCheckInfos())
    if (globListMatches(ChecksGlob, Info.TidyName)) {
      Enabled.push_back(&Info);
      Checkers.push_back(Info.AnalyzerName.str());
    }
  if (ListChecks) {
    outs() << "Enabled checks:\n";
    for (const CheckInfo *Info : Enabled)
      outs() << "    " << Info->TidyName << "\n";
    return 0;
  }
  if (Checkers.empty()) {
    error("--checks='" + ChecksGlob + "' enables no check");
    return 2;
  }

  if (!Database) {
    std::string Message;
    if (!BuildPath.empty())
      Database =
          tooling::CompilationDatabase::loadFromDirectory(BuildPath, Message);
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

  Job J{*Database, Known, FlagsForEveryFile, Checkers};
  std::vector<UnitResult> Results(Sources.size());
  Progress Bar(Sources.size(), !Quiet && errs().is_displayed());
  {
    DefaultThreadPool Pool(hardware_concurrency(Jobs));
    for (size_t I = 0; I < Sources.size(); ++I)
      Pool.async([&, I] {
        Results[I] = analyseUnit(J, Sources[I]);
        Bar.done(Sources[I]);
      });
    Pool.wait();
  }
  Bar.finish();

  std::vector<ReportedFinding> Findings;
  std::vector<std::string> UnitErrors;
  for (UnitResult &Result : Results) {
    if (!Result.Error.empty()) {
      error(Result.Error);
      UnitErrors.push_back(std::move(Result.Error));
    }
    for (ReportedFinding &F : Result.Findings)
      Findings.push_back(std::move(F));
  }

  dropNolintFindings(Findings);

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
    writeSarif(OS, Findings, Enabled);
    break;
  case OutputFormat::Json:
    writeJson(OS, Findings, UnitErrors);
    break;
  }
  if (!Findings.empty() && !Quiet)
    errs() << Findings.size()
           << (Findings.size() == 1 ? " finding" : " findings") << " in "
           << Sources.size() << " translation unit"
           << (Sources.size() == 1 ? "" : "s") << "\n";
  if (Errors)
    return 2;
  return Findings.empty() ? 0 : 1;
}
