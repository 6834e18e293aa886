// Channels: Go's chan T, as a cheap handle that copies alias.
#pragma once

#include <go/core.h>

#include <cstddef>
#include <iterator>
#include <memory>
#include <source_location>
#include <utility>

namespace go {

// struct{}: the element type of channels that only signal.
struct Unit {
  friend bool operator==(Unit, Unit) = default;
};

namespace detail {

// How the type-erased channel core moves values of the element type.
struct ValueOps {
  void (*moveAssign)(void *dst, void *src);
  void (*moveConstruct)(void *dst, void *src);
  void (*destroy)(void *obj) noexcept;
  void (*assignZero)(void *dst);
  std::size_t size;
  std::size_t align;
};

template <class T>
inline constexpr ValueOps valueOpsOf{
    [](void *dst, void *src) {
      *static_cast<T *>(dst) = std::move(*static_cast<T *>(src));
    },
    [](void *dst, void *src) {
      ::new (dst) T(std::move(*static_cast<T *>(src)));
    },
    [](void *obj) noexcept { static_cast<T *>(obj)->~T(); },
    [](void *dst) { *static_cast<T *>(dst) = T{}; },
    sizeof(T),
    alignof(T),
};

class ChanCore; // defined in the runtime library

std::shared_ptr<ChanCore> makeChanCore(std::size_t capacity,
                                       const ValueOps &ops,
                                       std::source_location loc);
// A null core is the nil channel.
void chanSend(ChanCore *chan, void *value, std::source_location loc);
// Receives into dst (or discards if dst is null); false once closed and
// drained.
bool chanRecv(ChanCore *chan, void *dst, std::source_location loc);
void chanClose(ChanCore *chan, std::source_location loc);
std::size_t chanLen(const ChanCore *chan) noexcept;
std::size_t chanCap(const ChanCore *chan) noexcept;

} // namespace detail

template <class T> class Chan {
public:
  using value_type = T;

  Chan() = default; // the nil channel
  explicit Chan(std::shared_ptr<detail::ChanCore> core)
      : core_(std::move(core)) {}

  // ch <- v: blocks until a receiver takes v or the buffer has room.
  void send(T v,
            std::source_location loc = std::source_location::current()) const {
    detail::chanSend(core_.get(), &v, loc);
  }
  // <-ch: T{} once the channel is closed and drained.
  T recv(std::source_location loc = std::source_location::current()) const {
    T v{};
    detail::chanRecv(core_.get(), &v, loc);
    return v;
  }
  // v, ok := <-ch
  std::pair<T, bool>
  recvOk(std::source_location loc = std::source_location::current()) const {
    T v{};
    bool ok = detail::chanRecv(core_.get(), &v, loc);
    return {std::move(v), ok};
  }
  void close(std::source_location loc = std::source_location::current()) const {
    detail::chanClose(core_.get(), loc);
  }
  [[nodiscard]] std::size_t len() const { return detail::chanLen(core_.get()); }
  [[nodiscard]] std::size_t cap() const { return detail::chanCap(core_.get()); }
  [[nodiscard]] bool isNil() const { return core_ == nullptr; }
  [[nodiscard]] detail::ChanCore *core() const { return core_.get(); }

  // for (T v : ch) receives until the channel is closed and drained. Every
  // receive of the loop reports the location of begin(), the `for` line.
  // Like Go's range, the loop evaluates the channel once and holds it.
  class Iterator {
  public:
    using value_type = T;
    using difference_type = std::ptrdiff_t;

    Iterator() = default;
    Iterator(std::shared_ptr<detail::ChanCore> chan, std::source_location loc)
        : chan_(std::move(chan)), loc_(loc) {
      receive();
    }
    T &operator*() { return value_; }
    Iterator &operator++() {
      receive();
      return *this;
    }
    void operator++(int) { receive(); }
    friend bool operator==(const Iterator &it, std::default_sentinel_t) {
      return it.closed_;
    }

  private:
    void receive() { closed_ = !detail::chanRecv(chan_.get(), &value_, loc_); }

    std::shared_ptr<detail::ChanCore> chan_;
    std::source_location loc_;
    T value_{};
    bool closed_ = false;
  };

  Iterator
  begin(std::source_location loc = std::source_location::current()) const {
    return Iterator(core_, loc);
  }
  [[nodiscard]] std::default_sentinel_t end() const { return {}; }

  // Handles compare equal when they alias the same channel (Go's ==).
  friend bool operator==(const Chan &a, const Chan &b) {
    return a.core_ == b.core_;
  }

private:
  std::shared_ptr<detail::ChanCore> core_;
};

// make(chan T, capacity)
template <class T>
Chan<T> makeChan(std::size_t capacity = 0,
                 std::source_location loc = std::source_location::current()) {
  return Chan<T>(detail::makeChanCore(capacity, detail::valueOpsOf<T>, loc));
}

} // namespace go
