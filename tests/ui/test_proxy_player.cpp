// Scrub proxies in the studio: the proxy job (kind "proxy" on the runner) writes the proxy of
// a long-GOP video made here with the ffmpeg tool, a job for another video supersedes it, and
// a seek in the player shows the proxy's picture first (at the proxy's size, with the
// original's frame number) and then the exact frame, which equals ffmpeg's decode of it.

#include <QApplication>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/features/content_hash.h"
#include "core/jobs/job_group.h"
#include "core/jobs/job_runner.h"
#include "core/video/frame_index_cache.h"
#include "core/video/proxy_cache.h"
#include "core/video/proxy_policy.h"
#include "ffmpeg_reference.h"
#include "ui/jobs/jobbridge.h"
#include "ui/player/decoderframesource.h"
#include "ui/player/playerengine.h"
#include "ui/player/proxyjob.h"

using namespace actbert;
using namespace actbert::ui;

namespace {

std::filesystem::path fsPath(const QString& path) {
    return std::filesystem::path(path.toStdString());
}

// `seconds` of 720p H.264 at 25 fps with one key frame per 250 frames (no scene-cut key
// frames), so a seek decodes up to 249 frames: the videos proxies are for.
bool makeLongGopVideo(const QString& path, const QString& pattern, int seconds) {
    QProcess ffmpeg;
    ffmpeg.start(QStringLiteral("ffmpeg"),
                 {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-y"),
                  QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                  QStringLiteral("%1=size=1280x720:rate=25:duration=%2").arg(pattern).arg(seconds),
                  QStringLiteral("-c:v"), QStringLiteral("libx264"), QStringLiteral("-preset"),
                  QStringLiteral("ultrafast"), QStringLiteral("-g"), QStringLiteral("250"),
                  QStringLiteral("-sc_threshold"), QStringLiteral("0"), QStringLiteral("-pix_fmt"),
                  QStringLiteral("yuv420p"), path});
    if (!ffmpeg.waitForFinished(120'000) || ffmpeg.exitCode() != 0) {
        qWarning("ffmpeg could not write %s: %s", qPrintable(path),
                 ffmpeg.readAllStandardError().constData());
        return false;
    }
    return true;
}

// PSNR in dB of two RGB32 pictures of one size (0 for different sizes).
double psnr(const QImage& a, const QImage& b) {
    if (a.size() != b.size() || a.isNull()) {
        return 0.0;
    }
    double squared = 0.0;
    for (int y = 0; y < a.height(); ++y) {
        const auto* row_a = reinterpret_cast<const QRgb*>(a.constScanLine(y));
        const auto* row_b = reinterpret_cast<const QRgb*>(b.constScanLine(y));
        for (int x = 0; x < a.width(); ++x) {
            const int d[3] = {qRed(row_a[x]) - qRed(row_b[x]), qGreen(row_a[x]) - qGreen(row_b[x]),
                              qBlue(row_a[x]) - qBlue(row_b[x])};
            squared += double(d[0]) * d[0] + double(d[1]) * d[1] + double(d[2]) * d[2];
        }
    }
    const double mse = squared / (3.0 * a.width() * a.height());
    return mse == 0.0 ? 99.0 : 10.0 * std::log10(255.0 * 255.0 / mse);
}

// A source whose decode of one frame waits until the test opens the gate, so "the proxy
// picture comes first" does not depend on how fast either decode is.
class GatedSource : public FrameSource {
public:
    GatedSource(std::unique_ptr<FrameSource> inner, std::int64_t gated)
        : inner_(std::move(inner)), gated_(gated) {}
    VideoStreamInfo info() const override { return inner_->info(); }
    double frameTime_s(std::int64_t index) const override { return inner_->frameTime_s(index); }
    std::int64_t frameAtTime(double time_s) const override { return inner_->frameAtTime(time_s); }
    DecodedFrame frame(std::int64_t index) override {
        if (index == gated_) {
            std::unique_lock lock(mutex_);
            opened_.wait(lock, [&] { return open_; });
        }
        return inner_->frame(index);
    }
    void open() {
        {
            std::lock_guard lock(mutex_);
            open_ = true;
        }
        opened_.notify_all();
    }

private:
    std::unique_ptr<FrameSource> inner_;
    std::int64_t gated_;
    std::mutex mutex_;
    std::condition_variable opened_;
    bool open_ = false;
};

struct Fixture {
    QTemporaryDir dir;
    QString long_gop = dir.filePath(QStringLiteral("long_gop.mp4"));
    QString other = dir.filePath(QStringLiteral("other.mp4"));
    std::shared_ptr<video::FrameIndexCache> index_cache = std::make_shared<video::FrameIndexCache>(
        fsPath(dir.filePath(QStringLiteral("frame-index"))));
    std::filesystem::path proxy_dir = fsPath(dir.filePath(QStringLiteral("proxy")));
};

}  // namespace

class TestProxyPlayer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QVERIFY(fixture_.dir.isValid());
        QVERIFY(makeLongGopVideo(fixture_.long_gop, QStringLiteral("testsrc2"), 8));
        QVERIFY(makeLongGopVideo(fixture_.other, QStringLiteral("testsrc"), 4));
    }

    void jobIsSupersededByAnotherVideoAndWritesTheProxy() {
        // One CPU thread held by a blocker: both proxy jobs are still queued when the second
        // is submitted, so superseding is deterministic.
        jobs::JobRunner runner(jobs::JobRunnerOptions{1, 0});
        JobBridge bridge(runner);
        jobs::JobGroup blockers(runner);
        auto release = std::make_shared<std::atomic<bool>>(false);
        jobs::JobSpec blocker;
        blocker.kind = "blocker";
        blocker.work = [release](const jobs::JobCallbacks&) {
            while (!release->load()) {
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            }
        };
        blockers.submit(std::move(blocker));

        ProxyJob proxies(bridge, fixture_.index_cache, fixture_.proxy_dir);
        std::vector<QString> ready;
        std::shared_ptr<FrameSource> proxy;
        connect(&proxies, &ProxyJob::proxyReady, this,
                [&](const QString& video, std::shared_ptr<FrameSource> source) {
                    ready.push_back(video);
                    proxy = std::move(source);
                });
        const video::FrameIndex other_index =
            fixture_.index_cache->indexFor(fsPath(fixture_.other)).index;
        const video::FrameIndex index =
            fixture_.index_cache->indexFor(fsPath(fixture_.long_gop)).index;
        QVERIFY(video::needsProxy(other_index));
        QVERIFY(video::needsProxy(index));
        const jobs::JobId first = proxies.start(fixture_.other, other_index);
        QVERIFY(first != 0);
        QCOMPARE(runner.status(first)->kind, std::string("proxy"));
        const jobs::JobId second = proxies.start(fixture_.long_gop, index);
        QVERIFY(second != 0 && second != first);
        release->store(true);
        runner.wait(second);
        QVERIFY(QTest::qWaitFor([&] { return !ready.empty(); }, 60'000));
        bridge.flush();

        QCOMPARE(runner.status(first)->state, jobs::JobState::Cancelled);
        QCOMPARE(runner.status(second)->state, jobs::JobState::Finished);
        QCOMPARE(ready, std::vector<QString>{fixture_.long_gop});
        const video::ProxyCache cache(fixture_.proxy_dir);
        const std::string hash = features::hashFileContent(fsPath(fixture_.long_gop));
        QVERIFY(std::filesystem::exists(cache.proxyPath(hash)));
        QVERIFY(!std::filesystem::exists(
            cache.proxyPath(features::hashFileContent(fsPath(fixture_.other)))));
        QVERIFY(proxy != nullptr);
        QCOMPARE(proxy->info().frame_count, std::int64_t(index.size()));
        QCOMPARE(proxy->info().width, 640);
        QCOMPARE(proxy->info().height, 360);
    }

    void seekShowsTheProxyPictureThenTheExactFrame() {
        jobs::JobRunner runner(jobs::JobRunnerOptions{1, 0});
        JobBridge bridge(runner);
        ProxyJob proxies(bridge, fixture_.index_cache, fixture_.proxy_dir);
        std::shared_ptr<FrameSource> proxy;
        connect(&proxies, &ProxyJob::proxyReady, this,
                [&](const QString&, std::shared_ptr<FrameSource> source) {
                    proxy = std::move(source);
                });
        const video::FrameIndex index =
            fixture_.index_cache->indexFor(fsPath(fixture_.long_gop)).index;
        QVERIFY(proxies.start(fixture_.long_gop, index) != 0);
        QVERIFY(QTest::qWaitFor([&] { return proxy != nullptr; }, 120'000));

        constexpr std::int64_t kTarget = 180;  // 180 frames after the only key frame
        auto gated = std::make_unique<GatedSource>(
            std::make_unique<DecoderFrameSource>(fsPath(fixture_.long_gop),
                                                 fixture_.index_cache.get()),
            kTarget);
        GatedSource* gate = gated.get();
        PlayerEngine player(AudioMode::Off);
        std::vector<DecodedFrame> shown;
        connect(&player, &PlayerEngine::frameShown, this,
                [&](const DecodedFrame& frame) { shown.push_back(frame); });
        player.open(std::move(gated));
        QVERIFY(QTest::qWaitFor([&] { return !shown.empty(); }, 60'000));
        QVERIFY(player.setScrubProxy(proxy));
        shown.clear();

        player.seekFrame(kTarget);
        QVERIFY(QTest::qWaitFor([&] { return !shown.empty(); }, 60'000));
        const DecodedFrame preview = shown.front();
        QVERIFY(preview.preview);
        QCOMPARE(preview.index, kTarget);
        QCOMPARE(preview.time_s, index[kTarget].time_s);  // the original's time
        QCOMPARE(preview.image.size(), QSize(640, 360));
        QCOMPARE(player.currentFrame().index, kTarget);

        gate->open();
        QVERIFY(QTest::qWaitFor([&] { return shown.size() >= 2; }, 120'000));
        QCOMPARE(shown.size(), std::size_t{2});
        const DecodedFrame exact = shown.back();
        QVERIFY(!exact.preview);
        QCOMPARE(exact.index, kTarget);
        QCOMPARE(exact.image.size(), QSize(1280, 720));
        const QImage reference = ffmpegReferenceFrame(fixture_.long_gop, kTarget);
        QCOMPARE(reference.size(), QSize(1280, 720));
        const double exact_db = psnr(exact.image.convertToFormat(QImage::Format_RGB32), reference);
        QVERIFY2(exact_db >= 50.0, qPrintable(QString::number(exact_db)));
        // The preview is that same picture, smaller: close to the reference scaled down, and
        // farther from a frame a second earlier (testsrc2 moves).
        const QImage small =
            reference.scaled(640, 360, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        const QImage earlier =
            ffmpegReferenceFrame(fixture_.long_gop, kTarget - 25)
                .scaled(640, 360, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        const QImage preview_rgb = preview.image.convertToFormat(QImage::Format_RGB32);
        const double preview_db = psnr(preview_rgb, small);
        QVERIFY2(preview_db >= 25.0, qPrintable(QString::number(preview_db)));
        QVERIFY2(preview_db > psnr(preview_rgb, earlier) + 3.0,
                 qPrintable(QString::number(psnr(preview_rgb, earlier))));
        QCOMPARE(player.stats().previews_shown, std::int64_t{1});
        QCOMPARE(player.currentFrame().preview, false);
    }

private:
    Fixture fixture_;
};

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    TestProxyPlayer test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_proxy_player.moc"
