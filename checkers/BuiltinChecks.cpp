//===- BuiltinChecks.cpp - The list of golife's checks --------------------===//

#include "Checks.h"

namespace golife {

llvm::ArrayRef<const Check *> builtinChecks() {
  static const Check *const All[] = {
#define GOLIFE_CHECK(Kind, AnalyzerName, TidyName, Description)                \
  &checkFor<CheckKind::Kind>(),
#include "golife/Checks.def"
  };
  return All;
}

} // namespace golife
