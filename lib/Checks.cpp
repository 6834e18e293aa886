//===- Checks.cpp - Names and descriptions of golife's checks -------------===//

#include "golife/Finding.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/Twine.h"

namespace golife {

static const CheckInfo Infos[NumCheckKinds] = {
#define GOLIFE_CHECK(Kind, AnalyzerName, TidyName, Description)                \
  {CheckKind::Kind, AnalyzerName, TidyName, Description},
#include "golife/Checks.def"
};

const CheckInfo &checkInfo(CheckKind Kind) {
  return Infos[static_cast<unsigned>(Kind)];
}

llvm::ArrayRef<CheckInfo> allCheckInfos() { return Infos; }

std::string docsUrl(CheckKind Kind, llvm::StringRef Base) {
  return (llvm::Twine(Base.empty() ? llvm::StringRef(GOLIFE_DOCS_URL) : Base) +
          "/" + checkInfo(Kind).TidyName + ".md")
      .str();
}

} // namespace golife
