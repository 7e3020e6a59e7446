// Studio open of a long video, first and second time, against the peer of a bare packet scan
// (`ffprobe -count_packets`, which reads the whole file as the first index build must):
//   - first open: the per-user frame-index cache is empty, the open hashes the file, builds
//     the index on a runner thread and saves it;
//   - second open (a new studio on the same cache): the saved index is read, nothing scanned;
//   - for both, the longest time the GUI event loop was blocked while the open ran (a 1 ms
//     timer measures the largest gap between its ticks).
// Run: QT_QPA_PLATFORM=offscreen build/release/bench/ui/bench_studio_open VIDEO
// Make a one-hour 720p H.264 test video (not in the repo), e.g.:
//   ffmpeg -f lavfi -i testsrc2=size=1280x720:rate=30 -t 60 -c:v libx264 -g 250 minute.mp4
//   (60 lines "file 'minute.mp4'" in list.txt)
//   ffmpeg -f concat -safe 0 -i list.txt -c copy hour.mp4

#include <QApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "core/video/frame_index_cache.h"
#include "ui/mainwindow.h"
#include "ui/player/decoderframesource.h"
#include "ui/player/playerengine.h"
#include "ui/project/thumbnailloader.h"
#include "ui/studioflow.h"

using namespace actbert::ui;

namespace {

struct OpenTiming {
    double open_s = 0.0;  // startOpenVideo until the player shows the first frame
    double longest_stall_ms = 0.0;
    bool ok = false;
};

OpenTiming timeOpen(const QString& video, std::shared_ptr<actbert::video::FrameIndexCache> cache,
                    const QString& settings_path) {
    QSettings settings(settings_path, QSettings::IniFormat);
    StudioFlow flow(DecoderFrameSource::opener(std::move(cache)), settings, AudioMode::Off);
    flow.window()->show();
    QCoreApplication::processEvents();

    OpenTiming timing;
    QElapsedTimer since_tick;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        timing.longest_stall_ms =
            std::max(timing.longest_stall_ms, since_tick.nsecsElapsed() / 1e6);
        since_tick.restart();
    });
    bool shown = false;
    QObject::connect(&flow.player(), &PlayerEngine::frameShown, [&] { shown = true; });
    QString problem = QStringLiteral("pending");
    QObject::connect(&flow, &StudioFlow::videoOpened,
                     [&](const QString&, const QString& why) { problem = why; });

    QElapsedTimer clock;
    clock.start();
    since_tick.start();
    probe.start(1);
    flow.startOpenVideo(video);
    while (!(shown || (!problem.isEmpty() && problem != QLatin1String("pending")))) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    timing.open_s = clock.nsecsElapsed() / 1e9;
    probe.stop();
    timing.ok = shown && problem.isEmpty();
    if (!timing.ok) {
        std::fprintf(stderr, "open failed: %s\n", qPrintable(problem));
    }
    flow.thumbnails().waitForDone();
    return timing;
}

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_studio_open VIDEO\n");
        return 2;
    }
    const QString video = QString::fromLocal8Bit(argv[1]);
    QTemporaryDir dir;
    auto cache = std::make_shared<actbert::video::FrameIndexCache>(
        std::filesystem::path(dir.filePath(QStringLiteral("frame-index")).toStdString()));

    QElapsedTimer peer_clock;
    peer_clock.start();
    QProcess ffprobe;
    ffprobe.start(QStringLiteral("ffprobe"),
                  {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-select_streams"),
                   QStringLiteral("v:0"), QStringLiteral("-count_packets"),
                   QStringLiteral("-show_entries"), QStringLiteral("stream=nb_read_packets"),
                   QStringLiteral("-of"), QStringLiteral("csv=p=0"), video});
    ffprobe.waitForFinished(-1);
    const double peer_s = peer_clock.nsecsElapsed() / 1e9;
    const QByteArray packets = ffprobe.readAllStandardOutput().trimmed();

    const OpenTiming first = timeOpen(video, cache, dir.filePath(QStringLiteral("a.ini")));
    const auto after_first = cache->counts();
    const OpenTiming second = timeOpen(video, cache, dir.filePath(QStringLiteral("b.ini")));
    const auto after_second = cache->counts();

    std::printf("video: %s (%s packets)\n", qPrintable(video), packets.constData());
    std::printf("peer ffprobe -count_packets: %.2f s\n", peer_s);
    std::printf(
        "first open (index built, hashed, saved): %.2f s (%.2fx the peer), longest GUI "
        "stall %.1f ms, scans %lld\n",
        first.open_s, first.open_s / peer_s, first.longest_stall_ms,
        static_cast<long long>(after_first.built));
    std::printf(
        "second open (saved index read): %.3f s (%.3fx the peer), longest GUI stall "
        "%.1f ms, scans %lld (loads %lld)\n",
        second.open_s, second.open_s / peer_s, second.longest_stall_ms,
        static_cast<long long>(after_second.built - after_first.built),
        static_cast<long long>(after_second.loaded - after_first.loaded));
    return first.ok && second.ok ? 0 : 1;
}
