// Goroutine stacks: each has a guard page below it, so an overflow faults
// at once instead of overwriting another goroutine's stack, and a finished
// goroutine's stack is kept for the next one, so that spawning costs no
// system call once the pool is warm.
#pragma once

#include <boost/context/stack_context.hpp>

#include <cstddef>
#include <vector>

namespace go::detail {

class StackPool {
public:
  // size: the usable bytes of every stack, a multiple of the page size.
  explicit StackPool(std::size_t size);
  StackPool(const StackPool &) = delete;
  StackPool &operator=(const StackPool &) = delete;
  // Unmaps the stacks it holds; every stack must have been returned.
  ~StackPool();

  boost::context::stack_context allocate();
  void deallocate(boost::context::stack_context &stack) noexcept;

private:
  std::size_t size_;
  std::size_t guardSize_;
  std::vector<void *> free_; // mappings (guard page first) ready for reuse
};

} // namespace go::detail
