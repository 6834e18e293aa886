#include <go/go.h>

void broken() { go::makeChan<int>() + 1; }
