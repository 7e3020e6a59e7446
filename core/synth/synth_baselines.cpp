#include "core/synth/synth_baselines.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>

#include "core/common/error.h"
#include "core/eval/frame_accuracy.h"

namespace actbert::synth {

namespace {

constexpr int kBins = 4;  // per channel
constexpr int kFrameStep = 3;

struct LabelledFrame {
    std::vector<float> histogram;  // kBins^3, sums to 1
    int label = 0;
};

struct VideoFrames {
    std::string task_key;
    std::string split;
    std::vector<LabelledFrame> frames;
};

nlohmann::json readJson(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(path.string() + ": cannot open");
    }
    try {
        return nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& error) {
        throw Error(path.string() + ": not valid JSON: " + error.what());
    }
}

std::vector<float> histogramOf(const cv::Mat& bgr) {
    std::vector<float> h(kBins * kBins * kBins, 0.0f);
    int count = 0;
    for (int y = 0; y < bgr.rows; y += 2) {
        const auto* row = bgr.ptr<cv::Vec3b>(y);
        for (int x = 0; x < bgr.cols; x += 2) {
            const int b = row[x][0] * kBins / 256;
            const int g = row[x][1] * kBins / 256;
            const int r = row[x][2] * kBins / 256;
            h[static_cast<std::size_t>((b * kBins + g) * kBins + r)] += 1.0f;
            ++count;
        }
    }
    for (auto& v : h) {
        v /= static_cast<float>(std::max(1, count));
    }
    return h;
}

VideoFrames loadVideo(const std::filesystem::path& dir, const std::filesystem::path& truth_path,
                      const CancelToken& cancel) {
    const nlohmann::json truth = readJson(truth_path);
    VideoFrames video;
    std::vector<int> labels;
    std::string file;
    try {
        video.task_key = truth.at("task").at("key").get<std::string>();
        video.split = truth.at("split").get<std::string>();
        labels = truth.at("frame_labels").get<std::vector<int>>();
        file = truth.at("video").get<std::string>();
    } catch (const nlohmann::json::exception& error) {
        throw Error(truth_path.string() + ": not a synth ground-truth file: " + error.what());
    }
    const std::filesystem::path video_path = dir / file;
    cv::VideoCapture capture(video_path.string(), cv::CAP_FFMPEG);
    if (!capture.isOpened()) {
        throw Error(video_path.string() + ": cannot open the video");
    }
    cv::Mat frame;
    for (std::size_t f = 0; capture.read(frame); ++f) {
        cancel.throwIfCancelled();
        if (f >= labels.size()) {
            throw Error(video_path.string() + ": has more frames than " + truth_path.string() +
                        " labels");
        }
        if (f % kFrameStep == 0) {
            video.frames.push_back({histogramOf(frame), labels[f]});
        }
    }
    if (video.frames.empty()) {
        throw Error(video_path.string() + ": no frames could be decoded");
    }
    return video;
}

}  // namespace

BaselineReport computeBaselines(const std::filesystem::path& dir, const ProgressFn& progress,
                                const CancelToken& cancel) {
    const std::filesystem::path truth_dir = dir / "ground_truth";
    if (!std::filesystem::is_directory(truth_dir)) {
        throw Error(truth_dir.string() + ": missing; is " + dir.string() +
                    " a data set written by `actbert synth`?");
    }
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(truth_dir)) {
        if (entry.path().extension() == ".json") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    std::map<std::string, std::vector<VideoFrames>> by_task;
    for (std::size_t i = 0; i < files.size(); ++i) {
        reportProgress(progress, static_cast<double>(i) / files.size(),
                       "decoding " + files[i].filename().string());
        VideoFrames video = loadVideo(dir, files[i], cancel);
        by_task[video.task_key].push_back(std::move(video));
    }

    BaselineReport report;
    double majority_hits = 0.0;
    double nn_hits = 0.0;
    for (const auto& [key, videos] : by_task) {
        const bool has_test = std::any_of(videos.begin(), videos.end(),
                                          [](const VideoFrames& v) { return v.split == "test"; });
        const std::string eval_split = has_test ? "test" : "validation";
        std::vector<const LabelledFrame*> train;
        std::vector<const LabelledFrame*> eval;
        TaskBaseline row;
        row.task_key = key;
        for (const auto& video : videos) {
            if (video.split == "train") {
                ++row.train_videos;
                for (const auto& f : video.frames) {
                    train.push_back(&f);
                }
            } else if (video.split == eval_split) {
                ++row.eval_videos;
                for (const auto& f : video.frames) {
                    eval.push_back(&f);
                }
            }
        }
        if (train.empty() || eval.empty()) {
            report.skipped.push_back(key);
            continue;
        }
        std::map<int, int> counts;
        for (const auto* f : train) {
            ++counts[f->label];
        }
        row.classes = static_cast<int>(counts.size());
        const int majority_label =
            std::max_element(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
                return a.second < b.second;
            })->first;
        // The eval frames of the task as one label sequence, scored by core/eval's frame
        // accuracy (pooled, background included).
        std::vector<int> truth;
        std::vector<int> majority_predicted(eval.size(), majority_label);
        std::vector<int> nn_predicted;
        truth.reserve(eval.size());
        nn_predicted.reserve(eval.size());
        for (const auto* f : eval) {
            cancel.throwIfCancelled();
            truth.push_back(f->label);
            float best = 1e30f;
            int best_label = majority_label;
            for (const auto* t : train) {
                float distance = 0.0f;
                for (std::size_t k = 0; k < f->histogram.size(); ++k) {
                    distance += std::abs(f->histogram[k] - t->histogram[k]);
                }
                if (distance < best) {
                    best = distance;
                    best_label = t->label;
                }
            }
            nn_predicted.push_back(best_label);
        }
        const auto majority = actbert::eval::frameAccuracy(majority_predicted, truth);
        const auto nearest = actbert::eval::frameAccuracy(nn_predicted, truth);
        row.eval_frames = static_cast<int>(eval.size());
        row.majority = majority.accuracy();
        row.colour_nn = nearest.accuracy();
        report.eval_frames += row.eval_frames;
        majority_hits += static_cast<double>(majority.correct_frames);
        nn_hits += static_cast<double>(nearest.correct_frames);
        report.tasks.push_back(row);
    }
    if (report.eval_frames > 0) {
        report.majority = majority_hits / report.eval_frames;
        report.colour_nn = nn_hits / report.eval_frames;
    }
    reportProgress(progress, 1.0, "done");
    return report;
}

std::vector<std::string> formatBaselines(const BaselineReport& report) {
    std::vector<std::string> lines;
    char line[256];
    std::snprintf(line, sizeof(line), "%-18s %6s %5s %7s %7s %9s %9s", "task", "train", "eval",
                  "frames", "labels", "majority", "colour_nn");
    lines.push_back(line);
    for (const auto& row : report.tasks) {
        std::snprintf(line, sizeof(line), "%-18s %6d %5d %7d %7d %8.1f%% %8.1f%%",
                      row.task_key.c_str(), row.train_videos, row.eval_videos, row.eval_frames,
                      row.classes, 100.0 * row.majority, 100.0 * row.colour_nn);
        lines.push_back(line);
    }
    std::snprintf(line, sizeof(line), "%-18s %6s %5s %7d %7s %8.1f%% %8.1f%%",
                  "all (frame-weighted)", "", "", report.eval_frames, "", 100.0 * report.majority,
                  100.0 * report.colour_nn);
    lines.push_back(line);
    for (const auto& key : report.skipped) {
        lines.push_back(key + ": skipped, needs at least one train and one test/validation video");
    }
    if (report.tasks.empty()) {
        lines.push_back(
            "no task has both train and test videos: generate more videos (e.g. --videos 48)");
    }
    return lines;
}

}  // namespace actbert::synth
