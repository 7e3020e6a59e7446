// Tests of the feature pipeline pieces that need no decoder: sampling plans, settings and
// content hashes, preprocessing, and the threaded extractor on generated frames.

#include <QTemporaryDir>
#include <QTest>

#include <opencv2/imgproc.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>

#include "core/common/error.h"
#include "core/features/action_backbone_trainer.h"
#include "core/features/content_hash.h"
#include "core/features/feature_extractor.h"
#include "core/features/frame_preprocess.h"
#include "core/features/grid_regions.h"
#include "core/features/sampling_plan.h"

#include <torch/torch.h>

using namespace actbert::features;
namespace backbones = actbert::models::backbones;

namespace {

// A video of a white square moving right over a dark background, 25 fps.
class MovingSquareSource : public FrameSource {
public:
    MovingSquareSource(double duration_s, double fps = 25.0, int direction = 1)
        : duration_s_(duration_s), direction_(direction) {
        for (int i = 0; i < static_cast<int>(duration_s * fps); ++i) {
            times_.push_back(i / fps);
        }
    }
    const std::vector<double>& frameTimes() const override { return times_; }
    double durationS() const override { return duration_s_; }
    cv::Mat frameRgb(std::int64_t index) override {
        if (index <= last_index_) {
            out_of_order = true;
        }
        last_index_ = index;
        ++decoded;
        if (fail_at >= 0 && index >= fail_at) {
            throw actbert::Error("frame " + std::to_string(index) + " is corrupt");
        }
        cv::Mat frame(64, 96, CV_8UC3, cv::Scalar(20, 30, 40));
        const int x = direction_ > 0 ? static_cast<int>((3 * index) % 80)
                                     : 79 - static_cast<int>((3 * index) % 80);
        cv::rectangle(frame, cv::Rect(x, 20, 16, 16), cv::Scalar(255, 255, 255), cv::FILLED);
        return frame;
    }
    std::string name() const override { return "moving-square"; }

    std::int64_t fail_at = -1;
    int decoded = 0;
    bool out_of_order = false;

private:
    double duration_s_;
    int direction_;
    std::vector<double> times_;
    std::int64_t last_index_ = -1;
};

ExtractionSettings tinySettings() {
    const auto config = backbones::R3dConfig::tiny();
    ExtractionSettings settings;
    settings.clip_frames = static_cast<int>(config.clip_frames);
    settings.clip_fps = config.clip_fps;
    settings.crop_size = static_cast<int>(config.crop_size);
    return settings;
}

ExtractorModels tinyModels(bool learned = false) {
    torch::manual_seed(3);
    ExtractorModels models;
    models.action = backbones::R3d(backbones::R3dConfig::tiny());
    models.region_net = backbones::RegionFeatureNet(backbones::RegionNetConfig::tiny());
    if (learned) {
        models.learned = backbones::LearnedRegions(16, 5, 8);
    } else {
        models.detector = std::make_unique<GridRegions>();
    }
    return models;
}

}  // namespace

class TestFeatures : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void samplingFollowsThePaperRecipe() {
        // 10 s at 25 fps, 32 frames at 8 FPS (4 s clips), regions at 1 FPS.
        std::vector<double> times;
        for (int i = 0; i < 250; ++i) {
            times.push_back(i / 25.0);
        }
        const auto plan = planSampling(times, 10.0, ExtractionSettings{});
        QCOMPARE(plan.clips.size(), std::size_t{3});
        QCOMPARE(plan.clips[1].start_s, 4.0);
        QCOMPARE(plan.clips[1].frames.size(), std::size_t{32});
        // Frame k of clip 1 is the one on screen at 4 + k/8 s: frame (4 + k/8) * 25.
        QCOMPARE(plan.clips[1].frames[0], std::int64_t{100});
        QCOMPARE(plan.clips[1].frames[3], std::int64_t{109});  // 4.375 s -> frame 109.375
        // The last window runs past the end and repeats the last frame.
        QCOMPARE(plan.clips[2].frames.back(), std::int64_t{249});
        QCOMPARE(plan.regions.size(), std::size_t{10});
        QCOMPARE(plan.regions[7].frame, std::int64_t{175});
        QVERIFY(plan.framesToDecode().size() < 3 * 32 + 10);  // shared frames decoded once
        // A file whose timeline starts late samples relative to its first frame.
        for (auto& t : times) {
            t += 2.0;
        }
        QCOMPARE(planSampling(times, 10.0, ExtractionSettings{}).clips[1].frames[0],
                 std::int64_t{100});
        QVERIFY_THROWS_EXCEPTION(actbert::Error, planSampling({}, 10.0, ExtractionSettings{}));
        QVERIFY_THROWS_EXCEPTION(actbert::Error, planSampling(times, 1e12, ExtractionSettings{}));
    }

    void settingsHashChangesWithEverySetting() {
        const ExtractionSettings base;
        QCOMPARE(base.hash().size(), std::size_t{32});
        QCOMPARE(ExtractionSettings::fromJson(base.toJson()).hash(), base.hash());
        auto other = base;
        other.clip_fps = 10;
        QVERIFY(other.hash() != base.hash());
        other = base;
        other.region_detector = "nanodet";
        QVERIFY(other.hash() != base.hash());
        other = base;
        other.action_backbone = "weights:1";
        QVERIFY(other.hash() != base.hash());
        auto bad = base.toJson();
        bad["region_source"] = "magic";
        QVERIFY_THROWS_EXCEPTION(actbert::Error, ExtractionSettings::fromJson(bad));
        bad = base.toJson();
        bad["clip_frames"] = 0;
        QVERIFY_THROWS_EXCEPTION(actbert::Error, ExtractionSettings::fromJson(bad));
    }

    void contentHashFollowsBytesNotNames() {
        QTemporaryDir dir;
        const std::filesystem::path a = dir.filePath(QStringLiteral("a.bin")).toStdString();
        const std::filesystem::path b = dir.filePath(QStringLiteral("b.bin")).toStdString();
        std::string bytes(3'000'001, 'x');
        std::ofstream(a, std::ios::binary) << bytes;
        std::ofstream(b, std::ios::binary) << bytes;
        QCOMPARE(hashFileContent(a), hashFileContent(b));
        bytes[2'500'000] = 'y';
        std::ofstream(b, std::ios::binary) << bytes;
        QVERIFY(hashFileContent(a) != hashFileContent(b));
        QVERIFY(hashText("ab") != hashText("ba"));
        QVERIFY(hashText("") != hashText(std::string(1, '\0')));
        QVERIFY_THROWS_EXCEPTION(actbert::Error, hashFileContent("/nonexistent/file"));
    }

    void preprocessingCropsTheCentreAndNormalises() {
        // 640x480: left 60 px red, the rest blue. After resizing the short side to 224 (width
        // 299) and cropping the centre 224 (from column 37), the red band (28 px) is cut away.
        cv::Mat frame(480, 640, CV_8UC3, cv::Scalar(0, 0, 255));
        frame(cv::Rect(0, 0, 60, 480)).setTo(cv::Scalar(255, 0, 0));
        const auto crop = resizeAndCentreCrop(frame, 224);
        QCOMPARE(crop.cols, 224);
        QCOMPARE(crop.rows, 224);
        QCOMPARE(crop.at<cv::Vec3b>(112, 0)[0], uchar{0});
        const auto clip = clipTensor({crop, crop, crop});
        QCOMPARE(clip.sizes().vec(), (std::vector<int64_t>{3, 3, 224, 224}));
        // Blue channel at 255 -> (1 - 0.406) / 0.225.
        QVERIFY(std::abs(clip[2][1][5][5].item<float>() - (1.0f - 0.406f) / 0.225f) < 1e-4);
        double scale = 0;
        const auto region = regionFrameTensor(frame, 384, 640, scale);
        QCOMPARE(region.sizes().vec(), (std::vector<int64_t>{3, 384, 512}));
        QCOMPARE(scale, 0.8);
        QVERIFY_THROWS_EXCEPTION(actbert::Error, resizeAndCentreCrop(cv::Mat(), 224));
    }

    void extractorProducesPaperShapedFeatures() {
        MovingSquareSource source(6.0);
        FeatureExtractor extractor(tinySettings(), tinyModels(), torch::kCPU);
        std::vector<double> fractions;
        const auto features = extractor.extract(
            source, [&](double f, const std::string&) { fractions.push_back(f); }, {});
        // 6 s: six 1 s clips (8 frames at 8 FPS), six region frames at 1 FPS.
        QCOMPARE(features.action_features.sizes().vec(), (std::vector<int64_t>{6, 32}));
        QCOMPARE(features.region_features.sizes().vec(), (std::vector<int64_t>{6, 5, 16}));
        QCOMPARE(features.region_mask.sum().item<int64_t>(), int64_t{30});
        QVERIFY(
            torch::allclose(features.region_boxes[2][0], torch::tensor({0.f, 0.f, 1.f, 1.f, 1.f})));
        QVERIFY(torch::allclose(features.region_boxes[2][1],
                                torch::tensor({0.f, 0.f, .5f, .5f, .25f})));
        QVERIFY(!features.region_classes.defined());  // the grid has no classes
        QCOMPARE(features.clip_times[5][1].item<double>(), 6.0);
        QCOMPARE(features.settings.max_regions, 5);
        QVERIFY(features.settings.region_detector.find("grid") != std::string::npos);
        QVERIFY(!features.settings.action_backbone.empty());
        // Each needed frame decoded once, in order; progress rises to 1.
        QVERIFY(!source.out_of_order);
        QVERIFY(source.decoded < 6 * 8 + 6);
        QVERIFY(!fractions.empty());
        QCOMPARE(fractions.back(), 1.0);
        QVERIFY(std::is_sorted(fractions.begin(), fractions.end()));
        // Moving content: clips differ from each other.
        QVERIFY(
            (features.action_features[0] - features.action_features[3]).abs().max().item<float>() >
            1e-6);
    }

    void batchingDoesNotChangeTheFeatures() {
        MovingSquareSource a(5.0);
        MovingSquareSource b(5.0);
        FeatureExtractor one_by_one(tinySettings(), tinyModels(), torch::kCPU,
                                    ExtractorOptions{1, 1, 1});
        FeatureExtractor batched(tinySettings(), tinyModels(), torch::kCPU,
                                 ExtractorOptions{4, 8, 32});
        const auto x = one_by_one.extract(a, {}, {});
        const auto y = batched.extract(b, {}, {});
        QVERIFY(torch::allclose(x.action_features, y.action_features, 1e-4, 1e-5));
        QVERIFY(torch::allclose(x.region_features, y.region_features, 1e-4, 1e-5));
        QCOMPARE(x.settings.hash(), y.settings.hash());
    }

    void learnedRegionsFillTheRegionSlots() {
        MovingSquareSource source(3.0);
        FeatureExtractor extractor(tinySettings(), tinyModels(/*learned=*/true), torch::kCPU);
        const auto features = extractor.extract(source, {}, {});
        QCOMPARE(features.region_features.sizes().vec(), (std::vector<int64_t>{3, 5, 16}));
        QCOMPARE(features.region_mask.sum().item<int64_t>(), int64_t{15});
        QVERIFY((features.region_boxes >= 0).all().item<bool>());
        QVERIFY((features.region_boxes <= 1).all().item<bool>());
        QCOMPARE(features.settings.region_source, RegionSource::LearnedRegions);
    }

    void cancelStopsPromptly() {
        MovingSquareSource source(60.0);
        FeatureExtractor extractor(tinySettings(), tinyModels(), torch::kCPU,
                                   ExtractorOptions{1, 1, 2});
        actbert::CancelToken cancel;
        QVERIFY_THROWS_EXCEPTION(
            actbert::Cancelled,
            extractor.extract(
                source, [&](double, const std::string&) { cancel.cancel(); }, cancel));
        // The decode thread stopped long before the end of the video.
        QVERIFY(source.decoded < 200);
    }

    void decodeErrorsReachTheCaller() {
        MovingSquareSource source(6.0);
        source.fail_at = 60;
        FeatureExtractor extractor(tinySettings(), tinyModels(), torch::kCPU);
        try {
            extractor.extract(source, {}, {});
            QFAIL("expected an error");
        } catch (const actbert::Error& error) {
            QVERIFY2(std::string(error.what()).find("corrupt") != std::string::npos, error.what());
        }
    }

    void verbTargetsAreL1Normalised() {
        const std::vector<VerbClip> clips{{"a", 0, 1, {0, 2}}, {"b", 0, 1, {1}}};
        const auto targets = verbTargets(clips, 3);
        QVERIFY(torch::allclose(targets,
                                torch::tensor({0.5f, 0.f, 0.5f, 0.f, 1.f, 0.f}).reshape({2, 3})));
    }

    void trainingLearnsVerbsFromClips() {
        // Two "videos": the square moves right in one ("push"), left in the other ("pull");
        // eight 1 s clips of each. Only motion separates the verbs.
        VerbDataset dataset;
        dataset.vocabulary = {"push", "pull"};
        for (int c = 0; c < 8; ++c) {
            dataset.clips.push_back({"right.mp4", static_cast<double>(c), c + 1.0, {0}});
            dataset.clips.push_back({"left.mp4", static_cast<double>(c), c + 1.0, {1}});
        }
        auto config = backbones::R3dConfig::tiny();
        config.num_classes = 2;
        torch::manual_seed(11);
        backbones::R3d model(config);
        BackboneTrainingOptions options;
        options.epochs = 30;
        options.batch_size = 4;
        options.learning_rate = 3e-3;
        ActionBackboneTrainer trainer(model, torch::kCPU, options);
        int opened = 0;
        int epochs_seen = 0;
        const auto reports = trainer.train(
            dataset,
            [&](const std::filesystem::path& path) {
                ++opened;
                return std::make_unique<MovingSquareSource>(10.0, 25.0,
                                                            path == "right.mp4" ? 1 : -1);
            },
            [&](const EpochReport&) { ++epochs_seen; }, {}, {});
        QCOMPARE(epochs_seen, 30);
        QCOMPARE(opened, 2);  // each video opened once, decoded clips reused across epochs
        QVERIFY2(
            reports.back().mean_loss < reports.front().mean_loss,
            qPrintable(
                QString("%1 -> %2").arg(reports.front().mean_loss).arg(reports.back().mean_loss)));
        QVERIFY2(reports.back().top1_accuracy >= 0.9,
                 qPrintable(QString::number(reports.back().top1_accuracy)));
        // A vocabulary that does not fit the classifier is refused.
        dataset.vocabulary.push_back("lift");
        QVERIFY_THROWS_EXCEPTION(actbert::Error, trainer.train(dataset, {}, {}, {}, {}));
    }

    void modelsMustMatchTheSettings() {
        auto settings = tinySettings();
        settings.clip_frames = 16;
        QVERIFY_THROWS_EXCEPTION(actbert::Error,
                                 FeatureExtractor(settings, tinyModels(), torch::kCPU));
        ExtractorModels none = tinyModels();
        none.detector.reset();
        QVERIFY_THROWS_EXCEPTION(actbert::Error,
                                 FeatureExtractor(tinySettings(), std::move(none), torch::kCPU));
    }
};

QTEST_GUILESS_MAIN(TestFeatures)
#include "test_features.moc"
