// A bug for Clang's own core checkers, none for golife: scan-build reports
// it unless the default checkers are disabled.
int readThrough() {
  int *p = nullptr;
  return *p;
}
