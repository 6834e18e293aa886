#pragma once
#include <go/go.h>

// Computes a result in a goroutine of its own and returns the channel that
// delivers it: unbuffered, so the sender waits for a receiver.
go::Chan<int> computeAsync();
// The same on a channel with room for the result: the sender never waits.
go::Chan<int> computeBuffered();
// Computes a result in a goroutine of its own and sends it on \p out.
void computeInto(go::Chan<int> out);
