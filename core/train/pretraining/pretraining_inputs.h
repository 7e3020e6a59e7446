#pragma once
// From a data-set folder to corpus sources: finds the videos and their narrations, reads the
// narrations, and gets every video's features through the feature cache (extracting what is
// missing, as `actbert extract` does).
//
// Folder layout: the videos in DIR/videos/ (the synthetic generator's layout) or in DIR itself
// (.mp4 .mkv .webm .mov .avi), each with a narration of the same name beside it (.srt, .vtt or
// a HowTo100M .csv; also DIR/howto100m/<id>.csv). A synthetic data set's ground-truth boxes
// (DIR/ground_truth/<id>.json) are the region source unless a detector is given.
// Bad input: a video without a narration, an unreadable narration, a video whose features
// cannot be extracted, a corrupt cache entry: skipped with a warning naming the file.
// Threading: runs on the calling thread (the extractor adds its own decode thread).

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/common/progress.h"
#include "core/train/pretraining/pretraining_corpus.h"

namespace actbert::train {

struct DataVideo {
    std::string id;
    std::filesystem::path video;
    std::filesystem::path narration;
    std::filesystem::path ground_truth;  // empty when the data set has none for it
};

// Throws actbert::Error when the folder does not exist or holds no video.
std::vector<DataVideo> findDataVideos(const std::filesystem::path& data_dir,
                                      std::vector<CorpusWarning>& warnings);

struct FeatureOptions {
    std::filesystem::path cache_folder;
    std::filesystem::path actions_checkpoint;  // required (an action backbone)
    std::filesystem::path regions_net;         // empty: a seeded random region network
    std::filesystem::path detector_json;       // empty: ground truth when present, else grid
    bool learned_regions = false;
    std::string device = "cpu";
    // One line per choice made ("regions: ground-truth boxes"), for the user.
    std::function<void(const std::string&)> note;
};

// Reads each video's narration and makes sure its features are cached; returns the sources of
// the videos that have both. Throws actbert::Error for a bad action checkpoint or detector.
std::vector<CorpusSource> prepareSources(const std::vector<DataVideo>& videos,
                                         const FeatureOptions& options, const ProgressFn& progress,
                                         const CancelToken& cancel,
                                         std::vector<CorpusWarning>& warnings);

}  // namespace actbert::train
