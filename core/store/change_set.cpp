#include "core/store/change_set.h"

#include <nlohmann/json.hpp>

#include "core/common/error.h"
#include "core/store/item_repository.h"

namespace actbert::store {
namespace {

nlohmann::json itemToJson(const Item& item) {
    nlohmann::json json = {{"id", item.id},
                           {"track", item.track_id},
                           {"frames", {item.start_frame, item.end_frame}},
                           {"seconds", {item.start_s, item.end_s}},
                           {"whole_video", item.whole_video},
                           {"label", item.label},
                           {"label_id", item.label_id},
                           {"external_id", item.external_id},
                           {"review", toString(item.review_state)},
                           {"author", item.author},
                           {"speaker", item.speaker},
                           {"parent_ref", item.parent_ref},
                           {"word_times", nlohmann::json::parse(wordTimesToJson(item.word_times))}};
    json["confidence"] = item.confidence ? nlohmann::json(*item.confidence) : nlohmann::json();
    return json;
}

Item itemFromJson(const nlohmann::json& json) {
    Item item;
    item.id = json.at("id").get<std::int64_t>();
    item.track_id = json.at("track").get<std::int64_t>();
    item.start_frame = json.at("frames").at(0).get<std::int64_t>();
    item.end_frame = json.at("frames").at(1).get<std::int64_t>();
    item.start_s = json.at("seconds").at(0).get<double>();
    item.end_s = json.at("seconds").at(1).get<double>();
    item.whole_video = json.at("whole_video").get<bool>();
    item.label = json.at("label").get<std::string>();
    item.label_id = json.at("label_id").get<std::string>();
    item.external_id = json.at("external_id").get<std::string>();
    item.review_state = parseReviewState(json.at("review").get<std::string>());
    item.author = json.at("author").get<std::string>();
    if (!json.at("confidence").is_null()) {
        item.confidence = json.at("confidence").get<double>();
    }
    // Absent in entries journaled before schema version 4, whose items had none of these.
    item.speaker = json.value("speaker", std::string());
    item.parent_ref = json.value("parent_ref", std::string());
    if (const auto words = json.find("word_times"); words != json.end()) {
        item.word_times = parseWordTimes(words->dump());
    }
    return item;
}

nlohmann::json optionalItemToJson(const std::optional<Item>& item) {
    return item ? itemToJson(*item) : nlohmann::json();
}

std::optional<Item> optionalItemFromJson(const nlohmann::json& json) {
    if (json.is_null()) {
        return std::nullopt;
    }
    return itemFromJson(json);
}

}  // namespace

void ChangeSet::add(std::optional<Item> before, std::optional<Item> after) {
    changes_.push_back({std::move(before), std::move(after)});
}

void ChangeSet::apply(ItemRepository& items, Direction direction) {
    const bool forward = direction == Direction::Forward;
    // Deletions first, then updates, then insertions: no intermediate state matters because
    // the whole edit is one transaction, but this keeps ids free before they are reused.
    for (int pass = 0; pass < 3; ++pass) {
        for (auto& change : changes_) {
            auto& from = forward ? change.before : change.after;
            auto& to = forward ? change.after : change.before;
            const int kind = !to ? 0 : (from ? 1 : 2);
            if (kind != pass) {
                continue;
            }
            if (from) {
                const auto current = items.find(from->id);
                if (!current || !(*current == *from)) {
                    throw Error("item " + std::to_string(from->id) +
                                " was changed outside the edit history; cannot " +
                                (forward ? "redo" : "undo") + " this edit");
                }
            }
            if (!to) {
                items.remove(from->id);
            } else if (from) {
                items.update(*to);
            } else {
                if (to->id != 0 && items.find(to->id)) {
                    throw Error("item " + std::to_string(to->id) + " already exists; cannot " +
                                (forward ? "redo" : "undo") + " this edit");
                }
                to->id = items.insert(*to);
            }
        }
    }
}

void ChangeSet::absorb(const ChangeSet& later) {
    for (const auto& change : later.changes_) {
        const std::int64_t id = change.before ? change.before->id : change.after->id;
        bool found = false;
        for (auto& mine : changes_) {
            const std::int64_t my_id = mine.after ? mine.after->id : mine.before->id;
            if (my_id == id) {
                mine.after = change.after;
                found = true;
                break;
            }
        }
        if (!found) {
            changes_.push_back(change);
        }
    }
}

std::string ChangeSet::toJson() const {
    nlohmann::json json = nlohmann::json::array();
    for (const auto& change : changes_) {
        json.push_back({optionalItemToJson(change.before), optionalItemToJson(change.after)});
    }
    return json.dump();
}

ChangeSet ChangeSet::fromJson(const std::string& text) {
    ChangeSet set;
    try {
        for (const auto& entry : nlohmann::json::parse(text)) {
            set.add(optionalItemFromJson(entry.at(0)), optionalItemFromJson(entry.at(1)));
        }
    } catch (const nlohmann::json::exception& error) {
        throw Error(std::string("corrupt edit journal entry: ") + error.what());
    }
    return set;
}

}  // namespace actbert::store
