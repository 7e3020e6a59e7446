// The player as a user drives it, on real videos through the real decoder: keyboard stepping
// and seeking must show exactly the decoder's frame; playback advances and stops at the end;
// overlays show the caption under the playhead and can be toggled.

#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

#include "core/store/project.h"
#include "ffmpeg_reference.h"
#include "ui/mainwindow.h"
#include "ui/player/decoderframesource.h"
#include "ui/player/playerengine.h"
#include "ui/player/playerpanel.h"
#include "ui/player/videoview.h"
#include "ui/project/projectsession.h"
#include "ui/project/videolistmodel.h"
#include "ui/settings/studioactions.h"
#include "ui/studioflow.h"
#include "ui/timeline/timelineview.h"
#include "uitests.h"

using namespace actbert::ui;

namespace {

const QString kAvi = QStringLiteral(ACTBERT_SHARED_DATA_DIR "/videos/paddle_example.avi");
const QString kMkv = QStringLiteral(ACTBERT_SHARED_DATA_DIR "/videos/mpcqt_test.mkv");

struct ProbedFrame {
    bool found = false;
    double time_s = 0.0;  // best-effort timestamp minus the container's start time
    bool is_key = false;
};

// What ffprobe says about picture `index` of the first video stream.
ProbedFrame probeFrame(const QString& path, std::int64_t index) {
    const auto probe = [&](const QStringList& arguments) {
        QProcess ffprobe;
        ffprobe.start(QStringLiteral("ffprobe"),
                      QStringList{QStringLiteral("-v"), QStringLiteral("error")} + arguments +
                          QStringList{path});
        ffprobe.waitForFinished(60'000);
        return QString::fromLatin1(ffprobe.readAllStandardOutput()).split(QLatin1Char('\n'));
    };
    const QStringList start =
        probe({QStringLiteral("-show_entries"), QStringLiteral("format=start_time"),
               QStringLiteral("-of"), QStringLiteral("csv=p=0")});
    const QStringList frames = probe({QStringLiteral("-select_streams"), QStringLiteral("v:0"),
                                      QStringLiteral("-show_entries"),
                                      QStringLiteral("frame=best_effort_timestamp_time,key_frame"),
                                      QStringLiteral("-of"), QStringLiteral("csv=p=0")});
    ProbedFrame result;
    if (start.isEmpty() || index >= frames.size()) {
        return result;
    }
    // "key_frame,best_effort_timestamp_time" per line.
    const QStringList fields = frames[static_cast<int>(index)].trimmed().split(QLatin1Char(','));
    if (fields.size() < 2) {
        return result;
    }
    bool time_ok = false;
    result.time_s = fields[1].toDouble(&time_ok) - start.front().trimmed().toDouble();
    result.is_key = fields[0] == QLatin1String("1");
    result.found = time_ok;
    return result;
}

struct Studio {
    QTemporaryDir dir;
    QSettings settings{dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat};
    StudioFlow flow{DecoderFrameSource::opener(), settings, AudioMode::Off};

    Studio() {
        flow.window()->resize(1100, 760);
        flow.window()->show();
        QVERIFY(QTest::qWaitForWindowExposed(flow.window()));
    }
    std::int64_t shown() const { return flow.playerPanel()->videoView()->frame().index; }
    // The exact frame, not a scrub proxy's picture of it (the studio builds a proxy of these
    // long-GOP files in the background, and a seek then shows the proxy's picture first).
    bool waitForFrame(std::int64_t index) {
        return QTest::qWaitFor(
            [&] { return shown() == index && !flow.playerPanel()->videoView()->frame().preview; },
            10'000);
    }
    void key(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
        QTest::keyClick(flow.window(), key, modifiers);
    }
};

}  // namespace

class TestPlayer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void keyboardSteppingShowsExactlyTheDecodersFrame() {
        Studio studio;
        QVERIFY(studio.flow.openVideo(kAvi));
        QVERIFY(studio.waitForFrame(0));
        for (int i = 0; i < 5; ++i) {
            studio.key(Qt::Key_Right);
        }
        QVERIFY(studio.waitForFrame(5));
        QCOMPARE(studio.flow.playerPanel()->videoView()->frame().image,
                 ffmpegReferenceFrame(kAvi, 5));
        studio.key(Qt::Key_Left);
        studio.key(Qt::Key_Comma);
        QVERIFY(studio.waitForFrame(3));
        QCOMPARE(studio.flow.playerPanel()->videoView()->frame().image,
                 ffmpegReferenceFrame(kAvi, 3));
        // Shift+Right: one second at 25 fps.
        studio.key(Qt::Key_Right, Qt::ShiftModifier);
        QVERIFY(studio.waitForFrame(28));
        studio.key(Qt::Key_Period);
        QVERIFY(studio.waitForFrame(29));
        QCOMPARE(studio.flow.playerPanel()->videoView()->frame().image,
                 ffmpegReferenceFrame(kAvi, 29));
        // The timeline's playhead and the status line follow the frame on screen.
        QCOMPARE(studio.flow.timeline()->playheadFrame(), std::int64_t{29});
        QVERIFY(
            studio.flow.playerPanel()->statusText().startsWith(QStringLiteral("Frame 29 / 130")));
        // What is painted is that frame: the middle of the view has the frame's colour there.
        VideoView* view = studio.flow.playerPanel()->videoView();
        const QImage painted = view->grab().toImage();
        const QRectF rect = view->videoRect();
        const QImage expected = ffmpegReferenceFrame(kAvi, 29).scaled(
            rect.size().toSize(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        int close = 0;
        int total = 0;
        for (int y = 20; y < expected.height() - 20; y += 17) {
            for (int x = 20; x < expected.width() - 20; x += 17) {
                const QColor a = painted.pixelColor(static_cast<int>(rect.x()) + x,
                                                    static_cast<int>(rect.y()) + y);
                const QColor b = expected.pixelColor(x, y);
                close += std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) +
                             std::abs(a.blue() - b.blue()) <
                         60;
                ++total;
            }
        }
        QVERIFY2(close > total * 9 / 10,
                 qPrintable(QStringLiteral("%1 of %2 close").arg(close).arg(total)));
    }

    void steppingBackOverAKeyFrameOnVp9() {
        Studio studio;
        QVERIFY(studio.flow.openVideo(kMkv));
        QVERIFY(studio.waitForFrame(0));
        studio.flow.player().seekFrame(150);
        QVERIFY(studio.waitForFrame(150));
        for (int i = 0; i < 4; ++i) {
            studio.key(Qt::Key_Left);
        }
        QVERIFY(studio.waitForFrame(146));
        QCOMPARE(studio.flow.playerPanel()->videoView()->frame().image,
                 ffmpegReferenceFrame(kMkv, 146));
        // Time and key flag as ffprobe reports picture 146 (seconds from the file's start).
        const ProbedFrame probed = probeFrame(kMkv, 146);
        QVERIFY(probed.found);
        QVERIFY2(std::abs(studio.flow.player().currentFrame().time_s - probed.time_s) < 1e-3,
                 qPrintable(QString::number(studio.flow.player().currentFrame().time_s)));
        QCOMPARE(studio.flow.player().currentFrame().key_frame, probed.is_key);
    }

    void rotatedVideoIsShownTurnedLikeFfmpegShowsIt() {
        // A landscape clip whose display matrix says "turn 90 degrees": phones write these.
        QTemporaryDir dir;
        const QString plain = dir.filePath(QStringLiteral("plain.mp4"));
        const QString rotated = dir.filePath(QStringLiteral("rotated.mp4"));
        QCOMPARE(
            QProcess::execute(QStringLiteral("ffmpeg"),
                              {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-f"),
                               QStringLiteral("lavfi"), QStringLiteral("-i"),
                               QStringLiteral("testsrc2=size=160x96:rate=25:duration=1"),
                               QStringLiteral("-c:v"), QStringLiteral("libx264"),
                               QStringLiteral("-pix_fmt"), QStringLiteral("yuv444p"), plain}),
            0);
        QCOMPARE(QProcess::execute(
                     QStringLiteral("ffmpeg"),
                     {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-i"), plain,
                      QStringLiteral("-c"), QStringLiteral("copy"),
                      QStringLiteral("-metadata:s:v:0"), QStringLiteral("rotate=90"), rotated}),
                 0);
        // ffmpeg's own picture of frame 7, turned by its autorotate.
        QProcess ffmpeg;
        ffmpeg.start(
            QStringLiteral("ffmpeg"),
            {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-i"), rotated,
             QStringLiteral("-vf"), QStringLiteral("select=eq(n\\,7)"), QStringLiteral("-frames:v"),
             QStringLiteral("1"), QStringLiteral("-pix_fmt"), QStringLiteral("rgb24"),
             QStringLiteral("-f"), QStringLiteral("rawvideo"), QStringLiteral("-")});
        QVERIFY(ffmpeg.waitForFinished(30'000));
        const QByteArray raw = ffmpeg.readAllStandardOutput();
        QCOMPARE(raw.size(), 96 * 160 * 3);

        Studio studio;
        QVERIFY(studio.flow.openVideo(rotated));
        QVERIFY(studio.waitForFrame(0));
        QCOMPARE(studio.flow.player().info().width, 96);
        QCOMPARE(studio.flow.player().info().height, 160);
        studio.flow.player().seekFrame(7);
        QVERIFY(studio.waitForFrame(7));
        const QImage shown = studio.flow.playerPanel()->videoView()->frame().image;
        QCOMPARE(shown.size(), QSize(96, 160));
        const QImage expected(reinterpret_cast<const uchar*>(raw.constData()), 96, 160, 96 * 3,
                              QImage::Format_RGB888);
        QCOMPARE(shown, expected.convertToFormat(QImage::Format_RGB32));
        // The view keeps the portrait shape: taller than wide on screen.
        const QRectF rect = studio.flow.playerPanel()->videoView()->videoRect();
        QVERIFY2(rect.height() > rect.width() * 1.5,
                 qPrintable(QStringLiteral("%1x%2").arg(rect.width()).arg(rect.height())));
    }

    void playbackAdvancesInOrderAndStopsOnTheLastFrame() {
        Studio studio;
        QVERIFY(studio.flow.openVideo(kAvi));
        QVERIFY(studio.waitForFrame(0));
        std::vector<std::int64_t> seen;
        QObject::connect(&studio.flow.player(), &PlayerEngine::frameShown,
                         [&](const DecodedFrame& frame) { seen.push_back(frame.index); });
        studio.flow.player().play(4.0);
        QVERIFY(studio.flow.player().isPlaying());
        QVERIFY(QTest::qWaitFor([&] { return !studio.flow.player().isPlaying(); }, 20'000));
        QCOMPARE(studio.shown(), std::int64_t{130});
        QVERIFY(std::is_sorted(seen.begin(), seen.end()));
        // Every frame after the first was either shown or counted as dropped, none lost.
        const PlaybackStats stats = studio.flow.player().stats();
        QVERIFY(seen.size() > 10);
        QCOMPARE(static_cast<std::int64_t>(seen.size()) + stats.frames_dropped, std::int64_t{130});
    }

    void jPlaysBackwardsAndKPauses() {
        Studio studio;
        QVERIFY(studio.flow.openVideo(kAvi));
        QVERIFY(studio.waitForFrame(0));
        studio.flow.player().seekFrame(60);
        QVERIFY(studio.waitForFrame(60));
        studio.key(Qt::Key_J);
        QVERIFY(studio.flow.player().speed() < 0);
        QVERIFY(QTest::qWaitFor([&] { return studio.shown() < 50; }, 10'000));
        studio.key(Qt::Key_K);
        QVERIFY(!studio.flow.player().isPlaying());
        const std::int64_t stopped = studio.shown();
        QTest::qWait(200);
        QCOMPARE(studio.shown(), stopped);
        // L twice: forwards at double speed.
        studio.key(Qt::Key_L);
        studio.key(Qt::Key_L);
        QCOMPARE(studio.flow.player().speed(), 2.0);
        studio.key(Qt::Key_K);
    }

    void captionOverlayFollowsThePlayheadAndToggles() {
        Studio studio;
        QVERIFY(studio.flow.openVideo(kAvi));
        QVERIFY(studio.waitForFrame(0));
        // Put a caption on frames [10, 20) of the captions track, through the (temporary)
        // project's journal as every edit goes.
        const TimelineModel* model = studio.flow.timeline()->model();
        QVERIFY(model != nullptr);
        QVERIFY(studio.flow.session() != nullptr && studio.flow.session()->isTemporary());
        std::int64_t captions = -1;
        for (int t = 0; t < model->trackCount(); ++t) {
            if (model->track(t).kind == TrackKind::Captions) {
                captions = model->track(t).id;
            }
        }
        QVERIFY(captions >= 0);
        studio.flow.session()->project().journal().apply(
            actbert::store::EditCommand::create(captions, 10, 20, "WWWWWWWWWWWWWWWW"), "test");
        VideoView* view = studio.flow.playerPanel()->videoView();
        const auto bottom = [&] {
            const QRect rect = view->videoRect().toRect();
            return view->grab().toImage().copy(rect.x(), rect.bottom() - rect.height() / 5,
                                               rect.width(), rect.height() / 5);
        };
        studio.flow.player().seekFrame(15);
        QVERIFY(studio.waitForFrame(15));
        const QImage with_caption = bottom();
        studio.key(Qt::Key_C, Qt::ShiftModifier);  // caption overlay off
        QVERIFY(!view->overlayEnabled(studio.flow.overlays().caption));
        const QImage without_caption = bottom();
        QVERIFY(with_caption != without_caption);
        studio.key(Qt::Key_C, Qt::ShiftModifier);
        QCOMPARE(bottom(), with_caption);
        // Past the caption's last frame the picture is the plain frame again.
        studio.flow.player().seekFrame(20);
        QVERIFY(studio.waitForFrame(20));
        studio.key(Qt::Key_C, Qt::ShiftModifier);
        const QImage plain_off = bottom();
        studio.key(Qt::Key_C, Qt::ShiftModifier);
        QCOMPARE(bottom(), plain_off);
    }

    void projectEditsGoThroughTheJournalAndSurviveARestart() {
        QTemporaryDir dir;
        const QString project = dir.filePath(QStringLiteral("p.actbert"));
        {
            Studio studio;
            QVERIFY(studio.flow.openProject(project, ProjectOpenMode::CreateNew));
            QVERIFY(studio.flow.openVideo(kAvi));
            QVERIFY(studio.waitForFrame(0));
            const TimelineModel* model = studio.flow.timeline()->model();
            QVERIFY(!studio.flow.session()->isTemporary());  // the project's, not a temporary one
            QCOMPARE(model->trackCount(), 3);
            QCOMPARE(model->items(0).size(), std::size_t{1});
            QCOMPARE(model->items(0).front().end_frame, std::int64_t{131});
            studio.flow.player().seekFrame(40);
            QVERIFY(studio.waitForFrame(40));
            studio.key(Qt::Key_B);
            QCOMPARE(model->items(0).size(), std::size_t{2});
            studio.flow.player().seekFrame(90);
            QVERIFY(studio.waitForFrame(90));
            studio.key(Qt::Key_B);
            QCOMPARE(model->items(0).size(), std::size_t{3});
            studio.key(Qt::Key_Z, Qt::ControlModifier);
            QCOMPARE(model->items(0).size(), std::size_t{2});
            QCOMPARE(model->items(0)[1].start_frame, std::int64_t{40});
            QCOMPARE(model->items(0)[1].end_frame, std::int64_t{131});

            // Region boxes stored for frame 12 are drawn on frame 12 only, and toggle.
            actbert::store::Project& store = studio.flow.session()->project();
            actbert::store::Track regions;
            regions.video_id = store.videos().list().front().id;
            regions.name = "detections";
            regions.kind = actbert::store::TrackKind::Regions;
            const std::int64_t regions_id = store.tracks().add(regions);
            actbert::store::RegionBox box;
            box.track_id = regions_id;
            box.frame = 12;
            box.x = 40;
            box.y = 40;
            box.width = 120;
            box.height = 100;
            box.class_label = "person";
            box.score = 0.87;
            store.regions().add({box});
            QCOMPARE(studio.flow.session()->regionsAt(12).size(), std::size_t{1});
            QCOMPARE(studio.flow.session()->regionsAt(13).size(), std::size_t{0});
            VideoView* view = studio.flow.playerPanel()->videoView();
            studio.flow.player().seekFrame(12);
            QVERIFY(studio.waitForFrame(12));
            const QImage with_box = view->grab().toImage();
            studio.key(Qt::Key_R, Qt::ShiftModifier);
            QVERIFY(!view->overlayEnabled(studio.flow.overlays().regions));
            const QImage without_box = view->grab().toImage();
            QVERIFY(with_box != without_box);
            // The box's left edge is where frame pixel x=40 lands on screen.
            const QRectF rect = view->videoRect();
            const QPoint edge(static_cast<int>(rect.x() + 40 * rect.width() / 320.0),
                              static_cast<int>(rect.y() + 90 * rect.height() / 240.0));
            QVERIFY(with_box.pixelColor(edge) != without_box.pixelColor(edge));
            studio.key(Qt::Key_R, Qt::ShiftModifier);
        }
        // A new studio on the same project: the edit is there, and its undo history too.
        Studio studio;
        QVERIFY(studio.flow.openProject(project, ProjectOpenMode::OpenExisting));
        QCOMPARE(studio.flow.videos().rowCount(), 1);
        QVERIFY(studio.flow.openVideo(kAvi));
        QVERIFY(studio.waitForFrame(0));
        const TimelineModel* model = studio.flow.timeline()->model();
        QCOMPARE(model->items(0).size(), std::size_t{2});
        studio.key(Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);  // redo the second split
        QCOMPARE(model->items(0).size(), std::size_t{3});
        studio.key(Qt::Key_Z, Qt::ControlModifier);
        studio.key(Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(model->items(0).size(), std::size_t{1});
        // A drag on the project's partition: one journaled edit, undone in one step.
        studio.flow.player().seekFrame(50);
        QVERIFY(studio.waitForFrame(50));
        studio.key(Qt::Key_B);
        QCOMPARE(model->items(0).size(), std::size_t{2});
        TimelineView* view = studio.flow.timeline();
        const QRect first = view->itemRect(0, model->items(0)[0].id);
        const QPoint grab(first.right() + 1, first.center().y());
        const QPoint drop(grab.x() - static_cast<int>(std::lround(10 * view->pixelsPerFrame())),
                          grab.y());
        QTest::mousePress(view->viewport(), Qt::LeftButton, Qt::NoModifier, grab);
        QTest::mouseMove(view->viewport(), drop);
        QTest::mouseRelease(view->viewport(), Qt::LeftButton, Qt::NoModifier, drop);
        QCOMPARE(model->items(0)[0].end_frame, std::int64_t{40});
        QCOMPARE(model->items(0)[1].start_frame, std::int64_t{40});
        studio.key(Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(model->items(0)[0].end_frame, std::int64_t{50});
    }

    void unreadableFileIsReportedNotCrashed() {
        Studio studio;
        QTemporaryDir dir;
        const QString junk = dir.filePath(QStringLiteral("junk.mp4"));
        QFile file(junk);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
        file.close();
        QString problem;
        QVERIFY(!studio.flow.openVideo(junk, &problem));
        QVERIFY(problem.contains(junk));
        QVERIFY(!studio.flow.player().isOpen());
    }
};

int runPlayerTests(int argc, char** argv) {
    TestPlayer test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_player.moc"
