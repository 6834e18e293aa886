//===- PartnerlessChannels.h - Channels that have only one side -----------===//
#ifndef GOLIFE_LIB_PARTNERLESSCHANNELS_H
#define GOLIFE_LIB_PARTNERLESSCHANNELS_H

#include "golife/Problem.h"

namespace clang {
class ASTContext;
class FunctionDecl;
} // namespace clang

namespace golife {

/// The first analysis pass: an unbuffered channel made in \p Root, which
/// never leaves it, and which no code ever receives from (or sends on, or
/// closes) cannot have a partner, so each send (receive) that surely runs
/// blocks forever.
void findPartnerlessChannelOps(const clang::FunctionDecl &Root,
                               clang::ASTContext &Ctx,
                               std::vector<Problem> &Problems);

} // namespace golife

#endif
