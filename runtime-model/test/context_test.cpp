// context: cancellation, its propagation to children, deadlines, err().
#include "run_helpers.h"

#include <go/go.h>

#include <gtest/gtest.h>

#include <chrono>
#include <string>

using namespace std::chrono_literals;
using golife::test::runCaptured;
using golife::test::runSeed;
using golife::test::runWithExactTiming;
using golife::test::seedsPerProperty;
using golife::test::siteOf;

namespace {

// A closed done channel is ready; an open one (or nil) is not.
bool isDone(const go::Context &ctx) {
  return go::select(go::caseRecv(ctx.done()), go::caseDefault()) == 0;
}

TEST(Error, EmptyOrAMessageComparedByIdentity) {
  const go::Error none;
  EXPECT_FALSE(none);
  EXPECT_EQ("", none.message());
  const go::Error boom("boom");
  EXPECT_TRUE(boom);
  EXPECT_EQ("boom", boom.message());
  const go::Error copy =
      boom; // NOLINT(performance-unnecessary-copy-initialization)
  EXPECT_TRUE(copy == boom);
  EXPECT_FALSE(go::Error("boom") == boom); // as two errors.New("boom")
  EXPECT_EQ("context canceled", go::Canceled.message());
  EXPECT_EQ("context deadline exceeded", go::DeadlineExceeded.message());
}

TEST(Context, BackgroundAndTodoAreNeverDone) {
  const auto result = runCaptured([] {
    for (const go::Context &ctx :
         {go::background(), go::todo(), go::Context()}) {
      EXPECT_TRUE(ctx.done().isNil());
      EXPECT_FALSE(ctx.err());
      EXPECT_FALSE(ctx.deadline().second);
      EXPECT_FALSE(isDone(ctx));
    }
  });
  EXPECT_EQ(0, result.status) << result.output;
}

TEST(Context, WaitingOnBackgroundDoneBlocksForever) {
  const auto result = runCaptured([] {
    go::spawn([] { go::background().done().recv(); });
    go::sleep(1s);
  });
  EXPECT_EQ(3, result.status);
  EXPECT_NE(std::string::npos, result.output.find("[chan receive (nil chan)]"))
      << result.output;
}

TEST(Context, CancelClosesDoneAndSetsCanceled) {
  const auto result = runCaptured([] {
    auto [ctx, cancel] = go::withCancel(go::background());
    EXPECT_FALSE(ctx.err());
    EXPECT_FALSE(isDone(ctx));
    cancel();
    EXPECT_TRUE(isDone(ctx));
    EXPECT_TRUE(ctx.err() == go::Canceled);
  });
  EXPECT_EQ(0, result.status) << result.output;
}

TEST(Context, CancelIsIdempotent) {
  const auto result = runWithExactTiming([] {
    auto [ctx, cancel] = go::withTimeout(go::background(), 1s);
    cancel();
    cancel(); // closing done twice would panic
    go::sleep(2s);
    cancel();
    EXPECT_TRUE(ctx.err() == go::Canceled); // the first cause stays
  });
  EXPECT_EQ(0, result.status) << result.output;
}

TEST(Context, CancelWakesGoroutinesWaitingOnDone) {
  for (int seed = 0; seed < seedsPerProperty; ++seed) {
    int woken = 0;
    const auto result = runSeed(seed, [&] {
      auto [ctx, cancel] = go::withCancel(go::background());
      go::WaitGroup wg;
      for (int i = 0; i < 3; ++i) {
        wg.add(1);
        go::spawn([&, ctx] {
          ctx.done().recv();
          ++woken;
          wg.done();
        });
      }
      go::sleep(1s);
      cancel();
      wg.wait();
    });
    EXPECT_EQ(0, result.status) << result.output;
    EXPECT_EQ(3, woken);
  }
}

TEST(Context, CancellingAParentCancelsItsDescendantsOnly) {
  const auto result = runCaptured([] {
    auto [root, cancelRoot] = go::withCancel(go::background());
    auto [parent, cancelParent] = go::withCancel(root);
    auto [child, cancelChild] = go::withCancel(parent);
    auto [grandchild, cancelGrandchild] = go::withTimeout(child, 1h);
    auto [sibling, cancelSibling] = go::withCancel(root);

    cancelChild(); // not upwards
    EXPECT_TRUE(child.err() == go::Canceled);
    EXPECT_TRUE(grandchild.err() == go::Canceled);
    EXPECT_FALSE(parent.err());

    cancelParent(); // not sideways
    EXPECT_FALSE(sibling.err());
    EXPECT_FALSE(root.err());

    cancelRoot();
    EXPECT_TRUE(sibling.err() == go::Canceled);
    cancelSibling();
    cancelGrandchild();
  });
  EXPECT_EQ(0, result.status) << result.output;
}

TEST(Context, ChildOfACancelledParentStartsCancelled) {
  const auto result = runCaptured([] {
    auto [parent, cancelParent] = go::withCancel(go::background());
    cancelParent();
    auto [child, cancelChild] = go::withCancel(parent);
    EXPECT_TRUE(isDone(child));
    EXPECT_TRUE(child.err() == go::Canceled);
    cancelChild();
  });
  EXPECT_EQ(0, result.status) << result.output;
}

TEST(Context, TimeoutEndsTheContextWithDeadlineExceeded) {
  const auto result = runWithExactTiming([] {
    const go::Time start = go::now();
    auto [ctx, cancel] = go::withTimeout(go::background(), 5s);
    auto stop = go::defer([&] { cancel(); });
    EXPECT_EQ(std::make_pair(start + 5s, true), ctx.deadline());
    ctx.done().recv();
    EXPECT_EQ(go::Duration(5s), go::since(start));
    EXPECT_TRUE(ctx.err() == go::DeadlineExceeded);
  });
  EXPECT_EQ(0, result.status) << result.output;
}

TEST(Context, CancelBeforeTheDeadlineWins) {
  const auto result = runWithExactTiming([] {
    auto [ctx, cancel] = go::withDeadline(go::background(), go::now() + 5s);
    go::sleep(1s);
    cancel();
    go::sleep(1h);
    EXPECT_TRUE(ctx.err() == go::Canceled);
  });
  EXPECT_EQ(0, result.status) << result.output;
}

TEST(Context, DeadlineInThePastIsAlreadyExceeded) {
  const auto result = runWithExactTiming([] {
    go::sleep(1h);
    auto [ctx, cancel] = go::withDeadline(go::background(), go::now() - 1s);
    EXPECT_TRUE(isDone(ctx));
    EXPECT_TRUE(ctx.err() == go::DeadlineExceeded);
    cancel();
    EXPECT_TRUE(ctx.err() == go::DeadlineExceeded);
  });
  EXPECT_EQ(0, result.status) << result.output;
}

TEST(Context, ChildInheritsAnEarlierParentDeadline) {
  const auto result = runWithExactTiming([] {
    const go::Time start = go::now();
    auto [parent, cancelParent] = go::withTimeout(go::background(), 2s);
    auto [child, cancelChild] = go::withTimeout(parent, 10s);
    auto [derived, cancelDerived] = go::withCancel(parent);
    EXPECT_EQ(std::make_pair(start + 2s, true), child.deadline());
    EXPECT_EQ(std::make_pair(start + 2s, true), derived.deadline());
    child.done().recv();
    EXPECT_EQ(go::Duration(2s), go::since(start));
    EXPECT_TRUE(child.err() == go::DeadlineExceeded);
    EXPECT_TRUE(derived.err() == go::DeadlineExceeded);
    cancelDerived();
    cancelChild();
    cancelParent();
  });
  EXPECT_EQ(0, result.status) << result.output;
}

TEST(Context, CancelNeverCalledIsReportedWithItsCreationSite) {
  const auto line = __LINE__ + 2;
  const auto result = runCaptured([] {
    auto [ctx, cancel] = go::withTimeout(go::background(), 1s);
    ctx.done().recv(); // the deadline ends it, yet cancel is never called
  });
  EXPECT_EQ(3, result.status);
  EXPECT_NE(std::string::npos,
            result.output.find("cancel [not called]: made-at " + siteOf(line)))
      << result.output;
}

} // namespace
