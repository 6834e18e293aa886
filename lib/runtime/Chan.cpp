//===- Chan.cpp - Channels and select, as Go defines them -----------------===//
//
// A channel's life (runtime-model/src/chan.cpp is the executable version):
//
//            makeChan(n)                     close()
//   (nil) ---------------> [ open, buffer ] --------> [ closed ]
//     |                     |  send: waits for a receiver (n == 0) or for
//     | send, recv,         |        room in the buffer
//     | select case:        |  recv: waits for a sender or a buffered value
//     v blocks forever      |  close of closed: panic
//                           v
//   closed: send panics, recv returns the buffered values, then zero/false;
//   close of nil panics.
//
// A select waits until one of its cases can proceed (a default case: when
// none can); a nil channel's case never can. Which of the ready cases it
// takes is the exploration's choice (Scheduler.cpp).
//
//===----------------------------------------------------------------------===//

#include "Rules.h"
#include <go/panic_messages.h>

namespace golife::runtime {

void Call::note(std::string Message, ObjId Object) const {
  S.record({Site->getBeginLoc(), std::move(Message), Object, {}});
}

Effect makeChan(Call &C) {
  Value Capacity = C.Args.empty() ? Value::integer(0) : C.arg(0);
  ObjId Chan = C.S.newObject(Channel{}, C.Site);
  if (!Capacity.is(Value::Kind::Int)) {
    C.S.Objects[Chan].Escaped = true; // capacity unknown
    return Effect::returns(Value::object(Chan));
  }
  C.S.Objects[Chan].as<Channel>().Capacity = Capacity.Int;
  C.note(Capacity.Int == 0 ? std::string("unbuffered channel made here")
                           : "channel made here with capacity " +
                                 std::to_string(Capacity.Int),
         Chan);
  return Effect::returns(Value::object(Chan));
}

/// A send, receive or range step on \p Chan; \p Shape says how a receive
/// takes its result.
static Effect transfer(Call &C, const Value &Chan, bool Send, OpKind Op,
                       ResultShape Shape) {
  if (!Chan.is(Value::Kind::NilChan) && !C.known(Chan)) {
    // A channel code outside the analysis serves: nothing is known.
    if (Send)
      escape(C.S, C.arg(0));
    if (Shape == ResultShape::Increment && C.Receiver.is(Value::Kind::Cell))
      C.S.Cells[C.Receiver.Id].V = {};
    return Effect::returns();
  }
  if (Send && Chan.is(Value::Kind::Object) &&
      C.S.Objects[Chan.Id].as<Channel>().Closed)
    return Effect::panic(go::panic_messages::SendOnClosed, OpKind::Send);
  Pending W{Send ? Pending::Kind::Send : Pending::Kind::Recv, Op, C.Site};
  W.Values = {Chan, Send ? C.arg(0) : C.Receiver};
  W.Shape = Shape;
  return Effect::block(std::move(W));
}

Effect chanSend(Call &C) {
  return transfer(C, C.self(), true, OpKind::Send, ResultShape::Plain);
}
Effect chanRecv(Call &C) {
  return transfer(C, C.self(), false, OpKind::Recv, ResultShape::Plain);
}
Effect chanRecvOk(Call &C) {
  return transfer(C, C.self(), false, OpKind::Recv, ResultShape::PairOk);
}
Effect chanBegin(Call &C) {
  return transfer(C, C.self(), false, OpKind::Range, ResultShape::Begin);
}
Effect chanIteratorNext(Call &C) {
  Value It = C.self();
  Value Chan = It.is(Value::Kind::Iterator) ? Value::object(It.Id) : Value{};
  return transfer(C, Chan, false, OpKind::Range, ResultShape::Increment);
}

Effect chanClose(Call &C) {
  Value Self = C.self();
  if (Self.is(Value::Kind::NilChan))
    return Effect::panic(go::panic_messages::CloseOfNil, OpKind::Close);
  if (C.known(Self)) {
    if (C.S.Objects[Self.Id].as<Channel>().Closed)
      return Effect::panic(go::panic_messages::CloseOfClosed, OpKind::Close);
    closeChannel(C.S, Self.Id);
  }
  return Effect::returns();
}

void closeChannel(State &S, ObjId Chan) {
  S.Objects[Chan].as<Channel>().Closed = true;
}

Effect chanIsNil(Call &C) {
  Value Self = C.self();
  return Effect::returns(Self.is(Value::Kind::NilChan)  ? Value::integer(1)
                         : Self.is(Value::Kind::Object) ? Value::integer(0)
                                                        : Value{});
}

Effect unknownResult(Call &) { return Effect::returns(); }

/// A select case on the channel argument; a send case keeps the value it
/// sends in a cell of its own, evaluated when the select is entered.
static Effect makeCase(Call &C, CaseKind Kind) {
  Value Chan = C.arg(0);
  bool Nil = Chan.is(Value::Kind::NilChan);
  Value Case{Value::Kind::Case};
  Case.Int = Kind;
  Case.Id = Nil ? NoObject : C.known(Chan) ? Chan.Id : UnknownChannel;
  Case.Decl = Nil && Chan.Int ? C.Site : nullptr;
  if (Kind == CaseSend) {
    if (Case.Id == UnknownChannel)
      escape(C.S, C.arg(1));
    Case.Aux = C.S.newCell(C.arg(1));
  }
  return Effect::returns(Case);
}

Effect caseRecv(Call &C) { return makeCase(C, CaseRecv); }
Effect caseSend(Call &C) { return makeCase(C, CaseSend); }
Effect caseDefault(Call &C) { return makeCase(C, CaseDefault); }

Effect select(Call &C) {
  Pending W{Pending::Kind::Select, OpKind::Select, C.Site};
  for (unsigned I = 0; I < C.Args.size(); ++I)
    if (Value Case = C.arg(I); Case.is(Value::Kind::Case))
      W.Values.push_back(Case);
  return Effect::block(std::move(W));
}

} // namespace golife::runtime
