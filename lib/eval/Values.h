//===- Values.h - What the evaluator knows of values ----------------------===//
#ifndef GOLIFE_LIB_EVAL_VALUES_H
#define GOLIFE_LIB_EVAL_VALUES_H

#include "../runtime/State.h"
#include "clang/AST/OperationKinds.h"
#include "llvm/ADT/ArrayRef.h"
#include <optional>

namespace golife::eval {

using runtime::Value;

/// The condition "symbol <opcode> constant", possibly negated. One spelling
/// per test, so that `n == 0` and `!n` meet as one assumption.
inline Value makeCond(uint32_t Sym, clang::BinaryOperatorKind Opcode,
                      int64_t Constant, bool Negated) {
  switch (Opcode) {
  case clang::BO_EQ:
    Opcode = clang::BO_NE;
    Negated = !Negated;
    break;
  case clang::BO_GE:
    Opcode = clang::BO_LT;
    Negated = !Negated;
    break;
  case clang::BO_LE:
    Opcode = clang::BO_GT;
    Negated = !Negated;
    break;
  default:
    break;
  }
  Value V{Value::Kind::Cond, Negated, Opcode, Constant, Sym};
  return V;
}

/// What \p Assumptions say of the condition \p Cond: true, false, or
/// nothing. Bounds decide too: once `n > 1` holds, so does `n > 0`.
std::optional<bool> impliedBy(llvm::ArrayRef<runtime::Assumption> Assumptions,
                              const Value &Cond);

/// \p V tested as a truth value: an unknown integer or bool tested as is
/// (`if (n)`) is the condition `n != 0`, so that the same test later agrees.
inline Value truthOf(const Value &V) {
  return V.is(Value::Kind::Sym) ? makeCond(V.Id, clang::BO_NE, 0, false) : V;
}

/// The null pointer (nullptr, NULL, 0 as a pointer).
inline const Value NullPointer = Value::integer(0);

/// Whether the pointer \p V is null; nothing when the analysis cannot tell.
/// Addresses of cells, objects and functions are never null.
inline std::optional<bool> isNullPointer(const Value &V) {
  switch (V.K) {
  case Value::Kind::Int:
    return V.Int == 0;
  case Value::Kind::Cell:
  case Value::Kind::Object:
  case Value::Kind::Closure:
  case Value::Kind::Function:
  case Value::Kind::Text:
    return false;
  default:
    return std::nullopt;
  }
}

/// The string \p Text: equal texts are equal values (StdContainers.cpp).
Value textValue(llvm::StringRef Text);
/// The characters of a Text value; empty for any other.
llvm::StringRef textOf(const Value &V);

} // namespace golife::eval

#endif
