//===- Context.cpp - Contexts and their cancel trees ----------------------===//
//
// After Go's context package (runtime-model/src/context.cpp):
//
//   background(), todo():      never done (done() is a nil channel).
//   withCancel(parent):        a child and its cancel function;
//   withTimeout/withDeadline:  also cancelled by an alarm.
//
//   [ live ] --cancel(), its deadline, or its parent's cancel--> [ done ]
//   done: its done() channel is closed, and so are its children's.
//
// A cancel function never called while its context is live is a leak (the
// context's resources stay until the parent is done).
//
//===----------------------------------------------------------------------===//

#include "Rules.h"

namespace golife::runtime {

Effect background(Call &C) {
  return Effect::returns(Value::object(C.S.newObject(Context{}, C.Site)));
}

/// A child of the first argument, its cancel function, and, when \p Due is
/// set, the alarm that cancels it.
static Effect derive(Call &C, std::optional<Value> Due) {
  Value Parent = C.arg(0);
  State &S = C.S;
  ObjId Done = S.newObject(Channel{}, C.Site);
  ObjId Child = S.newObject(Context{Done}, C.Site);
  ObjId Cancel = S.newObject(CancelFunc{Child}, C.Site);
  if (Parent.is(Value::Kind::Object)) {
    S.Objects[Child].as<Context>().Parent = Parent.Id;
    const Object &P = S.Objects[Parent.Id];
    const auto *ParentContext = P.getAs<Context>();
    bool ParentCancelled = ParentContext && ParentContext->Cancelled;
    // An escaped parent may be cancelled at any time by code not seen.
    S.Objects[Done].Escaped = P.Escaped;
    if (ParentCancelled)
      cancelContext(S, Child);
  } else {
    S.Objects[Done].Escaped = true;
  }
  if (Due)
    addAlarm(S, Alarm::Kind::Deadline, *Due, Child);
  C.note("cancel function created here", Cancel);
  return Effect::pair(Value::object(Child), Value::object(Cancel));
}

Effect withCancel(Call &C) { return derive(C, std::nullopt); }
Effect withTimeout(Call &C) { return derive(C, C.arg(1)); }
Effect withDeadline(Call &C) { return derive(C, Value{}); }

Effect contextDone(Call &C) {
  Value Self = C.self();
  if (!Self.is(Value::Kind::Object))
    return Effect::returns();
  const Object &O = C.S.Objects[Self.Id];
  ObjId Done = O.as<Context>().Done;
  if (Done == NoObject && !O.Escaped)
    return Effect::returns(Value{Value::Kind::NilChan, false, 0, 1});
  if (Done == NoObject)
    return Effect::returns();
  return Effect::returns(Value::object(Done));
}

void cancelContext(State &S, ObjId Target) {
  if (Target == NoObject || Target >= S.Objects.size())
    return;
  Context &Cancelled = S.Objects[Target].as<Context>();
  if (Cancelled.Cancelled)
    return;
  Cancelled.Cancelled = true;
  if (Cancelled.Done != NoObject)
    closeChannel(S, Cancelled.Done);
  for (ObjId Child = 0; Child < S.Objects.size(); ++Child)
    if (const auto *C = S.Objects[Child].getAs<Context>();
        C && C->Parent == Target)
      cancelContext(S, Child);
}

void callCancel(State &S, ObjId Cancel) {
  CancelFunc &F = S.Objects[Cancel].as<CancelFunc>();
  cancelContext(S, F.Context);
  S.Objects[Cancel].as<CancelFunc>().Called = true;
}

} // namespace golife::runtime
