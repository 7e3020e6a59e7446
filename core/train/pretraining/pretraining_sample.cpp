#include "core/train/pretraining/pretraining_sample.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "core/train/pretraining/pretraining_corpus.h"
#include "models/actbert/masking.h"

namespace actbert::train {
namespace {

std::uint64_t splitmix(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

// [CLS] s1 [SEP] s2 [SEP] ..., at most max_tokens, always ending with [SEP].
std::vector<std::int64_t> windowText(const PretrainingCorpus& corpus, const CorpusWindow& window,
                                     const SampleOptions& options) {
    std::vector<std::int64_t> ids{options.cls_id};
    const auto& video = corpus.videos()[window.video];
    const auto room = static_cast<std::size_t>(std::max<std::int64_t>(options.max_text_tokens, 2));
    for (const auto segment : window.segments) {
        const auto& tokens = video.segment_tokens[segment];
        if (tokens.empty())
            continue;
        for (const auto id : tokens) {
            if (ids.size() + 1 >= room)
                break;
            ids.push_back(id);
        }
        if (ids.size() + 1 >= room) {
            break;
        }
        ids.push_back(options.sep_id);
    }
    if (ids.back() != options.sep_id)
        ids.push_back(options.sep_id);
    return ids;
}

// The region frame whose time is nearest to `time_s`.
std::int64_t nearestFrame(const torch::Tensor& region_times, double time_s) {
    const auto times = region_times.to(torch::kDouble).contiguous();
    const auto* t = times.data_ptr<double>();
    std::int64_t best = 0;
    for (std::int64_t i = 1; i < times.size(0); ++i)
        if (std::abs(t[i] - time_s) < std::abs(t[best] - time_s))
            best = i;
    return best;
}

}  // namespace

std::uint64_t mixSeed(std::uint64_t seed, std::uint64_t a, std::uint64_t b) {
    return splitmix(seed ^ splitmix(a ^ splitmix(b)));
}

PretrainingSample makeSample(const PretrainingCorpus& corpus, std::size_t index, std::uint64_t seed,
                             std::uint64_t epoch, const SampleOptions& options) {
    const auto sample_seed = mixSeed(seed, epoch, index);
    std::mt19937_64 choices(sample_seed);
    auto masking = models::makeMaskingGenerator(splitmix(sample_seed));
    const auto& window = corpus.windows()[index];
    const auto& video = corpus.videos()[window.video];
    const auto& features = video.features;
    PretrainingSample sample;

    // Matching: a negative takes a window of another video.
    const bool can_mismatch = corpus.videos().size() > 1;
    const double draw = std::uniform_real_distribution<double>(0.0, 1.0)(choices);
    const CorpusWindow* text_window = &window;
    if (can_mismatch && draw < options.mismatch_probability) {
        const auto windows = corpus.windows().size();
        // Uniform over the other videos' windows: redraw until it is another video (at least
        // one exists, and a window of the same video is rarely drawn twice in a row).
        for (;;) {
            const auto other = std::uniform_int_distribution<std::size_t>(0, windows - 1)(choices);
            if (corpus.windows()[other].video != window.video) {
                text_window = &corpus.windows()[other];
                break;
            }
        }
        sample.matched = 1;
    }
    const bool mask = sample.matched == 0;
    const double probability = mask ? options.mask_probability : 0.0;

    // Text: [T]
    const auto ids_vector = windowText(corpus, *text_window, options);
    const auto ids = torch::tensor(ids_vector, torch::kLong);
    const auto maskable = ids.ne(options.cls_id).logical_and(ids.ne(options.sep_id));
    const auto masked_text =
        models::maskTokens(ids.unsqueeze(0), maskable.unsqueeze(0), options.vocab_size,
                           options.mask_id, masking, probability);
    sample.text_ids = masked_text.ids.squeeze(0);
    sample.text_labels = masked_text.labels.squeeze(0);

    // Actions: [A, action_dim], targets [A, verbs]
    const auto clips = static_cast<std::int64_t>(window.clips.size());
    const auto verbs = static_cast<std::int64_t>(corpus.verbVocabulary().size());
    std::vector<std::int64_t> rows;
    auto targets = torch::zeros({clips, verbs});
    for (std::int64_t i = 0; i < clips; ++i) {
        const auto& clip = window.clips[static_cast<std::size_t>(i)];
        rows.push_back(clip.feature_index);
        for (const auto verb : clip.verbs)
            targets[i][verb] = 1.0 / static_cast<double>(clip.verbs.size());
    }
    const auto action_features =
        features.action_features.index_select(0, torch::tensor(rows, torch::kLong));
    const auto masked_actions = models::maskFeatures(
        action_features.unsqueeze(0), torch::ones({1, clips}, torch::kBool), masking, probability);
    sample.action_features = masked_actions.features.squeeze(0);
    sample.action_masked = masked_actions.masked.squeeze(0);
    sample.action_targets = targets;

    // Regions: per clip the nearest region frame's boxes, [clips * max_regions, ...]
    std::vector<std::int64_t> frames;
    for (const auto& clip : window.clips)
        frames.push_back(nearestFrame(features.region_times, 0.5 * (clip.start_s + clip.end_s)));
    const auto frame_index = torch::tensor(frames, torch::kLong);
    const auto per_frame = features.region_features.size(1);
    const auto region_features =
        features.region_features.index_select(0, frame_index).reshape({clips * per_frame, -1});
    sample.region_boxes = features.region_boxes.index_select(0, frame_index).reshape({-1, 5});
    sample.region_valid =
        features.region_mask.index_select(0, frame_index).reshape({-1}).to(torch::kBool);
    sample.region_targets = features.region_classes.index_select(0, frame_index)
                                .reshape({clips * per_frame, -1})
                                .to(torch::kFloat);
    sample.region_position_ids = torch::arange(clips, torch::kLong).repeat_interleave(per_frame);
    const auto masked_regions = models::maskFeatures(
        region_features.unsqueeze(0), sample.region_valid.unsqueeze(0), masking, probability);
    sample.region_features = masked_regions.features.squeeze(0);
    sample.region_masked = masked_regions.masked.squeeze(0);
    return sample;
}

PretrainingBatch collate(const std::vector<PretrainingSample>& samples, std::int64_t pad_id) {
    const auto batch = static_cast<std::int64_t>(samples.size());
    std::int64_t text = 0, actions = 0, regions = 0;
    for (const auto& s : samples) {
        text = std::max(text, s.text_ids.size(0));
        actions = std::max(actions, s.action_features.size(0));
        regions = std::max(regions, s.region_features.size(0));
    }
    const auto& first = samples.front();
    PretrainingBatch out;
    auto& in = out.inputs;
    auto& tg = out.targets;
    in.text_ids = torch::full({batch, text}, pad_id, torch::kLong);
    in.text_mask = torch::zeros({batch, text});
    tg.text_labels = torch::full({batch, text}, -1, torch::kLong);
    in.action_features = torch::zeros({batch, actions, first.action_features.size(1)});
    in.action_mask = torch::zeros({batch, actions});
    tg.action_targets = torch::zeros({batch, actions, first.action_targets.size(1)});
    tg.action_labels = torch::full({batch, actions}, -1, torch::kLong);
    in.region_features = torch::zeros({batch, regions, first.region_features.size(1)});
    in.region_boxes = torch::zeros({batch, regions, 5});
    in.region_mask = torch::zeros({batch, regions});
    in.region_position_ids = torch::zeros({batch, regions}, torch::kLong);
    tg.region_targets = torch::zeros({batch, regions, first.region_targets.size(1)});
    tg.region_masked = torch::zeros({batch, regions});
    tg.matched = torch::zeros({batch}, torch::kLong);
    using torch::indexing::Slice;
    for (std::int64_t b = 0; b < batch; ++b) {
        const auto& s = samples[static_cast<std::size_t>(b)];
        const auto t = s.text_ids.size(0), a = s.action_features.size(0),
                   r = s.region_features.size(0);
        in.text_ids[b].index_put_({Slice(0, t)}, s.text_ids);
        in.text_mask[b].index_put_({Slice(0, t)}, 1.0);
        tg.text_labels[b].index_put_({Slice(0, t)}, s.text_labels);
        in.action_features[b].index_put_({Slice(0, a)}, s.action_features);
        in.action_mask[b].index_put_({Slice(0, a)}, 1.0);
        tg.action_targets[b].index_put_({Slice(0, a)}, s.action_targets);
        // The label of a masked clip is its most likely verb (for accuracy); the loss uses
        // the whole distribution.
        tg.action_labels[b].index_put_({Slice(0, a)},
                                       torch::where(s.action_masked, s.action_targets.argmax(-1),
                                                    torch::full({a}, -1, torch::kLong)));
        in.region_features[b].index_put_({Slice(0, r)}, s.region_features);
        in.region_boxes[b].index_put_({Slice(0, r)}, s.region_boxes);
        in.region_mask[b].index_put_({Slice(0, r)}, s.region_valid.to(torch::kFloat));
        in.region_position_ids[b].index_put_({Slice(0, r)}, s.region_position_ids);
        tg.region_targets[b].index_put_({Slice(0, r)}, s.region_targets);
        tg.region_masked[b].index_put_({Slice(0, r)}, s.region_masked.to(torch::kFloat));
        tg.matched[b] = s.matched;
        out.tokens += t;
    }
    out.samples = batch;
    return out;
}

}  // namespace actbert::train
