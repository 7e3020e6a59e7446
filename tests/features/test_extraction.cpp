// End-to-end feature extraction on real videos: the decoder-backed frame source, the cache
// (hits, damage, per-video errors), backbone checkpoints, and the `actbert extract`,
// `backbone init` and `features info` commands, including a kill during extraction.

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <filesystem>
#include <fstream>

#include "core/common/error.h"
#include "core/features/batch_extraction.h"
#include "core/features/detector_description.h"
#include "core/features/grid_regions.h"
#include "core/features/onnx_detector.h"
#include "core/features/video_frame_source.h"
#include "models/backbones/backbone_checkpoint.h"

#include <torch/torch.h>

using namespace actbert::features;
namespace backbones = actbert::models::backbones;

namespace {

const std::filesystem::path kData = ACTBERT_SHARED_DATA_DIR;
const std::filesystem::path kVtest = "/usr/share/doc/opencv-doc/examples/data/vtest.avi";

ExtractionSettings tinySettings() {
    const auto config = backbones::R3dConfig::tiny();
    ExtractionSettings settings;
    settings.clip_frames = static_cast<int>(config.clip_frames);
    settings.clip_fps = config.clip_fps;
    settings.crop_size = static_cast<int>(config.crop_size);
    return settings;
}

ExtractorModels tinyModels(std::unique_ptr<Detector> detector) {
    torch::manual_seed(5);
    ExtractorModels models;
    models.action = backbones::R3d(backbones::R3dConfig::tiny());
    models.region_net = backbones::RegionFeatureNet(backbones::RegionNetConfig::tiny());
    models.detector = std::move(detector);
    return models;
}

FrameSourceFactory decoderSource(int* opened = nullptr) {
    return [opened](const std::filesystem::path& path) {
        if (opened) {
            ++*opened;
        }
        return std::make_unique<VideoFrameSource>(path);
    };
}

struct CliRun {
    int exit_code = -1;
    QString out;
    QString err;
};

CliRun runCli(const QStringList& arguments) {
    QProcess process;
    process.start(QStringLiteral(ACTBERT_CLI_PATH), arguments);
    process.waitForFinished(300000);
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

int countFiles(const std::filesystem::path& folder, const std::string& suffix) {
    int count = 0;
    if (!std::filesystem::exists(folder)) {
        return 0;
    }
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        const auto name = entry.path().filename().string();
        count += name.size() >= suffix.size() &&
                 name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
    }
    return count;
}

}  // namespace

class TestExtraction : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void realVideosGiveOneClipPerWindowAndOneRegionFramePerSecond_data() {
        QTest::addColumn<QString>("video");
        QTest::newRow("avi mpeg4") << "paddle_example.avi";
        QTest::newRow("mp4 h264") << "paddle_eivideo_example.mp4";
        QTest::newRow("mkv vp9") << "mpcqt_test.mkv";
    }
    void realVideosGiveOneClipPerWindowAndOneRegionFramePerSecond() {
        QFETCH(QString, video);
        VideoFrameSource source(kData / "videos" / video.toStdString());
        const double duration_s = source.durationS();
        QVERIFY(duration_s > 1.0);
        FeatureExtractor extractor(tinySettings(), tinyModels(std::make_unique<GridRegions>()),
                                   torch::kCPU);
        const auto features = extractor.extract(source, {}, {});
        // tiny clips: 8 frames at 8 FPS = 1 s windows.
        const auto clips = static_cast<int64_t>(std::ceil(duration_s - 1e-9));
        QCOMPARE(features.action_features.size(0), clips);
        QCOMPARE(features.action_features.size(1), int64_t{32});
        QCOMPARE(features.region_features.size(0), clips);
        QCOMPARE(features.region_features.size(1), int64_t{5});
        QVERIFY(torch::isfinite(features.action_features).all().item<bool>());
        // Real footage changes over time: not all clips have the same feature.
        QVERIFY((features.action_features[0] - features.action_features[clips - 1])
                    .abs()
                    .max()
                    .item<float>() > 1e-5);
    }

    void nanoDetRegionsKeepTheClassDistribution() {
        if (!std::filesystem::exists(kVtest)) {
            QFAIL("vtest.avi is missing: install Debian's opencv-doc (packaging/install-deps.sh)");
        }
        QTemporaryDir dir;
        const std::filesystem::path json =
            dir.filePath(QStringLiteral("nanodet.json")).toStdString();
        // Written with plain strings: moc mis-reads raw strings that start with a quote.
        std::ofstream(json) << "{\"model\": \"" << (kData / "models/nanodet_m.onnx").string()
                            << "\", \"classes\": \"" << (kData / "models/coco.names").string()
                            << "\", \"kind\": \"nanodet\", \"input\": [416, 416], "
                               "\"mean\": [103.53, 116.28, 123.675], "
                               "\"std\": [57.375, 57.12, 58.395]}";
        auto settings = tinySettings();
        settings.region_fps = 0.25;  // every 4 s: enough frames, a fast test
        FeatureExtractor extractor(
            settings, tinyModels(std::make_unique<OnnxDetector>(DetectorDescription::load(json))),
            torch::kCPU);
        VideoFrameSource source(kVtest);
        const auto features = extractor.extract(source, {}, {});
        QCOMPARE(features.class_names.size(), std::size_t{80});
        QVERIFY(features.region_classes.defined());
        const auto frames = features.region_features.size(0);
        QCOMPARE(frames, int64_t{20});
        // People walk through every part of vtest.avi: most frames have 'person' regions.
        int frames_with_person = 0;
        for (int64_t f = 0; f < frames; ++f) {
            bool person = false;
            for (int64_t r = 0; r < 5; ++r) {
                if (features.region_mask[f][r].item<int>() == 1) {
                    const auto distribution = features.region_classes[f][r];
                    QVERIFY(std::abs(distribution.sum().item<float>() - 1.0f) < 1e-3);
                    person = person || distribution.argmax().item<int64_t>() == 0;  // person
                    const auto box = features.region_boxes[f][r];
                    QVERIFY(box[0].item<float>() < box[2].item<float>());
                    QVERIFY(std::abs(box[4].item<float>() - (box[2] - box[0]).item<float>() *
                                                                (box[3] - box[1]).item<float>()) <
                            1e-4);
                }
            }
            frames_with_person += person;
        }
        QVERIFY2(frames_with_person >= 15, qPrintable(QString::number(frames_with_person)));
    }

    void secondRunIsACacheHitAndFailuresDoNotStopTheBatch() {
        QTemporaryDir dir;
        const std::filesystem::path folder = dir.filePath(QStringLiteral("cache")).toStdString();
        const std::filesystem::path bogus = dir.filePath(QStringLiteral("bogus.mp4")).toStdString();
        std::ofstream(bogus) << "not a video";
        const std::vector<std::filesystem::path> videos{kData / "videos/paddle_example.avi", bogus};
        FeatureCache cache(folder);
        FeatureExtractor extractor(tinySettings(), tinyModels(std::make_unique<GridRegions>()),
                                   torch::kCPU);
        int opened = 0;
        const auto first = extractVideos(videos, cache, extractor, decoderSource(&opened), {}, {});
        QCOMPARE(first.size(), std::size_t{2});
        QCOMPARE(first[0].outcome, VideoOutcome::Extracted);
        QCOMPARE(first[1].outcome, VideoOutcome::Failed);
        QVERIFY(first[1].message.find("bogus.mp4") != std::string::npos);
        QVERIFY(std::filesystem::exists(first[0].feature_file));
        const auto second = extractVideos(videos, cache, extractor, decoderSource(&opened), {}, {});
        QCOMPARE(second[0].outcome, VideoOutcome::Cached);
        QCOMPARE(second[0].feature_file, first[0].feature_file);
        QCOMPARE(opened, 3);  // the cached video was not even opened the second time
        // What the cache returns is what was extracted.
        const auto stored = FeatureCache::read(first[0].feature_file);
        QCOMPARE(stored.action_features.size(0), first[0].clips);
        QCOMPARE(stored.settings.hash(), extractor.settings().hash());
        // Other settings: another file, the first one untouched.
        auto other_settings = tinySettings();
        other_settings.region_fps = 2.0;
        FeatureExtractor other(other_settings, tinyModels(std::make_unique<GridRegions>()),
                               torch::kCPU);
        const auto third = extractVideos({videos[0]}, cache, other, decoderSource(), {}, {});
        QCOMPARE(third[0].outcome, VideoOutcome::Extracted);
        QVERIFY(third[0].feature_file != first[0].feature_file);
        // 5.24 s: 6 region frames at 1 FPS, ceil(10.48) = 11 at 2 FPS.
        QCOMPARE(first[0].region_frames, int64_t{6});
        QCOMPARE(third[0].region_frames, int64_t{11});
        // A damaged entry is recomputed, not trusted.
        std::filesystem::resize_file(first[0].feature_file, 100);
        const auto fourth = extractVideos({videos[0]}, cache, extractor, decoderSource(), {}, {});
        QCOMPARE(fourth[0].outcome, VideoOutcome::Extracted);
        QVERIFY(fourth[0].message.find("damaged") != std::string::npos);
        QCOMPARE(FeatureCache::read(first[0].feature_file).action_features.size(0), first[0].clips);
    }

    void featureFilesRejectDamage() {
        QTemporaryDir dir;
        const std::filesystem::path path =
            dir.filePath(QStringLiteral("x.safetensors")).toStdString();
        std::ofstream(path) << "garbage that is not a safetensors file";
        QVERIFY_THROWS_EXCEPTION(actbert::Error, FeatureCache::read(path));
        // A valid safetensors file that is not a feature file.
        backbones::R3d model(backbones::R3dConfig::tiny());
        backbones::saveActionBackbone(path.string(), model, {});
        try {
            FeatureCache::read(path);
            QFAIL("expected an error");
        } catch (const actbert::Error& error) {
            QVERIFY(std::string(error.what()).find("x.safetensors") != std::string::npos);
        }
    }

    void backboneCheckpointsRoundTrip() {
        QTemporaryDir dir;
        const auto path = dir.filePath(QStringLiteral("r.safetensors")).toStdString();
        auto config = backbones::R3dConfig::tiny();
        config.num_classes = 3;
        backbones::R3d model(config);
        model->eval();
        backbones::saveActionBackbone(path, model, {{"origin", "test"}});
        auto loaded = backbones::loadActionBackbone(path);
        loaded.model->eval();
        QCOMPARE(loaded.metadata["origin"], std::string("test"));
        QCOMPARE(loaded.model->config().num_classes, int64_t{3});
        torch::NoGradGuard no_grad;
        const auto clip = torch::randn({1, 3, 8, 32, 32});
        QVERIFY(torch::equal(model->forward(clip), loaded.model->forward(clip)));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, backbones::loadRegionNetwork(path));
    }

    void cliTrainsOnAnActionVocabulary() {
        QTemporaryDir dir;
        const QString init = dir.filePath(QStringLiteral("init.safetensors"));
        const QString trained = dir.filePath(QStringLiteral("trained.safetensors"));
        auto run =
            runCli({QStringLiteral("backbone"), QStringLiteral("init"), QStringLiteral("--arch"),
                    QStringLiteral("tiny"), QStringLiteral("--out"), init});
        QCOMPARE(run.exit_code, 0);
        // The layout `actbert actions build` writes; video ids are file names in --videos.
        const std::filesystem::path vocabulary =
            dir.filePath(QStringLiteral("actions.json")).toStdString();
        std::ofstream(vocabulary) << R"({"verbs": [{"verb": "stir", "count": 2},
            {"verb": "pour", "count": 1}], "clips": [
            {"video": "paddle_example", "start_s": 0, "end_s": 2, "labels": ["stir"],
             "weights": [1]},
            {"video": "paddle_eivideo_example", "start_s": 1, "end_s": 3,
             "labels": ["stir", "pour"], "weights": [0.5, 0.5]},
            {"video": "not_here", "start_s": 1, "end_s": 3, "labels": ["pour"],
             "weights": [1]}], "dropped": 0, "total_clips": 3})";
        run = runCli({QStringLiteral("backbone"), QStringLiteral("train"), QStringLiteral("--init"),
                      init, QStringLiteral("--actions"),
                      QString::fromStdString(vocabulary.string()), QStringLiteral("--videos"),
                      QString::fromStdString((kData / "videos").string()), QStringLiteral("--out"),
                      trained, QStringLiteral("--epochs"), QStringLiteral("2")});
        QVERIFY2(run.exit_code == 0, qPrintable(run.out + run.err));
        QVERIFY(run.out.contains(QStringLiteral("2 clips, 2 verbs, 1 clips skipped")));
        QVERIFY(run.out.contains(QStringLiteral("epoch 2: loss")));
        const auto loaded = backbones::loadActionBackbone(trained.toStdString());
        QCOMPARE(loaded.model->config().num_classes, int64_t{2});
        QCOMPARE(loaded.metadata.at("verbs"), std::string("stir\npour\n"));
        QVERIFY(loaded.metadata.at("origin").find("trained") != std::string::npos);
        // Missing inputs are usage errors.
        run = runCli(
            {QStringLiteral("backbone"), QStringLiteral("train"), QStringLiteral("--init"), init});
        QCOMPARE(run.exit_code, 2);
    }

    void cliInitExtractInfoAndKill() {
        QTemporaryDir dir;
        const QString actions = dir.filePath(QStringLiteral("tiny.safetensors"));
        const QString regions = dir.filePath(QStringLiteral("region.safetensors"));
        auto run =
            runCli({QStringLiteral("backbone"), QStringLiteral("init"), QStringLiteral("--arch"),
                    QStringLiteral("tiny"), QStringLiteral("--out"), actions});
        QCOMPARE(run.exit_code, 0);
        QVERIFY(run.out.contains(QStringLiteral("RANDOMLY INITIALISED")));
        run = runCli({QStringLiteral("backbone"), QStringLiteral("init"), QStringLiteral("--arch"),
                      QStringLiteral("region-tiny"), QStringLiteral("--out"), regions});
        QCOMPARE(run.exit_code, 0);
        const QString video =
            QString::fromStdString((kData / "videos/paddle_example.avi").string());
        const QString out = dir.filePath(QStringLiteral("features"));
        const QStringList extract{
            QStringLiteral("extract"),   video,   QStringLiteral("--out"),         out,
            QStringLiteral("--actions"), actions, QStringLiteral("--regions-net"), regions};
        run = runCli(extract);
        QVERIFY2(run.exit_code == 0, qPrintable(run.out + run.err));
        QVERIFY(run.out.contains(QStringLiteral("grid regions")));  // said, not silent
        QVERIFY(run.out.contains(QStringLiteral("extracted, 6 clips, 6 region frames")));
        run = runCli(extract);
        QCOMPARE(run.exit_code, 0);
        QVERIFY2(run.out.contains(QStringLiteral("already in the feature cache")),
                 qPrintable(run.out));
        QCOMPARE(countFiles(out.toStdString(), ".safetensors"), 1);
        std::filesystem::path file;
        for (const auto& entry : std::filesystem::directory_iterator(out.toStdString())) {
            file = entry.path();
        }
        run = runCli({QStringLiteral("features"), QStringLiteral("info"),
                      QString::fromStdString(file.string())});
        QCOMPARE(run.exit_code, 0);
        QVERIFY2(run.out.contains(QStringLiteral("feature [6 x 32]")), qPrintable(run.out));
        QVERIFY(run.out.contains(QStringLiteral("boxes [6 x 5 x 5]")));
        QVERIFY(run.out.contains(QStringLiteral("region source: grid")));
        // Usage errors are exit code 2 with a reason.
        run = runCli({QStringLiteral("extract"), video, QStringLiteral("--out"), out});
        QCOMPARE(run.exit_code, 2);
        QVERIFY(run.err.contains(QStringLiteral("--actions")));

        if (!std::filesystem::exists(kVtest)) {
            QFAIL("vtest.avi is missing: install Debian's opencv-doc");
        }
        // Kill during extraction of a longer video: no feature file and no debris remain,
        // and the next run completes the work.
        const QString killed_out = dir.filePath(QStringLiteral("killed"));
        QProcess process;
        process.start(QStringLiteral(ACTBERT_CLI_PATH),
                      {QStringLiteral("extract"), QString::fromStdString(kVtest.string()),
                       QStringLiteral("--out"), killed_out, QStringLiteral("--actions"), actions,
                       QStringLiteral("--regions-net"), regions});
        QVERIFY(process.waitForStarted());
        // Wait for the first progress line (extraction under way), then kill hard.
        QByteArray progress;
        while (!progress.contains('%') && process.state() == QProcess::Running) {
            process.waitForReadyRead(100);
            progress += process.readAllStandardError();
        }
        QVERIFY2(process.state() == QProcess::Running, "extraction ended before the kill");
        process.kill();
        process.waitForFinished();
        QCOMPARE(countFiles(killed_out.toStdString(), ".safetensors"), 0);
        run = runCli({QStringLiteral("extract"), QString::fromStdString(kVtest.string()),
                      QStringLiteral("--out"), killed_out, QStringLiteral("--actions"), actions,
                      QStringLiteral("--regions-net"), regions});
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
        QVERIFY(run.out.contains(QStringLiteral("extracted, 80 clips")));
        QCOMPARE(countFiles(killed_out.toStdString(), ".safetensors"), 1);
        int entries = 0;
        for ([[maybe_unused]] const auto& entry :
             std::filesystem::directory_iterator(killed_out.toStdString())) {
            ++entries;
        }
        QCOMPARE(entries, 1);  // no temporary files left behind

        // Ctrl-C during extraction: the command stops at its next safe point, removes what it
        // was writing and exits 130; the cache folder holds no feature or temporary file.
        const QString interrupted_out = dir.filePath(QStringLiteral("interrupted"));
        QProcess interrupted;
        interrupted.setReadChannel(QProcess::StandardError);
        interrupted.start(QStringLiteral(ACTBERT_CLI_PATH),
                          {QStringLiteral("extract"), QString::fromStdString(kVtest.string()),
                           QStringLiteral("--out"), interrupted_out, QStringLiteral("--actions"),
                           actions, QStringLiteral("--regions-net"), regions});
        QVERIFY(interrupted.waitForStarted());
        // The first progress line past 0 % means clips are being computed.
        QByteArray err;
        while (!err.contains("clip") && interrupted.state() == QProcess::Running) {
            interrupted.waitForReadyRead(60000);
            err += interrupted.readAllStandardError();
        }
        QVERIFY2(interrupted.state() == QProcess::Running,
                 "extraction ended before the interrupt; use a longer video");
        ::kill(static_cast<pid_t>(interrupted.processId()), SIGINT);
        QVERIFY(interrupted.waitForFinished(120000));
        err += interrupted.readAllStandardError();
        const QByteArray interrupted_stdout = interrupted.readAllStandardOutput();
        QCOMPARE(interrupted.exitStatus(), QProcess::NormalExit);
        QVERIFY2(interrupted.exitCode() == 130, (interrupted_stdout + err).constData());
        QVERIFY2(!interrupted_stdout.contains("extracted"), interrupted_stdout.constData());
        QVERIFY2(err.contains("interrupt"), err.constData());
        entries = 0;
        if (std::filesystem::exists(interrupted_out.toStdString())) {
            for ([[maybe_unused]] const auto& entry :
                 std::filesystem::directory_iterator(interrupted_out.toStdString())) {
                ++entries;
            }
        }
        QCOMPARE(entries, 0);
    }
};

QTEST_GUILESS_MAIN(TestExtraction)
#include "test_extraction.moc"
