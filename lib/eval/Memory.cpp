//===- Memory.cpp - Cells, records and copies -----------------------------===//
//
// Memory is a graph of cells: a scalar cell holds a value, a record cell
// its fields' cells. An lvalue is a cell's address; loading reads the value
// of a scalar cell; a record is copied field by field; a reference aliases.
//
//===----------------------------------------------------------------------===//

#include "Interpreter.h"
#include "StdLibrary.h"
#include "Values.h"

using namespace clang;

namespace golife::eval {

/// A record of the program's own (not the runtime's, not the standard
/// library's): the analysis follows its fields.
static bool isPlainRecord(QualType T) {
  return T->isRecordType() && runtimeTypeOf(T) == RuntimeType::None &&
         containerKind(T) == ContainerKind::None && !isStdString(T) &&
         !isStd(T->getAsCXXRecordDecl()) && !isStdFunction(T);
}

Value Interpreter::defaultValue(QualType T, const Expr *Site) {
  RuntimeType Runtime = runtimeTypeOf(T);
  if (Runtime != RuntimeType::None)
    return zeroValue(*S, Runtime, Site);
  if (containerKind(T) == ContainerKind::Array)
    return {}; // its elements are made by its constructor
  if (containerKind(T) != ContainerKind::None)
    return emptyContainer();
  if (isStdString(T))
    return textValue("");
  if (isPlainRecord(T))
    return Value::cell(S->newRecord());
  return {};
}

Value Interpreter::madeUp(QualType T) {
  if (T->isIntegralOrEnumerationType())
    return S->newSymbol();
  if (!isPlainRecord(T))
    return {};
  CellId Record = S->newRecord();
  S->Cells[Record].Lent = true;
  return Value::cell(Record);
}

void Interpreter::forgetBorrowedIntegers() {
  for (Cell &C : S->Cells)
    if (C.Borrowed && !C.IsRecord &&
        (C.V.is(Value::Kind::Int) || C.V.is(Value::Kind::Sym) ||
         C.V.is(Value::Kind::Cond)))
      C.V = S->newSymbol();
}

CellId Interpreter::makePair(QualType PairType, Value First, Value Second) {
  CellId Pair = S->newRecord();
  const RecordDecl *Record = PairType->getAsRecordDecl();
  if (!Record)
    return Pair;
  Value Members[] = {First, Second};
  unsigned I = 0;
  for (const FieldDecl *Field : Record->fields()) {
    if (I == 2)
      break;
    CellId Member = S->newCell(Members[I++]);
    S->Cells[Pair].Fields.push_back({Field, Member});
  }
  return Pair;
}

CellId Interpreter::fieldCell(CellId Record, const FieldDecl *Field) {
  for (const auto &[F, C] : S->Cells[Record].Fields)
    if (F == Field)
      return C;
  bool Lent = S->Cells[Record].Lent;
  QualType T = Field->getType();
  // A std::array member no initializer names is default-initialised: its
  // elements are there (zero runtime objects).
  Value Initial = Lent ? madeUp(T)
                  : containerKind(T) == ContainerKind::Array
                      ? arrayOf(T, {})
                      : defaultValue(T, nullptr);
  // A record member is a record cell of its own, not a pointer to one.
  CellId C = Initial.is(Value::Kind::Cell) && S->Cells[Initial.Id].IsRecord
                 ? Initial.Id
                 : S->newCell(Initial);
  // Whoever lent the record holds its members too.
  S->Cells[C].Borrowed = Lent && S->Cells[Record].Borrowed;
  S->Cells[Record].Fields.push_back({Field, C});
  return C;
}

CellId Interpreter::copyCell(CellId From) {
  if (!S->Cells[From].IsRecord)
    return S->newCell(S->Cells[From].V);
  CellId To = S->newRecord();
  S->Cells[To].Class = S->Cells[From].Class;
  S->Cells[To].Lent = S->Cells[From].Lent;
  if (S->Cells[From].IsContainer) {
    S->Cells[To].IsContainer = true;
    S->Cells[To].V = S->Cells[From].V; // a variant's alternative
    copyElements(To, From);
  }
  auto Fields = S->Cells[From].Fields;
  for (const auto &[Field, C] : Fields) {
    CellId Copy = Field->getType()->isReferenceType()
                      ? S->newCell(S->Cells[C].V)
                      : copyCell(C);
    S->Cells[To].Fields.push_back({Field, Copy});
  }
  auto Bases = S->Cells[From].ValueBases;
  for (const auto &[Base, C] : Bases) {
    CellId Copy = copyCell(C);
    S->Cells[To].ValueBases.push_back({Base, Copy});
  }
  return To;
}

Value Interpreter::copyFor(QualType T, const Value &V) {
  if (T->isReferenceType())
    return V;
  if (!T->isRecordType())
    return V; // a prvalue: a pointer's value is the address it holds
  if (V.is(Value::Kind::Cell) && S->Cells[V.Id].IsRecord)
    return Value::cell(copyCell(V.Id));
  return load(V); // handles copy by value
}

CellId Interpreter::cellFor(QualType T, const Value &V) {
  if (T->isReferenceType()) {
    if (V.is(Value::Kind::Cell))
      return V.Id;
    CellId Referred = S->newCell(V);
    S->Cells[Referred].Borrowed = true;
    return Referred;
  }
  Value Copy = copyFor(T, V);
  if (Copy.is(Value::Kind::Unknown) && isPlainRecord(T))
    Copy = madeUp(T); // a record made where the analysis cannot see
  if (T->isRecordType() && Copy.is(Value::Kind::Cell) &&
      S->Cells[Copy.Id].IsRecord)
    return Copy.Id;
  return S->newCell(Copy);
}

void Interpreter::store(const Value &Target, const Value &V) {
  if (!Target.is(Value::Kind::Cell)) {
    handOut(V); // stored where the analysis cannot see
    return;
  }
  Cell &C = S->Cells[Target.Id];
  if (C.IsRecord) {
    if (V.is(Value::Kind::Cell) && S->Cells[V.Id].IsRecord) {
      CellId Copy = copyCell(V.Id);
      S->Cells[Target.Id].Fields = S->Cells[Copy].Fields;
      S->Cells[Target.Id].IsContainer = S->Cells[Copy].IsContainer;
      S->Cells[Target.Id].Elements = S->Cells[Copy].Elements;
      S->Cells[Target.Id].V = S->Cells[Copy].V;
    } else if (S->Cells[Target.Id].IsContainer) {
      forgetContainer(Target.Id);
      handOut(V);
    } else {
      S->Cells[Target.Id].Fields.clear();
      S->Cells[Target.Id].Lent = true;
      handOut(V);
    }
    return;
  }
  C.V = load(V);
}

void Interpreter::handOut(const Value &V) {
  if (!S->Statics.empty()) {
    // A callable it reaches may run at any time, using the statics.
    Reach Reached(*S);
    Reached.from(V);
    escapeStaticsOf(V);
    for (CellId C = 0; C < S->Cells.size(); ++C)
      if (Reached.cell(C))
        escapeStaticsOf(S->Cells[C].V);
  }
  escape(*S, V);
}

void Interpreter::escapeBorrowed() {
  // The caller holds what its objects hold, and may use it at any time.
  std::optional<Reach> Reached;
  for (CellId C = 0; C < S->Cells.size(); ++C)
    if (S->Cells[C].Borrowed) {
      if (!Reached)
        Reached.emplace(*S);
      Reached->from(Value::cell(C));
    }
  if (Reached)
    for (ObjId O = 0; O < S->Objects.size(); ++O)
      if (Reached->object(O))
        S->Objects[O].Escaped = true;
}

void Interpreter::note(const Expr *Site, std::string Message,
                       std::string ProcessKey) {
  S->record({Site->getBeginLoc(), std::move(Message), NoObject,
             std::move(ProcessKey)});
}

} // namespace golife::eval
