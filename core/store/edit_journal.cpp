#include "core/store/edit_journal.h"

#include <chrono>

#include "core/common/error.h"
#include "core/store/change_notifier.h"
#include "core/store/change_set.h"
#include "core/store/edit_planner.h"
#include "core/store/item_repository.h"
#include "core/store/sqlite_database.h"
#include "core/store/track_repository.h"
#include "core/store/transaction.h"

namespace actbert::store {
namespace {

std::int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace

EditJournal::EditJournal(SqliteDatabase& database, ChangeNotifier& notifier, ItemRepository& items,
                         TrackRepository& tracks, VideoRepository& videos)
    : database_(database), notifier_(notifier), items_(items), tracks_(tracks), videos_(videos) {}

void EditJournal::checkPartitions(const ChangeSet& changes) {
    EditPlanner planner(items_, tracks_, videos_);
    for (const auto& change : changes.changes()) {
        if (!change.after) {
            continue;
        }
        const Item& item = *change.after;
        if (tracks_.get(item.track_id).kind == TrackKind::ActionSegmentation) {
            planner.checkPartitionAround(items_.get(item.id));
        }
    }
}

EditOutcome EditJournal::apply(const EditCommand& command, const std::string& author) {
    Transaction transaction(database_, notifier_);
    EditPlanner planner(items_, tracks_, videos_);
    ChangeSet changes = planner.plan(command, author);
    EditOutcome outcome;
    if (changes.empty()) {
        transaction.commit();
        return outcome;
    }
    changes.apply(items_, ChangeSet::Direction::Forward);
    checkPartitions(changes);
    for (const auto& change : changes.changes()) {
        if (!change.before && change.after) {
            outcome.created_item_ids.push_back(change.after->id);
        }
    }
    // A new edit ends the redo branch.
    database_.execute("DELETE FROM edits WHERE undone=1");
    const std::string merge_key =
        command.type == EditCommand::Type::MoveBoundary && !command.drag_session.empty()
            ? "drag:" + command.drag_session
            : std::string();
    if (!merge_key.empty()) {
        Statement top = database_.prepare(
            "SELECT id, merge_key, changes FROM edits WHERE undone=0 ORDER BY id DESC LIMIT 1");
        if (top.step() && top.text(1) == merge_key) {
            const std::int64_t id = top.int64(0);
            ChangeSet combined = ChangeSet::fromJson(top.text(2));
            top.reset();
            combined.absorb(changes);
            database_.prepare("UPDATE edits SET changes=?, description=? WHERE id=?")
                .bind(1, combined.toJson())
                .bind(2, command.describe())
                .bind(3, id)
                .run();
            transaction.commit();
            outcome.edit_id = id;
            outcome.merged = true;
            return outcome;
        }
    }
    database_
        .prepare(
            "INSERT INTO edits(created_ms, description, author, merge_key, changes) "
            "VALUES(?,?,?,?,?)")
        .bind(1, nowMs())
        .bind(2, command.describe())
        .bind(3, author)
        .bind(4, merge_key)
        .bind(5, changes.toJson())
        .run();
    outcome.edit_id = database_.lastInsertRowId();
    transaction.commit();
    return outcome;
}

std::optional<std::int64_t> EditJournal::undo() {
    Transaction transaction(database_, notifier_);
    Statement top =
        database_.prepare("SELECT id, changes FROM edits WHERE undone=0 ORDER BY id DESC LIMIT 1");
    if (!top.step()) {
        return std::nullopt;
    }
    const std::int64_t id = top.int64(0);
    ChangeSet changes = ChangeSet::fromJson(top.text(1));
    top.reset();
    changes.apply(items_, ChangeSet::Direction::Backward);
    database_.prepare("UPDATE edits SET undone=1 WHERE id=?").bind(1, id).run();
    transaction.commit();
    return id;
}

std::optional<std::int64_t> EditJournal::redo() {
    Transaction transaction(database_, notifier_);
    Statement first =
        database_.prepare("SELECT id, changes FROM edits WHERE undone=1 ORDER BY id ASC LIMIT 1");
    if (!first.step()) {
        return std::nullopt;
    }
    const std::int64_t id = first.int64(0);
    ChangeSet changes = ChangeSet::fromJson(first.text(1));
    first.reset();
    changes.apply(items_, ChangeSet::Direction::Forward);
    // Ids of re-created items are already in the journal, so no rewrite is needed.
    database_.prepare("UPDATE edits SET undone=0 WHERE id=?").bind(1, id).run();
    transaction.commit();
    return id;
}

bool EditJournal::canUndo() {
    return database_.queryInt64("SELECT count(*) FROM edits WHERE undone=0") > 0;
}

bool EditJournal::canRedo() {
    return database_.queryInt64("SELECT count(*) FROM edits WHERE undone=1") > 0;
}

std::vector<JournalEntry> EditJournal::history(int limit) {
    Statement query = database_.prepare(
        "SELECT id, created_ms, description, author, undone FROM edits ORDER BY id DESC LIMIT ?");
    query.bind(1, limit);
    std::vector<JournalEntry> entries;
    while (query.step()) {
        entries.push_back(
            {query.int64(0), query.int64(1), query.text(2), query.text(3), query.int64(4) != 0});
    }
    return entries;
}

}  // namespace actbert::store
