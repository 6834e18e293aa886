// A goto: code golife does not follow.
#include <go/go.h>

void retry(go::Chan<int> results) {
again:
  if (results.recv() < 0)
    goto again;
}
