//===- Config.cpp - The tool's configuration, read as clang-tidy reads it -===//

#include "Config.h"
#include "Report.h"
#include "golife/Analysis.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/WithColor.h"

using namespace llvm;
using clang::tidy::ClangTidyOptions;

namespace golife {
namespace {

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

} // namespace

const FileSettings::EnabledCheck *FileSettings::check(CheckKind Kind) const {
  for (const EnabledCheck &C : Checks)
    if (C.Info->Kind == Kind)
      return &C;
  return nullptr;
}

Expected<ClangTidyOptions> parseConfig(StringRef Text, StringRef Source) {
  std::string FirstError;
  auto Options = clang::tidy::parseConfigurationWithDiags(
      MemoryBufferRef(Text, Source), [&](const SMDiagnostic &D) {
        std::string Where = Source.str() + ":" + std::to_string(D.getLineNo()) +
                            ":" + std::to_string(D.getColumnNo() + 1) + ": ";
        if (D.getKind() == SourceMgr::DK_Error) {
          if (FirstError.empty())
            FirstError = Where + D.getMessage().str();
          return;
        }
        WithColor::warning(errs(), "golife") << Where << D.getMessage() << "\n";
      });
  if (Options)
    return std::move(*Options);
  return createStringError(
      "invalid configuration " +
      (FirstError.empty()
           ? "'" + Source.str() + "': " + Options.getError().message()
           : FirstError));
}

ConfigFinder::ConfigFinder(std::optional<ClangTidyOptions> Explicit,
                           ClangTidyOptions Overrides)
    : Explicit(std::move(Explicit)), Overrides(std::move(Overrides)) {}

Expected<std::optional<ClangTidyOptions>>
ConfigFinder::folderOptions(StringRef Folder) {
  if (auto It = Cache.find(Folder); It != Cache.end())
    return It->second;
  StringRef Parent = sys::path::parent_path(Folder);
  auto InParent = [&]() -> Expected<std::optional<ClangTidyOptions>> {
    if (Parent.empty() || Parent == Folder)
      return std::nullopt;
    return folderOptions(Parent);
  };

  std::optional<ClangTidyOptions> Result;
  SmallString<256> File(Folder);
  sys::path::append(File, ".clang-tidy");
  if (sys::fs::is_regular_file(File)) {
    auto Buffer = MemoryBuffer::getFile(File, /*IsText=*/true);
    if (!Buffer)
      return createStringError("cannot read '" + File +
                               "': " + Buffer.getError().message());
    auto Own = parseConfig((*Buffer)->getBuffer(), File);
    if (!Own)
      return Own.takeError();
    if (Own->InheritParentConfig.value_or(false)) {
      auto Inherited = InParent();
      if (!Inherited)
        return Inherited.takeError();
      if (*Inherited) {
        (*Inherited)->mergeWith(*Own, /*Order=*/0);
        Own = std::move(**Inherited);
      }
    }
    Result = std::move(*Own);
  } else {
    auto Inherited = InParent();
    if (!Inherited)
      return Inherited.takeError();
    Result = std::move(*Inherited);
  }
  Cache[Folder] = Result;
  return Result;
}

Expected<ClangTidyOptions> ConfigFinder::optionsFor(StringRef File) {
  SmallString<256> Folder(File);
  sys::fs::make_absolute(Folder);
  sys::path::remove_dots(Folder, /*remove_dot_dot=*/true);
  sys::path::remove_filename(Folder);

  ClangTidyOptions Options;
  Options.Checks = "golife-*";
  Options.WarningsAsErrors = "";
  Options.HeaderFilterRegex = "";
  Options.ExcludeHeaderFilterRegex = "";
  Options.SystemHeaders = false;
  if (!Explicit || Explicit->InheritParentConfig.value_or(false)) {
    auto Found = folderOptions(Folder);
    if (!Found)
      return Found.takeError();
    if (*Found)
      Options.mergeWith(**Found, /*Order=*/0);
  }
  if (Explicit)
    Options.mergeWith(*Explicit, /*Order=*/0);
  Options.mergeWith(Overrides, /*Order=*/0);
  Options.InheritParentConfig.reset();
  return Options;
}

namespace {

/// The check's own key, else the global one. clang-tidy 19 does so whatever
/// configuration file each key comes from (a folder's global key does not
/// outrank its parent folder's local key), so golife does too.
const ClangTidyOptions::ClangTidyValue *
localOrGlobal(const ClangTidyOptions::OptionMap &Map, StringRef Check,
              StringRef Name) {
  auto It = Map.find((Check + "." + Name).str());
  if (It == Map.end())
    It = Map.find(Name);
  return It == Map.end() ? nullptr : &It->second;
}

Expected<std::shared_ptr<Regex>>
regexOption(StringRef Name, const std::optional<std::string> &Pattern) {
  if (!Pattern || Pattern->empty())
    return nullptr;
  auto Compiled = std::make_shared<Regex>(*Pattern);
  std::string Error;
  if (!Compiled->isValid(Error))
    return createStringError("invalid " + Name + " '" + *Pattern +
                             "': " + Error);
  return Compiled;
}

} // namespace

Expected<FileSettings> settingsOf(const ClangTidyOptions &Options,
                                  std::optional<unsigned> MaxStatesOverride) {
  FileSettings Settings;
  for (const CheckInfo &Info : allCheckInfos()) {
    if (!globListMatches(Options.Checks.value_or(""), Info.TidyName))
      continue;
    unsigned MaxStates = AnalysisOptions().MaxStates;
    if (MaxStatesOverride)
      MaxStates = *MaxStatesOverride;
    else if (const auto *Value = localOrGlobal(Options.CheckOptions,
                                               Info.TidyName, "MaxStates")) {
      if (StringRef(Value->Value).trim().getAsInteger(10, MaxStates) ||
          MaxStates == 0)
        return createStringError("invalid MaxStates '" + Value->Value +
                                 "' for " + Info.TidyName +
                                 ": expected a positive integer");
    }
    Settings.Checks.push_back(
        {&Info, MaxStates,
         globListMatches(Options.WarningsAsErrors.value_or(""),
                         Info.TidyName)});
  }
  auto Header = regexOption("HeaderFilterRegex", Options.HeaderFilterRegex);
  if (!Header)
    return Header.takeError();
  auto Exclude =
      regexOption("ExcludeHeaderFilterRegex", Options.ExcludeHeaderFilterRegex);
  if (!Exclude)
    return Exclude.takeError();
  Settings.HeaderFilter = std::move(*Header);
  Settings.ExcludeHeaderFilter = std::move(*Exclude);
  Settings.SystemHeaders = Options.SystemHeaders.value_or(false);
  Settings.ExtraArgs = Options.ExtraArgs.value_or(ClangTidyOptions::ArgList());
  Settings.ExtraArgsBefore =
      Options.ExtraArgsBefore.value_or(ClangTidyOptions::ArgList());
  return Settings;
}

std::string dumpConfig(ClangTidyOptions Options, const FileSettings &Settings) {
  for (const FileSettings::EnabledCheck &C : Settings.Checks)
    Options.CheckOptions.insert_or_assign(
        (C.Info->TidyName + ".MaxStates").str(),
        ClangTidyOptions::ClangTidyValue(std::to_string(C.MaxStates)));
  return clang::tidy::configurationAsText(Options);
}

bool passesLineFilter(ArrayRef<clang::tidy::FileFilter> Filter, StringRef File,
                      unsigned Line) {
  if (Filter.empty())
    return true;
  for (const clang::tidy::FileFilter &F : Filter) {
    if (!File.ends_with(F.Name))
      continue;
    if (F.LineRanges.empty())
      return true;
    for (const auto &[First, Last] : F.LineRanges)
      if (First <= Line && Line <= Last)
        return true;
    return false;
  }
  return false;
}

void dropFindingsOutsideLines(std::vector<ReportedFinding> &Findings,
                              ArrayRef<clang::tidy::FileFilter> Filter) {
  // A place the compiler could not name (File empty) passes, as before.
  auto Passes = [&](const Place &Where) {
    return Where.File.empty() ||
           passesLineFilter(Filter, Where.File, Where.Line);
  };
  llvm::erase_if(Findings, [&](const ReportedFinding &F) {
    return !Passes(F.Where) &&
           llvm::none_of(
               F.Notes, [&](const ReportedNote &N) { return Passes(N.Where); });
  });
}

} // namespace golife
