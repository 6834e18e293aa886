//===- Report.cpp - The standalone tool's output formats ------------------===//

#include "Report.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/WithColor.h"
#include <map>
#include <memory>
#include <set>

using namespace llvm;

namespace golife {

std::optional<FileStamp> stampOf(StringRef Path) {
  sys::fs::file_status Status;
  if (sys::fs::status(Path, Status))
    return std::nullopt;
  return FileStamp{Path.str(), Status.getSize(),
                   Status.getLastModificationTime().time_since_epoch().count()};
}

bool globMatches(StringRef Glob, StringRef Name) {
  std::string Pattern = "^";
  for (char C : Glob)
    Pattern += C == '*' ? std::string(".*") : Regex::escape(StringRef(&C, 1));
  return Regex(Pattern + "$").match(Name);
}

namespace {

/// Source lines of the files findings point into, read once each.
class SourceLines {
public:
  /// Line \p Line of \p File (1-based), without its end of line; empty when
  /// the file or the line does not exist.
  StringRef line(const std::string &File, unsigned Line) {
    auto [It, New] = Files.try_emplace(File);
    if (New) {
      if (auto Buffer = MemoryBuffer::getFile(File, /*IsText=*/true))
        It->second = std::move(*Buffer);
    }
    if (!It->second || Line == 0)
      return {};
    StringRef Rest = It->second->getBuffer();
    for (unsigned I = 1; I < Line && !Rest.empty(); ++I)
      Rest = Rest.split('\n').second;
    return Rest.split('\n').first.rtrim("\r");
  }

private:
  StringMap<std::unique_ptr<MemoryBuffer>> Files;
};

/// Whether \p Line carries \p Marker (NOLINT or NOLINTNEXTLINE) covering
/// \p Check: a bare marker covers every check.
bool nolintCovers(StringRef Line, StringRef Marker, StringRef Check) {
  for (size_t At = Line.find(Marker); At != StringRef::npos;
       At = Line.find(Marker, At + 1)) {
    StringRef After = Line.drop_front(At + Marker.size());
    if (After.starts_with("NEXTLINE") || After.starts_with("BEGIN") ||
        After.starts_with("END"))
      continue; // a longer marker
    if (!After.consume_front("("))
      return true;
    SmallVector<StringRef> Globs;
    After.take_until([](char C) { return C == ')'; })
        .split(Globs, ',', -1, /*KeepEmpty=*/false);
    for (StringRef Glob : Globs)
      if (globMatches(Glob.trim(), Check))
        return true;
  }
  return false;
}

enum class Severity { Note, Warning, Error };

void writeDiagnostic(raw_ostream &OS, SourceLines &Sources, const Place &Where,
                     Severity Level, StringRef Message, StringRef CheckName,
                     bool Snippets, bool Colors) {
  {
    WithColor Bold(OS, raw_ostream::SAVEDCOLOR, /*Bold=*/true, false,
                   Colors ? ColorMode::Enable : ColorMode::Disable);
    Bold << Where.File << ":" << Where.Line << ":" << Where.Column << ": ";
  }
  static constexpr std::pair<HighlightColor, StringLiteral> Labels[] = {
      {HighlightColor::Note, "note: "},
      {HighlightColor::Warning, "warning: "},
      {HighlightColor::Error, "error: "}};
  const auto &[Color, Label] = Labels[static_cast<unsigned>(Level)];
  WithColor(OS, Color, Colors ? ColorMode::Enable : ColorMode::Disable)
      << Label;
  {
    WithColor Bold(OS, raw_ostream::SAVEDCOLOR, /*Bold=*/true, false,
                   Colors ? ColorMode::Enable : ColorMode::Disable);
    Bold << Message;
  }
  if (!CheckName.empty())
    OS << " [" << CheckName
       << (Level == Severity::Error ? ",-warnings-as-errors" : "") << "]";
  OS << "\n";
  if (!Snippets)
    return;
  StringRef Line = Sources.line(Where.File, Where.Line);
  if (Line.empty() || Where.Column == 0 || Where.Column > Line.size() + 1)
    return;
  OS << Line << "\n";
  // Keep tabs, so the caret lines up with what the terminal shows.
  std::string Indent;
  for (char C : Line.take_front(Where.Column - 1))
    Indent += C == '\t' ? '\t' : ' ';
  OS << Indent;
  WithColor(OS, HighlightColor::Remark,
            Colors ? ColorMode::Enable : ColorMode::Disable)
      << "^";
  OS << "\n";
}

/// \p Path as a URI reference: characters other than unreserved ones and
/// '/' percent-encoded.
std::string uriPath(StringRef Path) {
  std::string Uri;
  for (char C : Path) {
    if (isAlnum(C) || StringRef("/-_.~").contains(C))
      Uri += C;
    else
      Uri += "%" + utohexstr(static_cast<unsigned char>(C), false, 2);
  }
  return Uri;
}

/// The uriBaseId of the files under SarifOptions::Root.
constexpr StringLiteral SourceRootId = "SRCROOT";
/// The key of golife's fingerprint in a result's partialFingerprints; code
/// scanning computes its own primaryLocationLineHash beside it.
constexpr StringLiteral FingerprintKey = "golife/v1";

/// Relative to the root through SRCROOT when \p Path is under it (what code
/// scanning maps to the repository), else an absolute file:// URI.
json::Object artifactLocation(StringRef Path, StringRef Root) {
  if (!Root.empty() && Path.starts_with(Root))
    return json::Object{{"uri", uriPath(Path.drop_front(Root.size()))},
                        {"uriBaseId", SourceRootId}};
  return json::Object{{"uri", "file://" + uriPath(Path)}};
}

json::Object physicalLocation(const Place &Where, StringRef Root) {
  return json::Object{
      {"physicalLocation",
       json::Object{{"artifactLocation", artifactLocation(Where.File, Root)},
                    {"region", json::Object{{"startLine", Where.Line},
                                            {"startColumn", Where.Column}}}}}};
}

/// The check's page, docs/checks/<check>.md, built in (EmbedCheckPages.cmake)
/// so that an installed golife needs no docs folder to find; empty when the
/// check has none.
StringRef checkPage(StringRef Check) {
  static constexpr std::pair<StringLiteral, StringLiteral> Pages[] = {
#include "CheckPages.inc"
  };
  for (const auto &[Name, Page] : Pages)
    if (Name == Check)
      return Page;
  return {};
}

/// The first paragraph of the page's "What it finds", as one line; empty
/// when it only introduces a table or a list (it ends with ':').
std::string whatItFinds(StringRef Page) {
  StringRef Section = Page.split("## What it finds\n").second;
  StringRef Paragraph = Section.take_front(Section.find("\n\n")).rtrim();
  if (Paragraph.ends_with(":"))
    return {};
  SmallVector<StringRef> Lines;
  Paragraph.split(Lines, '\n', -1, /*KeepEmpty=*/false);
  return join(Lines, " ");
}

json::Object sarifRule(const CheckInfo &Check, StringRef DocsUrl) {
  json::Object Rule{
      {"id", Check.TidyName},
      {"name", Check.AnalyzerName.drop_front(StringRef("golife.").size())},
      {"shortDescription", json::Object{{"text", Check.Description}}},
      {"helpUri", docsUrl(Check.Kind, DocsUrl)},
      {"defaultConfiguration", json::Object{{"level", "warning"}}}};
  StringRef Page = checkPage(Check.TidyName);
  if (!Page.empty()) {
    std::string Found = whatItFinds(Page);
    Rule["fullDescription"] =
        json::Object{{"text", Found.empty() ? Check.Description.str() : Found}};
    Rule["help"] = json::Object{{"text", Page}, {"markdown", Page}};
  }
  return Rule;
}

/// \p Line as a fingerprint reads it: without whitespace outside literals
/// and without a trailing // comment, so that re-indenting, re-spacing or
/// commenting the line keeps the fingerprint.
std::string fingerprintText(StringRef Line) {
  std::string Text;
  char Quote = 0; // the quote of the literal being read, if any
  for (size_t I = 0; I < Line.size(); ++I) {
    char C = Line[I];
    if (Quote) {
      Text += C;
      if (C == '\\' && I + 1 < Line.size())
        Text += Line[++I];
      else if (C == Quote)
        Quote = 0;
    } else if (Line.substr(I).starts_with("//")) {
      break;
    } else if (!isSpace(C)) {
      Text += C;
      if (C == '"' || C == '\'')
        Quote = C;
    }
  }
  return Text;
}

/// The hash part of a finding's fingerprint.
std::string fingerprintHash(const ReportedFinding &F, StringRef LineText) {
  SHA256 Hash;
  for (StringRef Part : {F.Check->TidyName, StringRef(F.Function), LineText}) {
    Hash.update(Part);
    Hash.update(StringRef("\0", 1));
  }
  return toHex(Hash.final(), /*LowerCase=*/true).substr(0, 32);
}

StringRef levelOf(const ReportedFinding &F) {
  return F.AsError ? "error" : "warning";
}

json::Object placeFields(const Place &Where) {
  return json::Object{
      {"file", Where.File}, {"line", Where.Line}, {"column", Where.Column}};
}

} // namespace

void dropRepeatedFindings(std::vector<ReportedFinding> &Findings) {
  std::set<std::tuple<const CheckInfo *, std::string, unsigned, unsigned,
                      std::string>>
      Seen;
  llvm::erase_if(Findings, [&](const ReportedFinding &F) {
    return !Seen.insert({F.Check, F.Where.File, F.Where.Line, F.Where.Column,
                         F.Message})
                .second;
  });
}

void dropNolintFindings(std::vector<ReportedFinding> &Findings) {
  SourceLines Sources;
  llvm::erase_if(Findings, [&](const ReportedFinding &F) {
    StringRef Check = F.Check->TidyName;
    return nolintCovers(Sources.line(F.Where.File, F.Where.Line), "NOLINT",
                        Check) ||
           (F.Where.Line > 1 &&
            nolintCovers(Sources.line(F.Where.File, F.Where.Line - 1),
                         "NOLINTNEXTLINE", Check));
  });
}

void assignFingerprints(std::vector<ReportedFinding> &Findings) {
  SourceLines Sources;
  std::vector<std::string> Hashes;
  // The places of each (file, hash), in order.
  std::map<std::pair<std::string, std::string>,
           std::set<std::pair<unsigned, unsigned>>>
      Places;
  for (const ReportedFinding &F : Findings) {
    Hashes.push_back(fingerprintHash(
        F, fingerprintText(Sources.line(F.Where.File, F.Where.Line))));
    Places[{F.Where.File, Hashes.back()}].insert(
        {F.Where.Line, F.Where.Column});
  }
  for (auto [F, Hash] : llvm::zip_equal(Findings, Hashes)) {
    const auto &Same = Places[{F.Where.File, Hash}];
    size_t Occurrence =
        std::distance(Same.begin(), Same.find({F.Where.Line, F.Where.Column}));
    F.Fingerprint = Hash + ":" + std::to_string(Occurrence + 1);
  }
}

void writeText(raw_ostream &OS, const std::vector<ReportedFinding> &Findings,
               bool Snippets, bool Colors) {
  SourceLines Sources;
  for (const ReportedFinding &F : Findings) {
    writeDiagnostic(OS, Sources, F.Where,
                    F.AsError ? Severity::Error : Severity::Warning, F.Message,
                    F.Check->TidyName, Snippets, Colors);
    for (const ReportedNote &N : F.Notes)
      writeDiagnostic(OS, Sources, N.Where, Severity::Note, N.Message, "",
                      Snippets, Colors);
  }
}

void writeIncompleteSummary(raw_ostream &OS,
                            ArrayRef<IncompleteAnalysis> Incomplete) {
  std::map<std::string, std::vector<std::string>> ByReason;
  for (const IncompleteAnalysis &I : Incomplete)
    ByReason[I.Reason].push_back(I.Function);
  for (const auto &[Reason, Functions] : ByReason)
    OS << "golife: " << Functions.size()
       << (Functions.size() == 1 ? " function" : " functions")
       << " not fully explored (" << Reason
       << "): " << llvm::join(Functions, ", ") << "\n";
}

void writeSarif(raw_ostream &OS, const std::vector<ReportedFinding> &Findings,
                ArrayRef<const CheckInfo *> EnabledChecks,
                ArrayRef<std::string> Errors,
                ArrayRef<IncompleteAnalysis> Incomplete,
                const SarifOptions &Options) {
  json::Array Rules;
  for (const CheckInfo *Check : EnabledChecks)
    Rules.push_back(sarifRule(*Check, Options.DocsUrl));

  json::Array Results;
  for (const ReportedFinding &F : Findings) {
    auto Rule = llvm::find(EnabledChecks, F.Check);
    json::Array FlowSteps;
    for (const ReportedNote &N : F.Notes) {
      json::Object Location = physicalLocation(N.Where, Options.Root);
      Location["message"] = json::Object{{"text", N.Message}};
      FlowSteps.push_back(json::Object{{"location", std::move(Location)}});
    }
    json::Object Last = physicalLocation(F.Where, Options.Root);
    Last["message"] = json::Object{{"text", F.Message}};
    FlowSteps.push_back(json::Object{{"location", std::move(Last)}});
    Results.push_back(json::Object{
        {"ruleId", F.Check->TidyName},
        {"ruleIndex", static_cast<int64_t>(Rule - EnabledChecks.begin())},
        {"level", levelOf(F)},
        {"message", json::Object{{"text", F.Message}}},
        {"locations", json::Array{physicalLocation(F.Where, Options.Root)}},
        {"partialFingerprints", json::Object{{FingerprintKey, F.Fingerprint}}},
        {"codeFlows",
         json::Array{json::Object{
             {"threadFlows", json::Array{json::Object{
                                 {"locations", std::move(FlowSteps)}}}}}}}});
  }

  json::Object Driver{{"name", "golife"},
                      {"version", GOLIFE_VERSION},
                      {"informationUri", GOLIFE_DOCS_URL},
                      {"rules", std::move(Rules)}};
  json::Array Notifications;
  for (const std::string &Error : Errors)
    Notifications.push_back(json::Object{
        {"level", "error"}, {"message", json::Object{{"text", Error}}}});
  for (const IncompleteAnalysis &I : Incomplete)
    Notifications.push_back(json::Object{
        {"level", "warning"},
        {"message",
         json::Object{{"text", "'" + I.Function + "' not fully explored (" +
                                   I.Reason +
                                   "): only leaks proven so far are "
                                   "reported"}}},
        {"locations", json::Array{physicalLocation(I.Where, Options.Root)}}});
  json::Object Invocation{
      {"executionSuccessful", Errors.empty()},
      {"toolExecutionNotifications", std::move(Notifications)}};
  json::Object Log{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       json::Array{json::Object{
           {"tool", json::Object{{"driver", std::move(Driver)}}},
           {"originalUriBaseIds",
            json::Object{
                {SourceRootId,
                 json::Object{{"uri", "file://" + uriPath(Options.Root)}}}}},
           {"invocations", json::Array{std::move(Invocation)}},
           {"results", std::move(Results)}}}}};
  OS << formatv("{0:2}", json::Value(std::move(Log))) << "\n";
}

void writeJson(raw_ostream &OS, const std::vector<ReportedFinding> &Findings,
               ArrayRef<std::string> Errors,
               ArrayRef<IncompleteAnalysis> Incomplete) {
  json::Array Out;
  for (const ReportedFinding &F : Findings) {
    json::Object Finding = placeFields(F.Where);
    Finding["check"] = F.Check->TidyName;
    Finding["level"] = levelOf(F);
    Finding["message"] = F.Message;
    json::Array Notes;
    for (const ReportedNote &N : F.Notes) {
      json::Object Note = placeFields(N.Where);
      Note["message"] = N.Message;
      Notes.push_back(std::move(Note));
    }
    Finding["notes"] = std::move(Notes);
    Out.push_back(std::move(Finding));
  }
  json::Array NotExplored;
  for (const IncompleteAnalysis &I : Incomplete) {
    json::Object Function = placeFields(I.Where);
    Function["function"] = I.Function;
    Function["reason"] = I.Reason;
    NotExplored.push_back(std::move(Function));
  }
  json::Object Log{{"version", 1},
                   {"findings", std::move(Out)},
                   {"errors", json::Array(Errors)},
                   {"incomplete", std::move(NotExplored)}};
  OS << formatv("{0:2}", json::Value(std::move(Log))) << "\n";
}

} // namespace golife
