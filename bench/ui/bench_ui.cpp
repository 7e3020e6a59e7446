// Studio benchmarks, each against a peer measured in the same run:
//   1. --open to first frame on screen (StudioFlow::openVideo -> frame shown) vs. the ffmpeg
//      command line decoding the first frame;
//   2. seek-to-display latency p50/p95 over random frames vs. the bare core decoder's frameAt;
//   3. timeline paint time with 100,000 items (whole video, mid zoom, single frames) vs. a
//      naive painter that draws every item;
//   4. dropped frames during 60 s of 1080p30 playback (wall clock, no audio device here),
//      with ffmpeg's decode speed for the same file as the peer.
// Run: QT_QPA_PLATFORM=offscreen build/release/bench/ui/bench_ui [--quick]

#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <numeric>
#include <random>
#include <vector>

#include "core/store/project.h"
#include "core/video/video_decoder.h"
#include "ui/mainwindow.h"
#include "ui/player/decoderframesource.h"
#include "ui/player/playerengine.h"
#include "ui/player/playerpanel.h"
#include "ui/player/videoview.h"
#include "ui/project/storetimelinemodel.h"
#include "ui/studioflow.h"
#include "ui/timeline/timelineview.h"

using namespace actbert::ui;

namespace {

double percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    const auto at = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(at, values.size() - 1)];
}

// Sleeps in the event loop until `done` holds: a busy loop here would take one of this
// machine's two cores away from the decoder's threads and double every latency it measures.
bool waitUntil(const std::function<bool()>& done, int timeout_ms) {
    QElapsedTimer timer;
    timer.start();
    QTimer deadline;  // wakes the loop so the timeout is noticed even if nothing else happens
    deadline.start(timeout_ms);
    while (!done()) {
        if (timer.elapsed() > timeout_ms) {
            return false;
        }
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

double runMs(const QString& program, const QStringList& args) {
    QElapsedTimer timer;
    timer.start();
    QProcess process;
    process.start(program, args);
    process.waitForFinished(600'000);
    return static_cast<double>(timer.nsecsElapsed()) / 1e6;
}

QString make1080p(int seconds) {
    const QString path = QStringLiteral(BENCH_WORK_DIR "/bench_1080p_%1s.mp4").arg(seconds);
    if (!QFileInfo::exists(path)) {
        std::printf("generating %s with ffmpeg...\n", qPrintable(path));
        std::fflush(stdout);
        QProcess ffmpeg;
        ffmpeg.start(QStringLiteral("ffmpeg"),
                     {QStringLiteral("-y"), QStringLiteral("-v"), QStringLiteral("error"),
                      QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                      QStringLiteral("testsrc2=size=1920x1080:rate=30:duration=%1").arg(seconds),
                      QStringLiteral("-c:v"), QStringLiteral("libx264"), QStringLiteral("-preset"),
                      QStringLiteral("veryfast"), QStringLiteral("-g"), QStringLiteral("60"),
                      QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p"), path});
        ffmpeg.waitForFinished(-1);
        if (ffmpeg.exitCode() != 0) {
            std::fprintf(stderr, "ffmpeg failed: %s\n", ffmpeg.readAllStandardError().constData());
            std::exit(1);
        }
    }
    return path;
}

void benchOpen(const QString& video, QSettings& settings) {
    std::vector<double> ours;
    std::vector<double> peer;
    for (int run = 0; run < 5; ++run) {
        StudioFlow flow(DecoderFrameSource::opener(), settings, AudioMode::Off);
        flow.window()->show();
        QElapsedTimer timer;
        timer.start();
        flow.openVideo(video);
        waitUntil([&] { return flow.playerPanel()->videoView()->frame().index == 0; }, 60'000);
        ours.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        peer.push_back(runMs(QStringLiteral("ffmpeg"),
                             {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-i"),
                              video, QStringLiteral("-frames:v"), QStringLiteral("1"),
                              QStringLiteral("-f"), QStringLiteral("null"), QStringLiteral("-")}));
    }
    const double a = percentile(ours, 0.5);
    const double b = percentile(peer, 0.5);
    std::printf(
        "open -> first frame shown: median %.1f ms; ffmpeg CLI first frame %.1f ms; ratio %.2f\n",
        a, b, a / b);
}

void benchSeek(const QString& video, QSettings& settings, int seeks) {
    StudioFlow flow(DecoderFrameSource::opener(), settings, AudioMode::Off);
    flow.window()->show();
    flow.openVideo(video);
    waitUntil([&] { return flow.playerPanel()->videoView()->frame().index == 0; }, 60'000);
    const std::int64_t frames = flow.player().info().frame_count;
    std::mt19937 random(7);
    std::uniform_int_distribution<std::int64_t> pick(0, frames - 1);
    std::vector<std::int64_t> targets(static_cast<std::size_t>(seeks));
    for (auto& t : targets) {
        t = pick(random);
    }
    std::vector<double> ours;
    for (const std::int64_t target : targets) {
        QElapsedTimer timer;
        timer.start();
        flow.player().seekFrame(target);
        waitUntil([&] { return flow.playerPanel()->videoView()->frame().index == target; }, 60'000);
        // Until painted: the view repaints on the next event loop pass.
        flow.playerPanel()->videoView()->repaint();
        ours.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }
    actbert::video::VideoDecoder decoder(std::filesystem::path(video.toStdString()));
    std::vector<double> peer;
    for (const std::int64_t target : targets) {
        QElapsedTimer timer;
        timer.start();
        decoder.frameAt(target);
        peer.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }
    std::printf(
        "seek -> frame painted (%d random seeks, 1080p): p50 %.1f ms, p95 %.1f ms; "
        "bare decoder frameAt p50 %.1f ms, p95 %.1f ms; p95 ratio %.2f\n",
        seeks, percentile(ours, 0.5), percentile(ours, 0.95), percentile(peer, 0.5),
        percentile(peer, 0.95), percentile(ours, 0.95) / percentile(peer, 0.95));
}

// The peer: what a timeline without culling does, one rectangle and label per item.
void naivePaint(QPainter& painter, const TimelineModel& model, double pixels_per_frame,
                double scroll_px) {
    for (const auto& item : model.items(0)) {
        const QRectF rect(150 + item.start_frame * pixels_per_frame - scroll_px, 30,
                          (item.end_frame - item.start_frame) * pixels_per_frame, 26);
        painter.fillRect(rect,
                         QColor::fromHsv(static_cast<int>(qHash(item.label) % 360U), 150, 230));
        painter.drawRect(rect);
        if (rect.width() > 24) {
            painter.drawText(rect, item.label);
        }
    }
}

void benchTimelinePaint() {
    // The studio's only timeline model reads a project store; this one lives in a temporary
    // folder (as in the no-project mode).
    namespace store = actbert::store;
    QTemporaryDir dir;
    store::Project project(dir.filePath(QStringLiteral("bench.actbert")).toStdString(),
                           store::Project::OpenMode::CreateNew);
    const std::int64_t frames = 3'000'000;
    std::vector<store::Item> items;
    std::mt19937 random(3);
    std::uniform_int_distribution<int> length(5, 55);
    std::int64_t start = 0;
    for (std::int64_t i = 0; i < 100'000 && start < frames; ++i) {
        store::Item item;
        item.start_frame = start;
        item.end_frame = std::min(frames, start + length(random));
        item.start_s = static_cast<double>(item.start_frame) / 30.0;
        item.end_s = static_cast<double>(item.end_frame) / 30.0;
        item.label = "action " + std::to_string(i % 50);
        item.confidence = (i % 10) / 10.0;
        start = item.end_frame;
        items.push_back(std::move(item));
    }
    std::vector<store::Item> captions;
    for (std::size_t i = 0; i < items.size(); i += 3) {
        captions.push_back(items[i]);
    }
    store::Video video;
    video.key = "bench";
    video.fps = store::Rational{30, 1};
    video.time_base = store::Rational{1, 30};
    video.fps_assumed = false;
    video.frame_count = start;
    {
        auto transaction = project.beginTransaction();
        const std::int64_t video_id = project.videos().add(video);
        store::Track actions;
        actions.video_id = video_id;
        actions.name = "actions";
        actions.kind = store::TrackKind::ActionSegmentation;
        store::Track caption_track = actions;
        caption_track.name = "captions";
        caption_track.kind = store::TrackKind::Captions;
        const std::int64_t actions_id = project.tracks().add(actions);
        const std::int64_t captions_id = project.tracks().add(caption_track);
        for (auto& item : items) {
            item.track_id = actions_id;
        }
        for (auto& item : captions) {
            item.track_id = captions_id;
        }
        project.items().insertMany(items);
        project.items().insertMany(captions);
        transaction->commit();
    }
    StoreTimelineModel model(project, project.videos().list().front().id, start, 30.0);
    TimelineView view;
    view.setModel(&model);
    view.resize(1600, 140);
    view.show();
    QImage canvas(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    const auto timePaints = [&](int repeats) {
        std::vector<double> ms;
        for (int i = 0; i < repeats; ++i) {
            QElapsedTimer timer;
            timer.start();
            view.viewport()->render(&canvas);
            ms.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        }
        return ms;
    };
    struct Zoom {
        const char* name;
        std::function<void()> set;
    };
    view.setPlayheadFrame(start / 2);
    const std::vector<Zoom> zooms{{"whole video", [&] { view.zoomToFit(); }},
                                  {"~2,000 frames", [&] { view.setPixelsPerFrame(0.7, 800); }},
                                  {"single frames", [&] { view.zoomToFrames(); }}};
    for (const Zoom& zoom : zooms) {
        zoom.set();
        const auto ours = timePaints(40);
        std::vector<double> peer;
        for (int i = 0; i < 5; ++i) {
            QElapsedTimer timer;
            timer.start();
            QPainter painter(&canvas);
            naivePaint(painter, model, view.pixelsPerFrame(), view.scrollPx());
            peer.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        }
        std::printf(
            "timeline paint, %zu + %zu items, %s: mean %.2f ms, p95 %.2f ms, max %.2f ms; "
            "naive all-items painter %.1f ms; ratio %.3f\n",
            items.size(), captions.size(), zoom.name,
            std::accumulate(ours.begin(), ours.end(), 0.0) / ours.size(), percentile(ours, 0.95),
            *std::max_element(ours.begin(), ours.end()), percentile(peer, 0.5),
            percentile(ours, 0.5) / percentile(peer, 0.5));
    }
}

void benchPlayback(const QString& video, QSettings& settings, int seconds) {
    StudioFlow flow(DecoderFrameSource::opener(), settings, AudioMode::Off);
    flow.window()->resize(1280, 800);
    flow.window()->show();
    flow.openVideo(video);
    waitUntil([&] { return flow.playerPanel()->videoView()->frame().index == 0; }, 60'000);
    flow.player().resetStats();
    QElapsedTimer timer;
    timer.start();
    flow.player().play(1.0);
    waitUntil([&] { return !flow.player().isPlaying(); }, (seconds + 120) * 1000);
    const double wall_s = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    const PlaybackStats stats = flow.player().stats();
    const std::int64_t frames = flow.player().info().frame_count;
    const double peer_ms =
        runMs(QStringLiteral("ffmpeg"),
              {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-i"), video,
               QStringLiteral("-f"), QStringLiteral("null"), QStringLiteral("-")});
    std::printf(
        "playback of %d s 1080p30 (%lld frames) at 1x, wall clock: %lld shown, %lld dropped "
        "(%.2f%%), took %.1f s; ffmpeg decodes the file at %.0f fps (%.1fx real time)\n",
        seconds, static_cast<long long>(frames), static_cast<long long>(stats.frames_shown),
        static_cast<long long>(stats.frames_dropped),
        100.0 * static_cast<double>(stats.frames_dropped) / static_cast<double>(frames), wall_s,
        static_cast<double>(frames) / (peer_ms / 1000.0),
        static_cast<double>(frames) / 30.0 / (peer_ms / 1000.0));
}

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    const bool quick = app.arguments().contains(QStringLiteral("--quick"));
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    const int seconds = quick ? 10 : 60;
    const QString video = make1080p(seconds);
    std::printf("ui benchmarks on %s (%d cores)\n", qPrintable(video), QThread::idealThreadCount());
    benchTimelinePaint();
    benchOpen(video, settings);
    benchSeek(video, settings, quick ? 20 : 100);
    benchPlayback(video, settings, seconds);
    return 0;
}
