#include "core/store/project.h"

#include "core/common/error.h"
#include "core/store/schema.h"
#include "core/store/sqlite_database.h"

namespace actbert::store {
namespace {

std::unique_ptr<SqliteDatabase> openDatabase(const std::filesystem::path& path,
                                             Project::OpenMode mode,
                                             Project::Durability durability) {
    auto database = std::make_unique<SqliteDatabase>(
        path, mode == Project::OpenMode::CreateNew ? SqliteDatabase::OpenMode::CreateNew
                                                   : SqliteDatabase::OpenMode::OpenExisting);
    try {
        // Check it is a project before changing anything in the file.
        Schema::migrate(*database, Schema::latestVersion());
        // WAL: readers (the studio) never block the writer (an import), and a commit is one
        // append to the log, which the OS keeps even if the process dies right after.
        database->execute(std::string("PRAGMA journal_mode=WAL; PRAGMA synchronous=") +
                          (durability == Project::Durability::PowerLoss ? "FULL" : "NORMAL") +
                          "; PRAGMA foreign_keys=ON;"
                          // A checkpoint copies the log into the database and flushes it; done
                          // inside an edit it costs milliseconds, so it runs rarely there and the
                          // studio calls checkpoint() when idle.
                          " PRAGMA wal_autocheckpoint=8192;");
        if (database->queryText("PRAGMA journal_mode") != "wal") {
            throw Error(path.string() + ": cannot switch the project to WAL mode");
        }
    } catch (...) {
        if (mode == Project::OpenMode::CreateNew) {
            database.reset();
            std::error_code ignored;
            std::filesystem::remove(path, ignored);
        }
        throw;
    }
    return database;
}

}  // namespace

Project::Project(const std::filesystem::path& path, OpenMode mode, Durability durability)
    : database_(openDatabase(path, mode, durability)),
      videos_(*database_, notifier_),
      tracks_(*database_, notifier_),
      items_(*database_, notifier_),
      catalog_(*database_, notifier_),
      regions_(*database_, notifier_),
      model_runs_(*database_, notifier_),
      journal_(*database_, notifier_, items_, tracks_, videos_) {
    data_version_ = database_->queryInt64("PRAGMA data_version");
}

Project::~Project() = default;

const std::filesystem::path& Project::path() const {
    return database_->path();
}

int Project::schemaVersion() {
    return Schema::currentVersion(*database_);
}

std::unique_ptr<Transaction> Project::beginTransaction() {
    return std::make_unique<Transaction>(*database_, notifier_);
}

bool Project::pollExternalChanges() {
    const std::int64_t version = database_->queryInt64("PRAGMA data_version");
    if (version == data_version_) {
        return false;
    }
    data_version_ = version;
    notifier_.publishExternal();
    return true;
}

void Project::checkpoint() {
    database_->execute("PRAGMA wal_checkpoint(PASSIVE)");
}

std::string Project::checkIntegrity() {
    std::string report;
    Statement integrity = database_->prepare("PRAGMA integrity_check");
    while (integrity.step()) {
        const std::string line = integrity.text(0);
        if (line != "ok") {
            report += line + "\n";
        }
    }
    Statement foreign = database_->prepare("PRAGMA foreign_key_check");
    while (foreign.step()) {
        report += "foreign key violation in " + foreign.text(0) + " row " +
                  std::to_string(foreign.int64(1)) + "\n";
    }
    return report.empty() ? "ok" : report;
}

}  // namespace actbert::store
