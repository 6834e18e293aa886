// A std::variant holds the alternative it was made or assigned from;
// std::visit runs the visitor's call operator for it (an overloaded
// visitor's lambda, a generic lambda's instance); holds_alternative, get
// and index() read it.
// RUN: %golife_analyze -Xanalyzer -analyzer-checker=golife %s
// RUN: not %golife --quiet %s -- %runtime_flags | FileCheck %s
#include <go/go.h>
#include <string>
#include <variant>

struct Start {
  int id;
};
struct Stop {};
using Message = std::variant<Start, Stop>;

template <class... Ts> struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts> Overloaded(Ts...) -> Overloaded<Ts...>;

// CHECK-DAG: variants.cpp:[[@LINE+4]]:27: warning: goroutine blocks forever receiving
void stopNeverAcked() {
  auto acks = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  Message m = Stop{};
  go::spawn([acks] { acks.recv(); }); // expected-warning {{goroutine blocks forever receiving from a channel: no partner can ever come}} expected-note {{receiving from a channel}} expected-note {{goroutine spawned here}}
  std::visit(Overloaded{[acks](const Start &) { acks.send(1); },
                        [](const Stop &) {}},
             m);
} // expected-note {{the function returns here}}

void startAcked() {
  auto acks = go::makeChan<int>();
  Message m = Start{1};
  go::spawn([acks] { acks.recv(); });
  std::visit(Overloaded{[acks](const Start &) { acks.send(1); },
                        [](const Stop &) {}},
             m);
}

// CHECK-DAG: variants.cpp:[[@LINE+5]]:8: warning: goroutine blocks forever sending
void genericVisitorOneSlot() {
  auto done = go::makeChan<int>(1); // expected-note {{channel made here with capacity 1}}
  std::variant<int, std::string> v = 3;
  std::visit([done](auto &&) { done.send(1); }, v);
  done.send(2); // expected-warning {{goroutine blocks forever sending on a channel: no partner can ever come}} expected-note {{sending on a channel}}
}

void genericVisitorTwoSlots() {
  auto done = go::makeChan<int>(2);
  std::variant<int, std::string> v = 3;
  std::visit([done](auto &&) { done.send(1); }, v);
  done.send(2);
}

// CHECK-DAG: variants.cpp:[[@LINE+7]]:8: warning: goroutine blocks forever sending
void getsTheAlternativeUnbuffered() {
  auto ch = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  Message m = Start{4};
  if (std::holds_alternative<Stop>(m))
    ch.send(1);
  if (std::get<Start>(m).id == 4)
    ch.send(2); // expected-warning {{goroutine blocks forever sending on a channel: no partner can ever come}} expected-note {{sending on a channel}}
}

void getsTheAlternativeOneSlot() {
  auto ch = go::makeChan<int>(1);
  Message m = Start{4};
  if (std::holds_alternative<Stop>(m))
    ch.send(1);
  if (std::get<Start>(m).id == 4)
    ch.send(2);
}

// CHECK-DAG: variants.cpp:[[@LINE+8]]:8: warning: goroutine locks a mutex it already holds
void assignedStart() {
  go::Mutex mu;
  Message m = Stop{};
  m = Start{2};
  if (m.index() == 0)
    mu.lock();
  if (m.index() == 0)
    mu.lock(); // expected-warning {{goroutine locks a mutex it already holds: it blocks forever}} expected-note {{goroutine locks a mutex it already holds}}
}

void assignedStop() {
  go::Mutex mu;
  Message m = Start{2};
  m = Stop{};
  if (m.index() == 0)
    mu.lock();
  if (m.index() == 0)
    mu.lock();
}
