#include "core/data/generic_format.h"

#include <map>
#include <nlohmann/json.hpp>

#include "core/common/atomic_file.h"
#include "core/common/error.h"
#include "core/data/csv_table.h"
#include "core/data/format_support.h"
#include "core/data/json_fields.h"

namespace actbert::data {
namespace {

constexpr const char* kCsvHeader =
    "video,track,kind,start_s,end_s,start_frame,end_frame,fps,time_base,label,label_id,"
    "external_id,confidence,review_state,author,whole_video";

template <typename Parse>
auto rethrowAt(const std::string& where, Parse parse) {
    try {
        return parse();
    } catch (const Error& error) {
        throw Error(where + ": " + error.what());
    }
}

}  // namespace

AnnotationDocument GenericFormat::readCsv(const std::filesystem::path& path) {
    const std::string text = readTextFile(path);
    const CsvTable table = CsvTable::parse(text, path.string());
    const auto video_column = table.requireColumn("video");
    const auto start_column =
        table.column("start_s") ? *table.column("start_s") : table.requireColumn("start");
    const auto end_column =
        table.column("end_s") ? *table.column("end_s") : table.requireColumn("end");
    const auto label_column =
        table.column("label") ? *table.column("label") : table.requireColumn("text");
    const auto optional = [&](const CsvRow& row, const char* name) -> std::string {
        const auto column = table.column(name);
        return column ? row.fields[*column] : std::string();
    };
    AnnotationDocument document;
    document.source = path.string();
    std::map<std::string, std::size_t> videos;
    std::map<std::pair<std::size_t, std::string>, std::size_t> tracks;
    for (const auto& row : table.rows()) {
        const std::string where = table.where(row);
        const std::string key = row.fields[video_column];
        if (key.empty()) {
            throw Error(where + ": empty video");
        }
        const auto [video_at, new_video] = videos.emplace(key, document.videos.size());
        if (new_video) {
            VideoRecord video;
            video.key = key;
            video.origin = where;
            document.videos.push_back(std::move(video));
        }
        VideoRecord& video = document.videos[video_at->second];
        if (const auto fps = optional(row, "fps"); !fps.empty()) {
            video.fps = rethrowAt(where, [&] { return store::parseRational(fps); });
        }
        if (const auto base = optional(row, "time_base"); !base.empty()) {
            video.time_base = rethrowAt(where, [&] { return store::parseRational(base); });
        }
        std::string track_name = optional(row, "track");
        if (track_name.empty()) {
            track_name = "csv";
        }
        const auto [track_at, new_track] =
            tracks.emplace(std::make_pair(video_at->second, track_name), video.tracks.size());
        if (new_track) {
            TrackRecord track;
            track.name = track_name;
            const std::string kind = optional(row, "kind");
            track.kind = kind.empty()
                             ? store::TrackKind::Free
                             : rethrowAt(where, [&] { return store::parseTrackKind(kind); });
            video.tracks.push_back(std::move(track));
        }
        SegmentRecord segment;
        segment.whole_video = optional(row, "whole_video") == "1";
        segment.start_s = parseNumber(row.fields[start_column], where + ", column start_s");
        segment.end_s = parseNumber(row.fields[end_column], where + ", column end_s");
        if (!segment.whole_video) {
            checkSegmentTimes(segment.start_s, segment.end_s, 0, where);
        }
        const std::string start_frame = optional(row, "start_frame");
        const std::string end_frame = optional(row, "end_frame");
        if (!start_frame.empty() && !end_frame.empty()) {
            segment.start_frame = parseInteger(start_frame, where + ", column start_frame");
            segment.end_frame = parseInteger(end_frame, where + ", column end_frame");
        }
        segment.label = row.fields[label_column];
        segment.label_id = optional(row, "label_id");
        segment.external_id = optional(row, "external_id");
        if (const auto confidence = optional(row, "confidence"); !confidence.empty()) {
            segment.confidence = parseNumber(confidence, where + ", column confidence");
        }
        if (const auto review = optional(row, "review_state"); !review.empty()) {
            segment.review_state =
                rethrowAt(where, [&] { return store::parseReviewState(review); });
        }
        segment.author = optional(row, "author");
        segment.origin = where;
        video.tracks[track_at->second].segments.push_back(std::move(segment));
    }
    return document;
}

void GenericFormat::writeCsv(const AnnotationDocument& document,
                             const std::filesystem::path& path) {
    std::string out = std::string(kCsvHeader) + "\n";
    for (const auto& video : document.videos) {
        const std::string fps = video.fps ? video.fps->toString() : std::string();
        const std::string base = video.time_base ? video.time_base->toString() : std::string();
        for (const auto& track : video.tracks) {
            for (const auto& segment : track.segments) {
                out += csvField(video.key) + "," + csvField(track.name) + "," +
                       std::string(store::toString(track.kind)) + "," +
                       formatNumber(segment.start_s) + "," + formatNumber(segment.end_s) + "," +
                       (segment.start_frame ? std::to_string(*segment.start_frame) : "") + "," +
                       (segment.end_frame ? std::to_string(*segment.end_frame) : "") + "," + fps +
                       "," + base + "," + csvField(segment.label) + "," +
                       csvField(segment.label_id) + "," + csvField(segment.external_id) + "," +
                       (segment.confidence ? formatNumber(*segment.confidence) : "") + "," +
                       std::string(store::toString(segment.review_state)) + "," +
                       csvField(segment.author) + "," + (segment.whole_video ? "1" : "0") + "\n";
            }
        }
    }
    writeFileAtomically(path, out);
}

AnnotationDocument GenericFormat::readJson(const std::filesystem::path& path) {
    const nlohmann::json root = JsonFields::load(path);
    const JsonFields fields(path.string());
    if (fields.string(fields.member(root, "format", ""), "/format") != "actbert-annotations") {
        fields.fail("/format", "not an ActBERT annotations file");
    }
    const auto text = [&](const nlohmann::json& object, const char* key, const std::string& at) {
        const auto* value = fields.optionalMember(object, key, at);
        return value == nullptr ? std::string() : fields.string(*value, at + "/" + key);
    };
    const auto rational = [&](const nlohmann::json& object, const char* key,
                              const std::string& at) -> std::optional<store::Rational> {
        const std::string value = text(object, key, at);
        if (value.empty()) {
            return std::nullopt;
        }
        return rethrowAt(fields.where(at + "/" + key), [&] { return store::parseRational(value); });
    };
    AnnotationDocument document;
    document.source = path.string();
    const auto& videos = fields.requireArray(fields.member(root, "videos", ""), "/videos");
    for (std::size_t v = 0; v < videos.size(); ++v) {
        const std::string at = "/videos/" + std::to_string(v);
        const auto& entry = fields.requireObject(videos[v], at);
        VideoRecord video;
        video.key = fields.string(fields.member(entry, "key", at), at + "/key");
        video.duration_s =
            fields.number(fields.member(entry, "duration_s", at), at + "/duration_s");
        video.fps = rational(entry, "fps", at);
        video.time_base = rational(entry, "time_base", at);
        video.subset = text(entry, "subset", at);
        video.task_id = text(entry, "task_id", at);
        video.task_name = text(entry, "task_name", at);
        video.url = text(entry, "url", at);
        if (const auto* attributes = fields.optionalMember(entry, "attributes", at)) {
            video.attributes = fields.requireObject(*attributes, at + "/attributes").dump();
        }
        video.origin = fields.where(at);
        const auto& tracks =
            fields.requireArray(fields.member(entry, "tracks", at), at + "/tracks");
        for (std::size_t t = 0; t < tracks.size(); ++t) {
            const std::string track_at = at + "/tracks/" + std::to_string(t);
            const auto& track_entry = fields.requireObject(tracks[t], track_at);
            TrackRecord track;
            track.name = fields.string(fields.member(track_entry, "name", track_at), track_at);
            track.kind = rethrowAt(fields.where(track_at + "/kind"), [&] {
                return store::parseTrackKind(text(track_entry, "kind", track_at));
            });
            track.source = rethrowAt(fields.where(track_at + "/source"), [&] {
                return store::parseTrackSource(text(track_entry, "source", track_at));
            });
            track.model_name = text(track_entry, "model_name", track_at);
            track.checkpoint_hash = text(track_entry, "checkpoint_hash", track_at);
            if (const auto* settings = fields.optionalMember(track_entry, "settings", track_at)) {
                track.settings = fields.requireObject(*settings, track_at + "/settings").dump();
            }
            const auto& items = fields.requireArray(fields.member(track_entry, "items", track_at),
                                                    track_at + "/items");
            for (std::size_t i = 0; i < items.size(); ++i) {
                const std::string item_at = track_at + "/items/" + std::to_string(i);
                const auto& item = fields.requireObject(items[i], item_at);
                SegmentRecord segment;
                segment.start_s = fields.number(fields.member(item, "start_s", item_at), item_at);
                segment.end_s = fields.number(fields.member(item, "end_s", item_at), item_at);
                if (const auto* whole = fields.optionalMember(item, "whole_video", item_at)) {
                    segment.whole_video = whole->is_boolean() && whole->get<bool>();
                }
                if (!segment.whole_video) {
                    checkSegmentTimes(segment.start_s, segment.end_s, video.duration_s,
                                      fields.where(item_at));
                }
                const auto* start_frame = fields.optionalMember(item, "start_frame", item_at);
                const auto* end_frame = fields.optionalMember(item, "end_frame", item_at);
                if (start_frame != nullptr && end_frame != nullptr) {
                    if (!start_frame->is_number_integer() || !end_frame->is_number_integer()) {
                        fields.fail(item_at, "start_frame and end_frame must be integers");
                    }
                    segment.start_frame = start_frame->get<std::int64_t>();
                    segment.end_frame = end_frame->get<std::int64_t>();
                }
                segment.label = text(item, "label", item_at);
                segment.label_id = text(item, "label_id", item_at);
                segment.external_id = text(item, "external_id", item_at);
                if (const auto* confidence = fields.optionalMember(item, "confidence", item_at);
                    confidence != nullptr && !confidence->is_null()) {
                    segment.confidence = fields.number(*confidence, item_at + "/confidence");
                }
                const std::string review = text(item, "review_state", item_at);
                if (!review.empty()) {
                    segment.review_state = rethrowAt(
                        fields.where(item_at), [&] { return store::parseReviewState(review); });
                }
                segment.author = text(item, "author", item_at);
                segment.origin = item_at;
                track.segments.push_back(std::move(segment));
            }
            video.tracks.push_back(std::move(track));
        }
        document.videos.push_back(std::move(video));
    }
    if (const auto* tasks = fields.optionalMember(root, "tasks", "")) {
        fields.requireArray(*tasks, "/tasks");
        for (std::size_t t = 0; t < tasks->size(); ++t) {
            const std::string at = "/tasks/" + std::to_string(t);
            const auto& entry = fields.requireObject((*tasks)[t], at);
            store::TaskDefinition task{text(entry, "dataset", at),
                                       text(entry, "task_id", at),
                                       text(entry, "name", at),
                                       text(entry, "url", at),
                                       {}};
            const auto& steps =
                fields.requireArray(fields.member(entry, "steps", at), at + "/steps");
            for (std::size_t s = 0; s < steps.size(); ++s) {
                const std::string step_at = at + "/steps/" + std::to_string(s);
                fields.requireObject(steps[s], step_at);
                task.steps.push_back(
                    {text(steps[s], "id", step_at), text(steps[s], "name", step_at)});
            }
            document.tasks.push_back(std::move(task));
        }
    }
    if (const auto* vocabularies = fields.optionalMember(root, "vocabularies", "")) {
        fields.requireObject(*vocabularies, "/vocabularies");
        for (const auto& [name, labels] : vocabularies->items()) {
            const std::string at = "/vocabularies/" + pointerKey(name);
            fields.requireObject(labels, at);
            std::vector<store::VocabularyLabel> entries;
            for (const auto& [id, label] : labels.items()) {
                entries.push_back({id, fields.string(label, at + "/" + pointerKey(id))});
            }
            document.vocabularies.emplace_back(name, std::move(entries));
        }
    }
    return document;
}

void GenericFormat::writeJson(const AnnotationDocument& document,
                              const std::filesystem::path& path) {
    nlohmann::ordered_json videos = nlohmann::ordered_json::array();
    for (const auto& video : document.videos) {
        nlohmann::ordered_json entry = {{"key", video.key}, {"duration_s", video.duration_s}};
        if (video.fps) {
            entry["fps"] = video.fps->toString();
        }
        if (video.time_base) {
            entry["time_base"] = video.time_base->toString();
        }
        entry["subset"] = video.subset;
        entry["task_id"] = video.task_id;
        entry["task_name"] = video.task_name;
        entry["url"] = video.url;
        entry["attributes"] = nlohmann::ordered_json::parse(video.attributes, nullptr, false);
        if (entry["attributes"].is_discarded()) {
            entry["attributes"] = nlohmann::ordered_json::object();
        }
        nlohmann::ordered_json tracks = nlohmann::ordered_json::array();
        for (const auto& track : video.tracks) {
            nlohmann::ordered_json track_entry = {
                {"name", track.name},
                {"kind", store::toString(track.kind)},
                {"source", store::toString(track.source)},
                {"model_name", track.model_name},
                {"checkpoint_hash", track.checkpoint_hash},
                {"settings", nlohmann::ordered_json::parse(track.settings, nullptr, false)}};
            if (track_entry["settings"].is_discarded()) {
                track_entry["settings"] = nlohmann::ordered_json::object();
            }
            nlohmann::ordered_json items = nlohmann::ordered_json::array();
            for (const auto& segment : track.segments) {
                nlohmann::ordered_json item = {{"start_s", segment.start_s},
                                               {"end_s", segment.end_s}};
                if (segment.start_frame && segment.end_frame) {
                    item["start_frame"] = *segment.start_frame;
                    item["end_frame"] = *segment.end_frame;
                }
                item["whole_video"] = segment.whole_video;
                item["label"] = segment.label;
                item["label_id"] = segment.label_id;
                item["external_id"] = segment.external_id;
                item["confidence"] = segment.confidence
                                         ? nlohmann::ordered_json(*segment.confidence)
                                         : nlohmann::ordered_json();
                item["review_state"] = store::toString(segment.review_state);
                item["author"] = segment.author;
                items.push_back(std::move(item));
            }
            track_entry["items"] = std::move(items);
            tracks.push_back(std::move(track_entry));
        }
        entry["tracks"] = std::move(tracks);
        videos.push_back(std::move(entry));
    }
    nlohmann::ordered_json tasks = nlohmann::ordered_json::array();
    for (const auto& task : document.tasks) {
        nlohmann::ordered_json steps = nlohmann::ordered_json::array();
        for (const auto& step : task.steps) {
            steps.push_back({{"id", step.step_id}, {"name", step.name}});
        }
        tasks.push_back({{"dataset", task.dataset},
                         {"task_id", task.task_id},
                         {"name", task.name},
                         {"url", task.url},
                         {"steps", std::move(steps)}});
    }
    nlohmann::ordered_json vocabularies = nlohmann::ordered_json::object();
    for (const auto& [name, labels] : document.vocabularies) {
        nlohmann::ordered_json entries = nlohmann::ordered_json::object();
        for (const auto& label : labels) {
            entries[label.label_id] = label.label;
        }
        vocabularies[name] = std::move(entries);
    }
    const nlohmann::ordered_json root = {{"format", "actbert-annotations"},
                                         {"version", 1},
                                         {"videos", std::move(videos)},
                                         {"tasks", std::move(tasks)},
                                         {"vocabularies", std::move(vocabularies)}};
    writeFileAtomically(path, root.dump(1) + "\n");
}

}  // namespace actbert::data
