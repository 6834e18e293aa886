//===- Scheduler.cpp - What can happen next in a state --------------------===//
//
// The nondeterminism of Go's scheduler, as choices: which runnable goroutine
// runs, which sender meets which receiver, which ready case a select takes,
// who takes a free mutex, which waiter a signal wakes, and, once nothing
// else can move, that time moves
// to the next alarm (runtime-model/src/scheduler.cpp draws these choices
// from a seed; here every choice is a transition).
//
//===----------------------------------------------------------------------===//

#include "Scheduler.h"
#include "Rules.h"
#include <go/panic_messages.h>
#include <map>

namespace golife::runtime {
namespace {

/// One goroutine offering to send or receive on a channel.
struct Offer {
  ProcId P;
  int Case; ///< -1 for a plain send/receive
  Value Sent;
};

/// The channel a send/receive waits on: an object's id, or NoObject for
/// the nil channel.
uint32_t channelId(const Value &V) {
  return V.is(Value::Kind::Object) ? V.Id : NoObject;
}

class Successors {
public:
  Successors(const State &S, std::vector<Transition> &Out) : S(S), Out(Out) {}

  void collect() {
    gatherOffers();
    rendezvous();
    for (ProcId P = 0; P < S.Processes.size(); ++P)
      if (!S.Processes[P].isFinished())
        waitsOf(P);
    time();
  }

private:
  const State &S;
  std::vector<Transition> &Out;
  std::map<uint32_t, std::vector<Offer>> Senders, Receivers;

  Transition &add(std::vector<ProcId> Moved, std::vector<ObjId> Touches) {
    Out.push_back({false, S, std::move(Moved), {}, std::move(Touches)});
    return Out.back();
  }

  void panicAt(ProcId P, ObjId Chan) {
    const Pending &W = S.Processes[P].Wait;
    OpKind Op = W.K == Pending::Kind::Select ? OpKind::Select : OpKind::Send;
    // A panic ends the program: every goroutine is gone, none leaks. The
    // empty state stands for that end.
    Out.push_back({false, State{}, {}, {}, {Chan}});
    Out.back().Panic = PanicSite{W.Site, go::panic_messages::SendOnClosed, Op};
  }

  const Channel *channel(uint32_t Id) const {
    return Id < S.Objects.size() ? S.Objects[Id].getAs<Channel>() : nullptr;
  }

  void gatherOffers() {
    for (ProcId P = 0; P < S.Processes.size(); ++P) {
      const Pending &W = S.Processes[P].Wait;
      if (S.Processes[P].isFinished())
        continue;
      if (W.K == Pending::Kind::Send)
        Senders[channelId(W.Values[0])].push_back({P, -1, W.Values[1]});
      else if (W.K == Pending::Kind::Recv)
        Receivers[channelId(W.Values[0])].push_back({P, -1, {}});
      else if (W.K == Pending::Kind::Select)
        for (unsigned I = 0; I < W.Values.size(); ++I) {
          const Value &Case = W.Values[I];
          if (Case.Int == CaseSend)
            Senders[Case.Id].push_back(
                {P, int(I), load(S, Value::cell(Case.Aux))});
          else if (Case.Int == CaseRecv)
            Receivers[Case.Id].push_back({P, int(I), {}});
        }
    }
  }

  /// Unbuffered channels: a sender and a receiver meet.
  void rendezvous() {
    for (const auto &[Chan, Sends] : Senders) {
      const Channel *C = channel(Chan);
      if (!C || C->Capacity != 0 || S.Objects[Chan].Escaped)
        continue;
      auto It = Receivers.find(Chan);
      if (It == Receivers.end())
        continue;
      for (const Offer &Sender : Sends)
        for (const Offer &Receiver : It->second) {
          if (Sender.P == Receiver.P)
            continue;
          Transition &T = add({Sender.P, Receiver.P}, {Chan});
          T.Resumes = {{Receiver.P, Receiver.Case, Sender.Sent, true},
                       {Sender.P, Sender.Case}};
        }
    }
  }

  void waitsOf(ProcId P) {
    const Pending &W = S.Processes[P].Wait;
    if (completedUnseen(P))
      return;
    switch (W.K) {
    case Pending::Kind::None:
    case Pending::Kind::LoopHead:
    case Pending::Kind::Yield:
      Out.push_back({true, {}, {P}});
      break;
    case Pending::Kind::Send:
      if (W.Values[0].is(Value::Kind::Object))
        bufferedSend(P, W.Values[0].Id, -1, W.Values[1]);
      break;
    case Pending::Kind::Recv:
      if (W.Values[0].is(Value::Kind::Object))
        bufferedRecv(P, W.Values[0].Id, -1);
      break;
    case Pending::Kind::Select:
      select(P);
      break;
    case Pending::Kind::WaitGroup:
      if (S.Objects[W.Values[0].Id].as<WaitGroup>().Counter == 0)
        add({P}, {W.Values[0].Id}).Resumes = {{P}};
      break;
    case Pending::Kind::Lock:
      acquire(P, W.Values[0].Id, W.Reader);
      break;
    case Pending::Kind::Signal:
      signal(P, W.Values[0].Id);
      break;
    case Pending::Kind::CondWait:
    case Pending::Kind::Sleep:
      break; // a signal or an alarm wakes it
    }
  }

  /// Goroutine \p P signals \p Signalled: one transition per waiter it may
  /// wake; with nobody left waiting (or code the analysis cannot see
  /// signalling the waiters), it only goes on.
  void signal(ProcId P, ObjId Signalled) {
    const std::vector<ProcId> &Waiters =
        S.Objects[Signalled].as<Cond>().Waiters;
    if (S.Objects[Signalled].Escaped || Waiters.empty()) {
      add({P}, {Signalled}).Resumes = {{P}};
      return;
    }
    for (size_t I = 0; I < Waiters.size(); ++I) {
      Transition &T = add({P, Waiters[I]}, {Signalled});
      wakeWaiter(T.Next, Signalled, I);
      T.Resumes = {{P}};
      if (Waiters.size() > 1)
        T.Next.record({S.Processes[P].Wait.Site->getBeginLoc(),
                       "the signal wakes one of several waiters",
                       Signalled,
                       {}});
    }
  }

  /// A goroutine that waits on an object that escaped after it blocked:
  /// code the analysis cannot see may complete its wait at any time (a
  /// receive may also find the channel closed); whether it does.
  bool completedUnseen(ProcId P) {
    const Pending &W = S.Processes[P].Wait;
    if (W.K != Pending::Kind::Send && W.K != Pending::Kind::Recv &&
        W.K != Pending::Kind::WaitGroup && W.K != Pending::Kind::Lock &&
        W.K != Pending::Kind::CondWait)
      return false;
    const Value &On = W.Values[0];
    if (!On.is(Value::Kind::Object) || On.Id >= S.Objects.size() ||
        !S.Objects[On.Id].Escaped)
      return false;
    if (W.K == Pending::Kind::CondWait) {
      // Signalled: it waits to take its mutex back.
      Pending &Relock = add({P}, {On.Id}).Next.Processes[P].Wait;
      Relock.K = Pending::Kind::Lock;
      Relock.Values = {W.Values[1]};
      return true;
    }
    add({P}, {On.Id}).Resumes = {{P, -1, Value{}, true}};
    if (W.K == Pending::Kind::Recv)
      add({P}, {On.Id}).Resumes = {{P, -1, Value{}, false}};
    return true;
  }

  /// A send into a buffer with room (or a panic on a closed channel);
  /// whether the send can proceed.
  bool bufferedSend(ProcId P, ObjId Chan, int Case, const Value &Sent) {
    const Channel &C = S.Objects[Chan].as<Channel>();
    if (C.Closed) {
      panicAt(P, Chan);
      return true;
    }
    if (C.Capacity == 0 || int64_t(C.Buffer.size()) >= C.Capacity)
      return false;
    Transition &T = add({P}, {Chan});
    T.Next.Objects[Chan].as<Channel>().Buffer.push_back(Sent);
    T.Resumes = {{P, Case}};
    return true;
  }

  /// A receive of a buffered value, or of the zero value of a closed
  /// channel; whether the receive can proceed.
  bool bufferedRecv(ProcId P, ObjId Chan, int Case) {
    const Channel &C = S.Objects[Chan].as<Channel>();
    if (C.Buffer.empty() && !C.Closed)
      return false;
    Transition &T = add({P}, {Chan});
    Value Received;
    bool Ok = !C.Buffer.empty();
    if (Ok) {
      auto &Buffer = T.Next.Objects[Chan].as<Channel>().Buffer;
      Received = Buffer.front();
      Buffer.erase(Buffer.begin());
    }
    T.Resumes = {{P, Case, Received, Ok}};
    return true;
  }

  void select(ProcId P) {
    const Pending &W = S.Processes[P].Wait;
    bool AnyReady = false;
    int Default = -1;
    std::vector<ObjId> Channels;
    for (unsigned I = 0; I < W.Values.size(); ++I) {
      const Value &Case = W.Values[I];
      if (Case.Int == CaseDefault) {
        Default = I;
        continue;
      }
      if (Case.Id == NoObject)
        continue; // the nil channel: never ready
      if (Case.Id == UnknownChannel || S.Objects[Case.Id].Escaped) {
        // A channel code outside the analysis may serve at any time, or
        // never: the default case stays possible.
        add({P}, {}).Resumes = {{P, int(I)}};
        continue;
      }
      Channels.push_back(Case.Id);
      const Channel &C = S.Objects[Case.Id].as<Channel>();
      auto &Partners = Case.Int == CaseSend ? Receivers : Senders;
      if (auto It = Partners.find(Case.Id);
          It != Partners.end() && C.Capacity == 0)
        for (const Offer &O : It->second)
          AnyReady |= O.P != P;
      if (Case.Int == CaseRecv)
        AnyReady |= bufferedRecv(P, Case.Id, I);
      else
        AnyReady |= bufferedSend(P, Case.Id, I, load(S, Value::cell(Case.Aux)));
    }
    if (!AnyReady && Default >= 0)
      add({P}, Channels).Resumes = {{P, Default}};
  }

  void acquire(ProcId P, ObjId M, bool Reader) {
    const Mutex *Held = S.Objects[M].getAs<Mutex>();
    if (!Held || Held->Writer != NoProcess ||
        (Held->Claimed != NoProcess && (Reader || Held->Claimed != P)))
      return;
    if (!Reader && Held->Readers != 0) {
      // A writer claims the mutex from the readers inside: no new reader
      // gets in until it has taken it.
      if (Held->Claimed == NoProcess)
        add({P}, {M}).Next.Objects[M].as<Mutex>().Claimed = P;
      return;
    }
    Transition &T = add({P}, {M});
    Mutex &Taken = T.Next.Objects[M].as<Mutex>();
    if (Reader) {
      ++Taken.Readers;
    } else {
      Taken.Writer = P;
      Taken.Claimed = NoProcess;
    }
    T.Resumes = {{P}};
  }

  /// Time: the next known deadline, or any alarm whose deadline is unknown.
  void time() {
    int64_t Next = -1;
    for (const Alarm &A : S.Alarms)
      if (A.Due >= 0 && (Next < 0 || A.Due < Next))
        Next = A.Due;
    if (Next >= 0)
      fire(Next, -1);
    for (unsigned I = 0; I < S.Alarms.size(); ++I)
      if (S.Alarms[I].Due < 0)
        fire(-1, I);
  }

  /// Fires the alarms due at \p Due, or only alarm \p Only.
  void fire(int64_t Due, int Only) {
    Transition &T = add({}, {});
    State &N = T.Next;
    if (Due >= 0)
      N.Now = Due;
    std::vector<Alarm> Remaining;
    auto Push = [&](ObjId Chan) {
      Channel &C = N.Objects[Chan].as<Channel>();
      if (int64_t(C.Buffer.size()) < C.Capacity)
        C.Buffer.push_back({});
      T.Touches.push_back(Chan);
    };
    for (unsigned I = 0; I < S.Alarms.size(); ++I) {
      Alarm Fired = S.Alarms[I];
      bool Fires = Only >= 0 ? int(I) == Only : Fired.Due == Due;
      if (!Fires) {
        Remaining.push_back(Fired);
        continue;
      }
      switch (Fired.K) {
      case Alarm::Kind::Sleep:
        T.Resumes.push_back({Fired.Target});
        T.Moved.push_back(Fired.Target);
        break;
      case Alarm::Kind::After:
        Push(Fired.Target);
        break;
      case Alarm::Kind::TimerFire:
        if (ObjId C = N.Objects[Fired.Target].as<Timer>().C; C != NoObject)
          Push(C);
        else
          T.Started.push_back(Fired.Target);
        T.Touches.push_back(Fired.Target);
        break;
      case Alarm::Kind::Tick: {
        const Ticker &Ticking = N.Objects[Fired.Target].as<Ticker>();
        Push(Ticking.C);
        if (Ticking.Period > 0 && Fired.Due >= 0)
          Fired.Due += Ticking.Period;
        Remaining.push_back(Fired); // tickers keep ticking
        break;
      }
      case Alarm::Kind::Deadline:
        cancelContext(N, Fired.Target);
        T.Touches.push_back(Fired.Target);
        break;
      }
    }
    N.Alarms = std::move(Remaining);
  }
};

} // namespace

void transitions(const State &S, std::vector<Transition> &Out) {
  Successors(S, Out).collect();
}

} // namespace golife::runtime
