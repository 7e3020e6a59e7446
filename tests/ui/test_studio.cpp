// The studio as a whole: the video list model (checked by QAbstractItemModelTester) with
// thumbnails made off the GUI thread, the settings dialog, the translations, and a smoke
// test that starts the real actbert-studio under Xvfb and checks its screenshot, and the
// --demo run that generates (then reuses) the synthetic demo and its project.

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QKeySequenceEdit>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <set>

#include "core/store/project.h"
#include "ui/jobs/jobbridge.h"
#include "ui/player/decoderframesource.h"
#include "ui/project/thumbnailloader.h"
#include "ui/project/videolistmodel.h"
#include "ui/settings/settingsdialog.h"
#include "ui/settings/studioactions.h"
#include "ui/settings/studiotranslator.h"
#include "uitests.h"

using namespace actbert::ui;

namespace {

const QString kAvi = QStringLiteral(ACTBERT_SHARED_DATA_DIR "/videos/paddle_example.avi");
const QString kMp4 = QStringLiteral(ACTBERT_SHARED_DATA_DIR "/videos/paddle_eivideo_example.mp4");

int distinctColours(const QImage& image) {
    std::set<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3) {
            colours.insert(image.pixel(x, y));
        }
    }
    return static_cast<int>(colours.size());
}

// Runs `actbert-studio --demo DIR --screenshot PNG --quit` on the offscreen platform.
bool runDemo(const QString& demo_dir, const QString& shot, const QString& config_dir,
             QByteArray* errors) {
    QProcess studio;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), config_dir);
    studio.setProcessEnvironment(env);
    studio.start(QStringLiteral(ACTBERT_STUDIO_PATH),
                 {QStringLiteral("--demo"), demo_dir, QStringLiteral("--screenshot"), shot,
                  QStringLiteral("--quit")});
    const bool finished = studio.waitForFinished(240'000);
    *errors = studio.readAllStandardError();
    return finished && studio.exitStatus() == QProcess::NormalExit && studio.exitCode() == 0;
}

std::map<QString, QDateTime> modificationTimes(const QString& dir) {
    std::map<QString, QDateTime> times;
    for (const QFileInfo& file : QDir(dir).entryInfoList(QDir::Files)) {
        times[file.fileName()] = file.lastModified();
    }
    return times;
}

}  // namespace

class TestStudio : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void videoListGetsThumbnailsFromAWorker() {
        VideoListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        actbert::jobs::JobRunner runner(actbert::jobs::JobRunnerOptions{2, 0});
        JobBridge bridge(runner);
        ThumbnailLoader loader(DecoderFrameSource::opener(), bridge);
        QObject::connect(&loader, &ThumbnailLoader::ready, &model,
                         [&](const QString& path, const QImage& thumbnail, qint64 frames,
                             double fps, const QString& problem) {
                             model.setDetails(path, thumbnail, frames, fps, problem);
                         });
        QTemporaryDir dir;
        const QString junk = dir.filePath(QStringLiteral("broken.avi"));
        QFile file(junk);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("RIFF0000AVI LIST");
        file.close();
        for (const QString& path : {kAvi, kMp4, junk}) {
            model.addVideo(path);
            loader.request(path);
        }
        QCOMPARE(model.addVideo(kAvi), 0);  // listed once
        QCOMPARE(model.rowCount(), 3);
        QVERIFY(QTest::qWaitFor(
            [&] {
                for (int row = 0; row < 3; ++row) {
                    if (model.entry(row).frame_count < 0 && model.entry(row).problem.isEmpty()) {
                        return false;
                    }
                }
                return true;
            },
            20'000));
        QCOMPARE(model.entry(0).frame_count, std::int64_t{131});
        QCOMPARE(model.entry(1).frame_count, std::int64_t{117});
        QCOMPARE(model.entry(0).thumbnail.width(), ThumbnailLoader::kThumbnailWidthPx);
        QVERIFY(!model.index(0).data(Qt::DecorationRole).isNull());
        QVERIFY(model.entry(0).problem.isEmpty());
        QVERIFY(!model.index(2).data(VideoListModel::ProblemRole).toString().isEmpty());
        QVERIFY(model.index(2)
                    .data(Qt::DisplayRole)
                    .toString()
                    .contains(QStringLiteral("cannot open")));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void settingsDialogRemapsAndRefusesConflicts() {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        StudioActions actions(settings);
        SettingsDialog dialog(actions, settings);
        const int split = static_cast<int>(ActionId::Split);
        const int merge = static_cast<int>(ActionId::Merge);
        dialog.shortcutEditor(split)->setKeySequence(QKeySequence(Qt::Key_M));
        QVERIFY(!dialog.apply());  // M is Merge's
        QCOMPARE(actions.action(ActionId::Split)->shortcut(), QKeySequence(Qt::Key_B));
        dialog.shortcutEditor(merge)->setKeySequence(QKeySequence(Qt::Key_G));
        dialog.languageBox()->setCurrentIndex(
            static_cast<int>(SettingsDialog::languageCodes().indexOf(QStringLiteral("de"))));
        QVERIFY(dialog.apply());
        QCOMPARE(actions.action(ActionId::Split)->shortcut(), QKeySequence(Qt::Key_M));
        QCOMPARE(actions.action(ActionId::Merge)->shortcut(), QKeySequence(Qt::Key_G));
        QCOMPARE(settings.value(SettingsDialog::languageKey()).toString(), QStringLiteral("de"));
        // Alternatives survive: Left stays bound to "," as well.
        QCOMPARE(actions.action(ActionId::StepBackward)->shortcuts().size(), 2);
    }

    void germanAndChineseTranslationsAreBuiltAndUsed() {
        StudioTranslator translator;
        const QString qm_dir = QStringLiteral(ACTBERT_STUDIO_BINARY_DIR);
        QVERIFY(translator.install(QStringLiteral("de"), qm_dir));
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        {
            StudioActions actions(settings);
            QCOMPARE(actions.action(ActionId::Split)->text(),
                     QStringLiteral("Am Abspielkopf teilen"));
        }
        QVERIFY(translator.install(QStringLiteral("zh_CN"), qm_dir));
        {
            StudioActions actions(settings);
            QCOMPARE(actions.action(ActionId::Split)->text(), QStringLiteral("在播放头处拆分"));
        }
        QVERIFY(!translator.install(QStringLiteral("fr"), qm_dir));
        translator.uninstall();
        StudioActions actions(settings);
        QCOMPARE(actions.action(ActionId::Split)->text(), QStringLiteral("Split at playhead"));
    }

    void studioStartsUnderXvfbAndScreenshotsTheRequestedFrame() {
        const QString xvfb_run = QStandardPaths::findExecutable(QStringLiteral("xvfb-run"));
        if (xvfb_run.isEmpty()) {
            QFAIL("xvfb-run is missing: install xvfb (packaging/install-deps.sh)");
        }
        QTemporaryDir dir;
        const QString shot = dir.filePath(QStringLiteral("shot.png"));
        QProcess studio;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));  // the real xcb platform, on Xvfb
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.path());
        studio.setProcessEnvironment(env);
        studio.start(xvfb_run, {QStringLiteral("-a"), QStringLiteral("-s"),
                                QStringLiteral("-screen 0 1280x800x24"),
                                QStringLiteral(ACTBERT_STUDIO_PATH), QStringLiteral("--open"), kAvi,
                                QStringLiteral("--seek-frame"), QStringLiteral("77"),
                                QStringLiteral("--screenshot"), shot, QStringLiteral("--quit")});
        QVERIFY(studio.waitForFinished(60'000));
        QVERIFY2(studio.exitCode() == 0, studio.readAllStandardError().constData());
        const QImage image(shot);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 800);
        // A real window with video: many colours, not a blank or single-colour picture.
        QVERIFY2(distinctColours(image) > 500, qPrintable(QString::number(distinctColours(image))));

        // A file that is not a video: a clear message and a failing exit status.
        QProcess bad;
        bad.setProcessEnvironment(env);
        bad.start(xvfb_run, {QStringLiteral("-a"), QStringLiteral(ACTBERT_STUDIO_PATH),
                             QStringLiteral("--open"), dir.filePath(QStringLiteral("missing.mp4")),
                             QStringLiteral("--quit")});
        QVERIFY(bad.waitForFinished(60'000));
        QCOMPARE(bad.exitCode(), 1);
        QVERIFY(bad.readAllStandardError().contains("missing.mp4"));
    }

    void demoIsGeneratedOnceAndOpensWithItsGroundTruth() {
        QTemporaryDir dir;
        const QString demo_dir = dir.filePath(QStringLiteral("demo"));
        const QString shot = dir.filePath(QStringLiteral("demo.png"));
        QByteArray errors;
        QVERIFY2(runDemo(demo_dir, shot, dir.path(), &errors), errors.constData());
        const QImage image(shot);
        QVERIFY(!image.isNull());
        QVERIFY2(distinctColours(image) > 500, qPrintable(QString::number(distinctColours(image))));

        const QString videos = demo_dir + QStringLiteral("/videos");
        const QStringList mp4s = QDir(videos).entryList({QStringLiteral("*.mp4")}, QDir::Files);
        QCOMPARE(mp4s.size(), 3);
        const QString project_path = demo_dir + QStringLiteral("/demo.actbert");
        QVERIFY(QFileInfo::exists(project_path));
        {
            // The project holds the videos with the imported steps and narration.
            actbert::store::Project project(project_path.toStdString(),
                                            actbert::store::Project::OpenMode::OpenExisting);
            QCOMPARE(project.videos().count(), 3);
            const auto first = project.videos().findByKey("synth_00000");
            QVERIFY(first.has_value());
            QVERIFY(QFileInfo::exists(QString::fromStdString(first->path)));
            bool has_steps = false;
            bool has_narration = false;
            for (const auto& track : project.tracks().forVideo(first->id)) {
                const std::int64_t items = project.items().count(track.id);
                has_steps |= track.kind != actbert::store::TrackKind::Captions && items > 0;
                has_narration |= track.kind == actbert::store::TrackKind::Captions && items > 0;
            }
            QVERIFY(has_steps);
            QVERIFY(has_narration);
        }

        // A second run reuses everything: no video or data-set file is written again.
        const auto videos_before = modificationTimes(videos);
        const auto top_before = modificationTimes(demo_dir);
        QVERIFY(QFile::remove(shot));
        QVERIFY2(runDemo(demo_dir, shot, dir.path(), &errors), errors.constData());
        QVERIFY(!QImage(shot).isNull());
        QVERIFY(modificationTimes(videos) == videos_before);
        QCOMPARE(top_before.count(QStringLiteral("coin.json")), std::size_t{1});
        QVERIFY(modificationTimes(demo_dir).at(QStringLiteral("coin.json")) ==
                top_before.at(QStringLiteral("coin.json")));
    }
};

int runStudioTests(int argc, char** argv) {
    TestStudio test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_studio.moc"
