// A unit that includes only the runtime's panic messages: it declares no
// runtime type or function, so even its unseen calls reach no runtime.
#include <go/panic_messages.h>

#include <cstring>
#include <functional>

bool isSendPanic(const std::function<const char *()> &Message) {
  for (int Tries = 0; Tries < 1000; ++Tries)
    if (std::strcmp(Message(), go::panic_messages::SendOnClosed) == 0)
      return true;
  return false;
}
