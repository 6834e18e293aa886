// The runtime's panic messages, Go's own words. One definition, used by the
// runtime when it panics and by golife's model of it (lib/runtime) when it
// reports the panic a program reaches.
#pragma once

namespace go::panic_messages {

inline constexpr const char *SendOnClosed = "send on closed channel";
inline constexpr const char *CloseOfClosed = "close of closed channel";
inline constexpr const char *CloseOfNil = "close of nil channel";
inline constexpr const char *NegativeWaitGroup =
    "sync: negative WaitGroup counter";
inline constexpr const char *UnlockOfUnlocked =
    "sync: unlock of unlocked mutex";
inline constexpr const char *UnlockOfUnlockedRW =
    "sync: Unlock of unlocked RWMutex";
inline constexpr const char *RUnlockOfUnlocked =
    "sync: RUnlock of unlocked RWMutex";
inline constexpr const char *NonPositiveTickerReset =
    "non-positive interval for Ticker.Reset";
inline constexpr const char *NonPositiveNewTicker =
    "non-positive interval for NewTicker";

} // namespace go::panic_messages
