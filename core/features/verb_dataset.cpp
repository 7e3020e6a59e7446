#include "core/features/verb_dataset.h"

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>

#include "core/common/error.h"

namespace actbert::features {
namespace {
constexpr std::uintmax_t kMaxJsonBytes = 1ull << 30;
}

VerbDataset loadVerbDataset(const std::filesystem::path& vocabulary_json,
                            const std::filesystem::path& video_folder) {
    const auto fail = [&](const std::string& problem) {
        return Error(vocabulary_json.string() + ": action vocabulary: " + problem);
    };
    std::error_code error;
    const auto size = std::filesystem::file_size(vocabulary_json, error);
    if (error) {
        throw fail("cannot read the file: " + error.message());
    }
    if (size > kMaxJsonBytes) {
        throw fail("larger than 1 GiB");
    }
    // Video id -> file: the folder's files by name without extension.
    std::map<std::string, std::filesystem::path> videos;
    for (const auto& entry : std::filesystem::directory_iterator(video_folder, error)) {
        if (entry.is_regular_file()) {
            videos.emplace(entry.path().stem().string(), entry.path());
        }
    }
    if (error) {
        throw Error(video_folder.string() + ": cannot list the video folder: " + error.message());
    }
    VerbDataset dataset;
    try {
        std::ifstream in(vocabulary_json, std::ios::binary);
        const auto json = nlohmann::json::parse(in);
        std::map<std::string, int> index;
        for (const auto& verb : json.at("verbs")) {
            const auto name = verb.at("verb").get<std::string>();
            index.emplace(name, static_cast<int>(dataset.vocabulary.size()));
            dataset.vocabulary.push_back(name);
        }
        for (const auto& clip : json.at("clips")) {
            VerbClip labelled;
            const auto video = clip.at("video").get<std::string>();
            const auto found = videos.find(std::filesystem::path(video).stem().string());
            if (found == videos.end()) {
                ++dataset.clips_without_video;
                continue;
            }
            labelled.video = found->second;
            labelled.start_s = clip.at("start_s").get<double>();
            labelled.end_s = clip.at("end_s").get<double>();
            if (!(labelled.start_s >= 0 && labelled.end_s > labelled.start_s)) {
                throw fail("a clip of " + video + " does not have 0 <= start_s < end_s");
            }
            for (const auto& label : clip.at("labels")) {
                const auto it = index.find(label.get<std::string>());
                if (it == index.end()) {
                    throw fail("label '" + label.get<std::string>() + "' is not in 'verbs'");
                }
                labelled.labels.push_back(it->second);
            }
            if (!labelled.labels.empty()) {
                dataset.clips.push_back(std::move(labelled));
            }
        }
    } catch (const nlohmann::json::exception& e) {
        throw fail(std::string("malformed JSON (") + e.what() + ")");
    }
    if (dataset.vocabulary.empty()) {
        throw fail("no verbs");
    }
    if (dataset.clips.empty()) {
        throw fail("no labelled clip has its video in " + video_folder.string());
    }
    return dataset;
}

at::Tensor verbTargets(const std::vector<VerbClip>& clips, std::size_t vocabulary_size) {
    auto targets =
        torch::zeros({static_cast<int64_t>(clips.size()), static_cast<int64_t>(vocabulary_size)});
    for (std::size_t c = 0; c < clips.size(); ++c) {
        for (const int label : clips[c].labels) {
            targets[static_cast<int64_t>(c)][label] =
                1.0f / static_cast<float>(clips[c].labels.size());
        }
    }
    return targets;
}

}  // namespace actbert::features
