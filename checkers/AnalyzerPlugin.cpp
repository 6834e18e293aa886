//===- AnalyzerPlugin.cpp - Entry points of the Static Analyzer plugin ----===//
//
// clang -fplugin=GolifeAnalyzerPlugin.so --analyze ... and scan-build
// -load-plugin load this module. The API version must equal the host clang's
// exactly.
//
// A plugin action that runs before the analyzer's hands the compiler to
// golife's checkers: with the Static Analyzer's cross-TU options they import
// the definitions the unit calls from the units that have them
// (AnalyzerCheckers.cpp).
//
//===----------------------------------------------------------------------===//

#include "Checks.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "clang/StaticAnalyzer/Frontend/CheckerRegistry.h"

using namespace clang;

extern "C" void clang_registerCheckers(clang::ento::CheckerRegistry &Registry) {
  golife::registerAnalyzerCheckers(Registry);
}

extern "C" const char clang_analyzerAPIVersionString[] =
    CLANG_ANALYZER_API_VERSION_STRING;

namespace golife {
namespace {

/// Runs before the analyzer's action only to hand its compiler to the
/// checkers, which import cross-TU definitions with it.
class RememberCompilerAction : public PluginASTAction {
protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef) override {
    rememberAnalyzerCompiler(CI);
    return std::make_unique<ASTConsumer>();
  }
  bool ParseArgs(const CompilerInstance &,
                 const std::vector<std::string> &) override {
    return true;
  }
  ActionType getActionType() override { return AddBeforeMainAction; }
};

FrontendPluginRegistry::Add<RememberCompilerAction>
    RegisterCompiler("golife-compiler",
                     "hands the compiler to golife's checkers (cross-TU)");

} // namespace
} // namespace golife
