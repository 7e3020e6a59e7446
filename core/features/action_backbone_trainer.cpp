#include "core/features/action_backbone_trainer.h"

#include <torch/torch.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <random>

#include "core/common/error.h"
#include "core/features/frame_preprocess.h"

namespace actbert::features {
namespace {

// The frame on screen at `time_s`.
std::int64_t frameAt(const std::vector<double>& times, double time_s) {
    const auto after = std::upper_bound(times.begin(), times.end(), time_s + 1e-9);
    return after == times.begin() ? 0 : static_cast<std::int64_t>(after - times.begin()) - 1;
}

}  // namespace

ActionBackboneTrainer::ActionBackboneTrainer(models::backbones::R3d model, torch::Device device,
                                             BackboneTrainingOptions options)
    : model_(std::move(model)), device_(device), options_(options) {
    if (model_->config().num_classes <= 0) {
        throw Error("the action backbone has no verb classifier: create it with --classes N");
    }
    if (options_.epochs < 1 || options_.batch_size < 1 || !(options_.learning_rate > 0)) {
        throw Error("training needs epochs >= 1, batch size >= 1 and a positive learning rate");
    }
    model_->to(device_);
}

std::vector<EpochReport> ActionBackboneTrainer::train(
    const VerbDataset& dataset, const FrameSourceFactory& open,
    const std::function<void(const EpochReport&)>& on_epoch, const ProgressFn& progress,
    const CancelToken& cancel) {
    const auto& config = model_->config();
    if (static_cast<int64_t>(dataset.vocabulary.size()) != config.num_classes) {
        throw Error("the data set has " + std::to_string(dataset.vocabulary.size()) +
                    " verbs, the backbone's classifier " + std::to_string(config.num_classes));
    }
    if (dataset.clips.empty()) {
        throw Error("the data set has no clips with verbs");
    }
    const auto targets = verbTargets(dataset.clips, dataset.vocabulary.size());
    // Decoded clips are kept within a memory budget, so small sets train without decoding
    // after the first epoch and large ones stay bounded.
    constexpr int64_t kClipCacheBytes = int64_t{1} << 30;
    int64_t cached_bytes = 0;
    std::vector<torch::Tensor> inputs(dataset.clips.size());
    std::map<std::filesystem::path, std::unique_ptr<FrameSource>> sources;
    const auto clipInput = [&](std::size_t c) {
        if (inputs[c].defined()) {
            return inputs[c];
        }
        const auto& clip = dataset.clips[c];
        if (!sources.count(clip.video) && sources.size() >= 4) {
            sources.clear();  // a few open decoders at most: each holds a frame cache
        }
        auto& source = sources[clip.video];
        if (!source) {
            source = open(clip.video);
        }
        const auto& times = source->frameTimes();
        std::vector<cv::Mat> crops;
        for (int64_t k = 0; k < config.clip_frames; ++k) {
            const double t =
                times.front() + clip.start_s + static_cast<double>(k) / config.clip_fps;
            crops.push_back(resizeAndCentreCrop(source->frameRgb(frameAt(times, t)),
                                                static_cast<int>(config.crop_size)));
        }
        auto input = clipTensor(crops);  // [3, T, S, S]
        const auto bytes = input.numel() * static_cast<int64_t>(input.element_size());
        if (cached_bytes + bytes <= kClipCacheBytes) {
            cached_bytes += bytes;
            inputs[c] = input;
        }
        return input;
    };

    torch::optim::Adam optimiser(model_->parameters(),
                                 torch::optim::AdamOptions(options_.learning_rate));
    std::mt19937_64 random(options_.seed);
    std::vector<std::size_t> order(dataset.clips.size());
    std::iota(order.begin(), order.end(), 0);
    const double steps_total = static_cast<double>(options_.epochs) * order.size();
    double steps_done = 0;
    std::vector<EpochReport> reports;
    for (int epoch = 1; epoch <= options_.epochs; ++epoch) {
        std::shuffle(order.begin(), order.end(), random);
        model_->train();
        double loss_sum = 0;
        double correct = 0;
        for (std::size_t begin = 0; begin < order.size(); begin += options_.batch_size) {
            cancel.throwIfCancelled();
            const auto end = std::min(order.size(), begin + options_.batch_size);
            std::vector<torch::Tensor> batch;
            std::vector<int64_t> rows;
            for (auto i = begin; i < end; ++i) {
                batch.push_back(clipInput(order[i]));
                rows.push_back(static_cast<int64_t>(order[i]));
            }
            const auto target = targets.index_select(0, torch::tensor(rows)).to(device_);
            // [batch, 3, T, S, S] -> logits [batch, verbs]
            const auto logits = model_->classify(model_->forward(torch::stack(batch).to(device_)));
            // Softmax cross-entropy against the l1-normalised multi-label target.
            const auto loss = -(target * torch::log_softmax(logits, 1)).sum(1).mean();
            optimiser.zero_grad();
            loss.backward();
            optimiser.step();
            loss_sum += loss.item<double>() * static_cast<double>(rows.size());
            const auto predicted = logits.argmax(1, /*keepdim=*/true);
            correct += (target.gather(1, predicted) > 0).sum().item<double>();
            steps_done += static_cast<double>(rows.size());
            reportProgress(progress, steps_done / steps_total,
                           "epoch " + std::to_string(epoch) + "/" +
                               std::to_string(options_.epochs) + ", loss " +
                               std::to_string(loss.item<double>()));
        }
        EpochReport report{epoch, loss_sum / order.size(), correct / order.size()};
        model_->eval();
        if (on_epoch) {
            on_epoch(report);
        }
        reports.push_back(report);
    }
    return reports;
}

}  // namespace actbert::features
