#include "core/store/sqlite_database.h"

#include <sqlite3.h>

#include "core/common/error.h"

namespace actbert::store {

Statement::Statement(SqliteDatabase& database, sqlite3_stmt* statement, std::string sql)
    : database_(&database), statement_(statement), sql_(std::move(sql)) {}

Statement::Statement(Statement&& other) noexcept
    : database_(other.database_), statement_(other.statement_), sql_(std::move(other.sql_)) {
    other.statement_ = nullptr;
}

Statement::~Statement() {
    if (statement_ != nullptr) {
        database_->recycle(std::move(sql_), statement_);
    }
}

Statement& Statement::bind(int index, std::int64_t value) {
    if (sqlite3_bind_int64(statement_, index, value) != SQLITE_OK) {
        database_->fail("cannot bind parameter");
    }
    return *this;
}

Statement& Statement::bind(int index, double value) {
    if (sqlite3_bind_double(statement_, index, value) != SQLITE_OK) {
        database_->fail("cannot bind parameter");
    }
    return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
    if (sqlite3_bind_text64(statement_, index, text.data(), text.size(), SQLITE_TRANSIENT,
                            SQLITE_UTF8) != SQLITE_OK) {
        database_->fail("cannot bind parameter");
    }
    return *this;
}

Statement& Statement::bind(int index, std::optional<double> value) {
    return value ? bind(index, *value) : bindNull(index);
}

Statement& Statement::bindNull(int index) {
    if (sqlite3_bind_null(statement_, index) != SQLITE_OK) {
        database_->fail("cannot bind parameter");
    }
    return *this;
}

bool Statement::step() {
    const int result = sqlite3_step(statement_);
    if (result == SQLITE_ROW) {
        return true;
    }
    if (result == SQLITE_DONE) {
        return false;
    }
    const std::string message = sqlite3_errmsg(database_->handle());
    sqlite3_reset(statement_);
    throw Error(database_->path().string() + ": " + message + " (in: " + sql_.substr(0, 80) + ")");
}

void Statement::run() {
    while (step()) {
    }
    reset();
}

void Statement::reset() {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
}

std::int64_t Statement::int64(int column) const {
    return sqlite3_column_int64(statement_, column);
}

double Statement::real(int column) const {
    return sqlite3_column_double(statement_, column);
}

std::string Statement::text(int column) const {
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
    return data == nullptr
               ? std::string()
               : std::string(data,
                             static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
}

bool Statement::isNull(int column) const {
    return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

std::optional<double> Statement::optionalReal(int column) const {
    if (isNull(column)) {
        return std::nullopt;
    }
    return real(column);
}

SqliteDatabase::SqliteDatabase(const std::filesystem::path& path, OpenMode mode) : path_(path) {
    std::error_code error;
    const bool exists = std::filesystem::exists(path, error);
    if (mode == OpenMode::CreateNew && exists) {
        throw Error(path.string() + ": already exists (refusing to overwrite a project)");
    }
    if (mode == OpenMode::OpenExisting && !exists) {
        throw Error(path.string() + ": no such project file");
    }
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
                      (mode == OpenMode::CreateNew ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path.c_str(), &handle_, flags, nullptr) != SQLITE_OK) {
        const std::string message = handle_ != nullptr ? sqlite3_errmsg(handle_) : "out of memory";
        sqlite3_close(handle_);
        handle_ = nullptr;
        throw Error(path.string() + ": cannot open project: " + message);
    }
    sqlite3_extended_result_codes(handle_, 1);
    // Other connections (the studio, a CLI, a worker) may hold the write lock briefly.
    sqlite3_busy_timeout(handle_, 5000);
}

SqliteDatabase::~SqliteDatabase() {
    for (auto& [sql, statement] : idle_statements_) {
        sqlite3_finalize(statement);
    }
    sqlite3_close_v2(handle_);
}

void SqliteDatabase::execute(std::string_view sql) {
    char* message = nullptr;
    const std::string text(sql);
    if (sqlite3_exec(handle_, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        const std::string reason = message != nullptr ? message : "unknown error";
        sqlite3_free(message);
        throw Error(path_.string() + ": " + reason);
    }
}

Statement SqliteDatabase::prepare(const std::string& sql) {
    const auto cached = idle_statements_.find(sql);
    if (cached != idle_statements_.end()) {
        sqlite3_stmt* statement = cached->second;
        idle_statements_.erase(cached);
        return Statement(*this, statement, sql);
    }
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v3(handle_, sql.c_str(), static_cast<int>(sql.size()),
                           SQLITE_PREPARE_PERSISTENT, &statement, nullptr) != SQLITE_OK) {
        fail("cannot prepare '" + sql.substr(0, 80) + "'");
    }
    return Statement(*this, statement, sql);
}

std::int64_t SqliteDatabase::queryInt64(const std::string& sql) {
    Statement statement = prepare(sql);
    const std::int64_t value = statement.step() ? statement.int64(0) : 0;
    statement.reset();
    return value;
}

std::string SqliteDatabase::queryText(const std::string& sql) {
    Statement statement = prepare(sql);
    std::string value = statement.step() ? statement.text(0) : std::string();
    statement.reset();
    return value;
}

std::int64_t SqliteDatabase::lastInsertRowId() const {
    return sqlite3_last_insert_rowid(handle_);
}

int SqliteDatabase::changes() const {
    return sqlite3_changes(handle_);
}

bool SqliteDatabase::inTransaction() const {
    return sqlite3_get_autocommit(handle_) == 0;
}

void SqliteDatabase::fail(const std::string& what) const {
    throw Error(path_.string() + ": " + what + ": " + sqlite3_errmsg(handle_));
}

void SqliteDatabase::recycle(std::string sql, sqlite3_stmt* statement) {
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
    idle_statements_.emplace(std::move(sql), statement);
}

}  // namespace actbert::store
