//===- AnalyzerPlugin.cpp - Entry points of the Static Analyzer plugin ----===//
//
// clang -fplugin=GolifeAnalyzerPlugin.so --analyze ... and scan-build
// -load-plugin load this module. The API version must equal the host clang's
// exactly.
//
//===----------------------------------------------------------------------===//

#include "Checks.h"
#include "clang/StaticAnalyzer/Frontend/CheckerRegistry.h"

extern "C" void clang_registerCheckers(clang::ento::CheckerRegistry &Registry) {
  golife::registerAnalyzerCheckers(Registry);
}

extern "C" const char clang_analyzerAPIVersionString[] =
    CLANG_ANALYZER_API_VERSION_STRING;
