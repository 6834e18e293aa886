//===- BuiltinChecks.cpp - The list of golife's checks --------------------===//

#include "Checks.h"
#include <cassert>

namespace golife {

llvm::ArrayRef<const Check *> builtinChecks() {
  static const Check *const All[] = {
      &channelLeakCheck(),   &deadlockCheck(),    &loopNoExitCheck(),
      &waitGroupCheck(),     &tickerLeakCheck(),  &contextLeakCheck(),
      &channelMisuseCheck(), &mutexMisuseCheck(),
  };
  static_assert(std::size(All) == NumCheckKinds);
  return All;
}

} // namespace golife
