// Every replica named in the options is asked and every answer is read:
// the two loops read the same field of the options, so they agree.
#include <go/go.h>

struct Options {
  int Replicas;
  int TimeoutMs;
};

int fetch(Options Opts) {
  auto Answers = go::makeChan<int>();
  for (int I = 0; I < Opts.Replicas; ++I)
    go::spawn([=] { Answers.send(I); });
  int First = -1;
  for (int I = 0; I < Opts.Replicas; ++I) {
    int Answer = Answers.recv();
    if (I == 0)
      First = Answer;
  }
  return First;
}

int main() {
  return go::run([] { (void)fetch(Options{3, 100}); });
}
