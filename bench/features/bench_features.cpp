// Feature extraction throughput in video-seconds per wall-second: each stage alone (decode +
// preprocess, action backbone, regions), then the threaded pipeline, for the tiny and the base
// backbones. The pipeline is compared with its slowest stage measured in the same run (goal:
// at least 0.8 of it) and decoding with the slowest model stage (goal: never the bottleneck).
//
// usage: bench_features [VIDEO] [--base-seconds S]

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>

#include "core/features/feature_extractor.h"
#include "core/features/frame_preprocess.h"
#include "core/features/grid_regions.h"
#include "core/features/sampling_plan.h"
#include "core/features/video_frame_source.h"

using namespace actbert::features;
namespace backbones = actbert::models::backbones;

namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// A prefix of a real video: the first `limit_s` seconds of its frame index.
class PrefixSource : public FrameSource {
public:
    PrefixSource(const std::filesystem::path& path, double limit_s) : inner_(path) {
        for (const double t : inner_.frameTimes()) {
            if (t - inner_.frameTimes().front() < limit_s) {
                times_.push_back(t);
            }
        }
        duration_s_ = std::min(limit_s, inner_.durationS());
    }
    const std::vector<double>& frameTimes() const override { return times_; }
    double durationS() const override { return duration_s_; }
    cv::Mat frameRgb(std::int64_t index) override { return inner_.frameRgb(index); }
    std::string name() const override { return inner_.name(); }

private:
    VideoFrameSource inner_;
    std::vector<double> times_;
    double duration_s_ = 0;
};

struct Setup {
    const char* name;
    backbones::R3dConfig action;
    backbones::RegionNetConfig region;
    double seconds;
};

void run(const Setup& setup, const std::filesystem::path& video) {
    torch::NoGradGuard no_grad;
    torch::manual_seed(0);
    ExtractionSettings settings;
    settings.clip_frames = static_cast<int>(setup.action.clip_frames);
    settings.clip_fps = setup.action.clip_fps;
    settings.crop_size = static_cast<int>(setup.action.crop_size);
    backbones::R3d action(setup.action);
    action->eval();
    backbones::RegionFeatureNet region(setup.region);
    region->eval();
    GridRegions grid;

    // Stage 1: decode the planned frames and preprocess them (what the decode thread does).
    PrefixSource source(video, setup.seconds);
    const double video_s = source.durationS();
    const auto plan = planSampling(source.frameTimes(), video_s, settings);
    auto start = std::chrono::steady_clock::now();
    std::vector<torch::Tensor> clips;
    std::vector<torch::Tensor> region_inputs;
    std::vector<double> scales;
    {
        std::map<std::int64_t, cv::Mat> crops;
        std::map<std::int64_t, cv::Mat> natives;
        for (const auto frame : plan.framesToDecode()) {
            const auto rgb = source.frameRgb(frame);
            crops[frame] = resizeAndCentreCrop(rgb, settings.crop_size);
            natives[frame] = rgb;
        }
        for (const auto& clip : plan.clips) {
            std::vector<cv::Mat> frames;
            for (const auto f : clip.frames) {
                frames.push_back(crops[f]);
            }
            clips.push_back(clipTensor(frames));
        }
        for (const auto& r : plan.regions) {
            double scale = 1;
            region_inputs.push_back(
                regionFrameTensor(natives[r.frame], static_cast<int>(setup.region.image_short_side),
                                  static_cast<int>(setup.region.max_long_side), scale));
            scales.push_back(scale);
        }
    }
    const double decode_rate = video_s / secondsSince(start);

    // Stage 2: the action backbone on the prepared clips, batches of 4.
    start = std::chrono::steady_clock::now();
    for (std::size_t b = 0; b < clips.size(); b += 4) {
        const auto end = std::min(clips.size(), b + 4);
        action->forward(
            torch::stack(std::vector<torch::Tensor>(clips.begin() + b, clips.begin() + end)));
    }
    const double action_rate = video_s / secondsSince(start);

    // Stage 3: region boxes (grid) and the region network, batches of 8 frames.
    start = std::chrono::steady_clock::now();
    for (std::size_t b = 0; b < region_inputs.size(); b += 8) {
        const auto end = std::min(region_inputs.size(), b + 8);
        const auto map = region->featureMap(torch::stack(
            std::vector<torch::Tensor>(region_inputs.begin() + b, region_inputs.begin() + end)));
        std::vector<float> rois;
        for (std::size_t i = b; i < end; ++i) {
            const auto h = static_cast<float>(region_inputs[i].size(1));
            const auto w = static_cast<float>(region_inputs[i].size(2));
            const cv::Mat frame(static_cast<int>(h), static_cast<int>(w), CV_8UC3);
            for (const auto& d : grid.detect(frame, 0)) {
                rois.insert(rois.end(), {static_cast<float>(i - b), d.x1, d.y1, d.x2, d.y2});
            }
        }
        region->poolRegions(
            map, torch::from_blob(rois.data(), {static_cast<int64_t>(rois.size() / 5), 5}));
    }
    const double region_rate = video_s / secondsSince(start);

    // The whole threaded pipeline on a freshly opened source.
    ExtractorModels models;
    models.action = action;
    models.region_net = region;
    models.detector = std::make_unique<GridRegions>();
    FeatureExtractor extractor(settings, std::move(models), torch::kCPU);
    PrefixSource fresh(video, setup.seconds);
    start = std::chrono::steady_clock::now();
    extractor.extract(fresh, {}, {});
    const double pipeline_rate = video_s / secondsSince(start);

    // Stages run one after another when not overlapped: their combined rate.
    const double model_rate = 1.0 / (1.0 / action_rate + 1.0 / region_rate);
    const double sequential = 1.0 / (1.0 / decode_rate + 1.0 / model_rate);
    const double slowest = std::min({decode_rate, action_rate, region_rate});
    std::printf("\n== %s backbone (R3D %s, %lld-d), %.1f s of %s, %zu clips, %zu region frames\n",
                setup.name, setup.action.arch.c_str(),
                static_cast<long long>(setup.action.feature_dim), video_s, video.filename().c_str(),
                clips.size(), region_inputs.size());
    std::printf("  decode+preprocess   %8.2f video-s/s\n", decode_rate);
    std::printf("  action backbone     %8.2f video-s/s\n", action_rate);
    std::printf("  regions (grid+net)  %8.2f video-s/s\n", region_rate);
    std::printf("  pipeline (threaded) %8.2f video-s/s\n", pipeline_rate);
    std::printf("  decode / slowest model stage  %.2fx (>1: decoding is not the bottleneck)\n",
                decode_rate / std::min(action_rate, region_rate));
    std::printf("  pipeline / slowest stage      %.2f (goal >= 0.8)\n", pipeline_rate / slowest);
    std::printf("  pipeline / stages in sequence %.2fx (overlap gain)\n",
                pipeline_rate / sequential);
}

}  // namespace

int main(int argc, char** argv) {
    std::filesystem::path video = "/usr/share/doc/opencv-doc/examples/data/vtest.avi";
    double base_seconds = 8.0;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--base-seconds") == 0 && i + 1 < argc) {
            base_seconds = std::atof(argv[++i]);
        } else {
            video = argv[i];
        }
    }
    if (!std::filesystem::exists(video)) {
        video = std::filesystem::path(ACTBERT_SHARED_DATA_DIR) / "videos/paddle_example.avi";
    }
    std::printf("torch threads: %d\n", torch::get_num_threads());
    try {
        run({"tiny", backbones::R3dConfig::tiny(), backbones::RegionNetConfig::tiny(), 1e9}, video);
        run({"base", backbones::R3dConfig::r3d50(), backbones::RegionNetConfig::base(),
             base_seconds},
            video);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "bench_features: %s\n", error.what());
        return 1;
    }
    return 0;
}
