#pragma once
// Items of tracks. Reads are free; writes here bypass the edit journal and are meant for
// imports and model output. User edits go through EditJournal so they can be undone.
// Threading: as Project (one thread at a time per Project).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/store_types.h"

namespace actbert::store {

class SqliteDatabase;
class ChangeNotifier;

// The items.word_times column: a JSON array of [start_s, "text"] pairs, exact for doubles.
std::string wordTimesToJson(const std::vector<TimedText>& word_times);
// Throws actbert::Error on anything but that layout.
std::vector<TimedText> parseWordTimes(std::string_view json);

class ItemRepository {
public:
    ItemRepository(SqliteDatabase& database, ChangeNotifier& notifier);

    // Inserts `item`; a non-zero item.id is kept (undo restores deleted items that way).
    std::int64_t insert(const Item& item);
    // Inserts many new items (ids assigned) in the caller's transaction; faster than insert()
    // one by one for imports and model output.
    void insertMany(const std::vector<Item>& items);
    void update(const Item& item);  // throws when the item does not exist
    void remove(std::int64_t item_id);

    std::optional<Item> find(std::int64_t id);
    Item get(std::int64_t id);  // throws actbert::Error when missing
    // Every item of a track, by start time.
    std::vector<Item> forTrack(std::int64_t track_id);
    // Items overlapping [start_s, end_s), by start time; uses the (track, start) index.
    std::vector<Item> inWindow(std::int64_t track_id, double start_s, double end_s);
    // The items just before and after `item` in its track (by start time).
    std::optional<Item> previous(const Item& item);
    std::optional<Item> next(const Item& item);
    std::int64_t count(std::int64_t track_id);

private:
    void noteWritten(const Item& item);

    SqliteDatabase& database_;
    ChangeNotifier& notifier_;
};

}  // namespace actbert::store
