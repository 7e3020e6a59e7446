#include "core/store/transaction.h"

#include <cstdint>

#include "core/store/change_notifier.h"
#include "core/store/sqlite_database.h"

namespace actbert::store {

Transaction::Transaction(SqliteDatabase& database, ChangeNotifier& notifier)
    : database_(database), notifier_(notifier) {
    if (database_.inTransaction()) {
        // Live transactions have distinct addresses, so the name is unique while it matters.
        savepoint_ = "nested_" + std::to_string(reinterpret_cast<std::uintptr_t>(this));
        database_.execute("SAVEPOINT " + savepoint_);
    } else {
        database_.execute("BEGIN IMMEDIATE");
    }
}

Transaction::~Transaction() {
    if (!open_) {
        return;
    }
    try {
        if (savepoint_.empty()) {
            database_.execute("ROLLBACK");
            notifier_.discardPending();
        } else {
            database_.execute("ROLLBACK TO " + savepoint_ + "; RELEASE " + savepoint_);
        }
    } catch (...) {
        // SQLite rolls back by itself when a statement failed hard; nothing more to undo.
    }
}

void Transaction::commit() {
    if (savepoint_.empty()) {
        database_.execute("COMMIT");
        open_ = false;
        notifier_.publishPending();
    } else {
        database_.execute("RELEASE " + savepoint_);
        open_ = false;
    }
}

}  // namespace actbert::store
