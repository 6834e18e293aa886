#include "stack_pool.h"

#include <new>

#include <sys/mman.h>
#include <unistd.h>

namespace go::detail {

StackPool::StackPool(std::size_t size)
    : size_(size), guardSize_(static_cast<std::size_t>(sysconf(_SC_PAGESIZE))) {
}

StackPool::~StackPool() {
  for (void *mapping : free_) {
    munmap(mapping, guardSize_ + size_);
  }
}

boost::context::stack_context StackPool::allocate() {
  void *mapping = nullptr;
  if (free_.empty()) {
    mapping = mmap(nullptr, guardSize_ + size_, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (mapping == MAP_FAILED) {
      throw std::bad_alloc();
    }
    if (mprotect(mapping, guardSize_, PROT_NONE) != 0) {
      munmap(mapping, guardSize_ + size_);
      throw std::bad_alloc();
    }
  } else {
    mapping = free_.back();
    free_.pop_back();
  }
  boost::context::stack_context stack;
  stack.size = size_;
  stack.sp = static_cast<char *>(mapping) + guardSize_ + size_; // grows down
  return stack;
}

void StackPool::deallocate(boost::context::stack_context &stack) noexcept {
  free_.push_back(static_cast<char *>(stack.sp) - size_ - guardSize_);
}

} // namespace go::detail
