#include "core/train/pretraining/pretraining_corpus.h"

#include <torch/types.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/common/error.h"
#include "core/features/feature_cache.h"
#include "core/text/verb_extractor.h"
#include "core/text/wordpiece_tokenizer.h"

namespace actbert::train {
namespace {

// A video read and checked, before the vocabulary exists.
struct Candidate {
    CorpusVideo video;
    // Per feature clip: the narration segments overlapping it, and their verbs.
    std::vector<std::vector<std::size_t>> clip_segments;
    std::vector<std::set<std::string>> clip_verbs;
};

bool overlaps(const text::NarrationSegment& segment, double start_s, double end_s) {
    return segment.start_s < end_s && segment.end_s > start_s;
}

}  // namespace

PretrainingCorpus PretrainingCorpus::build(const std::vector<CorpusSource>& sources,
                                           const text::WordPieceTokenizer& tokenizer,
                                           const text::VerbExtractor& verbs,
                                           const CorpusOptions& options,
                                           std::vector<CorpusWarning>& warnings) {
    if (options.clips_per_sample == 0)
        throw Error("pretraining: clips per sample must be at least 1");
    PretrainingCorpus corpus;
    std::vector<Candidate> candidates;
    for (const auto& source : sources) {
        auto warn = [&](const std::filesystem::path& file, const std::string& message) {
            warnings.push_back({file.string(), message + "; video " + source.id + " skipped"});
        };
        if (source.segments.empty()) {
            warn(source.narration_file, "the narration has no segments");
            continue;
        }
        Candidate candidate;
        auto& video = candidate.video;
        video.id = source.id;
        video.feature_file = source.feature_file;
        try {
            video.features = features::FeatureCache::read(source.feature_file);
        } catch (const std::exception& error) {
            warn(source.feature_file, std::string("unreadable feature file: ") + error.what());
            continue;
        }
        const auto& f = video.features;
        if (f.action_features.dim() != 2 || f.action_features.size(0) == 0) {
            warn(source.feature_file, "the feature file has no action clips");
            continue;
        }
        if (!f.region_classes.defined() || f.class_names.empty()) {
            warn(source.feature_file,
                 "the regions have no class distributions (the masked-object targets need a "
                 "detector with classes, or a synthetic data set's ground-truth boxes)");
            continue;
        }
        if (corpus.action_feature_size_ == 0) {
            corpus.action_feature_size_ = f.action_features.size(1);
            corpus.region_feature_size_ = f.region_features.size(2);
            corpus.object_classes_ = f.class_names;
        } else if (f.action_features.size(1) != corpus.action_feature_size_ ||
                   f.region_features.size(2) != corpus.region_feature_size_ ||
                   f.class_names != corpus.object_classes_) {
            warn(source.feature_file,
                 "its feature sizes or region classes differ from the first video's");
            continue;
        }
        std::size_t tokens = 0;
        std::vector<std::vector<std::string>> segment_verbs;
        for (const auto& segment : source.segments) {
            video.segment_tokens.push_back(tokenizer.tokenize(segment.text));
            tokens += video.segment_tokens.back().size();
            segment_verbs.push_back(verbs.lemmas(segment.text));
        }
        if (tokens == 0) {
            warn(source.narration_file, "the narration has no words");
            continue;
        }
        const auto times = f.clip_times.to(torch::kDouble).contiguous();
        const auto* t = times.data_ptr<double>();
        const auto clips = f.action_features.size(0);
        candidate.clip_segments.resize(static_cast<std::size_t>(clips));
        candidate.clip_verbs.resize(static_cast<std::size_t>(clips));
        for (std::int64_t k = 0; k < clips; ++k) {
            for (std::size_t s = 0; s < source.segments.size(); ++s) {
                if (!overlaps(source.segments[s], t[2 * k], t[2 * k + 1]))
                    continue;
                candidate.clip_segments[k].push_back(s);
                candidate.clip_verbs[k].insert(segment_verbs[s].begin(), segment_verbs[s].end());
            }
        }
        candidates.push_back(std::move(candidate));
    }

    // The action vocabulary: verbs by clip count, descending, then alphabetical.
    std::map<std::string, std::size_t> counts;
    for (const auto& candidate : candidates)
        for (const auto& clip : candidate.clip_verbs)
            for (const auto& verb : clip)
                ++counts[verb];
    std::vector<std::pair<std::string, std::size_t>> ranked(counts.begin(), counts.end());
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    std::map<std::string, int> class_of;
    for (const auto& [verb, count] : ranked) {
        if (count < options.min_verb_count)
            break;
        class_of[verb] = static_cast<int>(corpus.verb_vocabulary_.size());
        corpus.verb_vocabulary_.push_back(verb);
    }

    for (auto& candidate : candidates) {
        const auto times = candidate.video.features.clip_times.to(torch::kDouble).contiguous();
        const auto* t = times.data_ptr<double>();
        std::vector<CorpusClip> kept;
        std::vector<std::vector<std::size_t>> kept_segments;
        for (std::size_t k = 0; k < candidate.clip_verbs.size(); ++k) {
            CorpusClip clip;
            clip.feature_index = static_cast<std::int64_t>(k);
            clip.start_s = t[2 * k];
            clip.end_s = t[2 * k + 1];
            for (const auto& verb : candidate.clip_verbs[k])
                if (const auto found = class_of.find(verb); found != class_of.end())
                    clip.verbs.push_back(found->second);
            if (clip.verbs.empty()) {
                ++corpus.clips_dropped_;
                continue;
            }
            std::sort(clip.verbs.begin(), clip.verbs.end());
            kept.push_back(std::move(clip));
            kept_segments.push_back(candidate.clip_segments[k]);
        }
        if (kept.empty()) {
            warnings.push_back(
                {candidate.video.feature_file.string(),
                 "no clip of video " + candidate.video.id + " has a narrated verb; video skipped"});
            continue;
        }
        const auto video_index = corpus.videos_.size();
        for (std::size_t first = 0; first < kept.size(); first += options.clips_per_sample) {
            CorpusWindow window;
            window.video = video_index;
            const auto last = std::min(kept.size(), first + options.clips_per_sample);
            std::set<std::size_t> segments;
            for (std::size_t i = first; i < last; ++i) {
                window.clips.push_back(kept[i]);
                segments.insert(kept_segments[i].begin(), kept_segments[i].end());
            }
            window.segments.assign(segments.begin(), segments.end());
            corpus.windows_.push_back(std::move(window));
        }
        corpus.videos_.push_back(std::move(candidate.video));
    }
    if (corpus.windows_.empty())
        throw Error("pretraining: no usable sample in " + std::to_string(sources.size()) +
                    " videos (" + std::to_string(warnings.size()) + " warnings)");
    return corpus;
}

}  // namespace actbert::train
