//===- State.cpp - What every layer does to a state -----------------------===//

#include "State.h"

namespace golife::runtime {

void escape(State &S, const Value &V) {
  Reach Reached(S);
  Reached.from(V);
  for (ObjId O = 0; O < S.Objects.size(); ++O)
    if (Reached.object(O))
      S.Objects[O].Escaped = true;
  for (CellId C = 0; C < S.Cells.size(); ++C)
    if (Reached.cell(C))
      S.Cells[C].Borrowed = true;
}

void Reach::from(const Value &Root) {
  Work.push_back(Root);
  while (!Work.empty()) {
    Value Item = Work.back();
    Work.pop_back();
    switch (Item.K) {
    case Value::Kind::Object: {
      if (!object(Item.Id) && Item.Id < Objects.size()) {
        Objects[Item.Id] = true;
        const Object &O = S.Objects[Item.Id];
        O.forEachLink([&](ObjId Linked) {
          if (Linked != NoObject)
            Work.push_back(Value::object(Linked));
        });
        O.forEachValue([&](const Value &Held) { Work.push_back(Held); });
      }
      break;
    }
    case Value::Kind::Case:
      if (Item.Int == CaseSend)
        Work.push_back(Value::cell(Item.Aux));
      [[fallthrough]];
    case Value::Kind::Iterator:
      Work.push_back(Value::object(Item.Id));
      break;
    case Value::Kind::Closure:
    case Value::Kind::Position:
      Work.push_back(Value::cell(Item.Id));
      break;
    case Value::Kind::Cell:
      if (!cell(Item.Id) && Item.Id < Cells.size()) {
        Cells[Item.Id] = true;
        Work.push_back(S.Cells[Item.Id].V);
        for (const auto &Field : S.Cells[Item.Id].Fields)
          Work.push_back(Value::cell(Field.second));
        for (const auto &Base : S.Cells[Item.Id].ValueBases)
          Work.push_back(Value::cell(Base.second));
        for (CellId Element : S.Cells[Item.Id].Elements)
          Work.push_back(Value::cell(Element));
      }
      break;
    default:
      break;
    }
  }
}

void Reach::fromDerivedContexts() {
  for (bool Grew = true; Grew;) {
    Grew = false;
    for (ObjId O = 0; O < S.Objects.size(); ++O)
      if (const auto *C = S.Objects[O].getAs<Context>();
          C && !object(O) && object(C->Parent)) {
        from(Value::object(O));
        Grew = true;
      }
  }
}

void Reach::fromProcess(const Process &P) {
  if (!P.isFinished())
    for (const auto &Static : S.Statics)
      from(Value::cell(Static.second));
  for (const Frame &F : P.Stack) {
    from(F.This);
    from(F.ReturnValue);
    if (F.Captures != NoObject)
      from(Value::cell(F.Captures));
    for (const auto &Local : F.Locals)
      from(Value::cell(Local.second));
    for (const auto &Entry : F.Env)
      from(Entry.second);
  }
  for (const Value &V : P.Wait.Values)
    from(V);
}

} // namespace golife::runtime
