//===- State.cpp - What every layer does to a state -----------------------===//

#include "State.h"

namespace golife::runtime {

void escape(State &S, const Value &V) {
  std::vector<Value> Work{V};
  std::vector<bool> SeenCells(S.Cells.size());
  while (!Work.empty()) {
    Value Item = Work.back();
    Work.pop_back();
    switch (Item.K) {
    case Value::Kind::Object: {
      Object &O = S.Objects[Item.Id];
      if (O.Escaped)
        break;
      O.Escaped = true;
      O.forEachLink([&](ObjId Linked) {
        if (Linked != NoObject)
          Work.push_back(Value::object(Linked));
      });
      if (const auto *D = O.getAs<Deferred>())
        Work.push_back(D->Callee);
      break;
    }
    case Value::Kind::Case:
      if (Item.Int == CaseSend)
        Work.push_back(Value::cell(Item.Aux));
      [[fallthrough]];
    case Value::Kind::Iterator:
      if (Item.Id < S.Objects.size())
        Work.push_back(Value::object(Item.Id));
      break;
    case Value::Kind::Closure:
      Work.push_back(Value::cell(Item.Id));
      break;
    case Value::Kind::Cell:
      if (SeenCells[Item.Id])
        break;
      SeenCells[Item.Id] = true;
      Work.push_back(S.Cells[Item.Id].V);
      for (const auto &Field : S.Cells[Item.Id].Fields)
        Work.push_back(Value::cell(Field.second));
      break;
    default:
      break;
    }
  }
}

} // namespace golife::runtime
