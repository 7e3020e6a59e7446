#include "core/data/dataset_json_format.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "core/common/atomic_file.h"
#include "core/common/error.h"
#include "core/data/format_support.h"
#include "core/data/json_fields.h"

namespace actbert::data {
namespace {

using Layout = DatasetJsonFormat::Layout;

nlohmann::ordered_json timeValue(double seconds) {
    // Integral times stay integers, as the data sets write them.
    if (std::floor(seconds) == seconds && std::abs(seconds) < 1e15) {
        return static_cast<std::int64_t>(seconds);
    }
    return seconds;
}

SegmentRecord readSegment(const JsonFields& fields, const nlohmann::json& entry,
                          const std::string& path, Layout layout, double duration_s) {
    SegmentRecord segment;
    const auto& times =
        fields.requireArray(fields.member(entry, "segment", path), path + "/segment");
    if (times.size() != 2) {
        fields.fail(path + "/segment",
                    "expected [start, end], found " + std::to_string(times.size()) + " values");
    }
    segment.start_s = fields.number(times[0], path + "/segment/0");
    segment.end_s = fields.number(times[1], path + "/segment/1");
    const char* text_key = layout == Layout::Coin ? "label" : "sentence";
    segment.label = fields.string(fields.member(entry, text_key, path), path + "/" + text_key);
    const std::string id = fields.stringOrNumber(fields.member(entry, "id", path), path + "/id");
    if (layout == Layout::Coin) {
        segment.label_id = id;
    } else {
        segment.external_id = id;
    }
    if (const auto* frames = fields.optionalMember(entry, "frames", path)) {
        if (!frames->is_array() || frames->size() != 2 || !(*frames)[0].is_number_integer() ||
            !(*frames)[1].is_number_integer()) {
            fields.fail(path + "/frames", "expected [start_frame, end_frame] as integers");
        }
        segment.start_frame = (*frames)[0].get<std::int64_t>();
        segment.end_frame = (*frames)[1].get<std::int64_t>();
    }
    segment.origin = path;
    checkSegmentTimes(segment.start_s, segment.end_s, duration_s, fields.where(path));
    return segment;
}

std::optional<store::Rational> optionalRational(const JsonFields& fields,
                                                const nlohmann::json& object, const char* key,
                                                const std::string& path) {
    const auto* value = fields.optionalMember(object, key, path);
    if (value == nullptr) {
        return std::nullopt;
    }
    try {
        return store::parseRational(fields.string(*value, path + "/" + key));
    } catch (const Error& error) {
        fields.fail(path + "/" + key, error.what());
    }
}

std::string optionalText(const JsonFields& fields, const nlohmann::json& object, const char* key,
                         const std::string& path) {
    const auto* value = fields.optionalMember(object, key, path);
    return value == nullptr ? std::string()
                            : fields.stringOrNumber(*value, path + "/" + std::string(key));
}

}  // namespace

AnnotationDocument DatasetJsonFormat::read(const std::filesystem::path& path, Layout layout) {
    const nlohmann::json root = JsonFields::load(path);
    const JsonFields fields(path.string());
    const auto& database = fields.requireObject(fields.member(root, "database", ""), "/database");
    AnnotationDocument document;
    document.source = path.string();
    const bool coin = layout == Layout::Coin;
    const std::string track_name = coin ? "coin" : "youcook2";
    std::map<std::string, store::TaskDefinition> tasks;
    std::map<std::string, std::string> step_labels;
    document.videos.reserve(database.size());
    for (const auto& [key, entry] : database.items()) {
        const std::string video_path = "/database/" + pointerKey(key);
        fields.requireObject(entry, video_path);
        if (key.empty()) {
            fields.fail(video_path, "empty video id");
        }
        VideoRecord video;
        video.key = key;
        video.origin = video_path;
        video.duration_s =
            fields.number(fields.member(entry, "duration", video_path), video_path + "/duration");
        if (video.duration_s < 0) {
            fields.fail(video_path + "/duration", "negative duration");
        }
        video.subset = optionalText(fields, entry, "subset", video_path);
        video.task_id = optionalText(fields, entry, "recipe_type", video_path);
        video.url = optionalText(fields, entry, "video_url", video_path);
        video.fps = optionalRational(fields, entry, "fps", video_path);
        video.time_base = optionalRational(fields, entry, "time_base", video_path);
        if (coin) {
            video.task_name = optionalText(fields, entry, "class", video_path);
            nlohmann::json attributes = nlohmann::json::object();
            for (const char* extra : {"start", "end"}) {
                if (const auto* value = fields.optionalMember(entry, extra, video_path)) {
                    attributes[extra] = fields.number(*value, video_path + "/" + extra);
                }
            }
            video.attributes = attributes.dump();
        }
        TrackRecord track;
        track.name = track_name;
        track.kind = store::TrackKind::Steps;
        const char* list_key = coin ? "annotation" : "annotations";
        const std::string list_path = video_path + "/" + list_key;
        const auto& list =
            fields.requireArray(fields.member(entry, list_key, video_path), list_path);
        track.segments.reserve(list.size());
        for (std::size_t i = 0; i < list.size(); ++i) {
            const std::string item_path = list_path + "/" + std::to_string(i);
            fields.requireObject(list[i], item_path);
            track.segments.push_back(
                readSegment(fields, list[i], item_path, layout, video.duration_s));
            if (coin) {
                step_labels.emplace(track.segments.back().label_id, track.segments.back().label);
                auto& task = tasks[video.task_id];
                task.dataset = "coin";
                task.task_id = video.task_id;
                task.name = video.task_name;
                const auto& segment = track.segments.back();
                const bool known = std::any_of(
                    task.steps.begin(), task.steps.end(),
                    [&](const store::TaskStep& step) { return step.step_id == segment.label_id; });
                if (!known) {
                    task.steps.push_back({segment.label_id, segment.label});
                }
            }
        }
        video.tracks.push_back(std::move(track));
        document.videos.push_back(std::move(video));
    }
    if (coin) {
        std::vector<store::VocabularyLabel> labels;
        for (const auto& [id, label] : step_labels) {
            labels.push_back({id, label});
        }
        document.vocabularies.emplace_back("coin-steps", std::move(labels));
        for (auto& [id, task] : tasks) {
            document.tasks.push_back(std::move(task));
        }
    }
    return document;
}

void DatasetJsonFormat::write(const AnnotationDocument& document, const std::filesystem::path& path,
                              Layout layout) {
    const bool coin = layout == Layout::Coin;
    nlohmann::ordered_json database = nlohmann::ordered_json::object();
    for (const auto& video : document.videos) {
        std::vector<const SegmentRecord*> segments;
        for (const auto& track : video.tracks) {
            for (const auto& segment : track.segments) {
                segments.push_back(&segment);
            }
        }
        std::stable_sort(segments.begin(), segments.end(),
                         [](const auto* a, const auto* b) { return a->start_s < b->start_s; });
        nlohmann::ordered_json entry;
        entry["duration"] = video.duration_s;
        entry["subset"] = video.subset;
        if (coin) {
            const auto attributes = nlohmann::json::parse(video.attributes, nullptr, false);
            entry["recipe_type"] =
                video.task_id.size() < 18 &&
                        std::all_of(video.task_id.begin(), video.task_id.end(),
                                    [](char c) { return c >= '0' && c <= '9'; }) &&
                        !video.task_id.empty()
                    ? nlohmann::ordered_json(std::stoll(video.task_id))
                    : nlohmann::ordered_json(video.task_id);
            entry["class"] = video.task_name;
            for (const char* extra : {"start", "end"}) {
                if (attributes.is_object() && attributes.contains(extra)) {
                    entry[extra] = attributes[extra];
                }
            }
        } else {
            entry["recipe_type"] = video.task_id;
        }
        entry["video_url"] = video.url;
        if (video.fps) {
            entry["fps"] = video.fps->toString();
        }
        if (video.time_base) {
            entry["time_base"] = video.time_base->toString();
        }
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (std::size_t i = 0; i < segments.size(); ++i) {
            const auto& segment = *segments[i];
            nlohmann::ordered_json item;
            item["segment"] = {timeValue(segment.start_s), timeValue(segment.end_s)};
            if (coin) {
                item["id"] = segment.label_id;
                item["label"] = segment.label;
            } else {
                const std::string& id = segment.external_id;
                const bool numeric =
                    !id.empty() && id.size() < 18 &&
                    std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; });
                item["id"] = numeric ? nlohmann::ordered_json(std::stoll(id))
                                     : nlohmann::ordered_json(static_cast<std::int64_t>(i));
                item["sentence"] = segment.label;
            }
            if (segment.start_frame && segment.end_frame) {
                item["frames"] = {*segment.start_frame, *segment.end_frame};
            }
            list.push_back(std::move(item));
        }
        entry[coin ? "annotation" : "annotations"] = std::move(list);
        database[video.key] = std::move(entry);
    }
    const nlohmann::ordered_json root = {{"database", std::move(database)}};
    writeFileAtomically(path, root.dump(1, '\t') + "\n");
}

}  // namespace actbert::data
