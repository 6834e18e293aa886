// Calls a header function that blocks forever: every location of the
// finding is in the header, so filters decide whether it is shown.
#include "workers.h"

int awaitsInHeader() { return awaitNothing(); }
