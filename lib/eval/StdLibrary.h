//===- StdLibrary.h - Recognising the standard library's types ------------===//
#ifndef GOLIFE_LIB_EVAL_STDLIBRARY_H
#define GOLIFE_LIB_EVAL_STDLIBRARY_H

#include "clang/AST/Decl.h"
#include "clang/AST/Type.h"

namespace golife::eval {

/// Whether \p D is declared directly in namespace std.
bool isStd(const clang::Decl *D);
/// Whether \p D is std's \p Name (in std or a namespace nested in it).
bool isStdNamed(const clang::NamedDecl *D, llvm::StringRef Name);
/// Whether \p T is std::function, which holds cancel functions and
/// closures: its value is what it was made from.
bool isStdFunction(clang::QualType T);
/// Nanoseconds per tick of a std::chrono::duration type, or 0.
int64_t nanosPerTick(clang::QualType T);

} // namespace golife::eval

#endif
