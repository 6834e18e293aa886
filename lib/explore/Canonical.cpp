//===- Canonical.cpp - Canonical states and their fingerprints ------------===//

#include "Canonical.h"
#include "llvm/Support/xxhash.h"
#include <algorithm>
#include <tuple>

namespace golife::explore {
using namespace golife::runtime;
namespace {

/// Feeds every field of a canonical state into one buffer, then hashes it.
class Hasher {
public:
  void add(uint64_t X) { Words.push_back(X); }
  void add(const void *P) { add(reinterpret_cast<uintptr_t>(P)); }
  void add(const Value &V) {
    add(uint64_t(V.K) | uint64_t(V.Negated) << 8 |
        uint64_t(uint32_t(V.Opcode)) << 16);
    add(uint64_t(V.Int));
    add(uint64_t(V.Id) | uint64_t(V.Aux) << 32);
    add(V.Decl);
  }
  template <typename T> void addAll(const std::vector<T> &Items) {
    add(Items.size());
    for (const T &Item : Items)
      add(Item);
  }
  void add(const Channel &C) {
    add(C.Capacity);
    add(C.Closed);
    addAll(C.Buffer);
  }
  void add(const WaitGroup &W) { add(W.Counter); }
  void add(const Mutex &M) {
    add(M.Writer);
    add(M.Claimed);
    add(M.Readers);
  }
  void add(const Cond &C) {
    add(C.Mutex);
    add(C.Waiters.size());
    for (ProcId W : C.Waiters)
      add(W);
  }
  void add(const Once &O) { add(O.Ran); }
  void add(const Ticker &T) {
    add(T.C);
    add(T.Period);
    add(T.Stopped);
  }
  void add(const Timer &T) {
    add(T.C);
    add(T.Stopped);
    add(T.Func);
  }
  void add(const Context &C) {
    add(C.Done);
    add(C.Parent);
    add(C.Cancelled);
  }
  void add(const CancelFunc &C) {
    add(C.Context);
    add(C.Called);
  }
  void add(const Deferred &D) {
    add(D.Callee);
    add(D.Ran);
  }
  void add(const LockGuard &G) {
    add(G.Mutex);
    add(G.Released);
  }
  void add(const Object &O) {
    add(O.Data.index());
    add(O.Made);
    add(O.Escaped);
    std::visit([&](const auto &Primitive) { add(Primitive); }, O.Data);
  }
  void add(const Cell &C) {
    add(C.IsRecord);
    add(C.Class);
    add(C.V);
    add(C.Fields.size());
    for (const auto &[Field, Id] : C.Fields) {
      add(Field);
      add(Id);
    }
    add(C.ValueBases.size());
    for (const auto &[Base, Id] : C.ValueBases) {
      add(Base);
      add(Id);
    }
    add(C.IsContainer);
    addAll(C.Elements);
    add(C.Borrowed);
    add(C.Lent);
  }
  void add(const Frame &F) {
    add(F.Function);
    add(F.Block->getBlockID());
    add(F.Element);
    add(F.Captures);
    add(F.CallSite);
    add(F.This);
    add(F.ReturnValue);
    add(F.Locals.size());
    for (const auto &[D, C] : F.Locals) {
      add(D);
      add(C);
    }
    add(F.Env.size());
    for (const auto &[St, V] : F.Env) {
      add(St);
      add(V);
    }
    add(F.Decisions.size());
    for (const auto &[St, Taken] : F.Decisions) {
      add(St);
      add(Taken);
    }
  }
  void add(const Process &P) {
    add(P.LastLoop);
    addAll(P.Stack);
    add(uint64_t(P.Wait.K) | uint64_t(P.Wait.Op) << 8 |
        uint64_t(P.Wait.Reader) << 16 | uint64_t(P.Wait.Shape) << 24);
    add(P.Wait.Site);
    add(P.Wait.Loop);
    addAll(P.Wait.Values);
  }
  void add(const Alarm &A, int64_t Now) {
    add(uint64_t(A.K));
    add(A.Due < 0 ? uint64_t(-1) : uint64_t(A.Due - Now));
    add(A.Target);
  }
  void add(const Assumption &A) {
    add(A.Sym);
    add(uint64_t(A.Opcode));
    add(uint64_t(A.Constant));
    add(A.Holds);
  }

  // Shapes order the goroutines, and the reduction's choices follow that
  // order: they hash what is the same in every run (source positions, text),
  // never addresses, so that one program is explored the same way each time.
  void addPlace(const clang::Stmt *St) {
    add(St ? uint64_t(St->getBeginLoc().getRawEncoding()) << 8 |
                 uint64_t(St->getStmtClass())
           : 0);
  }
  void addPlace(const clang::Decl *D) {
    add(D ? uint64_t(D->getLocation().getRawEncoding()) << 8 |
                uint64_t(D->getKind())
          : 0);
  }

  /// What \p V is, without the numbering of memory: a scalar's value, or
  /// the kind of what it refers to.
  void addShape(const State &S, const Value &V) {
    Value Held = load(S, V);
    add(uint64_t(Held.K));
    if (Held.is(Value::Kind::Int) || Held.is(Value::Kind::Sym) ||
        Held.is(Value::Kind::Cond) || Held.is(Value::Kind::NilChan))
      add(uint64_t(Held.Int) ^ uint64_t(Held.Opcode) << 48);
    if (Held.is(Value::Kind::Closure))
      addPlace(static_cast<const clang::Stmt *>(Held.Decl));
    if (Held.is(Value::Kind::Function))
      addPlace(static_cast<const clang::Decl *>(Held.Decl));
    if (Held.is(Value::Kind::Text))
      add(llvm::xxh3_64bits(
          llvm::StringRef(static_cast<const char *>(Held.Decl))));
  }
  /// What goroutine \p P does, without the numbering of memory or of the
  /// goroutines: interchangeable goroutines have equal shapes.
  void addShape(const State &S, const Process &P) {
    addPlace(P.SpawnSite);
    addPlace(P.LastLoop);
    add(P.Stack.size());
    for (const Frame &F : P.Stack) {
      addPlace(F.Function);
      add(F.Block->getBlockID());
      add(F.Element);
      addPlace(F.CallSite);
      // The maps are ordered by address: their entries are summed, in no
      // order.
      uint64_t Entries = 0;
      for (const auto &[D, C] : F.Locals) {
        Hasher Entry;
        Entry.addPlace(D);
        Entry.addShape(S, Value::cell(C));
        Entries += Entry.finish().Low;
      }
      for (const auto &[St, V] : F.Env) {
        Hasher Entry;
        Entry.addPlace(St);
        Entry.addShape(S, V);
        Entries += Entry.finish().Low;
      }
      add(Entries);
    }
    add(uint64_t(P.Wait.K) | uint64_t(P.Wait.Op) << 8);
    addPlace(P.Wait.Site);
    for (const Value &V : P.Wait.Values)
      addShape(S, V);
  }

  Fingerprint finish() const {
    llvm::XXH128_hash_t H = llvm::xxh3_128bits(
        llvm::ArrayRef<uint8_t>(reinterpret_cast<const uint8_t *>(Words.data()),
                                Words.size() * sizeof(uint64_t)));
    return {H.low64, H.high64};
  }

private:
  std::vector<uint64_t> Words;
};

class Canonicalizer {
public:
  /// Takes \p From apart: its parts move into the canonical state.
  Canonicalizer(State From, bool Symmetry)
      : In(std::move(From)), Symmetry(Symmetry), CellMap(In.Cells.size(), -1),
        ObjMap(In.Objects.size(), -1) {}

  State run(std::vector<ProcId> *Renumbered) {
    if (In.ended()) {
      // A panic ended the program: nothing of it is left.
      if (Renumbered)
        Renumbered->assign(In.Processes.size(), NoProcess);
      return Out;
    }
    orderProcesses();
    if (Renumbered)
      *Renumbered = ProcMap;
    Out.Now = In.Now;
    for (const auto &[Var, C] : In.Statics)
      Out.Statics[Var] = cell(C);
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
    for (ObjId O = 0; O < In.Objects.size(); ++O)
      if (In.Objects[O].isUnmetObligation())
        object(O);
    // An alarm is no root: once nothing reaches what it would fire on,
    // firing it can change nothing (an after() in a loop leaves one per
    // iteration).
    for (const Alarm &A : In.Alarms) {
      Alarm Copy = A;
      if (isStoppedDeadline(A))
        continue;
      if (A.K != Alarm::Kind::Sleep) {
        if (A.Target < In.Objects.size() && ObjMap[A.Target] < 0)
          continue;
        Copy.Target = object(A.Target);
      } else {
        Copy.Target = process(A.Target);
      }
      Out.Alarms.push_back(Copy);
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
    // What is assumed of a symbol no value holds any more can matter no
    // more: a loop that tests a new unknown result each time comes back to
    // the state it left.
    for (Assumption A : In.Assumptions)
      if (auto It = SymMap.find(A.Sym); It != SymMap.end()) {
        A.Sym = It->second;
        Out.Assumptions.push_back(A);
      }
    llvm::sort(Out.Assumptions, [](const Assumption &L, const Assumption &R) {
      return std::tie(L.Sym, L.Opcode, L.Constant, L.Holds) <
             std::tie(R.Sym, R.Opcode, R.Constant, R.Holds);
    });
    Out.NextSymbol = SymMap.size();
    return std::move(Out);
  }

private:
  State In;
  bool Symmetry;

  /// The deadline of a context already cancelled: the runtime stops its
  /// timer on cancel (runtime-model/src/context.cpp), so the clock never
  /// stops there.
  bool isStoppedDeadline(const Alarm &A) const {
    if (A.K != Alarm::Kind::Deadline || A.Target >= In.Objects.size())
      return false;
    const auto *Cancelled = In.Objects[A.Target].getAs<Context>();
    return Cancelled && Cancelled->Cancelled;
  }
  State Out;
  std::vector<int64_t> CellMap, ObjMap;
  std::vector<ProcId> ProcMap;
  /// Symbols are numbered in the order the canonical state meets them.
  std::map<uint32_t, uint32_t> SymMap;

  /// Drops the finished goroutines nothing refers to (a finished holder of
  /// a mutex stays, for the deadlock's facts; g0 stays first) and orders
  /// the others by shape (with symmetry), then by name.
  void orderProcesses() {
    std::vector<bool> Holds(In.Processes.size());
    for (const Object &O : In.Objects)
      if (const auto *M = O.getAs<Mutex>(); M && M->Writer < Holds.size())
        Holds[M->Writer] = true;
    std::vector<std::pair<Fingerprint, ProcId>> Order;
    for (ProcId P = 1; P < In.Processes.size(); ++P) {
      if (In.Processes[P].isFinished() && !Holds[P])
        continue;
      Hasher Shape;
      if (Symmetry)
        Shape.addShape(In, In.Processes[P]);
      Order.push_back({Shape.finish(), P});
    }
    // Among equal shapes, by name: spawn order, whatever the path taken.
    std::sort(Order.begin(), Order.end(), [&](const auto &A, const auto &B) {
      return std::tie(A.first.High, A.first.Low, In.Processes[A.second].Key) <
             std::tie(B.first.High, B.first.Low, In.Processes[B.second].Key);
    });
    ProcMap.assign(In.Processes.size(), NoProcess);
    ProcMap[0] = 0;
    Out.Processes.push_back(std::move(In.Processes[0]));
    for (const auto &[Shape, P] : Order) {
      ProcMap[P] = Out.Processes.size();
      Out.Processes.push_back(std::move(In.Processes[P]));
    }
  }

  ProcId process(ProcId P) const { return P < ProcMap.size() ? ProcMap[P] : P; }

  CellId cell(CellId C) {
    if (CellMap[C] >= 0)
      return CellMap[C];
    CellId New = Out.Cells.size();
    CellMap[C] = New;
    Out.Cells.push_back({});
    Cell Copy = std::move(In.Cells[C]);
    Copy.V = value(Copy.V);
    for (auto &Field : Copy.Fields)
      Field.second = cell(Field.second);
    for (auto &Base : Copy.ValueBases)
      Base.second = cell(Base.second);
    for (CellId &Element : Copy.Elements)
      Element = cell(Element);
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
    Out.Objects.emplace_back();
    Object Copy = std::move(In.Objects[O]);
    Copy.forEachLink([&](ObjId &Linked) { Linked = object(Linked); });
    Copy.forEachValue([&](Value &Held) { Held = value(Held); });
    if (auto *M = Copy.getAs<Mutex>()) {
      M->Writer = process(M->Writer);
      M->Claimed = process(M->Claimed);
    }
    if (auto *C = Copy.getAs<Cond>()) {
      for (ProcId &Waiter : C->Waiters)
        Waiter = process(Waiter);
      llvm::sort(C->Waiters); // a signal may wake any of them
    }
    Out.Objects[New] = std::move(Copy);
    return New;
  }

  Value value(Value V) {
    switch (V.K) {
    case Value::Kind::Cell:
    case Value::Kind::Closure:
    case Value::Kind::Position:
      V.Id = cell(V.Id);
      break;
    case Value::Kind::Case:
      if (V.Int == CaseSend)
        V.Aux = cell(V.Aux);
      V.Id = object(V.Id);
      break;
    case Value::Kind::Object:
    case Value::Kind::Iterator:
      V.Id = object(V.Id);
      break;
    case Value::Kind::Sym:
    case Value::Kind::Cond:
      V.Id = SymMap.try_emplace(V.Id, SymMap.size()).first->second;
      break;
    default:
      break;
    }
    return V;
  }
};

} // namespace

State canonicalize(State S, std::vector<ProcId> *Renumbered, bool Symmetry) {
  return Canonicalizer(std::move(S), Symmetry).run(Renumbered);
}

Fingerprint fingerprint(const State &S) {
  Hasher H;
  H.addAll(S.Processes);
  H.addAll(S.Cells);
  H.addAll(S.Objects);
  H.add(S.Alarms.size());
  for (const Alarm &A : S.Alarms)
    H.add(A, S.Now);
  H.addAll(S.Assumptions);
  H.add(S.Statics.size());
  for (const auto &[Var, C] : S.Statics) {
    H.add(Var);
    H.add(C);
  }
  return H.finish();
}

uint64_t approximateBytes(const State &S) {
  // A node of a std::map holds its pair and about four words of links.
  constexpr uint64_t MapNode = 4 * sizeof(void *);
  uint64_t Bytes = sizeof(State);
  for (const Process &P : S.Processes) {
    Bytes += sizeof(Process) + P.Key.capacity() +
             P.Wait.Values.capacity() * sizeof(Value);
    for (const Frame &F : P.Stack)
      Bytes += sizeof(Frame) +
               F.Locals.size() * (MapNode + 2 * sizeof(void *)) +
               F.Env.size() * (MapNode + sizeof(void *) + sizeof(Value)) +
               F.Decisions.size() * (MapNode + 2 * sizeof(void *));
  }
  for (const Cell &C : S.Cells)
    Bytes += sizeof(Cell) + C.Fields.capacity() * 2 * sizeof(void *) +
             C.Elements.capacity() * sizeof(CellId);
  for (const Object &O : S.Objects) {
    Bytes += sizeof(Object);
    if (const auto *C = O.getAs<Channel>())
      Bytes += C->Buffer.capacity() * sizeof(Value);
  }
  Bytes += S.Statics.size() * (MapNode + 2 * sizeof(void *)) +
           S.Alarms.capacity() * sizeof(Alarm) +
           S.Assumptions.capacity() * sizeof(Assumption);
  for (const Event &E : S.Events)
    Bytes += sizeof(Event) + E.Message.capacity() + E.ProcessKey.capacity();
  return Bytes;
}

} // namespace golife::explore
