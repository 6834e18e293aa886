//===- Checks.h - golife's built-in checks --------------------------------===//
#ifndef GOLIFE_CHECKERS_CHECKS_H
#define GOLIFE_CHECKERS_CHECKS_H

#include "golife/Problem.h"

namespace clang {
class CompilerInstance;
namespace ento {
class CheckerRegistry;
} // namespace ento
} // namespace clang

namespace golife {

/// The check of row \p Kind of golife/Checks.def, defined in its file
/// checkers/<tidy-name>.cpp.
template <CheckKind Kind> const Check &checkFor();

/// Every built-in check, in CheckKind order.
llvm::ArrayRef<const Check *> builtinChecks();

/// Registers golife's Static Analyzer checkers (package "golife"), for
/// the analyzer plugin.
void registerAnalyzerCheckers(clang::ento::CheckerRegistry &Registry);

/// The compiler of the unit the analyzer analyses, for the checkers to
/// import cross-TU definitions with (the analyzer hands them none).
void rememberAnalyzerCompiler(clang::CompilerInstance &CI);

} // namespace golife

#endif
