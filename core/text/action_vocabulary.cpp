#include "core/text/action_vocabulary.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "core/common/error.h"

namespace actbert::text {

std::string ActionVocabulary::toJson() const {
    nlohmann::ordered_json root;
    auto& verb_list = root["verbs"] = nlohmann::ordered_json::array();
    for (const auto& verb : verbs) {
        verb_list.push_back({{"verb", verb.verb}, {"count", verb.count}});
    }
    auto& clip_list = root["clips"] = nlohmann::ordered_json::array();
    for (const auto& clip : clips) {
        clip_list.push_back({{"video", clip.video},
                             {"start_s", clip.start_s},
                             {"end_s", clip.end_s},
                             {"labels", clip.labels},
                             {"weights", clip.weights}});
    }
    root["dropped"] = dropped;
    root["total_clips"] = total_clips;
    // Invalid UTF-8 in video ids must not abort the export: replace it.
    return root.dump(1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

ActionVocabularyBuilder::ActionVocabularyBuilder(const VerbExtractor& extractor,
                                                 ActionOptions options)
    : extractor_(extractor), options_(std::move(options)), aligner_(options_.clips) {
    if (options_.min_count == 0) {
        throw Error("the minimum verb count must be at least 1");
    }
}

ActionVocabulary ActionVocabularyBuilder::build(const std::vector<Narration>& narrations,
                                                const ProgressFn& progress,
                                                const CancelToken& cancel) const {
    // Videos in id order so that the result does not depend on the order of the inputs.
    std::vector<const Narration*> ordered;
    for (const auto& narration : narrations) {
        ordered.push_back(&narration);
    }
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const Narration* a, const Narration* b) { return a->video < b->video; });

    struct PendingClip {
        const Narration* narration;
        double start_s;
        double end_s;
        std::vector<int> verbs;  // interned verb ids, distinct
    };
    std::vector<PendingClip> pending;
    std::unordered_map<std::string, int> verb_ids;
    std::vector<std::string> verb_names;
    std::vector<std::size_t> clip_counts;

    for (std::size_t v = 0; v < ordered.size(); ++v) {
        cancel.throwIfCancelled();
        reportProgress(progress, static_cast<double>(v) / std::max<std::size_t>(1, ordered.size()),
                       "extracting verbs");
        const Narration& narration = *ordered[v];
        // Verbs per segment once; a segment spanning several clips lends them to each.
        std::vector<std::vector<int>> segment_verbs(narration.segments.size());
        for (std::size_t s = 0; s < narration.segments.size(); ++s) {
            for (const auto& lemma : extractor_.lemmas(narration.segments[s].text)) {
                auto [it, inserted] =
                    verb_ids.try_emplace(lemma, static_cast<int>(verb_names.size()));
                if (inserted) {
                    verb_names.push_back(lemma);
                    clip_counts.push_back(0);
                }
                segment_verbs[s].push_back(it->second);
            }
        }
        for (const auto& clip : aligner_.align(narration)) {
            PendingClip entry{&narration, clip.start_s, clip.end_s, {}};
            for (const auto s : clip.segments) {
                for (const int verb : segment_verbs[s]) {
                    if (std::find(entry.verbs.begin(), entry.verbs.end(), verb) ==
                        entry.verbs.end()) {
                        entry.verbs.push_back(verb);
                        ++clip_counts[static_cast<std::size_t>(verb)];
                    }
                }
            }
            pending.push_back(std::move(entry));
        }
    }

    ActionVocabulary result;
    std::vector<int> order;
    for (std::size_t i = 0; i < verb_names.size(); ++i) {
        if (clip_counts[i] >= options_.min_count) {
            order.push_back(static_cast<int>(i));
        }
    }
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        const auto ca = clip_counts[static_cast<std::size_t>(a)];
        const auto cb = clip_counts[static_cast<std::size_t>(b)];
        return ca != cb ? ca > cb
                        : verb_names[static_cast<std::size_t>(a)] <
                              verb_names[static_cast<std::size_t>(b)];
    });
    if (options_.max_size > 0 && order.size() > options_.max_size) {
        order.resize(options_.max_size);
    }
    std::vector<int> class_of(verb_names.size(), -1);
    for (std::size_t c = 0; c < order.size(); ++c) {
        const auto verb = static_cast<std::size_t>(order[c]);
        class_of[verb] = static_cast<int>(c);
        result.verbs.push_back({verb_names[verb], clip_counts[verb]});
    }

    result.total_clips = pending.size();
    for (auto& clip : pending) {
        std::vector<int> classes;
        for (const int verb : clip.verbs) {
            if (class_of[static_cast<std::size_t>(verb)] >= 0) {
                classes.push_back(class_of[static_cast<std::size_t>(verb)]);
            }
        }
        if (classes.empty()) {
            ++result.dropped;
            continue;
        }
        std::sort(classes.begin(), classes.end());
        LabelledClip labelled;
        labelled.video = clip.narration->video;
        labelled.start_s = clip.start_s;
        labelled.end_s = clip.end_s;
        for (const int c : classes) {
            labelled.labels.push_back(result.verbs[static_cast<std::size_t>(c)].verb);
            labelled.weights.push_back(1.0 / static_cast<double>(classes.size()));
        }
        result.clips.push_back(std::move(labelled));
    }
    reportProgress(progress, 1.0, "action vocabulary built");
    return result;
}

}  // namespace actbert::text
