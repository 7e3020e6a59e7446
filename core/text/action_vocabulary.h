#pragma once
// ActBERT's action vocabulary (paper, section 3.3): verbs are extracted from each clip's
// narration, the most frequent ones (at least min_count clips, at most max_size verbs) become
// the action classes, and each clip's target is its verbs, l1-normalised. Clips without a
// verb of the vocabulary are dropped, as in the paper, and counted.
// Verb counts are clip counts (a verb said twice in one clip counts once). Ties in count are
// broken alphabetically, clips are ordered by video then time: the output is deterministic.
// Threading: the builder is immutable; build() may run on any thread.

#include <cstddef>
#include <string>
#include <vector>

#include "core/common/progress.h"
#include "core/text/clip_aligner.h"
#include "core/text/narration_reader.h"
#include "core/text/verb_extractor.h"

namespace actbert::text {

struct ActionOptions {
    std::size_t min_count = 1;  // clips a verb must occur in
    std::size_t max_size = 0;   // most frequent verbs kept; 0 = all
    ClipOptions clips;
};

struct VerbCount {
    std::string verb;
    std::size_t count = 0;
};

struct LabelledClip {
    std::string video;
    double start_s = 0.0;
    double end_s = 0.0;
    std::vector<std::string> labels;  // in vocabulary order
    std::vector<double> weights;      // 1 / labels.size() each
};

struct ActionVocabulary {
    std::vector<VerbCount> verbs;  // by count, descending; the class index is the position
    std::vector<LabelledClip> clips;
    std::size_t dropped = 0;      // clips without a vocabulary verb
    std::size_t total_clips = 0;  // clips considered (kept + dropped)

    // {"verbs": [{"verb", "count"}], "clips": [{video, start_s, end_s, labels, weights}],
    //  "dropped": n, "total_clips": n}
    std::string toJson() const;
};

class ActionVocabularyBuilder {
public:
    // Throws actbert::Error for min_count == 0 or invalid clip options.
    ActionVocabularyBuilder(const VerbExtractor& extractor, ActionOptions options);

    // Polls `cancel` between videos (throws actbert::Cancelled).
    ActionVocabulary build(const std::vector<Narration>& narrations, const ProgressFn& progress,
                           const CancelToken& cancel) const;

private:
    const VerbExtractor& extractor_;
    ActionOptions options_;
    ClipAligner aligner_;
};

}  // namespace actbert::text
