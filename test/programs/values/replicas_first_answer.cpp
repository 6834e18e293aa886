// Every replica named in the options is asked, and only the first answer
// is read: the other replicas wait forever to answer. The loop and the
// test of the count read the same field of the options.
#include <go/go.h>

struct Options {
  int Replicas;
  int TimeoutMs;
};

int fetch(Options Opts) {
  auto Answers = go::makeChan<int>();
  for (int I = 0; I < Opts.Replicas; ++I)
    go::spawn([=] { Answers.send(I); });
  return Opts.Replicas > 0 ? Answers.recv() : -1;
}

int main() {
  return go::run([] { (void)fetch(Options{3, 100}); });
}
