#pragma once
// The project schema as a list of forward migrations. PRAGMA user_version holds the version a
// database is at; opening a project runs every later migration in one transaction.
// Threading: runs on the connection's thread.

namespace actbert::store {

class SqliteDatabase;

class Schema {
public:
    static int latestVersion();
    // Brings `database` from its current version to `target_version` (tests use earlier
    // targets to build old projects). Throws actbert::Error for a database newer than this
    // program or one that is not an ActBERT project.
    static void migrate(SqliteDatabase& database, int target_version);
    static int currentVersion(SqliteDatabase& database);
};

}  // namespace actbert::store
