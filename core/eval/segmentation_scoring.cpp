#include "core/eval/segmentation_scoring.h"

#include <map>

#include "core/eval/edit_score.h"
#include "core/eval/frame_accuracy.h"
#include "core/eval/score_files.h"
#include "core/eval/segment_f1.h"

namespace actbert::eval {

namespace {

// MS-TCN's default background class; --background '' means no background class.
constexpr const char* kDefaultBackground = "background";

using LabelNames = std::vector<std::string>;

// {"videos": {"ID": ["label", ...]}}; integer labels (COIN's step ids) are taken as their
// decimal text.
std::map<std::string, LabelNames> readVideosJson(const std::filesystem::path& path,
                                                 const std::string& what) {
    const auto json = readJsonFile(path, what);
    if (!json.is_object() || !json.contains("videos") || !json["videos"].is_object()) {
        throwFileError(path, what, "expected {\"videos\": {\"ID\": [label per frame, ...]}}");
    }
    std::map<std::string, LabelNames> videos;
    for (const auto& [id, frames] : json["videos"].items()) {
        if (!frames.is_array()) {
            throwFileError(path, what, "video \"" + id + "\" is not a list of labels");
        }
        LabelNames labels;
        labels.reserve(frames.size());
        for (std::size_t i = 0; i < frames.size(); ++i) {
            if (frames[i].is_string()) {
                labels.push_back(frames[i].get<std::string>());
            } else if (frames[i].is_number_integer()) {
                labels.push_back(std::to_string(frames[i].get<long long>()));
            } else {
                throwFileError(path, what,
                               "video \"" + id + "\": frame " + std::to_string(i) +
                                   " is neither a label string nor an integer");
            }
        }
        videos[id] = std::move(labels);
    }
    if (videos.empty()) {
        throwFileError(path, what, "no video");
    }
    return videos;
}

// MS-TCN's groundTruth/ID.txt: one label per line (per frame); empty lines are no frame.
LabelNames readMsTcnTruth(const std::filesystem::path& folder, const std::string& id) {
    const auto path = folder / (id + ".txt");
    if (!std::filesystem::is_regular_file(path)) {
        throwFileError(path, "ground-truth", "missing (the predictions name video \"" + id + "\")");
    }
    LabelNames labels;
    for (auto& line : readTextLines(path, "ground-truth")) {
        if (!line.empty()) {
            labels.push_back(std::move(line));
        }
    }
    return labels;
}

int labelId(std::map<std::string, int>& ids, const std::string& name) {
    return ids.emplace(name, static_cast<int>(ids.size())).first->second;
}

}  // namespace

ScoreReport scoreSegmentation(const ScoreRequest& request) {
    const auto predictions = readVideosJson(request.predictions, "predictions");
    const auto& truth_path = *request.ground_truth;
    const bool folder = std::filesystem::is_directory(truth_path);
    std::map<std::string, LabelNames> truth;
    if (folder) {
        for (const auto& [id, labels] : predictions) {
            truth[id] = readMsTcnTruth(truth_path, id);
        }
    } else {
        truth = readVideosJson(truth_path, "ground-truth");
        for (const auto& [id, labels] : truth) {
            if (!predictions.count(id)) {
                throwFileError(request.predictions, "predictions",
                               "no labels for video \"" + id + "\" of " + truth_path.string());
            }
        }
    }

    const std::string background_name = request.background.value_or(kDefaultBackground);
    std::map<std::string, int> ids;
    std::optional<int> background;
    if (!background_name.empty()) {
        background = labelId(ids, background_name);
    }
    std::vector<VideoLabels> videos;
    for (const auto& [id, predicted] : predictions) {
        const auto found = truth.find(id);
        if (found == truth.end()) {
            throwFileError(request.predictions, "predictions",
                           "video \"" + id + "\" is not in " + truth_path.string());
        }
        if (found->second.size() != predicted.size()) {
            throwFileError(request.predictions, "predictions",
                           "video \"" + id + "\" has " + std::to_string(predicted.size()) +
                               " frames, its ground truth in " + truth_path.string() + " has " +
                               std::to_string(found->second.size()));
        }
        VideoLabels video;
        video.id = id;
        for (std::size_t i = 0; i < predicted.size(); ++i) {
            video.predicted.push_back(labelId(ids, predicted[i]));
            video.truth.push_back(labelId(ids, found->second[i]));
        }
        videos.push_back(std::move(video));
    }

    const auto accuracy = frameAccuracy(videos);
    if (accuracy.total_frames == 0) {
        throwFileError(request.predictions, "predictions", "no frame to score in any video");
    }
    const double edit = meanEditScore(videos, background);
    const auto f1 = f1AtOverlaps(videos, background);
    ScoreReport report;
    report.values = {{"frame_accuracy", accuracy.accuracy()},
                     {"edit", edit},
                     {"f1_10", f1[0]},
                     {"f1_25", f1[1]},
                     {"f1_50", f1[2]},
                     {"videos", videos.size()},
                     {"frames", accuracy.total_frames}};
    report.lines = {std::to_string(videos.size()) + " videos, " +
                        std::to_string(accuracy.total_frames) + " frames; background " +
                        (background ? "\"" + background_name + "\"" : std::string("none")),
                    "  frame accuracy  " + formatFixed(100 * accuracy.accuracy(), 2) +
                        "  (all frames pooled, background included)",
                    "  edit            " + formatFixed(100 * edit, 2),
                    "  F1@10           " + formatFixed(100 * f1[0], 2),
                    "  F1@25           " + formatFixed(100 * f1[1], 2),
                    "  F1@50           " + formatFixed(100 * f1[2], 2)};
    return report;
}

}  // namespace actbert::eval
