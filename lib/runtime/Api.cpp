//===- Api.cpp - The runtime's API table ----------------------------------===//

#include "Rules.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/StringMap.h"

using namespace clang;

namespace golife::runtime {
namespace {

/// One row per function of the runtime's API: "function" for free
/// functions and "Class::method" for members, both inside namespace go.
const llvm::StringMap<Handler> &apiTable() {
  static const llvm::StringMap<Handler> Table = {
      {"spawn", spawn},
      {"run", run},
      {"yield", yield},
      {"panic", exitByPanic},
      {"defer", defer},
      {"makeChan", makeChan},
      {"Chan::send", chanSend},
      {"Chan::recv", chanRecv},
      {"Chan::recvOk", chanRecvOk},
      {"Chan::close", chanClose},
      {"Chan::begin", chanBegin},
      {"Chan::end", unknownResult},
      {"Chan::len", unknownResult},
      {"Chan::cap", unknownResult},
      {"Chan::isNil", chanIsNil},
      {"Chan::Iterator::operator++", chanIteratorNext},
      {"Chan::Iterator::operator*", unknownResult},
      {"select", select},
      {"caseRecv", caseRecv},
      {"caseSend", caseSend},
      {"caseDefault", caseDefault},
      {"WaitGroup::add", waitGroupAdd},
      {"WaitGroup::done", waitGroupDone},
      {"WaitGroup::wait", waitGroupWait},
      {"Mutex::lock", mutexLock},
      {"Mutex::unlock", mutexUnlock},
      {"Mutex::tryLock", mutexTryLock},
      {"RWMutex::lock", mutexLock},
      {"RWMutex::unlock", mutexUnlock},
      {"RWMutex::rlock", mutexRLock},
      {"RWMutex::runlock", mutexRUnlock},
      {"Cond::wait", condWait},
      {"Cond::signal", condSignal},
      {"Cond::broadcast", condBroadcast},
      {"Once::run", onceRun},
      {"sleep", sleep},
      {"after", after},
      {"tick", tick},
      {"newTicker", newTicker},
      {"Ticker::stop", tickerStop},
      {"Ticker::reset", tickerReset},
      {"newTimer", newTimer},
      {"Timer::stop", timerStop},
      {"Timer::reset", timerReset},
      {"afterFunc", afterFunc},
      {"background", background},
      {"todo", background},
      {"withCancel", withCancel},
      {"withTimeout", withTimeout},
      {"withDeadline", withDeadline},
      {"Context::done", contextDone},
      {"Context::err", unknownResult},
  };
  return Table;
}

/// Whether \p DC is namespace go itself (inline namespaces looked through).
bool isGoNamespace(const DeclContext *DC) {
  while (DC && DC->isInlineNamespace())
    DC = DC->getParent();
  const auto *NS = dyn_cast_or_null<NamespaceDecl>(DC);
  return NS && NS->getIdentifier() && NS->getName() == "go" &&
         NS->getParent()->getRedeclContext()->isTranslationUnit();
}

/// "Outer::Inner::" for a record nested in namespace go, or "" when the
/// record is not the runtime's.
std::string runtimeRecordPath(const CXXRecordDecl *Record) {
  std::string Path;
  const DeclContext *DC = Record;
  for (; DC && isa<CXXRecordDecl>(DC); DC = DC->getParent()) {
    const auto *R = cast<CXXRecordDecl>(DC);
    if (!R->getIdentifier())
      return "";
    Path = (R->getName() + "::" + Path).str();
  }
  return isGoNamespace(DC) ? Path : "";
}

} // namespace

bool isRuntimeDecl(const Decl *D) {
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent())
    if (isGoNamespace(DC))
      return true;
  return false;
}

Handler handlerOf(const FunctionDecl *FD) {
  if (!FD)
    return nullptr;
  std::string Key;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(FD)) {
    std::string Path = runtimeRecordPath(Method->getParent());
    if (Path.empty())
      return nullptr;
    Key = Path + FD->getNameAsString();
  } else {
    if (!FD->getIdentifier() || !isGoNamespace(FD->getDeclContext()))
      return nullptr;
    Key = FD->getName().str();
  }
  auto It = apiTable().find(Key);
  return It == apiTable().end() ? nullptr : It->second;
}

bool isCaseRecv(const FunctionDecl *FD) { return handlerOf(FD) == caseRecv; }
bool isCaseSend(const FunctionDecl *FD) { return handlerOf(FD) == caseSend; }

bool usesObjectState(Handler H) {
  static const Handler Stateless[] = {
      spawn,    run,      yield,       exitByPanic, defer,     makeChan,
      caseRecv, caseSend, caseDefault, background,  chanIsNil, unknownResult};
  return !llvm::is_contained(Stateless, H);
}

/// Whether namespace \p NS, or a namespace inline in it, declares a
/// function named \p Name that some code refers to.
static bool refersTo(const NamespaceDecl *NS, IdentifierInfo &Name) {
  for (const NamedDecl *D : NS->lookup(&Name))
    if (D->isReferenced())
      return true;
  for (const NamespaceDecl *Part : NS->redecls())
    for (const Decl *D : Part->decls())
      if (const auto *Inner = dyn_cast<NamespaceDecl>(D);
          Inner && Inner->isInline() && refersTo(Inner, Name))
        return true;
  return false;
}

bool unitUsesDefaultCase(ASTContext &Ctx) {
  IdentifierInfo &Go = Ctx.Idents.get("go");
  IdentifierInfo &CaseDefault = Ctx.Idents.get("caseDefault");
  for (const NamedDecl *D : Ctx.getTranslationUnitDecl()->lookup(&Go))
    if (const auto *NS = dyn_cast<NamespaceDecl>(D);
        NS && refersTo(NS, CaseDefault))
      return true;
  return false;
}

bool unitDeclaresRuntime(ASTContext &Ctx) {
  IdentifierInfo &Spawn = Ctx.Idents.get("spawn");
  for (const NamedDecl *D :
       Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get("go")))
    if (const auto *NS = dyn_cast<NamespaceDecl>(D);
        NS && !NS->lookup(&Spawn).empty())
      return true;
  return false;
}

RuntimeType runtimeTypeOf(QualType T) {
  const auto *Record = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!Record)
    return RuntimeType::None;
  static const llvm::StringMap<RuntimeType> Types = {
      {"Chan::", RuntimeType::Chan},
      {"Chan::Iterator::", RuntimeType::ChanIterator},
      {"WaitGroup::", RuntimeType::WaitGroup},
      {"Mutex::", RuntimeType::Mutex},
      {"RWMutex::", RuntimeType::Mutex},
      {"Cond::", RuntimeType::Cond},
      {"Once::", RuntimeType::Once},
      {"Ticker::", RuntimeType::Ticker},
      {"Timer::", RuntimeType::Timer},
      {"Context::", RuntimeType::Context},
      {"Defer::", RuntimeType::Defer},
  };
  auto It = Types.find(runtimeRecordPath(Record));
  return It == Types.end() ? RuntimeType::None : It->second;
}

Value zeroValue(State &S, RuntimeType T, const Expr *Site) {
  switch (T) {
  case RuntimeType::Chan:
    return Value{Value::Kind::NilChan};
  case RuntimeType::WaitGroup:
    return Value::object(S.newObject(WaitGroup{}, Site));
  case RuntimeType::Mutex:
    return Value::object(S.newObject(Mutex{}, Site));
  case RuntimeType::Once:
    return Value::object(S.newObject(Once{}, Site));
  case RuntimeType::Context:
    return Value::object(S.newObject(Context{}, Site));
  default:
    return {};
  }
}

} // namespace golife::runtime
