// A controller waits for the worker's acknowledgement of a message; the
// worker's visitor acknowledges Start but not Stop, and Stop is sent.
#include <go/go.h>
#include <variant>

struct Start {};
struct Stop {};
using Message = std::variant<Start, Stop>;

template <class... Ts> struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts> Overloaded(Ts...) -> Overloaded<Ts...>;

void control() {
  auto acks = go::makeChan<int>();
  Message m = Stop{};
  go::spawn([acks, m] {
    std::visit(Overloaded{[acks](const Start &) { acks.send(1); },
                          [](const Stop &) {}},
               m);
  });
  (void)acks.recv();
}

int main() { return go::run([] { control(); }); }
