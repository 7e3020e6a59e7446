#pragma once
// The extraction pipeline for one video: a decode thread samples and preprocesses frames into
// a bounded queue; the calling thread batches them through the action backbone, the region
// source (detector, grid or learned regions) and the region network. Decoding overlaps
// inference; memory is bounded by the queue.
// Threading: one extract() at a time per instance (the models are not shared); progress is
// reported on the calling thread; cancel may be triggered from any thread.

#include <memory>

#include "core/common/progress.h"
#include "core/features/detector.h"
#include "core/features/frame_source.h"
#include "core/features/video_features.h"
#include "models/backbones/learned_regions.h"
#include "models/backbones/r3d.h"
#include "models/backbones/region_feature_net.h"

namespace actbert::features {

struct ExtractorModels {
    models::backbones::R3d action{nullptr};
    models::backbones::RegionFeatureNet region_net{nullptr};
    // Exactly one of these is set: boxes from a detector (ONNX, grid, ground truth) or
    // learned regions.
    std::unique_ptr<Detector> detector;
    models::backbones::LearnedRegions learned{nullptr};
};

struct ExtractorOptions {
    int clip_batch = 4;       // clips per backbone forward pass
    int region_batch = 8;     // region frames per region-network pass
    int queue_capacity = 16;  // preprocessed items waiting between the threads
};

class FeatureExtractor {
public:
    // `settings` must agree with the models (clip geometry, region count); its identity
    // fields (action_backbone, region_network, region_detector) are filled here when empty.
    // Throws actbert::Error when models and settings disagree.
    FeatureExtractor(ExtractionSettings settings, ExtractorModels models, torch::Device device,
                     ExtractorOptions options = {});
    ~FeatureExtractor();

    const ExtractionSettings& settings() const { return settings_; }

    // Extracts every feature of `source`. Throws actbert::Error on a decode or model failure,
    // actbert::Cancelled when cancelled (the decode thread is stopped and joined either way).
    VideoFeatures extract(FrameSource& source, const ProgressFn& progress,
                          const CancelToken& cancel);

private:
    struct Item;
    void runClips(std::vector<Item>& items, VideoFeatures& out);
    void runRegions(std::vector<Item>& items, VideoFeatures& out);

    ExtractionSettings settings_;
    ExtractorModels models_;
    torch::Device device_;
    ExtractorOptions options_;
};

}  // namespace actbert::features
