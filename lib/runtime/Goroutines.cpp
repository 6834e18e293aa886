//===- Goroutines.cpp - spawn, run, yield, panic, defer -------------------===//
//
// A goroutine runs until it blocks, yields or finishes: the runtime never
// preempts it (the analysis also stops it at a loop's back edge, so that
// loops meet their states again). The program ends when a panic is not
// recovered (go::panic included), and then no goroutine leaks. go::defer's
// guard runs its function when it is destroyed; go::run(f) runs f in the
// calling goroutine (runtime-model/src/scheduler.cpp).
//
//===----------------------------------------------------------------------===//

#include "Rules.h"

namespace golife::runtime {

Effect spawn(Call &C) {
  Effect E{Effect::Kind::Spawn};
  if (!C.Args.empty()) {
    E.Callee = C.Args[0];
    E.Args.assign(C.Args.begin() + 1, C.Args.end());
  }
  return E;
}

Effect run(Call &C) {
  if (C.Args.empty())
    return Effect::unknown(C.Args);
  return Effect::invoke(C.Args[0], C.Args);
}

Effect yield(Call &C) {
  // runtime.Gosched(): any runnable goroutine may run before this one
  // goes on.
  return Effect::block(Pending{Pending::Kind::Yield, OpKind::Other, C.Site});
}

Effect exitByPanic(Call &) { return Effect{Effect::Kind::Exit}; }

Effect defer(Call &C) {
  return Effect::returns(
      Value::object(C.S.newObject(Deferred{C.arg(0)}, C.Site)));
}

Effect destroy(State &S, ObjId O) {
  Object &Destroyed = S.Objects[O];
  if (auto *D = Destroyed.getAs<Deferred>(); D && !D->Ran) {
    D->Ran = true;
    return Effect::invoke(D->Callee, {D->Callee});
  }
  if (auto *G = Destroyed.getAs<LockGuard>(); G && !G->Released) {
    G->Released = true;
    // A guard's own unlock of an unlocked mutex is not reported (yet).
    unlock(S, G->Mutex, false);
  }
  return Effect::returns();
}

} // namespace golife::runtime
