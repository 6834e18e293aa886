// defer: deferred calls run when their scope ends, last first.
#include "run_helpers.h"

#include <go/go.h>

#include <gtest/gtest.h>

#include <string>

using golife::test::runCaptured;

namespace {

TEST(Defer, RunsAtScopeExitLastInFirstOut) {
  std::string trace;
  {
    auto first = go::defer([&] { trace += "1"; });
    auto second = go::defer([&] { trace += "2"; });
    trace += "body ";
  }
  EXPECT_EQ("body 21", trace);
}

TEST(Defer, RunsWhileAPanicUnwinds) {
  bool ran = false;
  const auto result = runCaptured([&] {
    try {
      auto d = go::defer([&] { ran = true; });
      go::panic("boom");
    } catch (const go::Panic &p) {
      EXPECT_EQ("boom", p.message());
    }
  });
  EXPECT_EQ(0, result.status) << result.output;
  EXPECT_TRUE(ran);
}

TEST(Defer, DeferredDoneReleasesTheWaiter) {
  const auto result = runCaptured([] {
    go::WaitGroup wg;
    wg.add(1);
    go::spawn([&] {
      auto d = go::defer([&] { wg.done(); });
      go::yield();
    });
    wg.wait();
  });
  EXPECT_EQ(0, result.status) << result.output;
}

TEST(Defer, DeferredCloseOfAClosedChannelPanics) {
  const auto result = runCaptured([] {
    auto ch = go::makeChan<int>();
    ch.close();
    auto d = go::defer([ch] { ch.close(); });
  });
  EXPECT_EQ(2, result.status);
  EXPECT_EQ(0U, result.output.find("panic: close of closed channel\n"))
      << result.output;
}

// Nothing runs after the program ends: a goroutine still blocked when the
// runtime gives up on it is unwound without running its deferred calls.
TEST(Defer, AbandonedGoroutinesDoNotRunDeferredCalls) {
  bool ran = false;
  bool destroyed = false;
  struct SetOnDestruction {
    bool &flag;
    explicit SetOnDestruction(bool &f) : flag(f) {}
    SetOnDestruction(const SetOnDestruction &) = delete;
    SetOnDestruction &operator=(const SetOnDestruction &) = delete;
    ~SetOnDestruction() { flag = true; }
  };
  const auto result = runCaptured([&] {
    go::spawn([&] {
      const SetOnDestruction guard{destroyed};
      auto d = go::defer([&] { ran = true; });
      go::Chan<int>().recv(); // blocks forever
    });
    go::yield();
  });
  EXPECT_EQ(3, result.status);
  EXPECT_FALSE(ran);
  EXPECT_TRUE(destroyed); // its stack was unwound all the same
}

} // namespace
