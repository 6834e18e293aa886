// Locks kept by name: a transfer to the same account locks it once.
#include <go/go.h>
#include <map>
#include <string>

struct Account {
  go::Mutex mu;
  int balance = 100;
};

struct Bank {
  std::map<std::string, Account *> accounts;

  Account *find(const std::string &name) {
    auto it = accounts.find(name);
    return it == accounts.end() ? nullptr : it->second;
  }

  void transfer(const std::string &from, const std::string &to, int amount) {
    Account *a = find(from);
    Account *b = find(to);
    if (!a || !b || a == b)
      return;
    a->mu.lock();
    b->mu.lock();
    a->balance -= amount;
    b->balance += amount;
    b->mu.unlock();
    a->mu.unlock();
  }
};

void run() {
  Bank bank;
  bank.accounts["alice"] = new Account();
  bank.accounts["bob"] = new Account();
  bank.transfer("alice", "bob", 10);
  bank.transfer("bob", "bob", 5);
}

int main() { return go::run([] { run(); }); }
