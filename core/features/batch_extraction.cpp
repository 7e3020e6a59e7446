#include "core/features/batch_extraction.h"

#include "core/common/error.h"
#include "core/features/content_hash.h"

namespace actbert::features {

std::vector<VideoResult> extractVideos(const std::vector<std::filesystem::path>& videos,
                                       const FeatureCache& cache, FeatureExtractor& extractor,
                                       const FrameSourceFactory& open_source,
                                       const ProgressFn& progress, const CancelToken& cancel) {
    std::vector<VideoResult> results;
    const double count = static_cast<double>(videos.size());
    for (std::size_t i = 0; i < videos.size(); ++i) {
        cancel.throwIfCancelled();
        VideoResult result;
        result.video = videos[i];
        const ProgressFn video_part = subProgress(progress, static_cast<double>(i) / count,
                                                  static_cast<double>(i + 1) / count);
        const auto video_progress = [&](double fraction, const std::string& message) {
            reportProgress(video_part, fraction,
                           "video " + std::to_string(i + 1) + "/" + std::to_string(videos.size()) +
                               ": " + message);
        };
        try {
            const auto hash = hashFileContent(videos[i], cancel);
            std::optional<VideoFeatures> cached;
            try {
                cached = cache.find(hash, extractor.settings());
            } catch (const Cancelled&) {
                throw;
            } catch (const Error& error) {
                // A damaged cache entry is recomputed (and replaced atomically) rather than
                // trusted or fatal.
                result.message =
                    std::string("damaged cache entry recomputed (") + error.what() + "); ";
            }
            if (cached) {
                result.outcome = VideoOutcome::Cached;
                result.feature_file = cache.pathFor(hash, extractor.settings());
                result.clips = cached->action_features.size(0);
                result.region_frames = cached->region_features.size(0);
                result.message = "already in the feature cache";
            } else {
                auto source = open_source(videos[i]);
                auto features = extractor.extract(*source, video_progress, cancel);
                features.video_hash = hash;
                features.video_name = videos[i].string();
                result.feature_file = cache.store(features);
                result.outcome = VideoOutcome::Extracted;
                result.clips = features.action_features.size(0);
                result.region_frames = features.region_features.size(0);
                result.message += "extracted";
            }
        } catch (const Cancelled&) {
            throw;
        } catch (const std::exception& error) {
            result.outcome = VideoOutcome::Failed;
            result.feature_file.clear();
            result.message = error.what();
        }
        video_progress(1.0, result.video.filename().string() + " done");
        results.push_back(std::move(result));
    }
    return results;
}

}  // namespace actbert::features
