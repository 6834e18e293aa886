//===- Canonical.h - Canonical states and their fingerprints --------------===//
//
// Two states that differ only in how memory and goroutines are numbered, in
// garbage, or in absolute time are the same state: canonicalization drops
// finished goroutines (g0 stays first), orders the others by what they do
// (symmetry: workers running the same code on the same data are
// interchangeable), renumbers the cells and objects in the order the
// goroutines reach them, drops what nothing reaches, and makes time
// relative. A goroutine's name (Process::Key) is not part of its state: the
// explorer follows each goroutine from state to state by the renumbering. A
// canonical state's identity is a 128-bit fingerprint of all its fields,
// computed next to the data (as SPIN and TLC hash states), never a printed
// string.
//
//===----------------------------------------------------------------------===//
#ifndef GOLIFE_LIB_EXPLORE_CANONICAL_H
#define GOLIFE_LIB_EXPLORE_CANONICAL_H

#include "../runtime/State.h"
#include "llvm/ADT/DenseMapInfo.h"
#include <utility>

namespace golife::explore {

using runtime::State;

/// A state's identity: equal states have equal fingerprints; unequal ones
/// collide with probability about 2^-128.
struct Fingerprint {
  uint64_t Low = 0, High = 0;
  bool operator==(const Fingerprint &) const = default;
};

/// \p S in canonical form. When \p Renumbered is given, it receives, for
/// each goroutine of \p S, its index in the canonical form, or NoProcess
/// when it was dropped (it had finished). Without \p Symmetry, goroutines
/// keep the order of their names.
State canonicalize(State S, std::vector<runtime::ProcId> *Renumbered = nullptr,
                   bool Symmetry = true);

/// The fingerprint of the canonical state \p S (events are not part of it).
Fingerprint fingerprint(const State &S);

/// An estimate of the bytes \p S occupies, containers included.
uint64_t approximateBytes(const State &S);

} // namespace golife::explore

template <> struct llvm::DenseMapInfo<golife::explore::Fingerprint> {
  using FP = golife::explore::Fingerprint;
  static FP getEmptyKey() { return {~0ull, ~0ull}; }
  static FP getTombstoneKey() { return {~0ull - 1, ~0ull}; }
  static unsigned getHashValue(const FP &F) { return unsigned(F.Low); }
  static bool isEqual(const FP &A, const FP &B) { return A == B; }
};

#endif
