//===- CrossUnitIndex.cpp - The cross-TU index over a compilation database ===//

#include "CrossUnitIndex.h"
#include "clang/CrossTU/CrossTranslationUnit.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MD5.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"
#include <map>

using namespace llvm;

namespace golife {
namespace {

/// One file of the database: the path clang-extdef-mapping names it by
/// (its real path) and the command that compiles it.
struct Unit {
  std::string Path;
  clang::tooling::CompileCommand Command;
};

std::string quoted(StringRef Text) {
  std::string Out;
  raw_string_ostream OS(Out);
  OS << json::Value(Text.str());
  return Out;
}

/// The database's files, the first command of each, with the analysis's
/// extra arguments.
std::vector<Unit> unitsOf(const clang::tooling::CompilationDatabase &Database,
                          const CrossUnitIndexOptions &Options) {
  std::vector<Unit> Units;
  StringMap<bool> Seen;
  for (clang::tooling::CompileCommand &Command :
       Database.getAllCompileCommands()) {
    SmallString<256> File(Command.Filename);
    sys::fs::make_absolute(Command.Directory, File);
    SmallString<256> Real;
    if (sys::fs::real_path(File, Real) || !Seen.try_emplace(Real, true).second)
      continue; // missing: its analysis says so; a second configuration
    std::vector<std::string> &Line = Command.CommandLine;
    auto Add = [&Line](ArrayRef<std::string> Before,
                       ArrayRef<std::string> After) {
      if (!Line.empty())
        Line.insert(Line.begin() + 1, Before.begin(), Before.end());
      Line.insert(Line.end(), After.begin(), After.end());
    };
    if (Options.ConfiguredArgs) {
      auto [Before, After] = Options.ConfiguredArgs(File);
      Add(Before, After);
    }
    Add(Options.ArgsBefore, Options.ArgsAfter);
    Units.push_back({std::string(Real), std::move(Command)});
  }
  llvm::sort(Units,
             [](const Unit &A, const Unit &B) { return A.Path < B.Path; });
  return Units;
}

/// What decides the index: every command, and every file's size and time.
std::string inputsOf(ArrayRef<Unit> Units) {
  std::string Text;
  raw_string_ostream OS(Text);
  for (const Unit &U : Units) {
    sys::fs::file_status Status;
    sys::fs::status(U.Path, Status);
    OS << U.Path << " " << Status.getSize() << " "
       << Status.getLastModificationTime().time_since_epoch().count() << " "
       << U.Command.Directory;
    for (const std::string &Arg : U.Command.CommandLine)
      OS << " " << quoted(Arg);
    OS << "\n";
  }
  return Text;
}

Error writeFile(StringRef Path, StringRef Text) {
  std::error_code EC;
  raw_fd_ostream OS(Path, EC, sys::fs::OF_Text);
  if (EC)
    return createStringError(EC,
                             "cannot write '" + Path + "': " + EC.message());
  OS << Text;
  return Error::success();
}

std::string readFile(StringRef Path) {
  auto Buffer = MemoryBuffer::getFile(Path, /*IsText=*/true);
  return Buffer ? (*Buffer)->getBuffer().str() : std::string();
}

std::string pathIn(StringRef Dir, const Twine &Name) {
  SmallString<256> Path(Dir);
  sys::path::append(Path, Name);
  return std::string(Path);
}

/// Runs clang-extdef-mapping on each unit, in parallel: each unit's lines
/// of the index, and the units it failed on with their first error.
void mapDefinitions(ArrayRef<Unit> Units, const CrossUnitIndexOptions &Options,
                    StringRef Work, std::vector<std::string> &Definitions,
                    std::vector<std::string> &Unindexed) {
  Definitions.assign(Units.size(), std::string());
  std::vector<std::string> Failed(Units.size());
  {
    DefaultThreadPool Pool(hardware_concurrency(Options.Jobs));
    for (size_t I = 0; I < Units.size(); ++I)
      Pool.async([&, I] {
        std::string Out = pathIn(Work, Twine(I) + ".txt");
        std::string Log = pathIn(Work, Twine(I) + ".log");
        std::string Status;
        int Code = sys::ExecuteAndWait(
            Options.ExtdefMapping,
            {Options.ExtdefMapping, "-p", Work, Units[I].Path},
            /*Env=*/std::nullopt,
            {StringRef(""), StringRef(Out), StringRef(Log)},
            /*SecondsToWait=*/0, /*MemoryLimit=*/0, &Status);
        Definitions[I] = readFile(Out);
        if (Code != 0) {
          StringRef FirstLine;
          std::string Text = readFile(Log);
          for (StringRef Line : split(Text, '\n'))
            if (Line.contains("error:")) {
              FirstLine = Line;
              break;
            }
          Failed[I] = Units[I].Path + ": " +
                      (FirstLine.empty() ? StringRef(Status) : FirstLine).str();
        }
      });
    Pool.wait();
  }
  for (std::string &Why : Failed)
    if (!Why.empty())
      Unindexed.push_back(std::move(Why));
}

/// The compilation database clang-extdef-mapping reads: the analysis's
/// commands, whatever the user's database is named.
std::string databaseOf(ArrayRef<Unit> Units) {
  std::string Text;
  raw_string_ostream OS(Text);
  json::OStream J(OS, 2);
  J.array([&] {
    for (const Unit &U : Units)
      J.object([&] {
        J.attribute("directory", U.Command.Directory);
        J.attribute("file", U.Path);
        J.attributeArray("arguments", [&] {
          for (const std::string &Arg : U.Command.CommandLine)
            J.value(Arg);
        });
      });
  });
  return Text;
}

/// The invocation list of the Static Analyzer's on-demand parsing: each
/// file's command, run in its own directory.
std::string invocationsOf(ArrayRef<Unit> Units) {
  std::string Text;
  raw_string_ostream OS(Text);
  for (const Unit &U : Units) {
    if (U.Command.CommandLine.empty())
      continue;
    OS << quoted(U.Path) << ": [" << quoted(U.Command.CommandLine.front())
       << ", " << quoted("-working-directory=" + U.Command.Directory);
    for (const std::string &Arg : ArrayRef(U.Command.CommandLine).drop_front())
      OS << ", " << quoted(Arg);
    OS << "]\n";
  }
  return Text;
}

} // namespace

Expected<CrossUnitIndex>
describeCrossUnitIndex(const clang::tooling::CompilationDatabase &Database,
                       const CrossUnitIndexOptions &Options) {
  CrossUnitIndex Index;
  SmallString<256> Dir(Options.Dir);
  sys::fs::make_absolute(Dir);
  sys::path::remove_dots(Dir, /*remove_dot_dot=*/true);
  Index.Dir = std::string(Dir);
  Index.InvocationList = pathIn(Dir, "invocations.yaml");
  if (std::error_code EC = sys::fs::create_directories(Dir))
    return createStringError(EC, "cannot create the cross-unit index folder '" +
                                     Index.Dir + "': " + EC.message());

  std::vector<Unit> Units = unitsOf(Database, Options);
  for (const Unit &U : Units)
    Index.Files.insert(U.Path);
  std::string Inputs = inputsOf(Units);
  MD5 Hash;
  Hash.update(Inputs);
  MD5::MD5Result Sum;
  Hash.final(Sum);
  Index.Digest = Sum.digest().str().str();
  Index.Inputs = std::move(Inputs);
  return Index;
}

Error buildCrossUnitIndex(CrossUnitIndex &Index,
                          const clang::tooling::CompilationDatabase &Database,
                          const CrossUnitIndexOptions &Options) {
  const std::string &Dir = Index.Dir;
  const std::string &Inputs = Index.Inputs;
  // Reused when built from the same inputs (the stamp is written last).
  const std::string Stamp = pathIn(Dir, "inputs.txt");
  const std::string UnindexedFile = pathIn(Dir, "unindexed.txt");
  const std::string AmbiguousFile = pathIn(Dir, "ambiguous.txt");
  const std::string IndexFile = pathIn(Dir, Index.IndexName);
  if (readFile(Stamp) == Inputs && sys::fs::exists(IndexFile) &&
      sys::fs::exists(Index.InvocationList)) {
    std::string Unindexed = readFile(UnindexedFile);
    for (StringRef Line : split(Unindexed, '\n'))
      if (!Line.empty())
        Index.Unindexed.push_back(Line.str());
    if (StringRef(readFile(AmbiguousFile))
            .trim()
            .getAsInteger(10, Index.Ambiguous))
      Index.Ambiguous = 0;
    if (Options.Trace)
      errs() << "golife: cross-unit index reused: " << IndexFile << "\n";
    return Error::success();
  }

  if (!sys::fs::can_execute(Options.ExtdefMapping))
    return createStringError(
        "clang-extdef-mapping, which builds the cross-unit index, is not at "
        "'" +
        Options.ExtdefMapping +
        "': give its path with --extdef-mapping=<path>, or analyse each "
        "unit alone with --no-ctu");
  sys::fs::remove(Stamp);
  std::vector<Unit> Units = unitsOf(Database, Options);
  const std::string Work = pathIn(Dir, "units");
  sys::fs::remove_directories(Work);
  if (std::error_code EC = sys::fs::create_directories(Work))
    return createStringError(EC,
                             "cannot create '" + Work + "': " + EC.message());
  if (Error Failed =
          writeFile(pathIn(Work, "compile_commands.json"), databaseOf(Units)))
    return std::move(Failed);
  std::vector<std::string> Definitions;
  mapDefinitions(Units, Options, Work, Definitions, Index.Unindexed);

  // A name several files define (each program's main) is left out: the
  // analysis cannot tell which definition a call reaches.
  std::map<std::string, std::string> Defined;
  std::map<std::string, unsigned> Count;
  for (const std::string &Text : Definitions)
    for (StringRef Line : split(Text, '\n')) {
      auto [Length, Rest] = Line.split(':');
      unsigned Size = 0;
      if (Length.getAsInteger(10, Size) || Size >= Rest.size())
        continue;
      std::string Name = (Length + ":" + Rest.take_front(Size)).str();
      Defined[Name] = Rest.drop_front(Size + 1).str();
      ++Count[Name];
    }
  std::string IndexText;
  for (const auto &[Name, File] : Defined) {
    if (Count[Name] > 1) {
      ++Index.Ambiguous;
      continue;
    }
    IndexText += Name + " " + File + "\n";
  }
  for (const auto &[Path, Text] :
       {std::pair{IndexFile, IndexText},
        std::pair{Index.InvocationList, invocationsOf(Units)},
        std::pair{UnindexedFile, join(Index.Unindexed, "\n")},
        std::pair{AmbiguousFile, std::to_string(Index.Ambiguous)},
        std::pair{Stamp, Inputs}})
    if (Error Failed = writeFile(Path, Text))
      return std::move(Failed);
  if (Options.Trace)
    errs() << "golife: cross-unit index built: " << IndexFile << " ("
           << Defined.size() - Index.Ambiguous << " definitions)\n";
  return Error::success();
}

} // namespace golife
