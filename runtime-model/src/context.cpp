// context: a tree of cancellable nodes. Cancelling a node closes its done
// channel and cancels its children; a deadline is a timer that cancels.
#include "scheduler.h"

#include <go/context.h>
#include <go/time.h>

#include <optional>
#include <stdexcept>
#include <vector>

namespace go {

const Error Canceled("context canceled");
const Error DeadlineExceeded("context deadline exceeded");

namespace detail {

class ContextCore {
public:
  ContextCore(std::shared_ptr<ContextCore> parent, std::optional<Time> deadline,
              std::source_location loc)
      : parent_(std::move(parent)), deadline_(deadline),
        done_(makeChan<Unit>(0, loc)) {}

  [[nodiscard]] const Chan<Unit> &done() const { return done_; }
  [[nodiscard]] const Error &err() const { return err_; }
  [[nodiscard]] std::optional<Time> deadline() const { return deadline_; }
  void setTimer(std::shared_ptr<TimerCore> timer) { timer_ = std::move(timer); }

  void adopt(const std::shared_ptr<ContextCore> &child) {
    std::erase_if(children_, [](const auto &c) { return c.expired(); });
    children_.push_back(child);
  }

  // Idempotent: only the first cause counts.
  void cancel(const Error &cause) {
    if (err_) {
      return;
    }
    err_ = cause;
    chanCloseFromRuntime(*done_.core());
    for (const auto &weakChild : children_) {
      if (auto child = weakChild.lock()) {
        child->cancel(cause);
      }
    }
    children_.clear();
    if (timer_ != nullptr) {
      if (Scheduler *s = Scheduler::current()) {
        s->stopTimer(*timer_);
      }
    }
  }

private:
  std::shared_ptr<ContextCore> parent_; // a child keeps its parent alive
  std::optional<Time> deadline_;
  Chan<Unit> done_;
  Error err_;
  std::vector<std::weak_ptr<ContextCore>> children_;
  std::shared_ptr<TimerCore> timer_;
};

namespace {

// A child of parent, already cancelled if the parent is, and a cancel
// function that the scheduler watches for "never called".
std::pair<std::shared_ptr<ContextCore>, CancelFunc>
makeChild(const Context &parent, std::optional<Time> deadline,
          std::source_location loc) {
  const auto &parentCore = parent.core();
  auto child = std::make_shared<ContextCore>(parentCore, deadline, loc);
  if (parentCore != nullptr) {
    if (parentCore->err()) {
      child->cancel(parentCore->err());
    } else {
      parentCore->adopt(child);
    }
  }
  auto record = std::make_shared<CancelRecord>(CancelRecord{loc});
  if (Scheduler *s = Scheduler::current()) {
    s->trackCancel(record);
  }
  CancelFunc cancel = [child, record, loc] {
    if (enter(loc)) {
      record->called = true;
      child->cancel(Canceled);
    }
  };
  return {child, cancel};
}

} // namespace
} // namespace detail

Chan<Unit> Context::done() const {
  return core_ == nullptr ? Chan<Unit>() : core_->done();
}

Error Context::err(std::source_location loc) const {
  detail::enter(loc);
  return core_ == nullptr ? Error() : core_->err();
}

std::pair<Time, bool> Context::deadline() const {
  if (core_ == nullptr) {
    return {Time{}, false};
  }
  const std::optional<Time> deadline = core_->deadline();
  return {deadline.value_or(Time{}), deadline.has_value()};
}

Context background() { return {}; }
Context todo() { return {}; }

std::pair<Context, CancelFunc> withCancel(Context parent,
                                          std::source_location loc) {
  detail::enter(loc);
  auto inherited = parent.deadline();
  auto [core, cancel] = detail::makeChild(
      parent, inherited.second ? std::optional(inherited.first) : std::nullopt,
      loc);
  return {Context(core), cancel};
}

std::pair<Context, CancelFunc> withDeadline(Context parent, Time t,
                                            std::source_location loc) {
  if (auto [parentDeadline, has] = parent.deadline();
      has && parentDeadline <= t) {
    return withCancel(std::move(parent), loc); // the parent ends first anyway
  }
  detail::enter(loc);
  auto [core, cancel] = detail::makeChild(parent, t, loc);
  detail::Scheduler *s = detail::Scheduler::current();
  if (s == nullptr) {
    throw std::logic_error(
        "go: withDeadline needs the virtual clock of go::run");
  }
  if (t <= s->now()) {
    core->cancel(DeadlineExceeded);
  } else {
    auto timer = std::make_shared<detail::TimerCore>(
        [weak = std::weak_ptr(core)](Time) {
          if (auto ctx = weak.lock()) {
            ctx->cancel(DeadlineExceeded);
          }
        },
        loc, /*isTicker=*/false);
    core->setTimer(timer);
    s->startTimer(timer, t);
  }
  return {Context(core), cancel};
}

std::pair<Context, CancelFunc> withTimeout(Context parent, Duration d,
                                           std::source_location loc) {
  return withDeadline(std::move(parent), now(loc) + d, loc);
}

} // namespace go
