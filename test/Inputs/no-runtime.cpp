// A unit that never includes the runtime: nothing in it is analysed.
#include <vector>

int search(const std::vector<int> &Values, int Wanted) {
  for (unsigned I = 0; I < Values.size(); ++I)
    if (Values[I] == Wanted)
      return int(I);
  return -1;
}

int main() { return search({1, 2, 3}, 2); }
