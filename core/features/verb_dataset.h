#pragma once
// The action backbone's training set, as in the paper: narrated clips labelled with their
// narration's verbs, the verb vocabulary as the label set, targets l1-normalised over a
// clip's verbs. The labelling itself is the text pipeline's (core/text ActionVocabulary,
// written by `actbert actions build`); this reads its JSON and finds each clip's video.
// Threading: plain data and pure functions.

#include <filesystem>
#include <string>
#include <vector>

namespace at {
class Tensor;
}

namespace actbert::features {

struct VerbClip {
    std::filesystem::path video;
    double start_s = 0;
    double end_s = 0;
    std::vector<int> labels;  // indices into VerbDataset::vocabulary, distinct
};

struct VerbDataset {
    std::vector<std::string> vocabulary;  // class index = position
    std::vector<VerbClip> clips;
    std::size_t clips_without_video = 0;  // clips whose video file was not found (skipped)
};

// Reads the action vocabulary JSON ({"verbs": [{"verb", "count"}], "clips": [{"video",
// "start_s", "end_s", "labels"}], ...}). A clip's video id is matched to a file in
// `video_folder` with that name (any extension); clips whose video is missing are counted and
// skipped. Throws actbert::Error naming the file when the JSON is malformed, a label is not in
// the vocabulary, or no clip has a video.
VerbDataset loadVerbDataset(const std::filesystem::path& vocabulary_json,
                            const std::filesystem::path& video_folder);

// [clips, vocabulary] float: each row the l1-normalised multi-hot of the clip's labels.
at::Tensor verbTargets(const std::vector<VerbClip>& clips, std::size_t vocabulary_size);

}  // namespace actbert::features
