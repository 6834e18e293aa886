// Go's several results, as a std::tuple: made by its constructor or
// std::make_tuple, taken apart by structured bindings, std::get or
// std::tie. Each part keeps its value: the channel received from is the one
// the sender got.
// RUN: %golife_analyze -Xanalyzer -analyzer-checker=golife %s
// RUN: not %golife --quiet %s -- %runtime_flags | FileCheck %s
#include <go/go.h>
#include <tuple>

std::tuple<int, go::Chan<int>, bool> openStream() {
  auto ch = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  // CHECK-DAG: tuples.cpp:[[@LINE+1]]:23: warning: goroutine blocks forever sending
  go::spawn([ch] { ch.send(1); }); // expected-warning {{goroutine blocks forever sending on a channel: no partner can ever come}} expected-note {{sending on a channel}} expected-note {{goroutine spawned here}}
  return {1, ch, true};
}

void streamNeverRead() {
  auto [id, stream, ok] = openStream();
  if (!ok)
    (void)stream.recv();
} // expected-note {{the function returns here}}

void streamRead() {
  auto [id, stream, ok] = openStream();
  if (ok)
    (void)stream.recv();
}

std::tuple<int, go::Chan<int>, bool> openOther() {
  auto ch = go::makeChan<int>(); // expected-note {{unbuffered channel made here}}
  // CHECK-DAG: tuples.cpp:[[@LINE+1]]:23: warning: goroutine blocks forever sending
  go::spawn([ch] { ch.send(1); }); // expected-warning {{goroutine blocks forever sending on a channel: no partner can ever come}} expected-note {{sending on a channel}} expected-note {{goroutine spawned here}}
  return std::make_tuple(2, ch, true);
}

void tiedNeverRead() {
  int id;
  go::Chan<int> stream;
  bool ok;
  std::tie(id, stream, ok) = openOther();
  if (!ok)
    (void)stream.recv();
} // expected-note {{the function returns here}}

void tiedRead() {
  int id;
  go::Chan<int> stream;
  bool ok;
  std::tie(id, stream, ok) = openOther();
  if (ok)
    (void)stream.recv();
}

void madeTupleOneSlot() {
  auto ch = go::makeChan<int>(1); // expected-note {{channel made here with capacity 1}}
  auto t = std::make_tuple(ch, 2);
  std::get<0>(t).send(std::get<1>(t));
  // CHECK-DAG: tuples.cpp:[[@LINE+1]]:18: warning: goroutine blocks forever sending
  std::get<0>(t).send(3); // expected-warning {{goroutine blocks forever sending on a channel: no partner can ever come}} expected-note {{sending on a channel}}
}

void madeTupleTwoSlots() {
  auto ch = go::makeChan<int>(2);
  auto t = std::make_tuple(ch, 2);
  std::get<0>(t).send(std::get<1>(t));
  std::get<0>(t).send(3);
}
