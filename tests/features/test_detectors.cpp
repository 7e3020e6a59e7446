// Tests of the region sources: detector descriptions, NanoDet and YOLO head decoding, the
// real NanoDet-m model on real footage, grid regions.

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/imgcodecs.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/common/error.h"
#include "core/features/detection.h"
#include "core/features/grid_regions.h"
#include "core/features/ground_truth_boxes.h"
#include "core/features/head_decoding.h"
#include "core/features/onnx_detector.h"

using namespace actbert::features;

namespace {

const std::filesystem::path kData = ACTBERT_SHARED_DATA_DIR;
const std::filesystem::path kVtest = "/usr/share/doc/opencv-doc/examples/data/vtest.avi";

void writeText(const std::filesystem::path& path, const std::string& text) {
    std::ofstream(path) << text;
}

std::filesystem::path writeNanoDetDescription(const QTemporaryDir& dir) {
    const std::filesystem::path folder = dir.path().toStdString();
    // Relative paths resolve against the description's folder.
    std::filesystem::create_symlink(kData / "models", folder / "models");
    writeText(folder / "nanodet.json",
              R"({"model": "models/nanodet_m.onnx", "classes": "models/coco.names",
                  "kind": "nanodet", "input": [416, 416],
                  "mean": [103.53, 116.28, 123.675], "std": [57.375, 57.12, 58.395],
                  "strides": [8, 16, 32], "reg_max": 7})");
    return folder / "nanodet.json";
}

// Extracts one frame as PNG with the ffmpeg command-line tool (the test's own fixture).
cv::Mat extractFrame(const std::filesystem::path& video, double time_s, const QTemporaryDir& dir) {
    const QString png = dir.filePath(QStringLiteral("frame-%1.png").arg(time_s));
    QProcess ffmpeg;
    ffmpeg.start(
        QStringLiteral("ffmpeg"),
        {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-y"), QStringLiteral("-ss"),
         QString::number(time_s), QStringLiteral("-i"), QString::fromStdString(video.string()),
         QStringLiteral("-frames:v"), QStringLiteral("1"), png});
    if (!ffmpeg.waitForFinished(60000) || ffmpeg.exitCode() != 0) {
        return {};
    }
    return cv::imread(png.toStdString(), cv::IMREAD_COLOR);
}

}  // namespace

class TestDetectors : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void descriptionDefaultsToThePaperThresholds() {
        QTemporaryDir dir;
        const auto description = DetectorDescription::load(writeNanoDetDescription(dir));
        QCOMPARE(description.threshold, 0.4f);
        QCOMPARE(description.max_boxes, 5);
        QCOMPARE(description.head, DetectorHead::NanoDet);
        QVERIFY(std::filesystem::is_regular_file(description.model_path));
        QCOMPARE(description.mean[2], 123.675);
    }

    void badDescriptionsNameTheProblem_data() {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << "{model:"
                                  << "not valid JSON";
        QTest::newRow("no model") << R"({"kind": "yolo"})"
                                  << "'model'";
        QTest::newRow("missing file") << R"({"model": "nothere.onnx"})"
                                      << "does not exist";
        QTest::newRow("kind") << R"({"model": "m.onnx", "kind": "ssd"})"
                              << "'kind'";
        QTest::newRow("type") << R"({"model": "m.onnx", "threshold": "high"})"
                              << "wrong type";
        QTest::newRow("std") << R"({"model": "m.onnx", "std": [1, 0, 1]})"
                             << "'std'";
        QTest::newRow("boxes") << R"({"model": "m.onnx", "max_boxes": 100000})"
                               << "max_boxes";
        QTest::newRow("input") << R"({"model": "m.onnx", "input": [1, 2, 3]})"
                               << "'input'";
    }
    void badDescriptionsNameTheProblem() {
        QFETCH(QString, json);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        writeText(dir.filePath(QStringLiteral("m.onnx")).toStdString(), "x");
        try {
            DetectorDescription::parse(json.toStdString(), dir.path().toStdString(), "d.json");
            QFAIL("expected an error");
        } catch (const actbert::Error& error) {
            const std::string message = error.what();
            QVERIFY2(message.find("d.json") != std::string::npos, error.what());
            QVERIFY2(message.find(expected.toStdString()) != std::string::npos, error.what());
        }
    }

    void nanoDetDecodingPlacesBoxesAroundCellCentres() {
        // One 32x32 input, stride 16 -> 2x2 cells, 3 classes, reg_max 1 (2 bins per side).
        DetectorDescription description;
        description.input_width = description.input_height = 32;
        description.strides = {16};
        description.reg_max = 1;
        const int sizes[] = {1, 4, 3};
        cv::Mat scores(3, sizes, CV_32F, cv::Scalar(0.05));
        scores.ptr<float>()[3 * 3 + 2] = 0.9f;  // cell 3 (row 1, col 1), class 2
        const int reg_sizes[] = {1, 4, 8};
        cv::Mat regression(3, reg_sizes, CV_32F, cv::Scalar(0));
        // Cell 3, left side: all mass on bin 1 -> distance 1 * stride.
        float* reg = regression.ptr<float>() + 3 * 8;
        reg[0] = -50;
        reg[1] = 50;
        const auto detections = decodeNanoDet({regression, scores}, description, 3);
        QCOMPARE(detections.size(), std::size_t{1});
        const auto& d = detections.front();
        QCOMPARE(d.class_id, 2);
        // Centre (24, 24); left distance 16, other sides expectation 0.5 * 16 = 8.
        QVERIFY(std::abs(d.x1 - 8.0f) < 1e-3 && std::abs(d.x2 - 32.0f) < 1e-3);
        QVERIFY(std::abs(d.y1 - 16.0f) < 1e-3 && std::abs(d.y2 - 32.0f) < 1e-3);
        QVERIFY(std::abs(d.class_distribution[2] - 0.9f / 1.0f) < 1e-5);
        // A model whose outputs do not fit the description is an error, not garbage boxes.
        description.reg_max = 7;
        QVERIFY_THROWS_EXCEPTION(actbert::Error,
                                 decodeNanoDet({regression, scores}, description, 3));
    }

    void yoloDecodingHandlesBothLayouts() {
        // YOLOv5 rows: cx, cy, w, h, objectness, 2 class scores.
        const float v5[] = {50, 40, 20, 10, 0.9f, 0.2f, 0.8f,  //
                            10, 10, 4,  4,  0.3f, 0.9f, 0.1f};
        const int sizes[] = {1, 2, 7};
        const auto rows = decodeYolo(cv::Mat(3, sizes, CV_32F, const_cast<float*>(v5)), 2, 0.4f);
        QCOMPARE(rows.size(), std::size_t{1});
        QCOMPARE(rows[0].class_id, 1);
        QVERIFY(std::abs(rows[0].score - 0.72f) < 1e-5);
        QVERIFY(std::abs(rows[0].x1 - 40.0f) < 1e-4 && std::abs(rows[0].y2 - 45.0f) < 1e-4);
        // YOLOv8 columns: [1, 4 + 2, 3 boxes].
        const float v8[] = {50, 10, 70, 40,   10,   70,    20,   4,    10,
                            10, 4,  10, 0.1f, 0.2f, 0.95f, 0.7f, 0.1f, 0.01f};
        const int sizes8[] = {1, 6, 3};
        const auto cols = decodeYolo(cv::Mat(3, sizes8, CV_32F, const_cast<float*>(v8)), 2, 0.4f);
        QCOMPARE(cols.size(), std::size_t{2});
        QCOMPARE(cols[0].class_id, 1);
        QCOMPARE(cols[1].class_id, 0);
        QVERIFY_THROWS_EXCEPTION(
            actbert::Error,
            decodeYolo(cv::Mat(3, sizes8, CV_32F, const_cast<float*>(v8)), 5, 0.4f));
    }

    void suppressionKeepsTheBestOfOverlappingBoxes() {
        std::vector<Detection> candidates{{0, 0, 10, 10, 0.5f, 0, {}},
                                          {1, 1, 11, 11, 0.9f, 0, {}},
                                          {1, 1, 11, 11, 0.8f, 1, {}},  // other class stays
                                          {50, 50, 60, 60, 0.6f, 0, {}}};
        const auto kept = suppressNonMaxima(candidates, 0.5f, 5);
        QCOMPARE(kept.size(), std::size_t{3});
        QCOMPARE(kept[0].score, 0.9f);
        QCOMPARE(kept[1].score, 0.8f);
        QCOMPARE(kept[2].score, 0.6f);
        QCOMPARE(suppressNonMaxima(candidates, 0.5f, 2).size(), std::size_t{2});
    }

    void letterboxMapsBoxesBackToTheFrame() {
        cv::Mat frame(240, 320, CV_8UC3, cv::Scalar(10, 20, 30));
        InputTransform transform;
        const auto input = fitToInput(frame, 416, 416, Resize::Letterbox, transform);
        QCOMPARE(input.cols, 416);
        QCOMPARE(input.rows, 416);
        QCOMPARE(transform.pad_y, 52.0);  // 320x240 -> 416x312, centred vertically
        Detection box{0, 52, 416, 364, 1, 0, {}};
        const auto back = transform.toFrame(box);
        QVERIFY(std::abs(back.x2 - 320) < 1e-3 && std::abs(back.y1) < 1e-3 &&
                std::abs(back.y2 - 240) < 1e-3);
    }

    void nanoDetFindsPeopleInRealFootage() {
        if (!std::filesystem::exists(kVtest)) {
            QFAIL("vtest.avi is missing: install Debian's opencv-doc (packaging/install-deps.sh)");
        }
        QTemporaryDir dir;
        OnnxDetector detector(DetectorDescription::load(writeNanoDetDescription(dir)));
        QCOMPARE(detector.classNames().size(), std::size_t{80});
        int frames_with_people = 0;
        for (const double time_s : {5.0, 20.0, 40.0}) {
            const auto frame = extractFrame(kVtest, time_s, dir);
            QVERIFY(!frame.empty());
            const auto detections = detector.detect(frame, time_s);
            QVERIFY(detections.size() <= 5);
            bool person = false;
            for (const auto& d : detections) {
                QVERIFY(d.score >= 0.4f);
                QVERIFY(d.x1 >= 0 && d.x2 <= frame.cols && d.y1 >= 0 && d.y2 <= frame.rows);
                QVERIFY(d.x2 > d.x1 && d.y2 > d.y1);
                QCOMPARE(d.class_distribution.size(), std::size_t{80});
                // Pedestrians seen from above are taller than wide.
                person = person ||
                         (detector.classNames()[d.class_id] == "person" && d.height() > d.width());
            }
            frames_with_people += person ? 1 : 0;
        }
        QCOMPARE(frames_with_people, 3);
    }

    void nanoDetStaysQuietOnAnEmptyFrame() {
        QTemporaryDir dir;
        OnnxDetector detector(DetectorDescription::load(writeNanoDetDescription(dir)));
        const cv::Mat grey(480, 640, CV_8UC3, cv::Scalar(128, 128, 128));
        QVERIFY(detector.detect(grey, 0.0).empty());
        QVERIFY_THROWS_EXCEPTION(actbert::Error, detector.detect(cv::Mat(), 0.0));
    }

    void groundTruthBoxesFollowTheSynthJson() {
        QTemporaryDir dir;
        const std::filesystem::path json = dir.filePath(QStringLiteral("gt.json")).toStdString();
        // The layout core/synth writes: per frame [object, class, x1, y1, x2, y2].
        writeText(json, R"({"format": "actbert-synth-ground-truth", "version": 1,
            "width": 64, "height": 48, "fps": 10, "frame_count": 3,
            "classes": ["hand", "knife", "bowl"],
            "boxes": [[[-1, 0, 0, 0, 10, 10]],
                      [[3, 1, 5, 5, 20, 15], [4, 2, 30, 10, 60, 40], [-1, 0, 1, 1, 1, 9]],
                      []]})");
        GroundTruthBoxes truth(json);
        const cv::Mat frame(48, 64, CV_8UC3);
        QCOMPARE(truth.classNames().size(), std::size_t{3});
        // 0.15 s at 10 fps is frame 1: the degenerate hand box is dropped, largest first.
        const auto boxes = truth.detect(frame, 0.15);
        QCOMPARE(boxes.size(), std::size_t{2});
        QCOMPARE(boxes[0].class_id, 2);
        QCOMPARE(boxes[0].x2, 60.0f);
        QCOMPARE(boxes[1].class_distribution, (std::vector<float>{0, 1, 0}));
        QVERIFY(truth.detect(frame, 0.25).empty());
        QVERIFY(truth.detect(frame, 99.0).empty());  // past the end: the last frame
        QVERIFY_THROWS_EXCEPTION(actbert::Error, truth.detect(cv::Mat(40, 64, CV_8UC3), 0.0));
        writeText(json, R"({"format": "actbert-synth-ground-truth", "width": 64, "height": 48,
            "fps": 10, "classes": ["hand"], "boxes": [[[-1, 7, 0, 0, 10, 10]]]})");
        QVERIFY_THROWS_EXCEPTION(actbert::Error, GroundTruthBoxes{json});
        writeText(json, "{\"format\": \"actbert-synth-ground-truth\", \"boxes\": [");
        QVERIFY_THROWS_EXCEPTION(actbert::Error, GroundTruthBoxes{json});
    }

    void gridGivesFiveRegionsCoveringTheFrame() {
        GridRegions grid;
        const cv::Mat frame(240, 320, CV_8UC3);
        const auto boxes = grid.detect(frame, 0.0);
        QCOMPARE(boxes.size(), std::size_t{5});
        QCOMPARE(grid.maxBoxes(), 5);
        QCOMPARE(boxes[0].area(), 320.0f * 240.0f);
        float cells = 0;
        for (std::size_t i = 1; i < boxes.size(); ++i) {
            cells += boxes[i].area();
        }
        QCOMPARE(cells, 320.0f * 240.0f);
        QVERIFY(grid.describe() != GridRegions(3, 3).describe());
        QVERIFY_THROWS_EXCEPTION(actbert::Error, GridRegions(0, 2));
    }
};

QTEST_GUILESS_MAIN(TestDetectors)
#include "test_detectors.moc"
