// defer: run a call when the enclosing scope ends.
#pragma once

#include <go/core.h>

#include <type_traits>
#include <utility>

namespace go {

// auto _ = go::defer([&] { wg.done(); });  is Go's  defer wg.Done()
template <class F> class [[nodiscard]] Defer {
public:
  explicit Defer(F f) : f_(std::move(f)) {}
  Defer(const Defer &) = delete;
  Defer &operator=(const Defer &) = delete;
  Defer(Defer &&) = delete;
  Defer &operator=(Defer &&) = delete;
  // May throw: a deferred close(ch) of a closed channel panics, as in Go.
  ~Defer() noexcept(false) {
    if (!detail::tearingDown()) {
      f_();
    }
  }

private:
  F f_;
};

template <class F> [[nodiscard]] Defer<std::decay_t<F>> defer(F &&f) {
  return Defer<std::decay_t<F>>(std::forward<F>(f));
}

} // namespace go
