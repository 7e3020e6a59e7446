#pragma once
// RAII write transaction. The outermost one is BEGIN IMMEDIATE (takes the write lock up
// front, so a busy database waits at the start instead of failing at commit); nested ones are
// savepoints. Destruction without commit() rolls back. On the outermost commit the project's
// change listeners are told; on rollback the pending notices are dropped.
// Threading: the thread that owns the connection.

#include <string>

namespace actbert::store {

class SqliteDatabase;
class ChangeNotifier;

class Transaction {
public:
    Transaction(SqliteDatabase& database, ChangeNotifier& notifier);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void commit();

private:
    SqliteDatabase& database_;
    ChangeNotifier& notifier_;
    std::string savepoint_;  // empty for the outermost transaction
    bool open_ = true;
};

}  // namespace actbert::store
