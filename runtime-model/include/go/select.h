// select: wait on several channel operations and run exactly one.
#pragma once

#include <go/chan.h>

#include <initializer_list>
#include <source_location>
#include <utility>

namespace go {
namespace detail {

// One case of a select with its types erased. Pointers refer into the case
// objects, which live until the end of the select's full-expression.
struct SelectCase {
  enum class Kind { Recv, Send, Default };
  Kind kind = Kind::Default;
  ChanCore *chan = nullptr; // null: a nil channel, never ready
  void *value = nullptr;    // Send: the value; Recv: destination or null
  bool *ok = nullptr;       // Recv: where to store ok, or null
};

int selectCases(std::initializer_list<SelectCase> cases,
                std::source_location loc);

} // namespace detail

// case <-ch:   case v = <-ch:   case v, ok = <-ch:
template <class T> class RecvCase {
public:
  RecvCase(Chan<T> chan, T *value, bool *ok)
      : chan_(std::move(chan)), value_(value), ok_(ok) {}
  [[nodiscard]] detail::SelectCase erase() const {
    return {detail::SelectCase::Kind::Recv, chan_.core(), value_, ok_};
  }

private:
  Chan<T> chan_; // keeps a temporary channel (go::after(d)) alive
  T *value_;
  bool *ok_;
};

// case ch <- value:
template <class T> class SendCase {
public:
  SendCase(Chan<T> chan, T value)
      : chan_(std::move(chan)), value_(std::move(value)) {}
  [[nodiscard]] detail::SelectCase erase() {
    return {detail::SelectCase::Kind::Send, chan_.core(), &value_, nullptr};
  }

private:
  Chan<T> chan_;
  T value_;
};

// default:
struct DefaultCase {
  [[nodiscard]] static detail::SelectCase erase() { return {}; }
};

template <class T> RecvCase<T> caseRecv(Chan<T> ch) {
  return {std::move(ch), nullptr, nullptr};
}
template <class T> RecvCase<T> caseRecv(Chan<T> ch, T &value) {
  return {std::move(ch), &value, nullptr};
}
template <class T> RecvCase<T> caseRecv(Chan<T> ch, T &value, bool &ok) {
  return {std::move(ch), &value, &ok};
}
template <class T, class V> SendCase<T> caseSend(Chan<T> ch, V &&value) {
  return {std::move(ch), T(std::forward<V>(value))};
}
inline DefaultCase caseDefault() { return {}; }

// select with an explicit location; returns the index of the case that ran.
template <class... Cases>
int selectAt(std::source_location loc, Cases &&...cases) {
  return detail::selectCases({cases.erase()...}, loc);
}

// select {}: blocks forever.
inline int select(std::source_location loc = std::source_location::current()) {
  return detail::selectCases({}, loc);
}
// A parameter pack cannot be followed by a defaulted source_location, so
// there is one overload per number of cases.
template <class C1>
int select(C1 &&c1,
           std::source_location loc = std::source_location::current()) {
  return selectAt(loc, c1);
}
template <class C1, class C2>
int select(C1 &&c1, C2 &&c2,
           std::source_location loc = std::source_location::current()) {
  return selectAt(loc, c1, c2);
}
template <class C1, class C2, class C3>
int select(C1 &&c1, C2 &&c2, C3 &&c3,
           std::source_location loc = std::source_location::current()) {
  return selectAt(loc, c1, c2, c3);
}
template <class C1, class C2, class C3, class C4>
int select(C1 &&c1, C2 &&c2, C3 &&c3, C4 &&c4,
           std::source_location loc = std::source_location::current()) {
  return selectAt(loc, c1, c2, c3, c4);
}
template <class C1, class C2, class C3, class C4, class C5>
int select(C1 &&c1, C2 &&c2, C3 &&c3, C4 &&c4, C5 &&c5,
           std::source_location loc = std::source_location::current()) {
  return selectAt(loc, c1, c2, c3, c4, c5);
}
template <class C1, class C2, class C3, class C4, class C5, class C6>
int select(C1 &&c1, C2 &&c2, C3 &&c3, C4 &&c4, C5 &&c5, C6 &&c6,
           std::source_location loc = std::source_location::current()) {
  return selectAt(loc, c1, c2, c3, c4, c5, c6);
}

} // namespace go
