// Channels: rendezvous, buffering, close, nil channels, range, handles.
#include "run_helpers.h"

#include <go/go.h>

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

using namespace std::chrono_literals;
using golife::test::runCaptured;
using golife::test::runSeed;
using golife::test::seedsPerProperty;

namespace {

TEST(Chan, UnbufferedSendWaitsForReceiver) {
  for (int seed = 0; seed < seedsPerProperty; ++seed) {
    bool sent = false;
    int got = 0;
    bool sentBeforeReceive = true;
    const auto result = runSeed(seed, [&] {
      auto ch = go::makeChan<int>();
      go::spawn([&sent, ch] {
        ch.send(42);
        sent = true;
      });
      go::sleep(1h); // the sender has all the time it wants
      sentBeforeReceive = sent;
      got = ch.recv();
    });
    EXPECT_EQ(0, result.status) << result.output;
    EXPECT_FALSE(sentBeforeReceive) << "seed " << seed;
    EXPECT_EQ(42, got);
  }
}

TEST(Chan, UnbufferedReceiveWaitsForSender) {
  for (int seed = 0; seed < seedsPerProperty; ++seed) {
    bool received = false;
    bool receivedBeforeSend = true;
    const auto result = runSeed(seed, [&] {
      auto ch = go::makeChan<int>();
      auto done = go::makeChan<go::Unit>();
      go::spawn([&received, ch, done] {
        EXPECT_EQ(7, ch.recv());
        received = true;
        done.close();
      });
      go::sleep(1h);
      receivedBeforeSend = received;
      ch.send(7);
      done.recv();
    });
    EXPECT_EQ(0, result.status) << result.output;
    EXPECT_FALSE(receivedBeforeSend) << "seed " << seed;
    EXPECT_TRUE(received);
  }
}

TEST(Chan, LenAndCap) {
  const auto result = runCaptured([] {
    auto unbuffered = go::makeChan<int>();
    EXPECT_EQ(0U, unbuffered.len());
    EXPECT_EQ(0U, unbuffered.cap());
    auto buffered = go::makeChan<int>(3);
    buffered.send(1);
    buffered.send(2);
    EXPECT_EQ(2U, buffered.len());
    EXPECT_EQ(3U, buffered.cap());
    go::Chan<int> nil;
    EXPECT_EQ(0U, nil.len());
    EXPECT_EQ(0U, nil.cap());
  });
  EXPECT_EQ(0, result.status) << result.output;
}

TEST(Chan, BufferedIsFifoAndDoesNotBlockUntilFull) {
  std::vector<int> got;
  const auto result = runCaptured([&] {
    auto ch = go::makeChan<int>(5);
    for (int i = 1; i <= 5; ++i) {
      ch.send(i); // no receiver: would deadlock if any send blocked
    }
    for (int i = 1; i <= 5; ++i) {
      got.push_back(ch.recv());
    }
  });
  EXPECT_EQ(0, result.status) << result.output;
  EXPECT_EQ((std::vector<int>{1, 2, 3, 4, 5}), got);
}

TEST(Chan, SenderBlocksWhenBufferIsFull) {
  bool secondSent = false;
  bool secondSentBeforeReceive = true;
  const auto result = runCaptured([&] {
    auto ch = go::makeChan<int>(1);
    go::spawn([&secondSent, ch] {
      ch.send(1);
      ch.send(2);
      secondSent = true;
    });
    go::sleep(1h);
    secondSentBeforeReceive = secondSent;
    EXPECT_EQ(1U, ch.len());
    EXPECT_EQ(1, ch.recv());
    EXPECT_EQ(2, ch.recv());
  });
  EXPECT_EQ(0, result.status) << result.output;
  EXPECT_FALSE(secondSentBeforeReceive);
}

TEST(Chan, BlockedSendersKeepFifoOrderBehindTheBuffer) {
  for (int seed = 0; seed < seedsPerProperty; ++seed) {
    std::vector<int> got;
    const auto result = runSeed(seed, [&] {
      auto ch = go::makeChan<int>(2);
      ch.send(1);
      ch.send(2);
      go::spawn([ch] { ch.send(3); });
      go::sleep(1s); // the sender blocks on the full buffer
      for (int i = 0; i < 3; ++i) {
        got.push_back(ch.recv());
      }
    });
    EXPECT_EQ(0, result.status) << result.output;
    EXPECT_EQ((std::vector<int>{1, 2, 3}), got) << "seed " << seed;
  }
}

TEST(Chan, ReceiveFromAFullBufferReleasesABlockedSender) {
  for (int seed = 0; seed < seedsPerProperty; ++seed) {
    bool sent = false;
    const auto result = runSeed(seed, [&] {
      auto ch = go::makeChan<int>(1);
      ch.send(1);
      go::spawn([&sent, ch] {
        ch.send(2); // blocks: the buffer is full
        sent = true;
      });
      while (go::liveGoroutines().back().state !=
             go::GoroutineState::ChanSend) {
        go::yield();
      }
      EXPECT_EQ(1, ch.recv()); // frees the slot the sender's value takes
      go::sleep(1h);
      EXPECT_TRUE(sent) << "seed " << seed;
      EXPECT_EQ(1U, ch.len());
    });
    EXPECT_EQ(0, result.status) << result.output;
  }
}

TEST(Chan, CloseWakesEveryBlockedReceiverWithZeroValue) {
  for (int seed = 0; seed < seedsPerProperty; ++seed) {
    int woken = 0;
    const auto result = runSeed(seed, [&] {
      auto ch = go::makeChan<int>();
      go::WaitGroup wg;
      wg.add(3);
      for (int i = 0; i < 3; ++i) {
        go::spawn([&woken, &wg, ch] {
          auto [value, ok] = ch.recvOk();
          EXPECT_EQ(0, value);
          EXPECT_FALSE(ok);
          ++woken;
          wg.done();
        });
      }
      go::sleep(1s);
      ch.close();
      wg.wait();
    });
    EXPECT_EQ(0, result.status) << result.output;
    EXPECT_EQ(3, woken);
  }
}

TEST(Chan, ClosedChannelDrainsBeforeReportingClosed) {
  const auto result = runCaptured([] {
    auto ch = go::makeChan<std::string>(3);
    ch.send("a");
    ch.send("b");
    ch.close();
    EXPECT_EQ(std::make_pair(std::string("a"), true), ch.recvOk());
    EXPECT_EQ("b", ch.recv());
    EXPECT_EQ(std::make_pair(std::string(), false), ch.recvOk());
    EXPECT_EQ("", ch.recv()); // any number of times
  });
  EXPECT_EQ(0, result.status) << result.output;
}

TEST(Chan, SendOnClosedChannelPanics) {
  const auto result = runCaptured([] {
    auto ch = go::makeChan<int>(1);
    ch.close();
    try {
      ch.send(1);
      ADD_FAILURE() << "send on a closed channel returned";
    } catch (const go::Panic &p) {
      EXPECT_EQ("send on closed channel", p.message());
    }
  });
  EXPECT_EQ(0, result.status) << result.output;
}

TEST(Chan, CloseMakesBlockedSendersPanic) {
  const auto result = runCaptured([] {
    auto ch = go::makeChan<int>();
    go::spawn([ch] { ch.send(1); });
    go::sleep(1s);
    ch.close();
    go::sleep(1s);
  });
  EXPECT_EQ(2, result.status);
  EXPECT_EQ(0U, result.output.find("panic: send on closed channel\n"))
      << result.output;
}

TEST(Chan, CloseOfClosedOrNilChannelPanics) {
  const auto result = runCaptured([] {
    auto ch = go::makeChan<int>();
    ch.close();
    try {
      ch.close();
      ADD_FAILURE() << "second close returned";
    } catch (const go::Panic &p) {
      EXPECT_EQ("close of closed channel", p.message());
    }
    go::Chan<int> nil;
    try {
      nil.close();
      ADD_FAILURE() << "close of nil returned";
    } catch (const go::Panic &p) {
      EXPECT_EQ("close of nil channel", p.message());
    }
  });
  EXPECT_EQ(0, result.status) << result.output;
}

TEST(Chan, NilChannelBlocksForever) {
  const auto result = runCaptured([] {
    go::Chan<int> nil;
    EXPECT_TRUE(nil.isNil());
    go::spawn([nil] { nil.send(1); });
    go::spawn([nil] { nil.recv(); });
    go::sleep(24h);
  });
  EXPECT_EQ(3, result.status);
  EXPECT_NE(std::string::npos, result.output.find("[chan send (nil chan)]"))
      << result.output;
  EXPECT_NE(std::string::npos, result.output.find("[chan receive (nil chan)]"))
      << result.output;
}

TEST(Chan, RangeEndsWhenClosedAndDrained) {
  for (int seed = 0; seed < seedsPerProperty; ++seed) {
    std::vector<int> got;
    const auto result = runSeed(seed, [&] {
      auto ch = go::makeChan<int>(seed % 3);
      go::spawn([ch] {
        for (int i = 0; i < 10; ++i) {
          ch.send(i);
        }
        ch.close();
      });
      for (int v : ch) {
        got.push_back(v);
      }
    });
    EXPECT_EQ(0, result.status) << result.output;
    EXPECT_EQ((std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}), got)
        << "seed " << seed;
  }
}

TEST(Chan, RangeOverAChannelNobodyClosesLeaks) {
  const auto result = runCaptured([] {
    auto ch = go::makeChan<int>();
    go::spawn([ch] {
      for (int v : ch) {
        static_cast<void>(v);
      }
    });
    ch.send(1);
  });
  EXPECT_EQ(3, result.status);
  EXPECT_NE(std::string::npos, result.output.find("[chan receive]"))
      << result.output;
}

TEST(Chan, HandlesAliasOneChannel) {
  const auto result = runCaptured([] {
    auto a = go::makeChan<int>(1);
    const auto b = a; // NOLINT(performance-unnecessary-copy-initialization)
    EXPECT_TRUE(a == b);
    EXPECT_FALSE(a == go::makeChan<int>(1));
    EXPECT_FALSE(b.isNil());
    b.send(5);
    EXPECT_EQ(1U, a.len());
    EXPECT_EQ(5, a.recv());
  });
  EXPECT_EQ(0, result.status) << result.output;
}

TEST(Chan, MoveOnlyValuesPassThrough) {
  const auto result = runCaptured([] {
    auto ch = go::makeChan<std::unique_ptr<int>>();
    go::spawn([ch] { ch.send(std::make_unique<int>(9)); });
    const auto p = ch.recv();
    ASSERT_NE(nullptr, p);
    EXPECT_EQ(9, *p);
  });
  EXPECT_EQ(0, result.status) << result.output;
}

TEST(Chan, BufferedValuesLeftAtExitAreDestroyed) {
  auto tracked = std::make_shared<int>(0);
  const auto result = runCaptured([tracked] {
    auto ch = go::makeChan<std::shared_ptr<int>>(2);
    ch.send(tracked);
    ch.send(tracked);
  });
  EXPECT_EQ(0, result.status) << result.output;
  EXPECT_EQ(1, tracked.use_count());
}

TEST(Chan, BlockedOperationOutlivesTheHandleItWasCalledThrough) {
  // The goroutine blocks through a reference to main's handle, which is
  // gone when main returns: the blocked receive keeps the channel alive.
  const auto result = runCaptured([] {
    auto ch = go::makeChan<int>();
    go::spawn([&ch] { ch.recv(); });
    while (go::liveGoroutines().back().state != go::GoroutineState::ChanRecv) {
      go::yield();
    }
  });
  EXPECT_EQ(3, result.status);
  EXPECT_NE(std::string::npos, result.output.find("[chan receive]"))
      << result.output;
}

TEST(Chan, BufferedOperationsWorkOutsideRun) {
  auto ch = go::makeChan<int>(1);
  ch.send(3);
  EXPECT_EQ(3, ch.recv());
  EXPECT_THROW(ch.recv(), std::logic_error); // it would block
}

} // namespace
