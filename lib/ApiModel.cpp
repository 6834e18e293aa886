//===- ApiModel.cpp - The runtime's API table -----------------------------===//

#include "golife/ApiModel.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/StringMap.h"

using namespace clang;

namespace golife {
namespace {

/// Keys are "function" for free functions and "Class::method" for members,
/// both inside namespace go.
const llvm::StringMap<ApiFunction> &apiTable() {
  static const llvm::StringMap<ApiFunction> Table = {
      {"spawn", ApiFunction::Spawn},
      {"run", ApiFunction::Run},
      {"yield", ApiFunction::Yield},
      {"panic", ApiFunction::Panic},
      {"makeChan", ApiFunction::MakeChan},
      {"Chan::send", ApiFunction::ChanSend},
      {"Chan::recv", ApiFunction::ChanRecv},
      {"Chan::recvOk", ApiFunction::ChanRecvOk},
      {"Chan::close", ApiFunction::ChanClose},
      {"Chan::begin", ApiFunction::ChanBegin},
      {"Chan::end", ApiFunction::ChanEnd},
      {"Chan::len", ApiFunction::ChanLen},
      {"Chan::cap", ApiFunction::ChanCap},
      {"Chan::isNil", ApiFunction::ChanIsNil},
      {"Chan::Iterator::operator++", ApiFunction::ChanIteratorNext},
      {"Chan::Iterator::operator*", ApiFunction::ChanIteratorValue},
      {"select", ApiFunction::Select},
      {"caseRecv", ApiFunction::CaseRecv},
      {"caseSend", ApiFunction::CaseSend},
      {"caseDefault", ApiFunction::CaseDefault},
      {"WaitGroup::add", ApiFunction::WaitGroupAdd},
      {"WaitGroup::done", ApiFunction::WaitGroupDone},
      {"WaitGroup::wait", ApiFunction::WaitGroupWait},
      {"Mutex::lock", ApiFunction::MutexLock},
      {"Mutex::unlock", ApiFunction::MutexUnlock},
      {"Mutex::tryLock", ApiFunction::MutexTryLock},
      {"RWMutex::lock", ApiFunction::MutexLock},
      {"RWMutex::unlock", ApiFunction::MutexUnlock},
      {"RWMutex::rlock", ApiFunction::MutexRLock},
      {"RWMutex::runlock", ApiFunction::MutexRUnlock},
      {"Cond::wait", ApiFunction::CondWait},
      {"Cond::signal", ApiFunction::CondSignal},
      {"Cond::broadcast", ApiFunction::CondBroadcast},
      {"Once::run", ApiFunction::OnceRun},
      {"defer", ApiFunction::Defer},
      {"sleep", ApiFunction::Sleep},
      {"after", ApiFunction::After},
      {"tick", ApiFunction::Tick},
      {"newTicker", ApiFunction::NewTicker},
      {"Ticker::stop", ApiFunction::TickerStop},
      {"Ticker::reset", ApiFunction::TickerReset},
      {"newTimer", ApiFunction::NewTimer},
      {"Timer::stop", ApiFunction::TimerStop},
      {"Timer::reset", ApiFunction::TimerReset},
      {"afterFunc", ApiFunction::AfterFunc},
      {"background", ApiFunction::Background},
      {"todo", ApiFunction::Todo},
      {"withCancel", ApiFunction::WithCancel},
      {"withTimeout", ApiFunction::WithTimeout},
      {"withDeadline", ApiFunction::WithDeadline},
      {"Context::done", ApiFunction::ContextDone},
      {"Context::err", ApiFunction::ContextErr},
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

} // namespace

bool isRuntimeDecl(const Decl *D) {
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent())
    if (isGoNamespace(DC))
      return true;
  return false;
}

/// "Outer::Inner::" for a record nested in namespace go, or "" when the
/// record is not the runtime's.
static std::string runtimeRecordPath(const CXXRecordDecl *Record) {
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

ApiFunction apiFunctionOf(const FunctionDecl *FD) {
  if (!FD)
    return ApiFunction::None;
  std::string Key;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(FD)) {
    std::string Path = runtimeRecordPath(Method->getParent());
    if (Path.empty())
      return ApiFunction::None;
    Key = Path + FD->getNameAsString();
  } else {
    if (!FD->getIdentifier() || !isGoNamespace(FD->getDeclContext()))
      return ApiFunction::None;
    Key = FD->getName().str();
  }
  auto It = apiTable().find(Key);
  return It == apiTable().end() ? ApiFunction::None : It->second;
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

} // namespace golife
