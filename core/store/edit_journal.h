#pragma once
// Applies user edits, each in one transaction together with its journal entry, so an edit
// reported done is on disk with its undo information. Undo/redo read the journal from the
// database, so they work across restarts and across connections. Consecutive boundary moves
// with the same drag session merge into one undo step.
// Threading: as Project (one thread at a time per Project).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/store/edit_command.h"

namespace actbert::store {

class SqliteDatabase;
class ChangeNotifier;
class ItemRepository;
class TrackRepository;
class VideoRepository;

struct EditOutcome {
    std::int64_t edit_id = 0;  // the journal entry (the merged one for a continued drag)
    std::vector<std::int64_t> created_item_ids;
    bool merged = false;  // joined the previous undo step
};

struct JournalEntry {
    std::int64_t id = 0;
    std::int64_t created_ms = 0;
    std::string description;
    std::string author;
    bool undone = false;
};

class EditJournal {
public:
    EditJournal(SqliteDatabase& database, ChangeNotifier& notifier, ItemRepository& items,
                TrackRepository& tracks, VideoRepository& videos);

    // Throws actbert::Error when the edit is not possible; nothing changes then.
    EditOutcome apply(const EditCommand& command, const std::string& author);
    // Return the journal entry undone / redone, or nothing when there is nothing to do.
    std::optional<std::int64_t> undo();
    std::optional<std::int64_t> redo();
    bool canUndo();
    bool canRedo();
    // Newest first.
    std::vector<JournalEntry> history(int limit = 100);

private:
    void checkPartitions(const class ChangeSet& changes);

    SqliteDatabase& database_;
    ChangeNotifier& notifier_;
    ItemRepository& items_;
    TrackRepository& tracks_;
    VideoRepository& videos_;
};

}  // namespace actbert::store
