#include "core/eval/caption_corpus.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/common/error.h"
#include "core/eval/caption_tokenizer.h"
#include "core/eval/score_files.h"

namespace actbert::eval {

namespace {

nlohmann::json readJson(const std::filesystem::path& path, const char* what) {
    return readJsonFile(path, what);
}

}  // namespace

std::string videoOfSegment(const std::string& id) {
    const auto underscore = id.rfind('_');
    return underscore == std::string::npos || underscore == 0 ? id : id.substr(0, underscore);
}

CaptionPredictions readCaptionPredictions(const std::filesystem::path& path) {
    const auto json = readJson(path, "predictions");
    if (!json.is_object()) {
        throw Error("predictions file " + path.string() +
                    " must be a JSON object {\"ID\": \"caption\", ...}");
    }
    CaptionPredictions predictions;
    for (const auto& [id, caption] : json.items()) {
        if (!caption.is_string()) {
            throw Error("predictions file " + path.string() + ": the caption of \"" + id +
                        "\" is not a string");
        }
        predictions.emplace(id, caption.get<std::string>());
    }
    if (predictions.empty()) {
        throw Error("predictions file " + path.string() + " has no captions");
    }
    return predictions;
}

CaptionReferences readCaptionReferences(const std::filesystem::path& path,
                                        bool& is_youcook2_annotation) {
    const auto json = readJson(path, "ground-truth");
    const auto fail = [&](const std::string& problem) {
        throw Error("ground-truth file " + path.string() + ": " + problem);
    };
    if (!json.is_object()) {
        fail("must be a JSON object ({\"ID\": [\"reference\", ...]} or YouCook2's annotations)");
    }
    CaptionReferences references;
    is_youcook2_annotation = json.contains("database") && json["database"].is_object();
    if (is_youcook2_annotation) {
        for (const auto& [video, entry] : json["database"].items()) {
            if (!entry.is_object() || !entry.contains("annotations") ||
                !entry["annotations"].is_array()) {
                fail("video \"" + video + "\" has no \"annotations\" list");
            }
            for (const auto& annotation : entry["annotations"]) {
                if (!annotation.is_object() || !annotation.contains("id") ||
                    !annotation["id"].is_number_integer() || !annotation.contains("sentence") ||
                    !annotation["sentence"].is_string()) {
                    fail("an annotation of video \"" + video +
                         "\" lacks an integer \"id\" or a \"sentence\"");
                }
                references[video + "_" + std::to_string(annotation["id"].get<long long>())]
                    .push_back(annotation["sentence"].get<std::string>());
            }
        }
    } else {
        for (const auto& [id, value] : json.items()) {
            auto& texts = references[id];
            if (value.is_string()) {
                texts.push_back(value.get<std::string>());
                continue;
            }
            if (!value.is_array() || value.empty()) {
                fail("the references of \"" + id + "\" must be a non-empty list of strings");
            }
            for (const auto& text : value) {
                if (!text.is_string()) {
                    fail("a reference of \"" + id + "\" is not a string");
                }
                texts.push_back(text.get<std::string>());
            }
        }
    }
    if (references.empty()) {
        fail("has no references");
    }
    return references;
}

std::vector<CaptionSegment> pairCaptions(const CaptionPredictions& predictions,
                                         const CaptionReferences& references,
                                         bool references_are_superset,
                                         const std::string& references_path) {
    std::vector<CaptionSegment> segments;
    std::vector<std::string> missing;
    for (const auto& [id, caption] : predictions) {
        const auto it = references.find(id);
        if (it == references.end()) {
            missing.push_back(id);
            continue;
        }
        CaptionSegment segment;
        segment.id = id;
        segment.video = videoOfSegment(id);
        segment.hypothesis = tokenizeCaption(caption);
        for (const auto& text : it->second) {
            segment.references.push_back(tokenizeCaption(text));
        }
        segments.push_back(std::move(segment));
    }
    if (!missing.empty()) {
        throw Error("ground-truth file " + references_path + " has no references for " +
                    std::to_string(missing.size()) + " predicted segment(s), e.g. \"" +
                    missing.front() + "\"");
    }
    if (!references_are_superset && segments.size() != references.size()) {
        for (const auto& entry : references) {
            if (!predictions.contains(entry.first)) {
                throw Error("predictions lack " +
                            std::to_string(references.size() - segments.size()) +
                            " segment(s) of ground-truth file " + references_path + ", e.g. \"" +
                            entry.first + "\"");
            }
        }
    }
    return segments;
}

}  // namespace actbert::eval
