#pragma once
// A thin RAII layer over one SQLite connection: statements with cached preparation, errors
// as actbert::Error naming the database file, nested transactions as savepoints.
// Threading: one SqliteDatabase (and every Statement from it) is used by one thread at a time.
// Several connections to the same file, from threads or processes, are safe (WAL, busy timeout).

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace actbert::store {

class SqliteDatabase;

// A prepared statement borrowed from the connection's cache; returned (reset) on destruction.
class Statement {
public:
    Statement(SqliteDatabase& database, sqlite3_stmt* statement, std::string sql);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&&) = delete;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Parameters are 1-based, as in SQLite.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const std::string& text) {
        return bind(index, std::string_view(text));
    }
    Statement& bind(int index, std::optional<double> value);
    Statement& bindNull(int index);

    // Advances to the next row; false when the statement is done.
    bool step();
    // Runs to completion (for statements without rows).
    void run();
    void reset();

    // Columns are 0-based, as in SQLite.
    std::int64_t int64(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    bool isNull(int column) const;
    std::optional<double> optionalReal(int column) const;

private:
    SqliteDatabase* database_;
    sqlite3_stmt* statement_;
    std::string sql_;
};

class SqliteDatabase {
public:
    enum class OpenMode { CreateNew, OpenExisting };

    SqliteDatabase(const std::filesystem::path& path, OpenMode mode);
    ~SqliteDatabase();
    SqliteDatabase(const SqliteDatabase&) = delete;
    SqliteDatabase& operator=(const SqliteDatabase&) = delete;

    // Runs one or more statements without parameters.
    void execute(std::string_view sql);
    Statement prepare(const std::string& sql);
    // Single-value query helpers.
    std::int64_t queryInt64(const std::string& sql);
    std::string queryText(const std::string& sql);

    std::int64_t lastInsertRowId() const;
    int changes() const;
    bool inTransaction() const;

    const std::filesystem::path& path() const { return path_; }
    sqlite3* handle() const { return handle_; }

    // Throws actbert::Error: "<file>: <what>: <sqlite message>".
    [[noreturn]] void fail(const std::string& what) const;

private:
    friend class Statement;
    void recycle(std::string sql, sqlite3_stmt* statement);

    std::filesystem::path path_;
    sqlite3* handle_ = nullptr;
    std::multimap<std::string, sqlite3_stmt*> idle_statements_;
};

}  // namespace actbert::store
