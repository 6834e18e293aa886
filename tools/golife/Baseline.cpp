//===- Baseline.cpp - Today's findings, so that only new ones are reported ===//

#include "Baseline.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include <map>

using namespace llvm;

namespace golife {

/// Bumped when a field is removed or changes meaning.
constexpr int64_t BaselineVersion = 1;

Error exportBaseline(StringRef File,
                     const std::vector<ReportedFinding> &Findings,
                     StringRef Root) {
  // Sorted, so that a baseline kept in version control changes only where
  // the findings do.
  std::map<std::pair<std::string, std::string>, const ReportedFinding *> Sorted;
  for (const ReportedFinding &F : Findings) {
    StringRef Path = F.Where.File;
    Path.consume_front(Root);
    Sorted.try_emplace({Path.str(), F.Fingerprint}, &F);
  }
  json::Array Entries;
  for (const auto &[Key, F] : Sorted)
    Entries.push_back(json::Object{{"file", Key.first},
                                   {"fingerprint", Key.second},
                                   {"check", F->Check->TidyName},
                                   {"function", F->Function},
                                   {"message", F->Message}});
  std::error_code EC;
  raw_fd_ostream OS(File, EC, sys::fs::OF_Text);
  if (EC)
    return createStringError("cannot write '" + File + "': " + EC.message());
  OS << formatv("{0:2}",
                json::Value(json::Object{{"version", BaselineVersion},
                                         {"findings", std::move(Entries)}}))
     << "\n";
  OS.close();
  if (OS.has_error()) {
    EC = OS.error();
    OS.clear_error();
    return createStringError("cannot write '" + File + "': " + EC.message());
  }
  return Error::success();
}

Expected<Baseline> Baseline::read(StringRef File) {
  auto Buffer = MemoryBuffer::getFile(File, /*IsText=*/true);
  if (!Buffer)
    return createStringError("cannot read the baseline '" + File +
                             "': " + Buffer.getError().message());
  auto Invalid = [&](const Twine &Why) {
    return createStringError("invalid baseline '" + File + "': " + Why);
  };
  Expected<json::Value> Parsed = json::parse((*Buffer)->getBuffer());
  if (!Parsed)
    return Invalid(toString(Parsed.takeError()));
  const json::Object *Root = Parsed->getAsObject();
  if (!Root || Root->getInteger("version") != BaselineVersion)
    return Invalid("expected an object with \"version\": " +
                   Twine(BaselineVersion));
  const json::Array *Entries = Root->getArray("findings");
  if (!Entries)
    return Invalid("no \"findings\" array");
  Baseline Result;
  for (const json::Value &Entry : *Entries) {
    const json::Object *O = Entry.getAsObject();
    std::optional<StringRef> Path = O ? O->getString("file") : std::nullopt;
    std::optional<StringRef> Fingerprint =
        O ? O->getString("fingerprint") : std::nullopt;
    if (!Path || !Fingerprint)
      return Invalid("a finding without \"file\" and \"fingerprint\"");
    Result.Files[*Fingerprint].push_back(Path->str());
  }
  return Result;
}

bool Baseline::lists(const ReportedFinding &F) const {
  auto It = Files.find(F.Fingerprint);
  if (It == Files.end())
    return false;
  StringRef Path = F.Where.File;
  return llvm::any_of(It->second, [&](StringRef Listed) {
    return Path == Listed || (Path.ends_with(Listed) &&
                              Path.drop_back(Listed.size()).ends_with("/"));
  });
}

} // namespace golife
