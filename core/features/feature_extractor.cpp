#include "core/features/feature_extractor.h"

#include <torch/torch.h>
#include <opencv2/imgproc.hpp>

#include <chrono>
#include <exception>
#include <map>
#include <sstream>
#include <thread>

#include "core/common/error.h"
#include "core/features/bounded_queue.h"
#include "core/features/content_hash.h"
#include "core/features/frame_preprocess.h"
#include "core/features/sampling_plan.h"

namespace actbert::features {

namespace {

std::string hashModuleWeights(const torch::nn::Module& module) {
    ContentHasher hasher;
    const auto add = [&](const std::string& name, const torch::Tensor& tensor) {
        const auto cpu = tensor.detach().to(torch::kCPU).contiguous();
        hasher.update(name.data(), name.size());
        hasher.update(cpu.data_ptr(), cpu.numel() * cpu.element_size());
    };
    for (const auto& p : module.named_parameters()) {
        add(p.key(), p.value());
    }
    for (const auto& b : module.named_buffers()) {
        add(b.key(), b.value());
    }
    return hasher.hex();
}

std::string secondsLeft(double elapsed_s, double fraction) {
    if (fraction <= 0.02) {
        return "estimating time left";
    }
    std::ostringstream text;
    text.precision(0);
    text << std::fixed << "about " << elapsed_s * (1.0 - fraction) / fraction << " s left";
    return text.str();
}

}  // namespace

// One preprocessed unit of work crossing from the decode thread to the inference thread.
struct FeatureExtractor::Item {
    enum class Kind { Clip, Region } kind = Kind::Clip;
    std::int64_t index = 0;  // clip or region-frame number
    torch::Tensor input;     // clip: [3, T, S, S]; region frame: [3, h, w]
    cv::Mat rgb;             // region frame at native size (what detectors see)
    double scale = 1.0;      // region frame: native pixels -> input pixels
    double time_s = 0;
};

FeatureExtractor::FeatureExtractor(ExtractionSettings settings, ExtractorModels models,
                                   torch::Device device, ExtractorOptions options)
    : settings_(std::move(settings)),
      models_(std::move(models)),
      device_(device),
      options_(options) {
    if (!models_.action || !models_.region_net) {
        throw Error("feature extraction needs an action backbone and a region network");
    }
    if (static_cast<bool>(models_.detector) == static_cast<bool>(models_.learned)) {
        throw Error(
            "feature extraction needs exactly one region source: a detector or "
            "learned regions");
    }
    const auto& action = models_.action->config();
    if (action.clip_frames != settings_.clip_frames || action.crop_size != settings_.crop_size) {
        throw Error("the action backbone expects clips of " + std::to_string(action.clip_frames) +
                    " frames at " + std::to_string(action.crop_size) +
                    " px, the settings ask for " + std::to_string(settings_.clip_frames) + " at " +
                    std::to_string(settings_.crop_size));
    }
    if (models_.learned && models_.learned->regions() != settings_.max_regions) {
        settings_.max_regions = static_cast<int>(models_.learned->regions());
    }
    if (models_.detector) {
        settings_.max_regions = models_.detector->maxBoxes();
        settings_.region_detector = models_.detector->describe();
    } else {
        settings_.region_source = RegionSource::LearnedRegions;
        settings_.region_detector = "learned:" + hashModuleWeights(*models_.learned);
    }
    settings_.validate();
    if (settings_.action_backbone.empty()) {
        settings_.action_backbone = "weights:" + hashModuleWeights(*models_.action);
    }
    if (settings_.region_network.empty()) {
        settings_.region_network = "weights:" + hashModuleWeights(*models_.region_net);
    }
    options_.clip_batch = std::max(1, options_.clip_batch);
    options_.region_batch = std::max(1, options_.region_batch);
    models_.action->to(device_);
    models_.action->eval();
    models_.region_net->to(device_);
    models_.region_net->eval();
    if (models_.learned) {
        models_.learned->to(device_);
        models_.learned->eval();
    }
}

FeatureExtractor::~FeatureExtractor() = default;

void FeatureExtractor::runClips(std::vector<Item>& items, VideoFeatures& out) {
    if (items.empty()) {
        return;
    }
    std::vector<torch::Tensor> inputs;
    for (const auto& item : items) {
        inputs.push_back(item.input);
    }
    // [batch, 3, frames, crop, crop] -> [batch, action_dim]
    const auto features = models_.action->forward(torch::stack(inputs).to(device_)).to(torch::kCPU);
    for (std::size_t i = 0; i < items.size(); ++i) {
        out.action_features[items[i].index].copy_(features[static_cast<std::int64_t>(i)]);
    }
    items.clear();
}

void FeatureExtractor::runRegions(std::vector<Item>& items, VideoFeatures& out) {
    if (items.empty()) {
        return;
    }
    std::vector<torch::Tensor> inputs;
    for (const auto& item : items) {
        inputs.push_back(item.input);
    }
    const auto map = models_.region_net->featureMap(torch::stack(inputs).to(device_));
    const int64_t regions = settings_.max_regions;
    if (models_.learned) {
        const auto cells = models_.region_net->cellFeatures(map);  // [B, h*w, D]
        const auto learned = models_.learned->forward(cells, map.size(2), map.size(3));
        const auto features = learned.features.to(torch::kCPU);  // [B, R, D]
        const auto boxes = learned.boxes.to(torch::kCPU);        // [B, R, 5]
        for (std::size_t i = 0; i < items.size(); ++i) {
            const auto row = static_cast<std::int64_t>(i);
            out.region_features[items[i].index].copy_(features[row]);
            out.region_boxes[items[i].index].copy_(boxes[row]);
            out.region_mask[items[i].index].fill_(1);
        }
        items.clear();
        return;
    }
    // Boxes from the detector, in each frame's native pixels.
    std::vector<float> rois;                                   // [K, 5] in input pixels
    std::vector<std::pair<std::int64_t, std::int64_t>> slots;  // (region frame, slot)
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& item = items[i];
        cv::Mat bgr;
        cv::cvtColor(item.rgb, bgr, cv::COLOR_RGB2BGR);
        auto detections = models_.detector->detect(bgr, item.time_s);
        if (static_cast<int64_t>(detections.size()) > regions) {
            detections.resize(static_cast<std::size_t>(regions));
        }
        const auto width = static_cast<float>(item.rgb.cols);
        const auto height = static_cast<float>(item.rgb.rows);
        for (std::size_t slot = 0; slot < detections.size(); ++slot) {
            const auto& d = detections[slot];
            const auto s = static_cast<float>(item.scale);
            rois.insert(rois.end(),
                        {static_cast<float>(i), d.x1 * s, d.y1 * s, d.x2 * s, d.y2 * s});
            slots.emplace_back(item.index, static_cast<std::int64_t>(slot));
            auto box = out.region_boxes[item.index][static_cast<std::int64_t>(slot)];
            box.copy_(torch::tensor({d.x1 / width, d.y1 / height, d.x2 / width, d.y2 / height,
                                     d.area() / (width * height)}));
            out.region_mask[item.index][static_cast<std::int64_t>(slot)] = 1;
            if (out.region_classes.defined() && !d.class_distribution.empty()) {
                out.region_classes[item.index][static_cast<std::int64_t>(slot)].copy_(
                    torch::tensor(d.class_distribution));
            }
        }
    }
    if (!rois.empty()) {
        const auto boxes =
            torch::from_blob(rois.data(), {static_cast<int64_t>(slots.size()), 5}, torch::kFloat)
                .to(device_);
        const auto features = models_.region_net->poolRegions(map, boxes).to(torch::kCPU);
        for (std::size_t k = 0; k < slots.size(); ++k) {
            out.region_features[slots[k].first][slots[k].second].copy_(
                features[static_cast<std::int64_t>(k)]);
        }
    }
    items.clear();
}

VideoFeatures FeatureExtractor::extract(FrameSource& source, const ProgressFn& progress,
                                        const CancelToken& cancel) {
    const auto plan = planSampling(source.frameTimes(), source.durationS(), settings_);
    const auto clip_count = static_cast<std::int64_t>(plan.clips.size());
    const auto region_count = static_cast<std::int64_t>(plan.regions.size());

    VideoFeatures out;
    out.settings = settings_;
    out.video_name = source.name();
    out.action_features = torch::zeros({clip_count, models_.action->config().feature_dim});
    out.clip_times = torch::zeros({clip_count, 2}, torch::kDouble);
    for (std::int64_t c = 0; c < clip_count; ++c) {
        out.clip_times[c][0] = plan.clips[c].start_s;
        out.clip_times[c][1] = plan.clips[c].end_s;
    }
    const int64_t regions = settings_.max_regions;
    out.region_features =
        torch::zeros({region_count, regions, models_.region_net->config().feature_dim});
    out.region_boxes = torch::zeros({region_count, regions, 5});
    out.region_mask = torch::zeros({region_count, regions}, torch::kUInt8);
    out.region_times = torch::zeros({region_count}, torch::kDouble);
    for (std::int64_t r = 0; r < region_count; ++r) {
        out.region_times[r] = plan.regions[r].time_s;
    }
    if (models_.detector && !models_.detector->classNames().empty()) {
        out.class_names = models_.detector->classNames();
        out.region_classes =
            torch::zeros({region_count, regions, static_cast<int64_t>(out.class_names.size())});
    }

    // Which clip slots and region frames each decoded frame feeds.
    std::map<std::int64_t, std::vector<std::pair<std::int64_t, int>>> clip_slots;
    for (std::int64_t c = 0; c < clip_count; ++c) {
        for (int k = 0; k < settings_.clip_frames; ++k) {
            clip_slots[plan.clips[c].frames[k]].emplace_back(c, k);
        }
    }
    std::map<std::int64_t, std::vector<std::int64_t>> region_frames;
    for (std::int64_t r = 0; r < region_count; ++r) {
        region_frames[plan.regions[r].frame].push_back(r);
    }
    const auto frames = plan.framesToDecode();
    const auto& region_config = models_.region_net->config();

    BoundedQueue<Item> queue(static_cast<std::size_t>(options_.queue_capacity));
    CancelToken stop_decoding;
    std::exception_ptr decode_error;
    std::thread decoder([&] {
        try {
            std::vector<std::vector<cv::Mat>> crops(static_cast<std::size_t>(clip_count));
            std::vector<int> missing(static_cast<std::size_t>(clip_count), settings_.clip_frames);
            for (const auto frame : frames) {
                if (cancel.isCancelled() || stop_decoding.isCancelled()) {
                    break;
                }
                const cv::Mat rgb = source.frameRgb(frame);
                if (const auto it = clip_slots.find(frame); it != clip_slots.end()) {
                    const auto crop = resizeAndCentreCrop(rgb, settings_.crop_size);
                    for (const auto& [clip, slot] : it->second) {
                        auto& clip_crops = crops[static_cast<std::size_t>(clip)];
                        clip_crops.resize(static_cast<std::size_t>(settings_.clip_frames));
                        clip_crops[static_cast<std::size_t>(slot)] = crop;
                        if (--missing[static_cast<std::size_t>(clip)] == 0) {
                            Item item;
                            item.kind = Item::Kind::Clip;
                            item.index = clip;
                            item.input = clipTensor(clip_crops);
                            clip_crops = {};
                            if (!queue.push(std::move(item))) {
                                return;
                            }
                        }
                    }
                }
                if (const auto it = region_frames.find(frame); it != region_frames.end()) {
                    for (const auto region : it->second) {
                        Item item;
                        item.kind = Item::Kind::Region;
                        item.index = region;
                        item.time_s = plan.regions[static_cast<std::size_t>(region)].time_s;
                        item.rgb = rgb;
                        item.input = regionFrameTensor(
                            rgb, static_cast<int>(region_config.image_short_side),
                            static_cast<int>(region_config.max_long_side), item.scale);
                        if (!queue.push(std::move(item))) {
                            return;
                        }
                    }
                }
            }
        } catch (...) {
            decode_error = std::current_exception();
        }
        queue.close();
    });
    // Whatever happens below, the decode thread is told to stop and joined.
    struct Joiner {
        std::thread& thread;
        BoundedQueue<Item>& queue;
        CancelToken& stop;
        ~Joiner() {
            stop.cancel();
            queue.close();
            if (thread.joinable()) {
                thread.join();
            }
        }
    } joiner{decoder, queue, stop_decoding};

    torch::NoGradGuard no_grad;
    const auto started = std::chrono::steady_clock::now();
    const double total = static_cast<double>(clip_count + region_count);
    std::int64_t done = 0;
    std::vector<Item> pending_clips;
    std::vector<Item> pending_regions;
    const auto report = [&](std::int64_t finished) {
        done += finished;
        const double fraction = total > 0 ? done / total : 1.0;
        const double elapsed_s =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        reportProgress(progress, fraction,
                       source.name() + ": " + std::to_string(done) + "/" +
                           std::to_string(clip_count + region_count) + " clips and frames, " +
                           secondsLeft(elapsed_s, fraction));
    };
    while (auto item = queue.pop()) {
        cancel.throwIfCancelled();
        if (item->kind == Item::Kind::Clip) {
            pending_clips.push_back(std::move(*item));
            if (static_cast<int>(pending_clips.size()) >= options_.clip_batch) {
                const auto n = static_cast<std::int64_t>(pending_clips.size());
                runClips(pending_clips, out);
                report(n);
            }
        } else {
            pending_regions.push_back(std::move(*item));
            if (static_cast<int>(pending_regions.size()) >= options_.region_batch) {
                const auto n = static_cast<std::int64_t>(pending_regions.size());
                runRegions(pending_regions, out);
                report(n);
            }
        }
    }
    cancel.throwIfCancelled();
    if (decoder.joinable()) {
        decoder.join();
    }
    if (decode_error) {
        std::rethrow_exception(decode_error);
    }
    const auto remaining = static_cast<std::int64_t>(pending_clips.size() + pending_regions.size());
    runClips(pending_clips, out);
    runRegions(pending_regions, out);
    report(remaining);
    return out;
}

}  // namespace actbert::features
