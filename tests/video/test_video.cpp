// Tests of the video engine against the ffmpeg/ffprobe tools on the same files: frame lists,
// pixels, random access, resizing, audio, bad input and the probe/frame commands.

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <map>
#include <string_view>
#include <thread>

#include "core/common/error.h"
#include "core/common/progress.h"
#include "core/video/audio_decoder.h"
#include "core/video/frame_index_builder.h"
#include "core/video/media_info.h"
#include "core/video/video_decoder.h"
#include "video_fixtures.h"

using namespace actbert::video;
using namespace actbert::video::testing;

namespace {

QString sharedVideo(const char* name) {
    return QStringLiteral(ACTBERT_SHARED_DATA_DIR "/videos/") + QLatin1String(name);
}

std::filesystem::path fsPath(const QString& path) {
    return std::filesystem::path(path.toStdString());
}

// Largest per-byte difference between a decoded frame and `size` bytes of ffmpeg's output.
int maxDifference(const RgbFrame& frame, const char* reference) {
    int worst = 0;
    for (int y = 0; y < frame.height; ++y) {
        const std::uint8_t* row = frame.row(y);
        const auto* expected =
            reinterpret_cast<const std::uint8_t*>(reference) + std::size_t(y) * frame.width * 3;
        for (int x = 0; x < frame.width * 3; ++x) {
            worst = std::max(worst, std::abs(int(row[x]) - int(expected[x])));
        }
    }
    return worst;
}

std::size_t pixelHash(const RgbFrame& frame) {
    return std::hash<std::string_view>{}(std::string_view(
        reinterpret_cast<const char*>(frame.pixels->data()), frame.pixels->size()));
}

}  // namespace

class TestVideo : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    std::map<QString, QString> fixtures_;  // name -> path

    QString fixture(const QString& name) const { return fixtures_.at(name); }

    void addFixture(const QString& name, const QStringList& arguments) {
        const QString path = makeVideo(dir_.path(), name, arguments);
        QVERIFY2(!path.isEmpty(), qPrintable("ffmpeg could not make " + name));
        fixtures_[name] = path;
    }

    // Every generated fixture plus the three real videos.
    void addAllFilesData() {
        QTest::addColumn<QString>("path");
        for (const auto& [name, path] : fixtures_) {
            QTest::newRow(qPrintable(name)) << path;
        }
        for (const char* name :
             {"paddle_eivideo_example.mp4", "paddle_example.avi", "mpcqt_test.mkv"}) {
            QTest::newRow(name) << sharedVideo(name);
        }
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        const QStringList source{"-f", "lavfi", "-i", "testsrc2=s=160x120:r=25:d=4"};
        const QStringList h264{"-c:v", "libx264", "-pix_fmt", "yuv420p"};
        addFixture("cfr.mp4", source + h264 + QStringList{"-bf", "0", "-g", "10"});
        addFixture("bframes.mp4", QStringList{"-f", "lavfi", "-i", "testsrc2=s=160x120:r=30:d=5"} +
                                      h264 + QStringList{"-bf", "3", "-g", "40"});
        addFixture("vfr.mkv", source +
                                  QStringList{"-vf", "setpts='if(lt(N,25),N/25,1+(N-25)/10)/TB'",
                                              "-vsync", "passthrough"} +
                                  h264 + QStringList{"-bf", "2", "-g", "20"});
        addFixture("offset.mp4",
                   source + h264 + QStringList{"-bf", "2", "-g", "30", "-output_ts_offset", "10"});
        addFixture("offset.ts", source + h264 + QStringList{"-bf", "2", "-g", "15"});
        addFixture("mpeg2.mpg",
                   source + QStringList{"-c:v", "mpeg2video", "-bf", "2", "-g", "12", "-q:v", "4"});
        addFixture("mpeg1.mpg",
                   source + QStringList{"-c:v", "mpeg1video", "-bf", "2", "-g", "12", "-q:v", "4"});
        addFixture("mpeg4.avi",
                   source + QStringList{"-c:v", "mpeg4", "-bf", "1", "-g", "12", "-q:v", "4"});
        addFixture("audio.mp4",
                   source +
                       QStringList{"-f", "lavfi", "-i",
                                   "sine=frequency=440:sample_rate=48000:duration=4", "-ac", "2"} +
                       h264 + QStringList{"-c:a", "aac", "-shortest"});
        // A display matrix turning the picture (ffmpeg 5.1 maps the rotate tag to one).
        addFixture("rotated.mp4", QStringList{"-i", fixture("cfr.mp4"), "-c", "copy",
                                              "-metadata:s:v:0", "rotate=90"});
        // -ss with stream copy starts at the key frame before 0.5 s and hides the frames
        // before 0.5 s with an edit list: the first shown frame is not a key frame.
        addFixture("editlist.mp4",
                   QStringList{"-ss", "0.5", "-i", fixture("bframes.mp4"), "-c", "copy"});
    }

    void indexMatchesFfprobe_data() { addAllFilesData(); }
    void indexMatchesFfprobe() {
        QFETCH(QString, path);
        const FrameIndex index = FrameIndexBuilder::build(fsPath(path));
        const auto expected = probeFrames(path);
        QVERIFY(!expected.empty());
        QCOMPARE(index.size(), static_cast<std::int64_t>(expected.size()));
        const double start_s = probeStartTime(path);
        const double tick_s = index.timeBase().toDouble();
        for (std::size_t i = 0; i < expected.size(); ++i) {
            QCOMPARE(index[i].is_key, expected[i].key);
            if (!expected[i].has_pts) {
                continue;  // ffmpeg shows it after the previous picture; so does the index
            }
            QCOMPARE(index[i].pts, expected[i].pts);
            QCOMPARE(index[i].is_key, expected[i].key);
            QVERIFY(std::abs(index[i].time_s - (expected[i].pts * tick_s - start_s)) < 1e-6);
        }
    }

    void decodeScanAgreesWithPacketScan_data() { addAllFilesData(); }
    void decodeScanAgreesWithPacketScan() {
        QFETCH(QString, path);
        const FrameIndex fast = FrameIndexBuilder::build(fsPath(path));
        const FrameIndex slow = FrameIndexBuilder::build(fsPath(path), IndexStrategy::ForceDecode);
        QCOMPARE(slow.method(), IndexMethod::DecodeScan);
        QCOMPARE(fast.size(), slow.size());
        for (std::int64_t i = 0; i < fast.size(); ++i) {
            QCOMPARE(fast[i].pts, slow[i].pts);
            QCOMPARE(fast[i].is_key, slow[i].is_key);
        }
    }

    void packetScanIsUsedWhereTheContainerAllows() {
        QCOMPARE(FrameIndexBuilder::build(fsPath(fixture("bframes.mp4"))).method(),
                 IndexMethod::PacketScan);
        QCOMPARE(FrameIndexBuilder::build(fsPath(fixture("vfr.mkv"))).method(),
                 IndexMethod::PacketScan);
        // AVI has no presentation timestamps: the index must come from decoding.
        QCOMPARE(FrameIndexBuilder::build(fsPath(fixture("mpeg4.avi"))).method(),
                 IndexMethod::DecodeScan);
    }

    void mediaInfoDescribesStreams() {
        const MediaInfo real = readMediaInfo(fsPath(sharedVideo("mpcqt_test.mkv")));
        QVERIFY(real.video());
        QCOMPARE(real.video()->codec, std::string("vp9"));
        QCOMPARE(real.video()->width, 1280);
        QCOMPARE(real.video()->height, 720);
        QCOMPARE(real.video()->nominal_fps.toDouble(), 25.0);
        QVERIFY(real.audio());
        QCOMPARE(real.audio()->codec, std::string("opus"));
        QCOMPARE(real.streamsOf(StreamKind::Subtitle).size(), std::size_t(3));
        const MediaInfo offset = readMediaInfo(fsPath(fixture("offset.mp4")));
        QVERIFY(std::abs(offset.start_time_s - 10.0) < 0.2);
        const MediaInfo silent = readMediaInfo(fsPath(fixture("cfr.mp4")));
        QVERIFY(!silent.audio());
        VideoDecoder vfr(fsPath(fixture("vfr.mkv")));
        // 25 frames at 25 fps, then 75 at 10 fps: the average is well below the nominal rate.
        QVERIFY(vfr.videoStream().measured_fps > 10.0 && vfr.videoStream().measured_fps < 25.0);
    }

    void allFramesMatchFfmpeg_data() {
        QTest::addColumn<QString>("path");
        for (const auto& [name, path] : fixtures_) {
            QTest::newRow(qPrintable(name)) << path;
        }
    }
    void allFramesMatchFfmpeg() {
        QFETCH(QString, path);
        const QByteArray reference = ffmpegRgbFrames(path);
        VideoDecoder decoder(fsPath(path));
        const std::size_t frame_bytes =
            std::size_t(decoder.videoStream().width) * decoder.videoStream().height * 3;
        QCOMPARE(std::size_t(reference.size()), frame_bytes * decoder.frameCount());
        std::int64_t count = 0;
        while (auto frame = decoder.nextFrame()) {
            QCOMPARE(frame->index, count);
            QCOMPARE(maxDifference(*frame, reference.constData() + count * frame_bytes), 0);
            ++count;
        }
        QCOMPARE(count, decoder.frameCount());
    }

    void realVideoFramesMatchFfmpeg_data() {
        QTest::addColumn<QString>("path");
        for (const char* name :
             {"paddle_eivideo_example.mp4", "paddle_example.avi", "mpcqt_test.mkv"}) {
            QTest::newRow(name) << sharedVideo(name);
        }
    }
    void realVideoFramesMatchFfmpeg() {
        QFETCH(QString, path);
        VideoDecoder decoder(fsPath(path));
        std::vector<std::int64_t> picks{0, decoder.frameCount() - 1};
        QRandomGenerator random(7);
        for (int i = 0; i < 4; ++i) {
            picks.push_back(random.bounded(static_cast<int>(decoder.frameCount())));
        }
        std::sort(picks.begin(), picks.end());
        picks.erase(std::unique(picks.begin(), picks.end()), picks.end());
        const QByteArray reference = ffmpegRgbSelected(path, picks);
        const std::size_t frame_bytes =
            std::size_t(decoder.videoStream().width) * decoder.videoStream().height * 3;
        QCOMPARE(std::size_t(reference.size()), frame_bytes * picks.size());
        // Backwards order: every pick is a real seek, not a continuation.
        for (std::size_t i = picks.size(); i-- > 0;) {
            const RgbFrame frame = decoder.frameAt(picks[i]);
            QCOMPARE(maxDifference(frame, reference.constData() + i * frame_bytes), 0);
        }
    }

    void randomAccessMatchesSequential_data() {
        QTest::addColumn<QString>("path");
        for (const char* name :
             {"bframes.mp4", "vfr.mkv", "mpeg2.mpg", "editlist.mp4", "offset.ts", "mpeg4.avi"}) {
            QTest::newRow(name) << fixture(name);
        }
        QTest::newRow("paddle_eivideo_example.mp4") << sharedVideo("paddle_eivideo_example.mp4");
    }
    void randomAccessMatchesSequential() {
        QFETCH(QString, path);
        std::vector<std::size_t> sequential;
        {
            VideoDecoder decoder(fsPath(path));
            while (auto frame = decoder.nextFrame()) {
                sequential.push_back(pixelHash(*frame));
            }
        }
        VideoDecoderOptions no_cache;
        no_cache.cache_bytes = 0;
        VideoDecoder decoder(fsPath(path), no_cache);
        QCOMPARE(std::int64_t(sequential.size()), decoder.frameCount());
        QRandomGenerator random(42);
        for (int i = 0; i < 40; ++i) {
            const auto index = random.bounded(static_cast<int>(sequential.size()));
            const RgbFrame frame = decoder.frameAt(index);
            QCOMPARE(frame.index, std::int64_t(index));
            QVERIFY2(pixelHash(frame) == sequential[index],
                     qPrintable(QStringLiteral("frame %1 differs").arg(index)));
        }
        QVERIFY(decoder.stats().seeks > 1);
    }

    void frameAtTimeFollowsTimestamps() {
        VideoDecoder decoder(fsPath(fixture("vfr.mkv")));
        const FrameIndex& index = decoder.frameIndex();
        QCOMPARE(index.size(), std::int64_t(100));
        for (std::int64_t i = 0; i < index.size(); ++i) {
            QCOMPARE(index.frameAtTime(index[i].time_s), i);
            if (i + 1 < index.size()) {
                // Between two frames the earlier one is still on screen.
                QCOMPARE(index.frameAtTime((index[i].time_s + index[i + 1].time_s) / 2), i);
            }
        }
        QCOMPARE(index.frameAtTime(-5.0), std::int64_t(0));
        QCOMPARE(index.frameAtTime(1e6), index.size() - 1);
        // The slow part starts at 1 s: 2.0 s is frame 25 + 10.
        QCOMPARE(decoder.frameAtTime(2.0).index, std::int64_t(35));
        QCOMPARE(decoder.frameAtTime(0.5).index, std::int64_t(12));
        // A file starting at 10 s: time 0 is its first frame.
        VideoDecoder offset(fsPath(fixture("offset.mp4")));
        QVERIFY(std::abs(offset.frameIndex()[0].time_s) < 0.2);
        QCOMPARE(offset.frameAtTime(1.0).index, std::int64_t(25));
    }

    void steppingBackwardsHitsTheCache() {
        VideoDecoder decoder(fsPath(fixture("bframes.mp4")));
        // The last frame of the last GOP of at least 25 frames: far from its key frame.
        const FrameIndex& index = decoder.frameIndex();
        std::int64_t target = -1;
        for (std::int64_t i = index.size() - 1; i > 0 && target < 0; --i) {
            if (i - index.keyFrameAtOrBefore(i) >= 24) {
                target = i;
            }
        }
        QVERIFY(target > 0);
        const RgbFrame far = decoder.frameAt(target);
        const auto seeks = decoder.stats().seeks;
        const auto decoded = decoder.stats().frames_decoded;
        for (std::int64_t i = target - 1; i >= target - 20; --i) {
            QCOMPARE(decoder.frameAt(i).index, i);
        }
        QCOMPARE(decoder.stats().seeks, seeks);
        QCOMPARE(decoder.stats().frames_decoded, decoded);
        QCOMPARE(decoder.stats().cache_hits, std::int64_t(20));
        QCOMPARE(pixelHash(decoder.frameAt(target)), pixelHash(far));
    }

    void decodersRunInParallelThreads() {
        // One decoder per thread is the documented rule; frames cross threads as values.
        const auto path = fsPath(fixture("bframes.mp4"));
        std::vector<std::size_t> hashes[2];
        std::int64_t start[2] = {0, 37};
        std::thread workers[2];
        for (int t = 0; t < 2; ++t) {
            workers[t] = std::thread([&, t] {
                VideoDecoder decoder(path);
                decoder.setNextFrame(start[t]);
                while (auto frame = decoder.nextFrame()) {
                    hashes[t].push_back(pixelHash(*frame));
                }
            });
        }
        for (auto& worker : workers) {
            worker.join();
        }
        VideoDecoder reference(path);
        QCOMPARE(std::int64_t(hashes[0].size()), reference.frameCount());
        QCOMPARE(std::int64_t(hashes[1].size()), reference.frameCount() - 37);
        for (std::int64_t i = 37; i < reference.frameCount(); ++i) {
            QCOMPARE(hashes[1][i - 37], hashes[0][i]);
        }
        QCOMPARE(pixelHash(reference.frameAt(50)), hashes[0][50]);
    }

    void outOfRangeAndEnd() {
        VideoDecoder decoder(fsPath(fixture("cfr.mp4")));
        QVERIFY_THROWS_EXCEPTION(actbert::Error, decoder.frameAt(decoder.frameCount()));
        QVERIFY_THROWS_EXCEPTION(actbert::Error, decoder.frameAt(-1));
        decoder.setNextFrame(decoder.frameCount() - 1);
        QVERIFY(decoder.nextFrame().has_value());
        QVERIFY(!decoder.nextFrame().has_value());
    }

    void resizedOutputMatchesFfmpegScale() {
        const QString path = fixture("cfr.mp4");
        VideoDecoder decoder(fsPath(path));
        const RgbFrame first = decoder.frameAt(0);
        FrameOutputOptions stretch{96, 72, ResizeMode::Stretch, ScaleFilter::Bicubic};
        const RgbFrame small = decoder.frameAt(0, stretch);
        QCOMPARE(small.width, 96);
        QCOMPARE(small.height, 72);
        QByteArray reference = ffmpegRgbFrames(path, "scale=96:72,format=rgb24");
        QVERIFY(reference.size() >= 96 * 72 * 3);
        // Same libswscale call (yuv420p -> rgb24, bicubic, one step) as ffmpeg's scale filter.
        QCOMPARE(maxDifference(small, reference.constData()), 0);

        // 160x120 cropped to a 64x64 centre square: the middle 120x120, then scaled.
        FrameOutputOptions crop{64, 64, ResizeMode::CropCenter, ScaleFilter::Bicubic};
        const RgbFrame square = decoder.frameAt(0, crop);
        QCOMPARE(square.width, 64);
        reference = ffmpegRgbFrames(path, "crop=120:120:20:0,scale=64:64,format=rgb24");
        QCOMPARE(maxDifference(square, reference.constData()), 0);

        // Letterboxed: 64x48 picture in the middle of 64x64, black bars above and below.
        FrameOutputOptions fit{64, 64, ResizeMode::Fit, ScaleFilter::Bicubic};
        const RgbFrame boxed = decoder.frameAt(0, fit);
        QCOMPARE(boxed.height, 64);
        QCOMPARE(int(*std::max_element(boxed.row(0), boxed.row(0) + 64 * 3)), 0);
        QCOMPARE(int(*std::max_element(boxed.row(63), boxed.row(63) + 64 * 3)), 0);
        reference = ffmpegRgbFrames(path, "scale=64:48,format=rgb24");
        RgbFrame inner = boxed;
        inner.height = 48;
        auto middle = std::make_shared<std::vector<std::uint8_t>>(boxed.row(8), boxed.row(56));
        inner.pixels = middle;
        QCOMPARE(maxDifference(inner, reference.constData()), 0);
        QCOMPARE(first.width, 160);
    }

    void rotationIsAppliedLikeFfmpeg() {
        const QString path = fixture("rotated.mp4");
        VideoDecoder decoder(fsPath(path));
        QCOMPARE(decoder.videoStream().rotation_deg, 270);
        const RgbFrame turned = decoder.frameAt(3);
        QCOMPARE(turned.width, 120);
        QCOMPARE(turned.height, 160);
        const std::size_t frame_bytes = 160 * 120 * 3;
        QByteArray reference = ffmpegRgbFrames(path);  // ffmpeg turns it too (autorotate)
        QCOMPARE(maxDifference(turned, reference.constData() + 3 * frame_bytes), 0);
        FrameOutputOptions stored;
        stored.rotation = RotationMode::Ignore;
        const RgbFrame flat = decoder.frameAt(3, stored);
        QCOMPARE(flat.width, 160);
        reference = runProgram("ffmpeg", {"-v", "error", "-noautorotate", "-i", path, "-f",
                                          "rawvideo", "-pix_fmt", "rgb24", "-"});
        QCOMPARE(maxDifference(flat, reference.constData() + 3 * frame_bytes), 0);
        // A requested size is the size of the turned picture.
        const RgbFrame small = decoder.frameAt(3, {48, 64, ResizeMode::Stretch});
        QCOMPARE(small.width, 48);
        QCOMPARE(small.height, 64);
    }

    void indexSavesAndReloads() {
        const QString path = fixture("bframes.mp4");
        const FrameIndex built = FrameIndexBuilder::build(fsPath(path));
        const auto saved = fsPath(dir_.filePath("bframes.index"));
        built.save(saved);
        const FrameIndex loaded = FrameIndex::load(saved);
        QCOMPARE(loaded.size(), built.size());
        for (std::int64_t i = 0; i < built.size(); ++i) {
            QCOMPARE(loaded[i].pts, built[i].pts);
            QCOMPARE(loaded[i].is_key, built[i].is_key);
            QCOMPARE(loaded[i].time_s, built[i].time_s);
        }
        const QJsonObject summary =
            QJsonDocument::fromJson(QByteArray::fromStdString(built.summaryJson())).object();
        QCOMPARE(summary.value("frame_count").toInt(), int(built.size()));
        QCOMPARE(summary.value("method").toString(), QStringLiteral("packet-scan"));
        QCOMPARE(summary.value("measured_fps").toDouble(), 30.0);
        VideoDecoder decoder(fsPath(path), {}, loaded);
        QCOMPARE(decoder.frameAt(77).pts, built[77].pts);
        // An index of another file is refused.
        QVERIFY_THROWS_EXCEPTION(actbert::Error,
                                 VideoDecoder(fsPath(fixture("cfr.mp4")), {}, loaded));

        QFile file(QString::fromStdString(saved.string()));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        file.close();
        const auto write = [&](const QString& name, const QByteArray& content) {
            const QString target = dir_.filePath(name);
            QFile out(target);
            out.open(QIODevice::WriteOnly);
            out.write(content);
            return fsPath(target);
        };
        QByteArray flipped = bytes;
        flipped[flipped.size() / 2] = char(flipped[flipped.size() / 2] ^ 0x40);
        for (const auto& bad :
             {write("flipped.index", flipped), write("short.index", bytes.left(bytes.size() - 9)),
              write("text.index", "not an index at all, just some text")}) {
            try {
                FrameIndex::load(bad);
                QFAIL("a damaged index loaded");
            } catch (const actbert::Error& error) {
                QVERIFY2(std::string(error.what()).find(bad.string()) != std::string::npos,
                         error.what());
            }
        }
    }

    void progressAndCancel() {
        const auto path = fsPath(fixture("bframes.mp4"));
        std::vector<double> fractions;
        FrameIndexBuilder::build(
            path, IndexStrategy::Auto,
            [&](double fraction, const std::string&) { fractions.push_back(fraction); });
        QVERIFY(fractions.size() >= 2);
        QCOMPARE(fractions.back(), 1.0);
        QVERIFY(std::is_sorted(fractions.begin(), fractions.end()));
        for (const auto strategy : {IndexStrategy::Auto, IndexStrategy::ForceDecode}) {
            actbert::CancelToken cancel;
            int calls = 0;
            const auto cancel_midway = [&](double, const std::string&) {
                if (++calls == 2) {
                    cancel.cancel();
                }
            };
            QVERIFY_THROWS_EXCEPTION(
                actbert::Cancelled,
                FrameIndexBuilder::build(path, strategy, cancel_midway, cancel));
        }
    }

    void badInputGivesClearErrors() {
        const QString good = fixture("bframes.mp4");
        QFile source(good);
        QVERIFY(source.open(QIODevice::ReadOnly));
        const QByteArray bytes = source.readAll();
        const auto write = [&](const QString& name, const QByteArray& content) {
            QFile out(dir_.filePath(name));
            out.open(QIODevice::WriteOnly);
            out.write(content);
            return dir_.filePath(name);
        };
        // Fast-start copy: the header is first, so a cut or damaged file still opens.
        addFixture("faststart.mp4", {"-i", good, "-c", "copy", "-movflags", "+faststart"});
        QFile faststart_file(fixture("faststart.mp4"));
        QVERIFY(faststart_file.open(QIODevice::ReadOnly));
        const QByteArray faststart = faststart_file.readAll();
        // Damage everywhere after the first 2000 bytes (the header too), or only in the
        // second half (the header is intact, the pictures are damaged).
        QByteArray flipped = faststart;
        for (int i = 2000; i < flipped.size(); i += 397) {
            flipped[i] = char(flipped[i] ^ 0xA5);
        }
        QByteArray flipped_data = faststart;
        for (int i = flipped_data.size() / 2; i < flipped_data.size(); i += 101) {
            flipped_data[i] = char(flipped_data[i] ^ 0x5A);
        }
        QFile mpeg_file(fixture("mpeg2.mpg"));
        QVERIFY(mpeg_file.open(QIODevice::ReadOnly));
        const QByteArray mpeg = mpeg_file.readAll();

        const QStringList must_fail_to_open{
            dir_.filePath("missing.mp4"), write("empty.mp4", {}),
            write("text.mp4", "This is a text file pretending to be a video.\n"),
            write("cut_header.mp4", bytes.left(bytes.size() / 2))};  // moov is at the end
        for (const QString& path : must_fail_to_open) {
            try {
                VideoDecoder decoder(fsPath(path));
                QFAIL(qPrintable("opened " + path));
            } catch (const actbert::Error& error) {
                QVERIFY2(QString(error.what()).contains(path), error.what());
            }
        }
        // These may open; every frame then either decodes or fails with a clear error.
        for (const QString& path :
             {write("cut_tail.mp4", faststart.left(faststart.size() * 2 / 3)),
              write("flipped.mp4", flipped), write("flipped_data.mp4", flipped_data),
              write("cut.mpg", mpeg.left(mpeg.size() / 2))}) {
            try {
                VideoDecoder decoder(fsPath(path));
                int decoded = 0;
                for (std::int64_t i = 0; i < decoder.frameCount(); ++i) {
                    try {
                        const RgbFrame frame = decoder.frameAt(i);
                        QCOMPARE(frame.width, 160);
                        ++decoded;
                    } catch (const actbert::Error& error) {
                        QVERIFY2(QString(error.what()).contains(path), error.what());
                    }
                }
                qInfo().noquote() << path << ":" << decoded << "of" << decoder.frameCount()
                                  << "frames decoded";
            } catch (const actbert::Error& error) {
                QVERIFY2(QString(error.what()).contains(path), error.what());
            }
        }
    }

    void audioIsResampledToFloatPcm() {
        AudioDecoder audio(fsPath(fixture("audio.mp4")), AudioFormat{16000, 1});
        QCOMPARE(audio.stream().codec, std::string("aac"));
        const AudioChunk chunk = audio.read(1.0, 2.0);
        QCOMPARE(chunk.samples.size(), std::size_t(16000));
        // A 440 Hz sine crosses zero upwards 440 times a second.
        int crossings = 0;
        float peak = 0.0f;
        for (std::size_t i = 1; i < chunk.samples.size(); ++i) {
            crossings += chunk.samples[i - 1] < 0.0f && chunk.samples[i] >= 0.0f;
            peak = std::max(peak, std::abs(chunk.samples[i]));
        }
        QVERIFY2(std::abs(crossings - 440) <= 2, qPrintable(QString::number(crossings)));
        QVERIFY(peak > 0.05f && peak <= 1.0f);

        AudioDecoder stereo(fsPath(fixture("audio.mp4")), AudioFormat{22050, 2});
        std::int64_t frames = 0;
        double last_start_s = -1.0;
        while (true) {
            const AudioChunk next = stereo.next();
            if (next.samples.empty()) {
                break;
            }
            QVERIFY(next.samples.size() % 2 == 0);
            QVERIFY(next.start_s > last_start_s);
            last_start_s = next.start_s;
            frames += next.frameCount(2);
        }
        // Four seconds of sound, give or take the AAC priming and padding.
        QVERIFY2(std::abs(frames - 4 * 22050) < 22050 / 10, qPrintable(QString::number(frames)));
        QVERIFY_THROWS_EXCEPTION(actbert::Error, AudioDecoder(fsPath(fixture("cfr.mp4"))));
    }

    void audioMatchesFfmpegResampling_data() {
        QTest::addColumn<QString>("path");
        QTest::newRow("aac in mp4") << fixture("audio.mp4");
        QTest::newRow("mp3 in avi") << sharedVideo("paddle_example.avi");
        QTest::newRow("opus in mkv") << sharedVideo("mpcqt_test.mkv");
    }
    void audioMatchesFfmpegResampling() {
        QFETCH(QString, path);
        AudioDecoder audio(fsPath(path), AudioFormat{16000, 1});
        std::vector<float> ours;
        while (true) {
            const AudioChunk chunk = audio.next();
            if (chunk.samples.empty()) {
                break;
            }
            ours.insert(ours.end(), chunk.samples.begin(), chunk.samples.end());
        }
        const QByteArray reference =
            runProgram("ffmpeg", {"-v", "error", "-i", path, "-map", "0:a:0", "-ac", "1", "-ar",
                                  "16000", "-f", "f32le", "-"});
        std::vector<float> expected(reference.size() / sizeof(float));
        std::memcpy(expected.data(), reference.constData(), expected.size() * sizeof(float));
        QVERIFY(!expected.empty());
        // Same decoder and libswresample defaults: the same samples, give or take the tail.
        QVERIFY2(std::abs(double(ours.size()) - double(expected.size())) < 16000 * 0.05,
                 qPrintable(QStringLiteral("%1 vs %2").arg(ours.size()).arg(expected.size())));
        double worst = 0.0;
        for (std::size_t i = 0; i < std::min(ours.size(), expected.size()); ++i) {
            worst = std::max(worst, double(std::abs(ours[i] - expected[i])));
        }
        QVERIFY2(worst < 1e-3, qPrintable(QString::number(worst)));
    }

    void cliProbeAndFrame() {
        const QString cli = QStringLiteral(ACTBERT_CLI_PATH);
        bool ok = false;
        const QByteArray json =
            runProgram(cli, {"probe", sharedVideo("paddle_eivideo_example.mp4"), "--json"}, &ok);
        QVERIFY(ok);
        const QJsonObject probe = QJsonDocument::fromJson(json).object();
        QCOMPARE(probe.value("frame_count").toInt(), 117);
        QCOMPARE(probe.value("width").toInt(), 640);
        QCOMPARE(probe.value("height").toInt(), 480);
        QCOMPARE(probe.value("fps").toDouble(), 25.0);
        QVERIFY(probe.value("duration_s").toDouble() > 4.6);
        QCOMPARE(probe.value("streams").toArray().size(), 1);

        const QByteArray listing = runProgram(cli, {"probe", fixture("vfr.mkv"), "--frames"}, &ok);
        QVERIFY(ok);
        QVERIFY(listing.contains("35\t2000\t2.000000\t"));

        const QString png = dir_.filePath("frame.png");
        runProgram(cli,
                   {"frame", fixture("cfr.mp4"), "--time", "1.0", "--out", png, "--size", "64x48"},
                   &ok);
        QVERIFY(ok);
        QFile written(png);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QVERIFY(written.read(8).startsWith("\x89PNG"));
        // Errors go to stderr with a non-zero exit and name the file.
        runProgram(cli, {"frame", dir_.filePath("nope.mp4"), "--index", "0", "--out", png}, &ok);
        QVERIFY(!ok);
    }
};

QTEST_GUILESS_MAIN(TestVideo)
#include "test_video.moc"
