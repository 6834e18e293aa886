// Calls a header function that leaks: the finding and its path are in the
// header, only the return is here.
#include "workers.h"

void callsLeakHere() { leakHere(); }
