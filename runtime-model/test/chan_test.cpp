#include <go/go.h>
#include <gtest/gtest.h>
TEST(Chan, Smoke) {
  int got = 0;
  EXPECT_EQ(0, go::run([&] {
              auto ch = go::makeChan<int>();
              go::spawn([=] { ch.send(42); });
              got = ch.recv();
            }));
  EXPECT_EQ(42, got);
}
