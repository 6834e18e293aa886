// An "overloaded lambdas" visitor keeps each lambda it inherits: calling it
// runs the alternative the arguments select, with that lambda's captures.
// Handed to code the analysis cannot see (std::visit over a variant), its
// captures escape: silent.
// RUN: %golife_analyze -Xanalyzer -analyzer-checker=golife %s
#include <go/go.h>

#include <variant>

template <class... Ts> struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts> Overloaded(Ts...) -> Overloaded<Ts...>;

void visitorSendsOnTheAlternativeCalled() {
  auto results = go::makeChan<int>();
  auto visitor = Overloaded{[results](int v) { results.send(v); },
                            [results](double) { results.send(0); }};
  go::spawn([visitor] { visitor(1); });
  (void)results.recv();
}

// The alternative called (int) does not send: the receive waits forever.
void visitorAlternativeCalledDoesNotSend() {
  auto results = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  auto visitor = Overloaded{[](int) {}, [results](double) { results.send(0); }};
  go::spawn([visitor] { visitor(1); });
  (void)results.recv(); // expected-warning {{goroutine blocks forever receiving from a channel: no partner can ever come}} expected-note {{goroutine blocks forever receiving}}
}

void visitedByStdVisit() {
  auto results = go::makeChan<int>();
  std::variant<int, double> value = 2.0;
  go::spawn([results, value] {
    std::visit(Overloaded{[results](int v) { results.send(v); },
                          [results](double) { results.send(0); }},
               value);
  });
  (void)results.recv();
}
