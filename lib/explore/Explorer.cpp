//===- Explorer.cpp - Decides whether every goroutine can finish ----------===//
//
// The exploration builds the graph of reachable states: each transition runs
// one goroutine, completes a wait (a send meets a receive, a buffer has room,
// a WaitGroup reaches zero, a mutex is free), or advances virtual time to
// the next timers. States are canonical (memory renumbered from the
// goroutines, garbage dropped, time relative) so that loops meet again.
//
// Then, for each goroutine, a backward pass over the graph finds the states
// from which it can never finish: there it is blocked forever (if it can
// never move again) or loops forever (if it still moves). Obligations (stop
// a ticker, call a cancel function) left unmet when every goroutine is done
// or doomed are problems too.
//
//===----------------------------------------------------------------------===//

#include "Explorer.h"
#include "Interpreter.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/raw_ostream.h"
#include <deque>
#include <optional>
#include <set>

using namespace clang;

namespace golife::explore {
namespace {

constexpr uint32_t NoObject = ~0u;
constexpr uint32_t UnknownChannel = ~1u;

/// Renumbers the cells and objects a state can still reach, in the order the
/// goroutines reach them, and prints the result as the state's identity.
class Canonicalizer {
public:
  explicit Canonicalizer(const State &In)
      : In(In), CellMap(In.Cells.size(), -1), ObjMap(In.Objects.size(), -1) {}

  State run(std::string &Key) {
    if (In.Processes.empty())
      return Out; // a panic ended the program: nothing of it is left
    Out.Processes = In.Processes;
    Out.Now = In.Now;
    Out.NextSymbol = In.NextSymbol;
    Out.Assumptions = In.Assumptions;
    for (Process &P : Out.Processes) {
      for (Frame &F : P.Stack) {
        F.This = value(F.This);
        F.ReturnValue = value(F.ReturnValue);
        if (F.Captures != NoObject)
          F.Captures = cell(F.Captures);
        for (auto &Local : F.Locals)
          Local.second = cell(Local.second);
        for (auto &Entry : F.Env)
          Entry.second = value(Entry.second);
      }
      for (Value &V : P.Wait.Values)
        V = value(V);
    }
    // Unmet obligations stay, even once no handle reaches them.
    for (ObjId O = 0; O < In.Objects.size(); ++O) {
      const Object &Obj = In.Objects[O];
      if ((Obj.K == Object::Kind::Ticker || Obj.K == Object::Kind::Cancel) &&
          !Obj.Done && !Obj.Escaped)
        object(O);
    }
    // A timer is no root: once nothing reaches what it would fire on, firing
    // it can change nothing (an after() in a loop leaves one per iteration).
    for (const Timer &T : In.Timers) {
      Timer Copy = T;
      if (T.K != Timer::Kind::Sleep) {
        if (T.Target < In.Objects.size() && ObjMap[T.Target] < 0)
          continue;
        Copy.Target = object(T.Target);
      }
      Out.Timers.push_back(Copy);
    }
    for (const Event &E : In.Events) {
      Event Copy = E;
      if (E.Object != NoObject) {
        if (ObjMap[E.Object] < 0)
          continue;
        Copy.Object = ObjMap[E.Object];
      }
      Out.Events.push_back(std::move(Copy));
    }
    print(Key);
    return std::move(Out);
  }

private:
  const State &In;
  State Out;
  std::vector<int64_t> CellMap, ObjMap;

  CellId cell(CellId C) {
    if (CellMap[C] >= 0)
      return CellMap[C];
    CellId New = Out.Cells.size();
    CellMap[C] = New;
    Out.Cells.push_back({});
    Cell Copy = In.Cells[C];
    Copy.V = value(Copy.V);
    for (auto &Field : Copy.Fields)
      Field.second = cell(Field.second);
    Out.Cells[New] = std::move(Copy);
    return New;
  }

  ObjId object(ObjId O) {
    if (O >= In.Objects.size())
      return O; // NoObject, UnknownChannel
    if (ObjMap[O] >= 0)
      return ObjMap[O];
    ObjId New = Out.Objects.size();
    ObjMap[O] = New;
    Out.Objects.push_back(In.Objects[O]);
    Object Copy = In.Objects[O];
    Copy.Target = object(Copy.Target);
    Copy.Parent = object(Copy.Parent);
    Copy.Callee = value(Copy.Callee);
    for (Value &V : Copy.Buffer)
      V = value(V);
    Out.Objects[New] = std::move(Copy);
    return New;
  }

  Value value(Value V) {
    switch (V.K) {
    case Value::Kind::Cell:
    case Value::Kind::Closure:
      V.Id = cell(V.Id);
      break;
    case Value::Kind::Object:
    case Value::Kind::Case:
    case Value::Kind::Iterator:
      V.Id = object(V.Id);
      break;
    default:
      break;
    }
    return V;
  }

  static void print(llvm::raw_ostream &OS, const Value &V) {
    OS << static_cast<int>(V.K) << ':' << V.Int << ':' << V.Id << ':' << V.Decl
       << ' ';
  }

  void print(std::string &Key) {
    llvm::raw_string_ostream OS(Key);
    for (const Process &P : Out.Processes) {
      OS << "P" << P.Key << '/' << P.Spawned << '/' << P.LastLoop << '{';
      for (const Frame &F : P.Stack) {
        OS << "F" << F.Function << ':' << F.Block->getBlockID() << ':'
           << F.Element << ':' << F.Captures << ':' << F.CallSite << ' ';
        print(OS, F.This);
        print(OS, F.ReturnValue);
        for (const auto &[D, C] : F.Locals)
          OS << D << '=' << C << ' ';
        for (const auto &[St, V] : F.Env) {
          OS << St << '=';
          print(OS, V);
        }
        for (const auto &[St, Taken] : F.Decisions)
          OS << St << (Taken ? '+' : '-');
      }
      OS << "W" << static_cast<int>(P.Wait.K) << ':' << P.Wait.Site << ':'
         << P.Wait.Int << ' ';
      for (const Value &V : P.Wait.Values)
        print(OS, V);
      OS << '}';
    }
    for (const Cell &C : Out.Cells) {
      OS << 'C' << C.IsRecord << C.Class;
      print(OS, C.V);
      for (const auto &[Field, Id] : C.Fields)
        OS << Field << '=' << Id << ' ';
    }
    for (const Object &O : Out.Objects) {
      OS << 'O' << static_cast<int>(O.K) << ':' << O.Made << ':' << O.Escaped
         << ':' << O.Capacity << ':' << O.Closed << ':' << O.Count << ':'
         << O.Holder << ':' << O.Done << ':' << O.Target << ':' << O.Parent
         << ' ';
      print(OS, O.Callee);
      for (const Value &V : O.Buffer)
        print(OS, V);
      for (ProcId W : O.Waiters)
        OS << 'w' << W;
    }
    for (const Timer &T : Out.Timers)
      OS << 'T' << static_cast<int>(T.K) << ':'
         << (T.Due < 0 ? -1 : T.Due - Out.Now) << ':' << T.Target << ' ';
    for (const Assumption &A : Out.Assumptions)
      OS << 'A' << A.Sym << ':' << A.Opcode << ':' << A.Constant << ':'
         << A.Holds;
  }
};

struct Edge {
  unsigned To;
  std::vector<ProcId> Moved;
};

class Exploration {
public:
  Exploration(const FunctionDecl &Root, ASTContext &Ctx,
              const AnalysisOptions &Options)
      : Root(Root), Interp(Ctx, Options), Options(Options) {}

  /// Builds the state graph; false when it is over budget or the code is
  /// beyond the analysis.
  bool build() {
    State Initial = Interp.start(Root);
    if (Interp.gaveUp())
      return false;
    add(std::move(Initial));
    for (unsigned N = 0; N < Nodes.size(); ++N) {
      if (Nodes.size() > Options.MaxStates)
        return false;
      std::vector<std::pair<State, std::vector<ProcId>>> Next;
      successors(Nodes[N], Next);
      if (Interp.gaveUp())
        return false;
      for (auto &[Successor, Moved] : Next) {
        unsigned To = add(std::move(Successor));
        if (StateTooLarge)
          return false;
        Edges[N].push_back({To, std::move(Moved)});
      }
    }
    return Nodes.size() <= Options.MaxStates;
  }

  void problems(std::vector<Problem> &Out);
  const std::string &gaveUpReason() const { return Interp.gaveUpReason(); }

  unsigned size() const { return Nodes.size(); }

private:
  const FunctionDecl &Root;
  Interpreter Interp;
  const AnalysisOptions &Options;
  std::vector<State> Nodes;
  std::vector<std::vector<Edge>> Edges;
  llvm::StringMap<unsigned> Index;
  std::vector<PanicSite> Panics;
  bool StateTooLarge = false;

  unsigned add(State S) {
    std::string Key;
    State Canonical = Canonicalizer(S).run(Key);
    StateTooLarge |= Canonical.Processes.size() + Canonical.Cells.size() +
                         Canonical.Objects.size() >
                     Options.MaxStateSize;
    auto [It, New] = Index.try_emplace(Key, Nodes.size());
    if (New) {
      Nodes.push_back(std::move(Canonical));
      Edges.emplace_back();
    }
    return It->second;
  }

  const Object *channel(const State &S, const Value &V) const {
    return V.is(Value::Kind::Object) ? &S.Objects[V.Id] : nullptr;
  }

  void successors(const State &S,
                  std::vector<std::pair<State, std::vector<ProcId>>> &Out);
  void fireTimers(const State &S, int64_t Due, int Only,
                  std::vector<std::pair<State, std::vector<ProcId>>> &Out);
  std::vector<WaitTarget> targets(const State &S, const Process &P) const;
  WaitTarget targetOf(const State &S, uint32_t Chan, bool NilFromContext) const;
  std::vector<FindingNote> notesFor(const State &S, const Process &P) const;
};

/// The channel a select case or a send/receive waits on, as an id.
uint32_t channelId(const Value &V) {
  if (V.is(Value::Kind::Object))
    return V.Id;
  if (V.is(Value::Kind::Case))
    return V.Id;
  return NoObject; // the nil channel
}

void Exploration::successors(
    const State &S, std::vector<std::pair<State, std::vector<ProcId>>> &Out) {
  // Who waits to send or receive on which channel, for rendezvous.
  struct Offer {
    ProcId P;
    int Case; ///< -1 for a plain send/receive
    Value Sent;
  };
  std::map<uint32_t, std::vector<Offer>> Senders, Receivers;
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
          Senders[Case.Id].push_back({P, int(I), {}});
        else if (Case.Int == CaseRecv)
          Receivers[Case.Id].push_back({P, int(I), {}});
      }
  }
  auto Deliver = [&](State &T, const Offer &Receiver, Value V, bool Ok) {
    if (Receiver.Case < 0)
      Interp.completeRecv(T, Receiver.P, V, Ok);
    else
      Interp.completeSelect(T, Receiver.P, Receiver.Case, V, Ok);
  };
  auto Sent = [&](State &T, const Offer &Sender) {
    if (Sender.Case < 0)
      Interp.complete(T, Sender.P);
    else
      Interp.completeSelect(T, Sender.P, Sender.Case, {}, true);
  };
  auto SentValue = [&](State &T, const Offer &Sender) {
    if (Sender.Case < 0)
      return Sender.Sent;
    return Interp.sentBySelect(T, Sender.P, Sender.Case);
  };
  auto PanicAt = [&](const Process &P, std::string Message) {
    OpKind Op =
        P.Wait.K == Pending::Kind::Select ? OpKind::Select : OpKind::Send;
    Panics.push_back({P.Wait.Site, std::move(Message), Op});
    // A panic ends the program, as in Interpreter::run: every goroutine is
    // gone, none leaks. The empty state stands for that end.
    Out.push_back({State{}, {}});
  };

  // Unbuffered rendezvous.
  for (const auto &[Chan, Sends] : Senders) {
    if (Chan >= S.Objects.size() || S.Objects[Chan].Capacity != 0 ||
        S.Objects[Chan].Escaped)
      continue;
    auto It = Receivers.find(Chan);
    if (It == Receivers.end())
      continue;
    for (const Offer &Sender : Sends)
      for (const Offer &Receiver : It->second) {
        if (Sender.P == Receiver.P)
          continue;
        State T = S;
        Deliver(T, Receiver, SentValue(T, Sender), true);
        Sent(T, Sender);
        Out.push_back({std::move(T), {Sender.P, Receiver.P}});
      }
  }

  for (ProcId P = 0; P < S.Processes.size(); ++P) {
    const Process &Proc = S.Processes[P];
    if (Proc.isFinished())
      continue;
    const Pending &W = Proc.Wait;
    switch (W.K) {
    case Pending::Kind::None:
    case Pending::Kind::LoopHead: {
      std::vector<State> Ran;
      Interp.run(S, P, Ran);
      for (State &T : Ran)
        Out.push_back({std::move(T), {P}});
      for (PanicSite &Site : Interp.Panics)
        Panics.push_back(std::move(Site));
      Interp.Panics.clear();
      break;
    }
    case Pending::Kind::Send: {
      const Object *C = channel(S, W.Values[0]);
      if (!C)
        break;
      if (C->Closed) {
        PanicAt(Proc, "send on closed channel");
        break;
      }
      if (C->Capacity > 0 && int64_t(C->Buffer.size()) < C->Capacity) {
        State T = S;
        T.Objects[W.Values[0].Id].Buffer.push_back(W.Values[1]);
        Interp.complete(T, P);
        Out.push_back({std::move(T), {P}});
      }
      break;
    }
    case Pending::Kind::Recv: {
      const Object *C = channel(S, W.Values[0]);
      if (!C)
        break;
      if (!C->Buffer.empty()) {
        State T = S;
        auto &Buffer = T.Objects[W.Values[0].Id].Buffer;
        Value V = Buffer.front();
        Buffer.erase(Buffer.begin());
        Interp.completeRecv(T, P, V, true);
        Out.push_back({std::move(T), {P}});
      } else if (C->Closed) {
        State T = S;
        Interp.completeRecv(T, P, {}, false);
        Out.push_back({std::move(T), {P}});
      }
      break;
    }
    case Pending::Kind::Select: {
      bool AnyReady = false;
      int Default = -1;
      for (unsigned I = 0; I < W.Values.size(); ++I) {
        const Value &Case = W.Values[I];
        if (Case.Int == CaseDefault) {
          Default = I;
          continue;
        }
        if (Case.Id == NoObject)
          continue; // the nil channel: never ready
        if (Case.Id == UnknownChannel) {
          // A channel code outside the analysis may serve at any time, or
          // never: the default case stays possible.
          State T = S;
          Interp.completeSelect(T, P, I, {}, true);
          Out.push_back({std::move(T), {P}});
          continue;
        }
        const Object &C = S.Objects[Case.Id];
        bool Partner = false;
        auto &Partners = Case.Int == CaseSend ? Receivers : Senders;
        if (auto It = Partners.find(Case.Id);
            It != Partners.end() && C.Capacity == 0)
          for (const Offer &O : It->second)
            Partner |= O.P != P;
        AnyReady |= Partner;
        if (Case.Int == CaseRecv && (!C.Buffer.empty() || C.Closed)) {
          AnyReady = true;
          State T = S;
          Value V;
          bool Ok = !C.Buffer.empty();
          if (Ok) {
            auto &Buffer = T.Objects[Case.Id].Buffer;
            V = Buffer.front();
            Buffer.erase(Buffer.begin());
          }
          Interp.completeSelect(T, P, I, V, Ok);
          Out.push_back({std::move(T), {P}});
        } else if (Case.Int == CaseSend) {
          if (C.Closed) {
            PanicAt(Proc, "send on closed channel");
            AnyReady = true;
          } else if (C.Capacity > 0 && int64_t(C.Buffer.size()) < C.Capacity) {
            AnyReady = true;
            State T = S;
            T.Objects[Case.Id].Buffer.push_back(Interp.sentBySelect(T, P, I));
            Interp.completeSelect(T, P, I, {}, true);
            Out.push_back({std::move(T), {P}});
          }
        }
      }
      if (!AnyReady && Default >= 0) {
        State T = S;
        Interp.completeSelect(T, P, Default, {}, true);
        Out.push_back({std::move(T), {P}});
      }
      break;
    }
    case Pending::Kind::WaitGroup:
      if (S.Objects[W.Values[0].Id].Count == 0) {
        State T = S;
        Interp.complete(T, P);
        Out.push_back({std::move(T), {P}});
      }
      break;
    case Pending::Kind::Lock: {
      const Object &M = S.Objects[W.Values[0].Id];
      bool Reader = W.Int == 1;
      if (M.Holder == NoObject && (Reader || M.Count == 0)) {
        State T = S;
        Object &Taken = T.Objects[W.Values[0].Id];
        if (Reader)
          ++Taken.Count;
        else
          Taken.Holder = P;
        Interp.complete(T, P);
        Out.push_back({std::move(T), {P}});
      }
      break;
    }
    case Pending::Kind::CondWait:
    case Pending::Kind::Sleep:
      break; // a signal or a timer wakes it
    }
  }

  // Time: the next known deadline, or any timer whose deadline is unknown.
  int64_t Next = -1;
  for (const Timer &T : S.Timers)
    if (T.Due >= 0 && (Next < 0 || T.Due < Next))
      Next = T.Due;
  if (Next >= 0)
    fireTimers(S, Next, -1, Out);
  for (unsigned I = 0; I < S.Timers.size(); ++I)
    if (S.Timers[I].Due < 0)
      fireTimers(S, -1, I, Out);
}

void Exploration::fireTimers(
    const State &S, int64_t Due, int Only,
    std::vector<std::pair<State, std::vector<ProcId>>> &Out) {
  State T = S;
  std::vector<ProcId> Woken;
  if (Due >= 0)
    T.Now = Due;
  std::vector<Timer> Remaining;
  for (unsigned I = 0; I < S.Timers.size(); ++I) {
    Timer Fired = S.Timers[I];
    bool Fires = Only >= 0 ? int(I) == Only : Fired.Due == Due;
    if (!Fires) {
      Remaining.push_back(Fired);
      continue;
    }
    auto Push = [&](ObjId Chan) {
      Object &C = T.Objects[Chan];
      if (int64_t(C.Buffer.size()) < C.Capacity)
        C.Buffer.push_back({});
    };
    switch (Fired.K) {
    case Timer::Kind::Sleep:
      Interp.complete(T, Fired.Target);
      Woken.push_back(Fired.Target);
      break;
    case Timer::Kind::After:
      Push(Fired.Target);
      break;
    case Timer::Kind::TimerFire:
      Push(T.Objects[Fired.Target].Target);
      break;
    case Timer::Kind::Tick: {
      const Object &Ticker = T.Objects[Fired.Target];
      Push(Ticker.Target);
      if (Ticker.Count > 0 && Fired.Due >= 0)
        Fired.Due += Ticker.Count;
      Remaining.push_back(Fired); // tickers keep ticking
      break;
    }
    case Timer::Kind::Deadline:
      Interp.cancelContext(T, Fired.Target);
      break;
    }
  }
  T.Timers = std::move(Remaining);
  Out.push_back({std::move(T), std::move(Woken)});
}

WaitTarget Exploration::targetOf(const State &S, uint32_t Chan,
                                 bool NilFromContext) const {
  if (Chan == NoObject)
    return NilFromContext ? WaitTarget::NeverDoneContext
                          : WaitTarget::NilChannel;
  for (const Object &O : S.Objects) {
    if (O.Target != Chan)
      continue;
    if (O.K == Object::Kind::Context)
      return WaitTarget::CancellableContext;
    if (O.K == Object::Kind::Ticker || O.K == Object::Kind::Timer)
      return WaitTarget::Timer;
  }
  return WaitTarget::Channel;
}

std::vector<WaitTarget> Exploration::targets(const State &S,
                                             const Process &P) const {
  const Pending &W = P.Wait;
  switch (W.K) {
  case Pending::Kind::Send:
  case Pending::Kind::Recv:
    return {
        targetOf(S, channelId(W.Values[0]),
                 W.Values[0].is(Value::Kind::NilChan) && W.Values[0].Int == 1)};
  case Pending::Kind::Select: {
    std::vector<WaitTarget> Targets;
    for (const Value &Case : W.Values)
      if (Case.Int != CaseDefault)
        Targets.push_back(targetOf(S, Case.Id, Case.Decl != nullptr));
    return Targets;
  }
  case Pending::Kind::WaitGroup:
    return {WaitTarget::WaitGroup};
  case Pending::Kind::Lock:
    return {WaitTarget::Mutex};
  case Pending::Kind::CondWait:
    return {WaitTarget::Cond};
  default:
    return {};
  }
}

std::vector<FindingNote> Exploration::notesFor(const State &S,
                                               const Process &P) const {
  std::set<ObjId> Waited;
  for (const Value &V : P.Wait.Values)
    if (V.is(Value::Kind::Object) || V.is(Value::Kind::Case))
      Waited.insert(V.Id);
  std::vector<FindingNote> Notes;
  for (const Event &E : S.Events) {
    bool Relevant =
        E.Object != NoObject
            ? Waited.count(E.Object) > 0
            : !E.ProcessKey.empty() &&
                  (P.Key == E.ProcessKey ||
                   llvm::StringRef(P.Key).starts_with(E.ProcessKey + "."));
    if (Relevant)
      Notes.push_back({E.Loc, E.Message});
  }
  return Notes;
}

void Exploration::problems(std::vector<Problem> &Out) {
  unsigned N = Nodes.size();
  std::vector<std::vector<unsigned>> Preds(N);
  for (unsigned From = 0; From < N; ++From)
    for (const Edge &E : Edges[From])
      Preds[E.To].push_back(From);

  // Backward closure: the states from which some state in Seed is reachable.
  auto CanReach = [&](std::vector<bool> Seed) {
    std::deque<unsigned> Work;
    for (unsigned I = 0; I < N; ++I)
      if (Seed[I])
        Work.push_back(I);
    while (!Work.empty()) {
      unsigned I = Work.front();
      Work.pop_front();
      for (unsigned Pred : Preds[I])
        if (!Seed[Pred]) {
          Seed[Pred] = true;
          Work.push_back(Pred);
        }
    }
    return Seed;
  };

  std::vector<std::string> Keys;
  for (const State &S : Nodes)
    for (const Process &P : S.Processes)
      if (!llvm::is_contained(Keys, P.Key))
        Keys.push_back(P.Key);

  auto Find = [](const State &S, const std::string &Key) -> const Process * {
    for (const Process &P : S.Processes)
      if (P.Key == Key)
        return &P;
    return nullptr;
  };

  std::set<const Expr *> CancelsBlamed;
  std::vector<bool> AllDoneOrDoomed(N, true);
  for (const std::string &Key : Keys) {
    std::vector<bool> Finishes(N), Moves(N);
    for (unsigned I = 0; I < N; ++I) {
      const Process *P = Find(Nodes[I], Key);
      Finishes[I] = !P || P->isFinished();
      for (const Edge &E : Edges[I])
        for (ProcId Moved : E.Moved)
          if (Moved < Nodes[I].Processes.size() &&
              Nodes[I].Processes[Moved].Key == Key)
            Moves[I] = true;
    }
    std::vector<bool> CanFinish = CanReach(Finishes);
    std::vector<bool> CanMove = CanReach(Moves);
    // A doomed goroutine that gets stuck somewhere is blocked forever there;
    // one that never gets stuck loops forever.
    // The witness of a blocked goroutine is preferably a state where no
    // goroutine can move at all: there the others' part (who holds the
    // mutex, who waits for whom) is settled too.
    std::optional<unsigned> Stuck, StuckEverywhere, Looping;
    for (unsigned I = 0; I < N && !StuckEverywhere; ++I) {
      if (CanFinish[I])
        continue;
      if (!CanMove[I] && Find(Nodes[I], Key)->Wait.Site) {
        if (!Stuck)
          Stuck = I;
        if (Edges[I].empty())
          StuckEverywhere = I;
      } else if (CanMove[I] && !Looping && Find(Nodes[I], Key)->LastLoop) {
        Looping = I;
      }
    }
    if (StuckEverywhere)
      Stuck = StuckEverywhere;
    for (std::optional<unsigned> Doomed : {Stuck, Looping}) {
      if (!Doomed)
        continue;
      unsigned I = *Doomed;
      const Process &P = *Find(Nodes[I], Key);
      if (!CanMove[I] && P.Wait.Site) {
        Problem Blocked{ProblemKind::BlockedForever};
        Blocked.Op = P.Wait.Op;
        Blocked.Loc = P.Wait.Site->getExprLoc();
        Blocked.Enclosing = &Root;
        Blocked.Targets = targets(Nodes[I], P);
        Blocked.Notes = notesFor(Nodes[I], P);
        // Waiting on done() of a context nobody cancels: one bug, reported
        // here, with the cancel function as its cause.
        for (const Object &Context : Nodes[I].Objects)
          if (Context.K == Object::Kind::Context &&
              Context.Target < Nodes[I].Objects.size() &&
              llvm::any_of(
                  P.Wait.Values,
                  [&](const Value &V) {
                    return (V.is(Value::Kind::Object) ||
                            V.is(Value::Kind::Case)) &&
                           V.Id == Context.Target;
                  }) &&
              CancelsBlamed.insert(Context.Made).second)
            Blocked.Notes.push_back({Context.Made->getExprLoc(),
                                     "its cancel function, made here, is "
                                     "never called"});
        if (P.Wait.K == Pending::Kind::Lock) {
          const Object &Mutex = Nodes[I].Objects[P.Wait.Values[0].Id];
          ProcId Holder = Mutex.Holder;
          // Read locks name no holder: when every other goroutine has
          // finished, the readers that still hold it are among them.
          if (Holder >= Nodes[I].Processes.size() && Mutex.Count > 0 &&
              llvm::all_of(Nodes[I].Processes, [&](const Process &Other) {
                return &Other == &P || Other.isFinished();
              }))
            Blocked.HolderFinished = true;
          if (Holder < Nodes[I].Processes.size()) {
            const Process &H = Nodes[I].Processes[Holder];
            Blocked.SelfLock = &H == &P;
            Blocked.HolderFinished = H.isFinished();
            Blocked.LockCycle =
                !Blocked.SelfLock && H.Wait.K == Pending::Kind::Lock &&
                Nodes[I].Objects[H.Wait.Values[0].Id].Holder <
                    Nodes[I].Processes.size() &&
                &Nodes[I].Processes
                        [Nodes[I].Objects[H.Wait.Values[0].Id].Holder] == &P;
            Blocked.HolderBlocked = !Blocked.SelfLock && !Blocked.LockCycle &&
                                    !H.isFinished() && Edges[I].empty();
          }
        }
        Out.push_back(std::move(Blocked));
        break;
      }
      if (P.Key != "g0" && P.LastLoop) {
        Problem Loop{ProblemKind::NeverTerminates};
        Loop.Loc = P.LastLoop->getBeginLoc();
        Loop.Enclosing = &Root;
        Loop.Notes = notesFor(Nodes[I], P);
        Out.push_back(std::move(Loop));
      }
    }
    // Obligations are due where every goroutine has finished or is stuck:
    // one that still runs (a loop over a ticker) may still use the ticker.
    for (unsigned I = 0; I < N; ++I)
      if (!Finishes[I] && (CanFinish[I] || CanMove[I]))
        AllDoneOrDoomed[I] = false;
  }

  // Obligations nobody can meet any more.
  std::set<const Expr *> Unmet = CancelsBlamed;
  for (unsigned I = 0; I < N; ++I) {
    if (!AllDoneOrDoomed[I])
      continue;
    for (const Object &O : Nodes[I].Objects)
      if ((O.K == Object::Kind::Ticker || O.K == Object::Kind::Cancel) &&
          !O.Done && !O.Escaped && Unmet.insert(O.Made).second) {
        Problem Leak{O.K == Object::Kind::Ticker
                         ? ProblemKind::TickerNeverStopped
                         : ProblemKind::CancelNeverCalled};
        Leak.Loc = O.Made->getExprLoc();
        Leak.Enclosing = &Root;
        Out.push_back(std::move(Leak));
      }
  }

  for (const PanicSite &Site : Panics) {
    Problem Panic{ProblemKind::Panic};
    Panic.Op = Site.Op;
    Panic.Loc = Site.Site->getExprLoc();
    Panic.Enclosing = &Root;
    Panic.PanicMessage = Site.Message;
    Out.push_back(std::move(Panic));
  }
}

} // namespace

unsigned exploreFunction(const FunctionDecl &Root, ASTContext &Ctx,
                         const AnalysisOptions &Options,
                         std::vector<Problem> &Problems, bool &OverBudget) {
  Exploration E(Root, Ctx, Options);
  OverBudget = !E.build();
  size_t Before = Problems.size();
  if (!OverBudget)
    E.problems(Problems);
  if (Options.Trace)
    llvm::errs() << "golife: " << Root.getQualifiedNameAsString() << ": "
                 << E.size() << " states"
                 << (E.gaveUpReason().empty()
                         ? ""
                         : ", gave up: " + E.gaveUpReason())
                 << (OverBudget ? ", silent" : "") << ", "
                 << Problems.size() - Before << " problems\n";
  return E.size();
}

} // namespace golife::explore
