// Channels and select, after Go's runtime/chan.go and select.go: a buffer,
// a queue of blocked senders and one of blocked receivers. A blocked
// goroutine's value stays on its own stack; the partner that completes the
// operation moves it directly.
#include "scheduler.h"

#include <go/chan.h>
#include <go/panic_messages.h>
#include <go/select.h>

#include <algorithm>
#include <cstddef>
#include <deque>
#include <memory>
#include <new>
#include <vector>

namespace go::detail {

// A goroutine blocked in a send, receive or one case of a select.
struct Waiter {
  Goroutine *g = nullptr;
  int caseIndex = 0;
  void *value = nullptr; // send: the value; receive: destination or null
  bool *ok = nullptr;    // receive: where to store ok, or null
};

class ChanCore : public std::enable_shared_from_this<ChanCore> {
public:
  ChanCore(std::size_t capacity, const ValueOps &ops, std::source_location loc)
      : ops_(ops), capacity_(capacity), madeAt_(loc),
        storage_(capacity == 0
                     ? nullptr
                     : static_cast<std::byte *>(::operator new(
                           capacity * ops.size, std::align_val_t(ops.align)))) {
  }
  ChanCore(const ChanCore &) = delete;
  ChanCore &operator=(const ChanCore &) = delete;
  ~ChanCore() {
    while (count_ > 0) {
      ops_.destroy(slot(head_));
      popHead();
    }
    ::operator delete(storage_, std::align_val_t(ops_.align));
  }

  [[nodiscard]] std::size_t len() const { return count_; }
  [[nodiscard]] std::size_t cap() const { return capacity_; }
  [[nodiscard]] std::source_location madeAt() const { return madeAt_; }

  [[nodiscard]] bool canSend() {
    return closed_ || count_ < capacity_ || firstWaiting(receivers_) != nullptr;
  }
  [[nodiscard]] bool canRecv() {
    return closed_ || count_ > 0 || firstWaiting(senders_) != nullptr;
  }

  // Completes a send at once if it can; panics if the channel is closed.
  bool trySend(void *value) {
    if (closed_) {
      throw Panic(panic_messages::SendOnClosed);
    }
    if (Waiter *receiver = takeWaiting(receivers_)) {
      deliver(*receiver, value);
      wake(*receiver, false);
      return true;
    }
    if (count_ < capacity_) {
      ops_.moveConstruct(slot((head_ + count_) % capacity_), value);
      ++count_;
      return true;
    }
    return false;
  }

  // Completes a receive at once if it can; ok is false once closed and drained.
  bool tryRecv(void *dst, bool &ok) {
    if (count_ > 0) {
      if (dst != nullptr) {
        ops_.moveAssign(dst, slot(head_));
      }
      ops_.destroy(slot(head_));
      popHead();
      // A blocked sender's value takes the freed slot, keeping FIFO order.
      if (Waiter *sender = takeWaiting(senders_)) {
        ops_.moveConstruct(slot((head_ + count_) % capacity_), sender->value);
        ++count_;
        wake(*sender, false);
      }
      ok = true;
      return true;
    }
    if (Waiter *sender = takeWaiting(senders_)) {
      if (dst != nullptr) {
        ops_.moveAssign(dst, sender->value);
      }
      wake(*sender, false);
      ok = true;
      return true;
    }
    if (closed_) {
      if (dst != nullptr) {
        ops_.assignZero(dst);
      }
      ok = false;
      return true;
    }
    return false;
  }

  void close() {
    if (closed_) {
      throw Panic(panic_messages::CloseOfClosed);
    }
    closed_ = true;
    while (Waiter *receiver = takeWaiting(receivers_)) {
      if (receiver->value != nullptr) {
        ops_.assignZero(receiver->value);
      }
      if (receiver->ok != nullptr) {
        *receiver->ok = false;
      }
      wake(*receiver, false);
    }
    while (Waiter *sender = takeWaiting(senders_)) {
      wake(*sender, true); // it panics when it runs
    }
  }

  void enqueueSender(Waiter &w) { senders_.push_back(&w); }
  void enqueueReceiver(Waiter &w) { receivers_.push_back(&w); }
  void dequeue(const Waiter &w) {
    std::erase(senders_, &w);
    std::erase(receivers_, &w);
  }

private:
  void *slot(std::size_t index) const { return storage_ + index * ops_.size; }
  void popHead() {
    head_ = (head_ + 1) % capacity_;
    --count_;
  }

  // Waiters of a select that another case already completed are skipped:
  // their goroutine removes them when it runs.
  static Waiter *firstWaiting(std::deque<Waiter *> &queue) {
    for (Waiter *w : queue) {
      if (w->g->firedCase < 0) {
        return w;
      }
    }
    return nullptr;
  }
  static Waiter *takeWaiting(std::deque<Waiter *> &queue) {
    Waiter *w = firstWaiting(queue);
    if (w != nullptr) {
      std::erase(queue, w);
    }
    return w;
  }

  void deliver(const Waiter &receiver, void *value) {
    if (receiver.value != nullptr) {
      ops_.moveAssign(receiver.value, value);
    }
    if (receiver.ok != nullptr) {
      *receiver.ok = true;
    }
  }

  static void wake(const Waiter &w, bool byClose) {
    w.g->firedCase = w.caseIndex;
    w.g->firedByClose = byClose;
    Scheduler::current()->ready(w.g);
  }

  const ValueOps &ops_;
  std::size_t capacity_;
  std::source_location madeAt_;
  std::byte *storage_; // ring buffer of capacity_ values
  std::size_t head_ = 0;
  std::size_t count_ = 0;
  bool closed_ = false;
  std::deque<Waiter *> senders_;
  std::deque<Waiter *> receivers_;
};

namespace {

// One channel operation a blocked goroutine waits to complete. It owns the
// channel while it waits: the handle it was called through may be a
// reference to a variable of a goroutine that has returned since.
struct PendingOp {
  std::shared_ptr<ChanCore> chan;
  Waiter waiter;
  bool isSend = false;
};

// Blocks the running goroutine on the channels of ops until one partner
// completes; returns the case index it completed.
int blockOn(Scheduler &s, std::vector<PendingOp> &ops, GoroutineState state,
            std::source_location loc) {
  Goroutine *g = s.running();
  g->firedCase = -1;
  g->firedByClose = false;
  std::vector<std::source_location> sites;
  for (PendingOp &op : ops) {
    op.waiter.g = g;
    if (op.isSend) {
      op.chan->enqueueSender(op.waiter);
    } else {
      op.chan->enqueueReceiver(op.waiter);
    }
    sites.push_back(op.chan->madeAt());
  }
  // Leaves the queues on every way out, also when the runtime unwinds the
  // goroutine at exit, so no channel keeps a pointer into a dead stack.
  struct LeaveQueues {
    std::vector<PendingOp> &ops;
    explicit LeaveQueues(std::vector<PendingOp> &pending) : ops(pending) {}
    LeaveQueues(const LeaveQueues &) = delete;
    LeaveQueues &operator=(const LeaveQueues &) = delete;
    ~LeaveQueues() {
      for (const PendingOp &op : ops) {
        op.chan->dequeue(op.waiter);
      }
    }
  };
  {
    const LeaveQueues leave{ops};
    s.park(state, loc, std::move(sites));
  }
  if (g->firedByClose) {
    throw Panic(panic_messages::SendOnClosed);
  }
  return g->firedCase;
}

// A nil channel, or a select with no channel: nothing can ever wake it.
[[noreturn]] void blockForever(GoroutineState state, std::source_location loc) {
  Scheduler *s = Scheduler::current();
  if (s == nullptr) {
    blockedOutsideRun("an operation on a nil channel");
  }
  s->park(state, loc);
  // Only the runtime's teardown resumes it, by unwinding its stack.
  throw Panic("goroutine blocked forever was resumed");
}

} // namespace

std::shared_ptr<ChanCore> makeChanCore(std::size_t capacity,
                                       const ValueOps &ops,
                                       std::source_location loc) {
  return std::make_shared<ChanCore>(capacity, ops, loc);
}

void chanSend(ChanCore *chan, void *value, std::source_location loc) {
  if (!enter(loc)) {
    return;
  }
  if (chan == nullptr) {
    blockForever(GoroutineState::ChanSendNil, loc);
  }
  if (chan->trySend(value)) {
    return;
  }
  Scheduler *s = Scheduler::current();
  if (s == nullptr) {
    blockedOutsideRun("a channel send");
  }
  std::vector<PendingOp> ops{
      {chan->shared_from_this(), {nullptr, 0, value}, /*isSend=*/true}};
  blockOn(*s, ops, GoroutineState::ChanSend, loc);
}

bool chanRecv(ChanCore *chan, void *dst, std::source_location loc) {
  if (!enter(loc)) {
    return false;
  }
  if (chan == nullptr) {
    blockForever(GoroutineState::ChanRecvNil, loc);
  }
  bool ok = false;
  if (chan->tryRecv(dst, ok)) {
    return ok;
  }
  Scheduler *s = Scheduler::current();
  if (s == nullptr) {
    blockedOutsideRun("a channel receive");
  }
  std::vector<PendingOp> ops{
      {chan->shared_from_this(), {nullptr, 0, dst, &ok}, /*isSend=*/false}};
  blockOn(*s, ops, GoroutineState::ChanRecv, loc);
  return ok;
}

void chanClose(ChanCore *chan, std::source_location loc) {
  if (!enter(loc)) {
    return;
  }
  if (chan == nullptr) {
    throw Panic(panic_messages::CloseOfNil);
  }
  chan->close();
}

void chanCloseFromRuntime(ChanCore &chan) { chan.close(); }

bool chanTrySendFromRuntime(ChanCore &chan, void *value) {
  return chan.trySend(value);
}

std::size_t chanLen(const ChanCore *chan) noexcept {
  return chan == nullptr ? 0 : chan->len();
}

std::size_t chanCap(const ChanCore *chan) noexcept {
  return chan == nullptr ? 0 : chan->cap();
}

int selectCases(std::initializer_list<SelectCase> cases,
                std::source_location loc) {
  if (!enter(loc)) {
    return -1;
  }
  using Kind = SelectCase::Kind;
  std::vector<int> ready;
  int defaultCase = -1;
  int index = 0;
  for (const SelectCase &c : cases) {
    if (c.kind == Kind::Default) {
      defaultCase = index;
    } else if (c.chan != nullptr &&
               (c.kind == Kind::Send ? c.chan->canSend() : c.chan->canRecv())) {
      ready.push_back(index);
    }
    ++index;
  }
  Scheduler *s = Scheduler::current();
  if (!ready.empty()) {
    // Go picks uniformly among the ready cases.
    const int chosen = ready[s == nullptr ? 0 : s->rng().below(ready.size())];
    const SelectCase &c = *(cases.begin() + chosen);
    bool ok = false;
    if (c.kind == Kind::Send) {
      c.chan->trySend(c.value);
    } else {
      c.chan->tryRecv(c.value, ok);
      if (c.ok != nullptr) {
        *c.ok = ok;
      }
    }
    return chosen;
  }
  if (defaultCase >= 0) {
    if (s != nullptr) {
      s->giveWay(); // a failed poll: let the others progress
    }
    return defaultCase;
  }
  std::vector<PendingOp> ops;
  index = 0;
  for (const SelectCase &c : cases) {
    if (c.chan != nullptr) {
      ops.push_back({c.chan->shared_from_this(),
                     {nullptr, index, c.value, c.ok},
                     c.kind == Kind::Send});
    }
    ++index;
  }
  if (ops.empty()) {
    blockForever(GoroutineState::SelectNoCases, loc);
  }
  if (s == nullptr) {
    blockedOutsideRun("a select");
  }
  return blockOn(*s, ops, GoroutineState::Select, loc);
}

} // namespace go::detail
