#pragma once
// Extracting features for many videos into the feature cache: each video is fingerprinted,
// looked up, and extracted only when missing; a failing video is reported and the batch goes
// on. Running the same batch again after a kill resumes: finished videos are cache hits.
// Threading: runs on the calling thread (the extractor adds its own decode thread); cancel
// may be triggered from any thread.

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/common/progress.h"
#include "core/features/feature_cache.h"
#include "core/features/feature_extractor.h"

namespace actbert::features {

enum class VideoOutcome { Extracted, Cached, Failed };

struct VideoResult {
    std::filesystem::path video;
    VideoOutcome outcome = VideoOutcome::Failed;
    std::filesystem::path feature_file;  // empty when failed
    std::string message;                 // the error, or a one-line summary
    std::int64_t clips = 0;
    std::int64_t region_frames = 0;
};

using FrameSourceFactory =
    std::function<std::unique_ptr<FrameSource>(const std::filesystem::path& video)>;

// Extracts every video in order. Progress covers the whole batch. Throws actbert::Cancelled
// when cancelled (videos finished before stay in the cache); every other per-video error
// is caught and reported in that video's result.
std::vector<VideoResult> extractVideos(const std::vector<std::filesystem::path>& videos,
                                       const FeatureCache& cache, FeatureExtractor& extractor,
                                       const FrameSourceFactory& open_source,
                                       const ProgressFn& progress, const CancelToken& cancel);

}  // namespace actbert::features
