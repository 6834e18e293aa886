//===- Cache.cpp - Results of translation units already analysed ----------===//

#include "Cache.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Frontend/Utils.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/BLAKE3.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace llvm;

namespace golife {
namespace {

/// Bumped when an entry's content changes shape or meaning.
constexpr StringLiteral EntryFormat = "golife-cache 2";

/// A stream that hashes what is written to it instead of keeping it.
class HashingStream : public raw_ostream {
public:
  explicit HashingStream(BLAKE3 &Hash) : Hash(Hash) { SetUnbuffered(); }

private:
  void write_impl(const char *Data, size_t Size) override {
    Hash.update(StringRef(Data, Size));
    Written += Size;
  }
  uint64_t current_pos() const override { return Written; }

  BLAKE3 &Hash;
  uint64_t Written = 0;
};

/// Hashes the compiler invocation and the preprocessed unit (with its line
/// markers: a finding's place depends on them).
class HashUnitAction : public clang::PreprocessorFrontendAction {
public:
  explicit HashUnitAction(BLAKE3 &Hash) : Hash(Hash) {}

private:
  void ExecuteAction() override {
    clang::CompilerInstance &CI = getCompilerInstance();
    for (const std::string &Arg : CI.getInvocation().getCC1CommandLine()) {
      Hash.update(Arg);
      Hash.update(StringRef("\0", 1));
    }
    clang::PreprocessorOutputOptions Output;
    Output.ShowCPP = true;
    Output.ShowLineMarkers = true;
    HashingStream OS(Hash);
    clang::DoPrintPreprocessedInput(CI.getPreprocessor(), &OS, Output);
  }

  BLAKE3 &Hash;
};

class HashUnitFactory : public clang::tooling::FrontendActionFactory {
public:
  explicit HashUnitFactory(BLAKE3 &Hash) : Hash(Hash) {}
  std::unique_ptr<clang::FrontendAction> create() override {
    return std::make_unique<HashUnitAction>(Hash);
  }

private:
  BLAKE3 &Hash;
};

/// Counts the preprocessor's errors (the base class does) and prints none:
/// the analysis reports them.
class SilentDiagnostics : public clang::DiagnosticConsumer {};

json::Value toJSON(const Place &Where) {
  return json::Object{
      {"file", Where.File}, {"line", Where.Line}, {"column", Where.Column}};
}

json::Value toJSON(const ReportedFinding &F) {
  json::Array Notes;
  for (const ReportedNote &N : F.Notes)
    Notes.push_back(
        json::Object{{"where", toJSON(N.Where)}, {"message", N.Message}});
  return json::Object{{"check", F.Check->TidyName}, {"where", toJSON(F.Where)},
                      {"message", F.Message},       {"notes", std::move(Notes)},
                      {"error", F.AsError},         {"function", F.Function}};
}

json::Value toJSON(const UnitResult &Result) {
  json::Array Findings, Incomplete;
  for (const ReportedFinding &F : Result.Findings)
    Findings.push_back(toJSON(F));
  for (const IncompleteAnalysis &I : Result.Incomplete)
    Incomplete.push_back(json::Object{{"where", toJSON(I.Where)},
                                      {"function", I.Function},
                                      {"reason", I.Reason}});
  json::Array Inputs;
  for (const FileStamp &Input : Result.ImportedInputs)
    Inputs.push_back(json::Object{{"path", Input.Path},
                                  {"size", int64_t(Input.Size)},
                                  {"modified", Input.Modified}});
  return json::Object{{"findings", std::move(Findings)},
                      {"incomplete", std::move(Incomplete)},
                      {"imported-inputs", std::move(Inputs)}};
}

std::optional<FileStamp> stampFrom(const json::Object *O) {
  std::optional<StringRef> Path = O ? O->getString("path") : std::nullopt;
  std::optional<int64_t> Size = O ? O->getInteger("size") : std::nullopt,
                         Modified =
                             O ? O->getInteger("modified") : std::nullopt;
  if (!Path || !Size || *Size < 0 || !Modified)
    return std::nullopt;
  return FileStamp{Path->str(), uint64_t(*Size), *Modified};
}

std::optional<unsigned> unsignedField(const json::Object &O, StringRef Key) {
  std::optional<int64_t> Value = O.getInteger(Key);
  if (!Value || *Value < 0 || *Value > std::numeric_limits<unsigned>::max())
    return std::nullopt;
  return static_cast<unsigned>(*Value);
}

std::optional<Place> placeFrom(const json::Object *O) {
  if (!O)
    return std::nullopt;
  std::optional<StringRef> File = O->getString("file");
  std::optional<unsigned> Line = unsignedField(*O, "line"),
                          Column = unsignedField(*O, "column");
  if (!File || !Line || !Column)
    return std::nullopt;
  return Place{File->str(), *Line, *Column};
}

const CheckInfo *checkNamed(StringRef Name) {
  for (const CheckInfo &Info : allCheckInfos())
    if (Info.TidyName == Name)
      return &Info;
  return nullptr;
}

std::optional<ReportedFinding> findingFrom(const json::Object *O) {
  if (!O)
    return std::nullopt;
  std::optional<StringRef> Check = O->getString("check"),
                           Message = O->getString("message"),
                           Function = O->getString("function");
  std::optional<bool> AsError = O->getBoolean("error");
  std::optional<Place> Where = placeFrom(O->getObject("where"));
  const json::Array *Notes = O->getArray("notes");
  if (!Check || !checkNamed(*Check) || !Message || !Function || !AsError ||
      !Where || !Notes)
    return std::nullopt;
  ReportedFinding F{checkNamed(*Check), std::move(*Where), Message->str(), {},
                    *AsError,           Function->str()};
  for (const json::Value &Note : *Notes) {
    const json::Object *N = Note.getAsObject();
    std::optional<Place> At = placeFrom(N ? N->getObject("where") : nullptr);
    std::optional<StringRef> Text = N ? N->getString("message") : std::nullopt;
    if (!At || !Text)
      return std::nullopt;
    F.Notes.push_back({std::move(*At), Text->str()});
  }
  return F;
}

std::optional<IncompleteAnalysis> incompleteFrom(const json::Object *O) {
  if (!O)
    return std::nullopt;
  std::optional<Place> Where = placeFrom(O->getObject("where"));
  std::optional<StringRef> Function = O->getString("function"),
                           Reason = O->getString("reason");
  if (!Where || !Function || !Reason)
    return std::nullopt;
  return IncompleteAnalysis{std::move(*Where), Function->str(), Reason->str()};
}

std::optional<UnitResult> resultFrom(const json::Value &V) {
  const json::Object *O = V.getAsObject();
  const json::Array *Findings = O ? O->getArray("findings") : nullptr;
  const json::Array *Incomplete = O ? O->getArray("incomplete") : nullptr;
  const json::Array *Inputs = O ? O->getArray("imported-inputs") : nullptr;
  if (!Findings || !Incomplete || !Inputs)
    return std::nullopt;
  UnitResult Result;
  for (const json::Value &F : *Findings) {
    std::optional<ReportedFinding> Finding = findingFrom(F.getAsObject());
    if (!Finding)
      return std::nullopt;
    Result.Findings.push_back(std::move(*Finding));
  }
  for (const json::Value &I : *Incomplete) {
    std::optional<IncompleteAnalysis> Function =
        incompleteFrom(I.getAsObject());
    if (!Function)
      return std::nullopt;
    Result.Incomplete.push_back(std::move(*Function));
  }
  for (const json::Value &I : *Inputs) {
    std::optional<FileStamp> Input = stampFrom(I.getAsObject());
    if (!Input)
      return std::nullopt;
    Result.ImportedInputs.push_back(std::move(*Input));
  }
  return Result;
}

/// The first line of the entry of \p Payload under \p Key: its format, its
/// key (an entry under another name is not taken) and its checksum.
std::string entryHeader(StringRef Key, StringRef Payload) {
  return (EntryFormat + " " + Key + " " +
          toHex(BLAKE3::hash(arrayRefFromStringRef(Payload)),
                /*LowerCase=*/true))
      .str();
}

/// This golife binary's size and time of modification: a rebuilt or
/// upgraded golife of the same version must not take its predecessor's
/// results.
std::string executableIdentity() {
  std::string Path = sys::fs::getMainExecutable(
      nullptr, reinterpret_cast<void *>(&executableIdentity));
  sys::fs::file_status Status;
  if (Path.empty() || sys::fs::status(Path, Status))
    return "unknown executable";
  return Path + "\n" + std::to_string(Status.getSize()) + "\n" +
         std::to_string(sys::toTimeT(Status.getLastModificationTime()));
}

} // namespace

Expected<ResultCache> ResultCache::open(StringRef Dir) {
  if (std::error_code EC = sys::fs::create_directories(Dir))
    return createStringError("cannot create the cache folder '" + Dir +
                             "': " + EC.message());
  SmallString<256> Absolute(Dir);
  sys::fs::make_absolute(Absolute);
  return ResultCache(std::string(Absolute));
}

std::optional<std::string> ResultCache::keyOf(clang::tooling::ClangTool &Tool,
                                              StringRef Options) {
  BLAKE3 Hash;
  std::string Executable = executableIdentity();
  for (StringRef Part :
       {StringRef(EntryFormat), StringRef(GOLIFE_VERSION),
        StringRef(Executable), StringRef(LLVM_VERSION_STRING), Options}) {
    Hash.update(Part);
    Hash.update(StringRef("\0", 1));
  }
  SilentDiagnostics Diagnostics;
  Tool.setDiagnosticConsumer(&Diagnostics);
  HashUnitFactory Factory(Hash);
  int Status = Tool.run(&Factory);
  Tool.setDiagnosticConsumer(nullptr);
  if (Status != 0 || Diagnostics.getNumErrors())
    return std::nullopt;
  return toHex(Hash.final(), /*LowerCase=*/true);
}

std::string ResultCache::entryPath(StringRef Key) const {
  SmallString<256> Path(Dir);
  sys::path::append(Path, Key + ".json");
  return std::string(Path);
}

// An entry is its header line, then the result as JSON: a truncated or
// altered entry fails the checksum, an entry of another format or key its
// header.
std::optional<UnitResult> ResultCache::lookup(StringRef Key) const {
  auto Buffer = MemoryBuffer::getFile(entryPath(Key));
  if (!Buffer)
    return std::nullopt;
  auto [Header, Payload] = (*Buffer)->getBuffer().split('\n');
  if (Header != entryHeader(Key, Payload))
    return std::nullopt;
  Expected<json::Value> Parsed = json::parse(Payload);
  if (!Parsed) {
    consumeError(Parsed.takeError());
    return std::nullopt;
  }
  std::optional<UnitResult> Result = resultFrom(*Parsed);
  // A file of a unit it imported from changed since: analyse it again.
  if (Result && !llvm::all_of(Result->ImportedInputs, [](const FileStamp &F) {
        return stampOf(F.Path) == F;
      }))
    return std::nullopt;
  return Result;
}

Error ResultCache::store(StringRef Key, const UnitResult &Result) const {
  std::string Payload = formatv("{0}", toJSON(Result)).str();
  std::string Entry = entryHeader(Key, Payload) + "\n" + Payload;
  // A reader sees the old entry or the new one, never half of one: the
  // entry is written beside it and renamed over it.
  SmallString<256> Temporary;
  int FD;
  if (std::error_code EC = sys::fs::createUniqueFile(
          entryPath(Key) + ".%%%%%%.tmp", FD, Temporary))
    return createStringError("cannot write to the cache: " + EC.message());
  {
    raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Entry;
    OS.close();
    if (OS.has_error()) {
      std::error_code EC = OS.error();
      OS.clear_error();
      sys::fs::remove(Temporary);
      return createStringError("cannot write '" + Temporary +
                               "': " + EC.message());
    }
  }
  if (std::error_code EC = sys::fs::rename(Temporary, entryPath(Key))) {
    sys::fs::remove(Temporary);
    return createStringError("cannot write '" + entryPath(Key) +
                             "': " + EC.message());
  }
  return Error::success();
}

} // namespace golife
