#pragma once
// A project: one SQLite file holding videos, annotation tracks, items, vocabularies, step
// lists, region boxes, model runs and the edit journal. Everything is written the moment it
// happens (WAL): there is no "save". With the default durability a killed or crashed process
// loses nothing that was reported done; Durability::PowerLoss also survives an OS crash or
// power cut, at the price of a disk flush per edit.
//
// Threading: a Project is one connection; use it from one thread at a time (it may be created
// on a worker thread and used there). For parallel work open one Project per thread on the
// same file: SQLite serialises writers (busy timeout 5 s) and readers never block.
// Change listeners run on the thread that committed the change.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "core/store/catalog_repository.h"
#include "core/store/change_notifier.h"
#include "core/store/edit_journal.h"
#include "core/store/item_repository.h"
#include "core/store/model_run_repository.h"
#include "core/store/region_repository.h"
#include "core/store/track_repository.h"
#include "core/store/transaction.h"
#include "core/store/video_repository.h"

namespace actbert::store {

class SqliteDatabase;

class Project {
public:
    enum class OpenMode { CreateNew, OpenExisting };
    // ProcessCrash: synchronous=NORMAL (commits reach the OS; survive kill -9, not power loss).
    // PowerLoss: synchronous=FULL (every commit is flushed to the disk before it returns).
    enum class Durability { ProcessCrash, PowerLoss };

    // CreateNew fails if the file exists; OpenExisting fails if it does not, if it is not a
    // project, or if it was written by a newer schema. Older schemas are migrated.
    Project(const std::filesystem::path& path, OpenMode mode,
            Durability durability = Durability::ProcessCrash);
    ~Project();
    Project(const Project&) = delete;
    Project& operator=(const Project&) = delete;

    const std::filesystem::path& path() const;
    int schemaVersion();

    VideoRepository& videos() { return videos_; }
    TrackRepository& tracks() { return tracks_; }
    ItemRepository& items() { return items_; }
    CatalogRepository& catalog() { return catalog_; }
    RegionRepository& regions() { return regions_; }
    ModelRunRepository& modelRuns() { return model_runs_; }
    EditJournal& journal() { return journal_; }
    ChangeNotifier& notifier() { return notifier_; }

    // Groups several writes (an import) into one atomic transaction.
    std::unique_ptr<Transaction> beginTransaction();

    // Publishes an `external` change event when another connection committed since the last
    // call; returns whether it did. Call from a timer in the studio.
    bool pollExternalChanges();

    // Moves the write-ahead log into the database file without blocking readers or writers.
    // Call it when the user is idle; edits otherwise trigger one only every 32 MiB of log.
    void checkpoint();

    // PRAGMA integrity_check and foreign_key_check; returns "ok" or the problems found.
    std::string checkIntegrity();

    // Raw access for tests and benchmarks.
    SqliteDatabase& database() { return *database_; }

private:
    std::unique_ptr<SqliteDatabase> database_;
    ChangeNotifier notifier_;
    VideoRepository videos_;
    TrackRepository tracks_;
    ItemRepository items_;
    CatalogRepository catalog_;
    RegionRepository regions_;
    ModelRunRepository model_runs_;
    EditJournal journal_;
    std::int64_t data_version_ = 0;
};

}  // namespace actbert::store
