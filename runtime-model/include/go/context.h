// Package context: cancellation that flows from a context to its children.
#pragma once

#include <go/chan.h>
#include <go/core.h>

#include <functional>
#include <memory>
#include <source_location>
#include <string>
#include <string_view>
#include <utility>

namespace go {

// Go's error: empty (nil) or carrying a message. Errors compare by identity,
// as Go's errors.New values do: copies are equal, two Error("x") are not.
class Error {
public:
  Error() = default;
  explicit Error(std::string message)
      : message_(std::make_shared<const std::string>(std::move(message))) {}

  explicit operator bool() const { return message_ != nullptr; }
  [[nodiscard]] std::string_view message() const {
    return message_ ? std::string_view(*message_) : std::string_view();
  }
  friend bool operator==(const Error &a, const Error &b) {
    return a.message_ == b.message_;
  }

private:
  std::shared_ptr<const std::string> message_;
};

extern const Error Canceled;         // "context canceled"
extern const Error DeadlineExceeded; // "context deadline exceeded"

namespace detail {
class ContextCore; // the cancellation tree node, in the library
} // namespace detail

class Context {
public:
  Context() = default; // background()
  explicit Context(std::shared_ptr<detail::ContextCore> core)
      : core_(std::move(core)) {}

  // Closed when the context is cancelled; nil (blocks forever) for
  // background().
  [[nodiscard]] Chan<Unit> done() const;
  // Empty until done() is closed, then Canceled or DeadlineExceeded.
  [[nodiscard]] Error
  err(std::source_location loc = std::source_location::current()) const;
  // The deadline, if the context or an ancestor has one.
  [[nodiscard]] std::pair<Time, bool> deadline() const;
  [[nodiscard]] const std::shared_ptr<detail::ContextCore> &core() const {
    return core_;
  }

private:
  std::shared_ptr<detail::ContextCore> core_;
};

using CancelFunc = std::function<void()>; // idempotent

Context background();
Context todo();
std::pair<Context, CancelFunc>
withCancel(Context parent,
           std::source_location loc = std::source_location::current());
std::pair<Context, CancelFunc>
withDeadline(Context parent, Time t,
             std::source_location loc = std::source_location::current());
std::pair<Context, CancelFunc>
withTimeout(Context parent, Duration d,
            std::source_location loc = std::source_location::current());

} // namespace go
