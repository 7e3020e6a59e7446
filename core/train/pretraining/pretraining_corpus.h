#pragma once
// The pretraining corpus: narrated videos with their cached features, cut into the samples the
// paper describes. Each feature clip (one action feature) gets the narration segments that
// overlap its time window and their verbs (core/text's VerbExtractor); clips without a verb of
// the action vocabulary are dropped (paper, section 3.3); the kept clips of a video, in time
// order, form windows of clips_per_sample clips (the last may be shorter), one sample each.
// The action vocabulary (the label set of the masked-action head) is every verb of a kept
// clip, by clip count descending, ties alphabetical: the same data gives the same classes.
//
// Usage:
//   std::vector<CorpusSource> sources = ...;        // id, narration segments, feature file
//   std::vector<CorpusWarning> warnings;
//   auto corpus = PretrainingCorpus::build(sources, tokenizer, verbs, {}, warnings);
//   corpus.sampleCount();   // windows over all videos
//
// Bad input is normal input: a feature file that cannot be read, a narration without segments
// or tokens, a video without any clip with a verb: that video is skipped with a warning naming
// the file; build() throws actbert::Error only when nothing usable is left.
// Features stay in memory (a tiny-config video is a few KB, a base one about 1.3 MB).
// Threading: build() on one thread; the built corpus is immutable, const methods are safe from
// any thread.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/features/video_features.h"
#include "core/text/narration_reader.h"

namespace actbert::text {
class VerbExtractor;
class WordPieceTokenizer;
}  // namespace actbert::text

namespace actbert::train {

struct CorpusSource {
    std::string id;  // video id (file name without extension)
    std::filesystem::path narration_file;
    std::vector<text::NarrationSegment> segments;
    std::filesystem::path feature_file;
};

struct CorpusWarning {
    std::string file;  // the file the problem is in
    std::string message;
};

struct CorpusOptions {
    std::size_t clips_per_sample = 10;  // the paper's 10 adjacent clips
    std::size_t min_verb_count = 1;     // clips a verb must occur in to become a class
};

// One kept clip: its feature row and its verb classes (distinct, ascending).
struct CorpusClip {
    std::int64_t feature_index = 0;
    double start_s = 0, end_s = 0;
    std::vector<int> verbs;
};

struct CorpusWindow {
    std::size_t video = 0;
    std::vector<CorpusClip> clips;      // 1..clips_per_sample
    std::vector<std::size_t> segments;  // narration segments overlapping any clip, in order
};

struct CorpusVideo {
    std::string id;
    std::filesystem::path feature_file;
    features::VideoFeatures features;
    // Token ids of each narration segment (no specials); an empty entry is a segment without
    // tokens.
    std::vector<std::vector<std::int32_t>> segment_tokens;
};

class PretrainingCorpus {
public:
    static PretrainingCorpus build(const std::vector<CorpusSource>& sources,
                                   const text::WordPieceTokenizer& tokenizer,
                                   const text::VerbExtractor& verbs, const CorpusOptions& options,
                                   std::vector<CorpusWarning>& warnings);

    const std::vector<CorpusVideo>& videos() const { return videos_; }
    const std::vector<CorpusWindow>& windows() const { return windows_; }
    std::size_t sampleCount() const { return windows_.size(); }
    // Class index = position.
    const std::vector<std::string>& verbVocabulary() const { return verb_vocabulary_; }
    // The region source's classes (the masked-object targets), the same for every video.
    const std::vector<std::string>& objectClasses() const { return object_classes_; }
    std::int64_t actionFeatureSize() const { return action_feature_size_; }
    std::int64_t regionFeatureSize() const { return region_feature_size_; }
    std::size_t clipsDropped() const { return clips_dropped_; }

private:
    std::vector<CorpusVideo> videos_;
    std::vector<CorpusWindow> windows_;
    std::vector<std::string> verb_vocabulary_;
    std::vector<std::string> object_classes_;
    std::int64_t action_feature_size_ = 0;
    std::int64_t region_feature_size_ = 0;
    std::size_t clips_dropped_ = 0;
};

}  // namespace actbert::train
