#include "core/store/item_repository.h"

#include <map>

#include <nlohmann/json.hpp>

#include "core/common/error.h"
#include "core/store/change_notifier.h"
#include "core/store/sqlite_database.h"

namespace actbert::store {
namespace {

const std::string kColumns =
    "id, track_id, start_frame, end_frame, start_s, end_s, whole_video, label, label_id, "
    "external_id, confidence, review_state, author, speaker, parent_ref, word_times";

Item readItem(const Statement& row) {
    Item item;
    item.id = row.int64(0);
    item.track_id = row.int64(1);
    item.start_frame = row.int64(2);
    item.end_frame = row.int64(3);
    item.start_s = row.real(4);
    item.end_s = row.real(5);
    item.whole_video = row.int64(6) != 0;
    item.label = row.text(7);
    item.label_id = row.text(8);
    item.external_id = row.text(9);
    item.confidence = row.optionalReal(10);
    item.review_state = parseReviewState(row.text(11));
    item.author = row.text(12);
    item.speaker = row.text(13);
    item.parent_ref = row.text(14);
    try {
        item.word_times = parseWordTimes(row.text(15));
    } catch (const Error& error) {
        throw Error("item " + std::to_string(item.id) + ": " + error.what());
    }
    return item;
}

// Binds every column but id, starting at parameter 1.
void bindItem(Statement& statement, const Item& item) {
    statement.bind(1, item.track_id)
        .bind(2, item.start_frame)
        .bind(3, item.end_frame)
        .bind(4, item.start_s)
        .bind(5, item.end_s)
        .bind(6, item.whole_video ? 1 : 0)
        .bind(7, item.label)
        .bind(8, item.label_id)
        .bind(9, item.external_id)
        .bind(10, item.confidence)
        .bind(11, toString(item.review_state))
        .bind(12, item.author)
        .bind(13, item.speaker)
        .bind(14, item.parent_ref)
        .bind(15, wordTimesToJson(item.word_times));
}

std::vector<Item> readAll(Statement& query) {
    std::vector<Item> items;
    while (query.step()) {
        items.push_back(readItem(query));
    }
    return items;
}

}  // namespace

std::string wordTimesToJson(const std::vector<TimedText>& word_times) {
    nlohmann::json json = nlohmann::json::array();
    for (const auto& word : word_times) {
        json.push_back({word.start_s, word.text});
    }
    return json.dump();
}

std::vector<TimedText> parseWordTimes(std::string_view text) {
    std::vector<TimedText> word_times;
    try {
        const auto json = nlohmann::json::parse(text);
        if (!json.is_array()) {
            throw Error("word times are not a JSON array");
        }
        for (const auto& entry : json) {
            if (!entry.is_array() || entry.size() != 2 || !entry[0].is_number() ||
                !entry[1].is_string()) {
                throw Error("word times entry " + entry.dump() + " is not [start_s, \"text\"]");
            }
            word_times.push_back({entry[0].get<double>(), entry[1].get<std::string>()});
        }
    } catch (const nlohmann::json::exception& error) {
        throw Error(std::string("corrupt word times: ") + error.what());
    }
    return word_times;
}

ItemRepository::ItemRepository(SqliteDatabase& database, ChangeNotifier& notifier)
    : database_(database), notifier_(notifier) {}

std::int64_t ItemRepository::insert(const Item& item) {
    Statement insert = database_.prepare(
        "INSERT INTO items(track_id, start_frame, end_frame, start_s, end_s, whole_video, label, "
        "label_id, external_id, confidence, review_state, author, speaker, parent_ref, "
        "word_times, id) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    bindItem(insert, item);
    if (item.id != 0) {
        insert.bind(16, item.id);
    }
    insert.run();
    noteWritten(item);
    return item.id != 0 ? item.id : database_.lastInsertRowId();
}

void ItemRepository::insertMany(const std::vector<Item>& items) {
    Statement insert = database_.prepare(
        "INSERT INTO items(track_id, start_frame, end_frame, start_s, end_s, whole_video, label, "
        "label_id, external_id, confidence, review_state, author, speaker, parent_ref, "
        "word_times) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    std::map<std::int64_t, const Item*> widest;  // per track, the item that sets the span
    for (const Item& item : items) {
        bindItem(insert, item);
        insert.run();
        const Item*& current = widest[item.track_id];
        const auto span = [](const Item* candidate) {
            return candidate->whole_video ? 1e12 : candidate->end_s - candidate->start_s;
        };
        if (current == nullptr || span(&item) > span(current)) {
            current = &item;
        }
    }
    for (const auto& [track_id, item] : widest) {
        noteWritten(*item);
    }
}

void ItemRepository::update(const Item& item) {
    Statement statement = database_.prepare(
        "UPDATE items SET track_id=?, start_frame=?, end_frame=?, start_s=?, end_s=?, "
        "whole_video=?, label=?, label_id=?, external_id=?, confidence=?, review_state=?, "
        "author=?, speaker=?, parent_ref=?, word_times=? WHERE id=?");
    bindItem(statement, item);
    statement.bind(16, item.id);
    statement.run();
    if (database_.changes() != 1) {
        throw Error(database_.path().string() + ": no item with id " + std::to_string(item.id));
    }
    noteWritten(item);
}

void ItemRepository::remove(std::int64_t item_id) {
    const Item item = get(item_id);
    Statement statement = database_.prepare("DELETE FROM items WHERE id=?");
    statement.bind(1, item_id).run();
    notifier_.noteItemsChanged(item.track_id);
    if (!database_.inTransaction()) {
        notifier_.publishPending();
    }
}

void ItemRepository::noteWritten(const Item& item) {
    // Keeps the window query's look-back bound valid: it only ever grows.
    Statement span =
        database_.prepare("UPDATE tracks SET max_item_span_s=? WHERE id=? AND max_item_span_s < ?");
    // A whole-video item reaches every window of its track.
    const double span_s = item.whole_video ? 1e12 : item.end_s - item.start_s;
    span.bind(1, span_s).bind(2, item.track_id).bind(3, span_s).run();
    notifier_.noteItemsChanged(item.track_id);
    if (!database_.inTransaction()) {
        notifier_.publishPending();
    }
}

std::optional<Item> ItemRepository::find(std::int64_t id) {
    Statement query = database_.prepare("SELECT " + kColumns + " FROM items WHERE id=?");
    query.bind(1, id);
    if (!query.step()) {
        return std::nullopt;
    }
    Item item = readItem(query);
    query.reset();
    return item;
}

Item ItemRepository::get(std::int64_t id) {
    auto item = find(id);
    if (!item) {
        throw Error(database_.path().string() + ": no item with id " + std::to_string(id));
    }
    return *item;
}

std::vector<Item> ItemRepository::forTrack(std::int64_t track_id) {
    Statement query = database_.prepare("SELECT " + kColumns +
                                        " FROM items WHERE track_id=? ORDER BY start_s, id");
    query.bind(1, track_id);
    return readAll(query);
}

std::vector<Item> ItemRepository::inWindow(std::int64_t track_id, double start_s, double end_s) {
    // No item starts earlier than start_s - max span and still reaches into the window, so
    // the index range scan stays proportional to the window, not to the track.
    Statement query = database_.prepare(
        "SELECT " + kColumns +
        " FROM items WHERE track_id=?1 AND start_s < ?3 AND (end_s > ?2 OR whole_video=1) AND "
        "start_s >= ?2 - (SELECT max_item_span_s FROM tracks WHERE id=?1) "
        "ORDER BY start_s, id");
    query.bind(1, track_id).bind(2, start_s).bind(3, end_s);
    return readAll(query);
}

std::optional<Item> ItemRepository::previous(const Item& item) {
    Statement query = database_.prepare(
        "SELECT " + kColumns +
        " FROM items WHERE track_id=? AND (start_s < ? OR (start_s = ? AND id < ?)) "
        "ORDER BY start_s DESC, id DESC LIMIT 1");
    query.bind(1, item.track_id).bind(2, item.start_s).bind(3, item.start_s).bind(4, item.id);
    auto items = readAll(query);
    return items.empty() ? std::nullopt : std::optional<Item>(items.front());
}

std::optional<Item> ItemRepository::next(const Item& item) {
    Statement query = database_.prepare(
        "SELECT " + kColumns +
        " FROM items WHERE track_id=? AND (start_s > ? OR (start_s = ? AND id > ?)) "
        "ORDER BY start_s, id LIMIT 1");
    query.bind(1, item.track_id).bind(2, item.start_s).bind(3, item.start_s).bind(4, item.id);
    auto items = readAll(query);
    return items.empty() ? std::nullopt : std::optional<Item>(items.front());
}

std::int64_t ItemRepository::count(std::int64_t track_id) {
    Statement query = database_.prepare("SELECT count(*) FROM items WHERE track_id=?");
    query.bind(1, track_id);
    query.step();
    const std::int64_t value = query.int64(0);
    query.reset();
    return value;
}

}  // namespace actbert::store
