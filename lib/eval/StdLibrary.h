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

/// The standard containers the model follows (StdContainers.cpp), with
/// the smart pointers and std::optional (StdPointers.cpp).
enum class ContainerKind {
  None,
  Sequence,     ///< vector, deque, list, forward_list
  Array,        ///< array
  Map,          ///< map: elements are pairs, in key order
  UnorderedMap, ///< unordered_map: pairs, in the order they came
  Set,          ///< set: the keys, in order
  UnorderedSet, ///< unordered_set: the keys, in the order they came
  Pointer,      ///< shared_ptr, unique_ptr: the owned object's address
  Optional,     ///< optional: the value, or nothing
  Tuple,        ///< tuple: its parts, in order
  Variant,      ///< variant: the alternative it holds (its index: the value)
};
ContainerKind containerKind(clang::QualType T);
/// Whether it holds one element at most.
inline bool isHolder(ContainerKind K) {
  return K == ContainerKind::Pointer || K == ContainerKind::Optional;
}
/// Whether the container's elements are found by key.
inline bool isKeyed(ContainerKind K) {
  return K == ContainerKind::Map || K == ContainerKind::UnorderedMap ||
         K == ContainerKind::Set || K == ContainerKind::UnorderedSet;
}
/// Whether the container's elements are (key, mapped value) pairs.
inline bool isMap(ContainerKind K) {
  return K == ContainerKind::Map || K == ContainerKind::UnorderedMap;
}
/// Whether \p T is std::string (any std::basic_string).
bool isStdString(clang::QualType T);

} // namespace golife::eval

#endif
