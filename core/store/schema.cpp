#include "core/store/schema.h"

#include <array>
#include <string>
#include <string_view>

#include "core/common/error.h"
#include "core/store/sqlite_database.h"

namespace actbert::store {
namespace {

// 'ACTB': marks the SQLite file as an ActBERT Studio project.
constexpr int kApplicationId = 0x41435442;

// Never edit a released migration; append a new one.
constexpr std::array<std::string_view, 4> kMigrations{
    // 1: videos, tracks and their timed items.
    R"sql(
CREATE TABLE videos(
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL DEFAULT '',
    content_hash TEXT NOT NULL DEFAULT '',
    duration_s REAL NOT NULL DEFAULT 0 CHECK(duration_s >= 0),
    fps_num INTEGER NOT NULL DEFAULT 30 CHECK(fps_num > 0),
    fps_den INTEGER NOT NULL DEFAULT 1 CHECK(fps_den > 0),
    fps_assumed INTEGER NOT NULL DEFAULT 1,
    time_base_num INTEGER NOT NULL DEFAULT 1 CHECK(time_base_num > 0),
    time_base_den INTEGER NOT NULL DEFAULT 30 CHECK(time_base_den > 0),
    frame_count INTEGER NOT NULL DEFAULT 0,
    frame_index_summary TEXT NOT NULL DEFAULT '{}',
    subset TEXT NOT NULL DEFAULT '',
    task_id TEXT NOT NULL DEFAULT '',
    task_name TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    attributes TEXT NOT NULL DEFAULT '{}');
CREATE TABLE tracks(
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    video_id INTEGER NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL
        CHECK(kind IN ('action_segmentation', 'steps', 'captions', 'regions', 'free')),
    source TEXT NOT NULL CHECK(source IN ('human', 'model')),
    model_name TEXT NOT NULL DEFAULT '',
    checkpoint_hash TEXT NOT NULL DEFAULT '',
    settings TEXT NOT NULL DEFAULT '{}',
    max_item_span_s REAL NOT NULL DEFAULT 0,
    UNIQUE(video_id, name));
CREATE TABLE items(
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    track_id INTEGER NOT NULL REFERENCES tracks(id) ON DELETE CASCADE,
    start_frame INTEGER NOT NULL,
    end_frame INTEGER NOT NULL,
    start_s REAL NOT NULL,
    end_s REAL NOT NULL,
    whole_video INTEGER NOT NULL DEFAULT 0,
    label TEXT NOT NULL DEFAULT '',
    label_id TEXT NOT NULL DEFAULT '',
    external_id TEXT NOT NULL DEFAULT '',
    confidence REAL,
    review_state TEXT NOT NULL DEFAULT 'unreviewed'
        CHECK(review_state IN ('unreviewed', 'accepted', 'rejected', 'edited')),
    author TEXT NOT NULL DEFAULT '',
    CHECK(start_s >= 0 AND (end_s > start_s OR whole_video = 1)),
    CHECK(start_frame >= 0 AND end_frame >= start_frame));
-- Window queries: start_s in [window_start - max_item_span_s, window_end).
CREATE INDEX items_by_start ON items(track_id, start_s);
CREATE INDEX tracks_by_video ON tracks(video_id);
)sql",
    // 2: the edit journal behind undo/redo (survives restarts).
    R"sql(
CREATE TABLE edits(
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_ms INTEGER NOT NULL,
    description TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    merge_key TEXT NOT NULL DEFAULT '',
    changes TEXT NOT NULL,
    undone INTEGER NOT NULL DEFAULT 0);
CREATE INDEX edits_by_state ON edits(undone, id);
)sql",
    // 3: vocabularies, task step lists, region boxes and model runs.
    R"sql(
CREATE TABLE model_runs(
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    model_name TEXT NOT NULL,
    checkpoint_hash TEXT NOT NULL DEFAULT '',
    settings TEXT NOT NULL DEFAULT '{}',
    started_ms INTEGER NOT NULL,
    finished_ms INTEGER,
    status TEXT NOT NULL DEFAULT 'running'
        CHECK(status IN ('running', 'finished', 'failed', 'cancelled')));
ALTER TABLE tracks ADD COLUMN model_run_id INTEGER REFERENCES model_runs(id) ON DELETE SET NULL;
CREATE TABLE vocabularies(
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE);
CREATE TABLE vocabulary_labels(
    vocabulary_id INTEGER NOT NULL REFERENCES vocabularies(id) ON DELETE CASCADE,
    label_id TEXT NOT NULL,
    label TEXT NOT NULL,
    PRIMARY KEY(vocabulary_id, label_id));
CREATE TABLE tasks(
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    dataset TEXT NOT NULL,
    task_id TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    UNIQUE(dataset, task_id));
CREATE TABLE task_steps(
    task_row INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    step_index INTEGER NOT NULL,
    step_id TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL,
    PRIMARY KEY(task_row, step_index));
CREATE TABLE regions(
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    track_id INTEGER NOT NULL REFERENCES tracks(id) ON DELETE CASCADE,
    frame INTEGER NOT NULL CHECK(frame >= 0),
    x REAL NOT NULL,
    y REAL NOT NULL,
    width REAL NOT NULL CHECK(width >= 0),
    height REAL NOT NULL CHECK(height >= 0),
    class_label TEXT NOT NULL DEFAULT '',
    score REAL,
    object_id INTEGER NOT NULL DEFAULT -1);
CREATE INDEX regions_by_frame ON regions(track_id, frame);
)sql",
    // 4: what subtitle and ELAN files say beyond an item's text: who speaks it, the item of
    // the parent track it depends on, its word times (JSON [[start_s, "text"], ...]); and the
    // tier hierarchy of tracks. The defaults are what items and tracks without them mean.
    R"sql(
ALTER TABLE items ADD COLUMN speaker TEXT NOT NULL DEFAULT '';
ALTER TABLE items ADD COLUMN parent_ref TEXT NOT NULL DEFAULT '';
ALTER TABLE items ADD COLUMN word_times TEXT NOT NULL DEFAULT '[]';
ALTER TABLE tracks ADD COLUMN parent_track_id INTEGER REFERENCES tracks(id) ON DELETE SET NULL;
ALTER TABLE tracks ADD COLUMN parent_constraint TEXT NOT NULL DEFAULT '';
)sql",
};

}  // namespace

int Schema::latestVersion() {
    return static_cast<int>(kMigrations.size());
}

int Schema::currentVersion(SqliteDatabase& database) {
    return static_cast<int>(database.queryInt64("PRAGMA user_version"));
}

void Schema::migrate(SqliteDatabase& database, int target_version) {
    const std::string file = database.path().string();
    const int application_id = static_cast<int>(database.queryInt64("PRAGMA application_id"));
    const int version = currentVersion(database);
    if (application_id != kApplicationId) {
        const bool empty = database.queryInt64("SELECT count(*) FROM sqlite_master") == 0;
        if (!empty || version != 0) {
            throw Error(file + ": not an ActBERT Studio project (foreign SQLite database)");
        }
    }
    if (version > latestVersion()) {
        throw Error(file + ": project schema version " + std::to_string(version) +
                    " is newer than this program supports (" + std::to_string(latestVersion()) +
                    "); update ActBERT Studio");
    }
    if (version >= target_version) {
        return;
    }
    // One transaction for all steps: a failed migration leaves the file at its old version.
    database.execute("BEGIN IMMEDIATE");
    try {
        for (int step = version; step < target_version; ++step) {
            database.execute(kMigrations[static_cast<std::size_t>(step)]);
        }
        database.execute("PRAGMA application_id = " + std::to_string(kApplicationId));
        database.execute("PRAGMA user_version = " + std::to_string(target_version));
        database.execute("COMMIT");
    } catch (...) {
        database.execute("ROLLBACK");
        throw;
    }
}

}  // namespace actbert::store
