// The studio's side of core/jobs: the bridge that brings job statuses to the GUI thread never
// re-enters a handler (not even from a nested event loop) and delivers each job's end once
// and last; an owner's JobGroup outlives no callback; the Jobs panel lists jobs with their
// progress, time left and log and cancels them; opening a video runs off the GUI thread and
// saves its frame index, so a second open (or a copy of the file) reads it instead of
// scanning, and a corrupt saved index is rebuilt with a warning.

#include <QFile>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTreeWidget>

#include <atomic>
#include <filesystem>
#include <memory>

#include "core/common/error.h"
#include "core/features/content_hash.h"
#include "core/jobs/job_group.h"
#include "core/jobs/job_runner.h"
#include "core/video/frame_index.h"
#include "core/video/frame_index_cache.h"
#include "ui/jobs/jobbridge.h"
#include "ui/jobs/jobspanel.h"
#include "ui/mainwindow.h"
#include "ui/player/decoderframesource.h"
#include "ui/player/playerengine.h"
#include "ui/project/thumbnailloader.h"
#include "ui/studioflow.h"
#include "uitests.h"

using namespace actbert::ui;
namespace jobs = actbert::jobs;
namespace video = actbert::video;

namespace {

const QString kAvi = QStringLiteral(ACTBERT_SHARED_DATA_DIR "/videos/paddle_example.avi");

// Work that reports once, waits for `go`, then reports `steps` progress values and returns.
jobs::JobSpec reportingJob(int steps, std::shared_ptr<std::atomic<bool>> go) {
    jobs::JobSpec spec;
    spec.kind = "test";
    spec.work = [steps, go](const jobs::JobCallbacks& callbacks) {
        callbacks.report("step", "waiting", 0.0);
        while (!go->load()) {
            QThread::msleep(1);
        }
        for (int i = 1; i <= steps; ++i) {
            callbacks.report("step", "step " + std::to_string(i), double(i) / steps);
        }
    };
    return spec;
}

// Work that logs a line, reports half done, then waits until it is cancelled.
jobs::JobSpec waitingJob() {
    jobs::JobSpec spec;
    spec.kind = "test";
    spec.owner = "waiting";
    spec.work = [](const jobs::JobCallbacks& callbacks) {
        callbacks.logLine("started waiting");
        callbacks.report("wait", "waiting for cancel", 0.5);
        while (!callbacks.isCancelled()) {
            QThread::msleep(1);
        }
        callbacks.throwIfCancelled();
    };
    return spec;
}

// An owner as the rule says: the JobGroup is its last member.
struct Owner : QObject {
    explicit Owner(jobs::JobRunner& runner) : group(runner) {}
    std::vector<jobs::JobState> seen;
    jobs::JobGroup group;
};

struct Studio {
    QTemporaryDir dir;
    QSettings settings{dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat};
    std::shared_ptr<video::FrameIndexCache> cache = std::make_shared<video::FrameIndexCache>(
        std::filesystem::path(dir.filePath(QStringLiteral("cache")).toStdString()));
    StudioFlow flow{DecoderFrameSource::opener(cache), settings, AudioMode::Off};
};

}  // namespace

class TestJobsUi : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void bridgeNeverReentersAHandlerAndEndsLast() {
        jobs::JobRunner runner(jobs::JobRunnerOptions{2, 0});
        JobBridge bridge(runner);
        jobs::JobGroup group(runner);
        QObject context;
        int depth = 0;
        int deepest = 0;
        int calls = 0;
        int ends = 0;
        int calls_after_end = 0;
        bool ended_while_nested = false;
        jobs::JobId id = 0;
        auto go = std::make_shared<std::atomic<bool>>(false);
        id = bridge.submit(
            group, reportingJob(200, go), &context, [&](const jobs::JobStatus& status) {
                go->store(true);  // the job cannot end before the first delivery
                ++depth;
                deepest = std::max(deepest, depth);
                calls_after_end += ends > 0 ? 1 : 0;
                ++calls;
                if (status.isEnded()) {
                    ++ends;
                } else if (calls == 1) {
                    // A nested event loop inside the handler, as a modal dialog's setValue runs:
                    // the job ends meanwhile, yet nothing is delivered to any handler until this
                    // one returns.
                    ended_while_nested =
                        QTest::qWaitFor([&] { return runner.status(id)->isEnded(); }, 30'000);
                    QTest::qWait(20);
                }
                --depth;
            });
        QVERIFY(QTest::qWaitFor([&] { return ends > 0; }, 30'000));
        QTest::qWait(20);
        QVERIFY(ended_while_nested);
        QCOMPARE(deepest, 1);
        QCOMPARE(ends, 1);
        QCOMPARE(calls_after_end, 0);
    }

    void ownerDestructionWaitsAndDropsItsHandler() {
        jobs::JobRunner runner(jobs::JobRunnerOptions{2, 0});
        JobBridge bridge(runner);
        auto owner = std::make_unique<Owner>(runner);
        Owner* raw = owner.get();
        const jobs::JobId id = bridge.submit(
            owner->group, waitingJob(), owner.get(),
            [raw](const jobs::JobStatus& status) { raw->seen.push_back(status.state); });
        QVERIFY(QTest::qWaitFor([&] { return runner.status(id)->state == jobs::JobState::Running; },
                                30'000));
        // The group (last member) cancels the job and waits for it before the owner is gone.
        owner.reset();
        QCOMPARE(runner.status(id)->state, jobs::JobState::Cancelled);
        // The end is still queued for the bridge: it must not reach the dead owner.
        bridge.flush();
        QTest::qWait(20);
    }

    void panelShowsProgressLogAndCancels() {
        jobs::JobRunner runner(jobs::JobRunnerOptions{2, 0});
        JobBridge bridge(runner);
        JobsPanel panel(bridge);
        panel.show();
        jobs::JobGroup group(runner);
        const jobs::JobId id = bridge.submit(group, waitingJob(), &panel, {});
        QVERIFY(QTest::qWaitFor(
            [&] {
                QTreeWidgetItem* row = panel.rowOf(id);
                return row != nullptr &&
                       row->text(JobsPanel::MessageColumn) == QLatin1String("waiting for cancel");
            },
            30'000));
        QTreeWidgetItem* row = panel.rowOf(id);
        QVERIFY(row != nullptr);
        QCOMPARE(row->text(JobsPanel::StateColumn), JobsPanel::stateTitle(jobs::JobState::Running));
        QVERIFY(!row->text(JobsPanel::TimeLeftColumn).isEmpty());  // half done: an estimate
        panel.select(id);
        QVERIFY(panel.logView()->toPlainText().contains(QStringLiteral("started waiting")));
        QVERIFY(panel.cancelButton()->isEnabled());
        panel.cancelButton()->click();
        QVERIFY(QTest::qWaitFor(
            [&] {
                return panel.rowOf(id)->text(JobsPanel::StateColumn) ==
                       JobsPanel::stateTitle(jobs::JobState::Cancelled);
            },
            30'000));
        QVERIFY(!panel.cancelButton()->isEnabled());
        QCOMPARE(panel.jobCount(), 1);
    }

    void studioDocksTheJobsPanelAndListsTheOpen() {
        Studio studio;
        JobsPanel* panel = studio.flow.jobsPanel();
        QVERIFY(panel != nullptr);
        QCOMPARE(studio.flow.window()->findChild<JobsPanel*>(), panel);
        QVERIFY(studio.flow.openVideo(kAvi));
        studio.flow.thumbnails().waitForDone();
        studio.flow.jobBridge().flush();
        QStringList kinds;
        for (int i = 0; i < panel->jobCount(); ++i) {
            kinds.append(
                panel->findChild<QTreeWidget*>()->topLevelItem(i)->text(JobsPanel::KindColumn));
        }
        QVERIFY2(kinds.contains(JobsPanel::kindTitle("open-video")), qPrintable(kinds.join(',')));
        QVERIFY2(kinds.contains(JobsPanel::kindTitle("thumbnail")), qPrintable(kinds.join(',')));
    }

    void openingRunsTheOpenerOffTheGuiThread() {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        std::atomic<int> on_gui_thread{0};
        std::atomic<int> opens{0};
        const FrameSourceOpener plain = DecoderFrameSource::opener(nullptr);
        StudioFlow flow(
            [&](const QString& path) {
                ++opens;
                on_gui_thread += QThread::currentThread() == qApp->thread() ? 1 : 0;
                return plain(path);
            },
            settings, AudioMode::Off);
        QVERIFY(flow.openVideo(kAvi));
        flow.thumbnails().waitForDone();
        QCOMPARE(opens.load(), 2);  // the player's and the thumbnail's
        QCOMPARE(on_gui_thread.load(), 0);
        QVERIFY(flow.player().isOpen());
    }

    void secondOpenReadsTheSavedIndex() {
        Studio studio;
        QVERIFY(studio.flow.openVideo(kAvi));
        studio.flow.thumbnails().waitForDone();
        // The open scanned the file once and saved it; the thumbnail read the saved index.
        QCOMPARE(studio.cache->counts().built, 1);
        QCOMPARE(studio.cache->counts().loaded, 1);
        const std::filesystem::path saved =
            studio.cache->indexPath(actbert::features::hashFileContent(kAvi.toStdString()));
        QVERIFY(std::filesystem::exists(saved));
        const std::int64_t frames = studio.flow.player().info().frame_count;
        QCOMPARE(video::FrameIndex::load(saved).size(), frames);

        // A second studio on the same cache opens the video without scanning it.
        Studio again;
        again.cache = studio.cache;
        StudioFlow second(DecoderFrameSource::opener(studio.cache), again.settings, AudioMode::Off);
        QVERIFY(second.openVideo(kAvi));
        second.thumbnails().waitForDone();
        QCOMPARE(studio.cache->counts().built, 1);
        QCOMPARE(studio.cache->counts().loaded, 3);
        QCOMPARE(second.player().info().frame_count, frames);

        // A copy under another name has the same content: its index is found too.
        const QString copy = studio.dir.filePath(QStringLiteral("copy.avi"));
        QVERIFY(QFile::copy(kAvi, copy));
        QVERIFY(second.openVideo(copy));
        QCOMPARE(studio.cache->counts().built, 1);
    }

    void corruptSavedIndexIsRebuiltWithAWarning() {
        Studio studio;
        QVERIFY(studio.flow.openVideo(kAvi));
        studio.flow.thumbnails().waitForDone();
        const std::filesystem::path saved =
            studio.cache->indexPath(actbert::features::hashFileContent(kAvi.toStdString()));
        {
            QFile file(QString::fromStdString(saved.string()));
            QVERIFY(file.open(QIODevice::ReadWrite));
            file.seek(file.size() / 2);
            file.write("garbage in the middle of the saved index");
        }
        QVERIFY_THROWS_EXCEPTION(actbert::Error, video::FrameIndex::load(saved));
        const auto built_before = studio.cache->counts().built;
        QString problem;
        QVERIFY2(studio.flow.openVideo(kAvi, &problem), qPrintable(problem));
        QCOMPARE(studio.cache->counts().built, built_before + 1);
        const QString status = studio.flow.window()->statusBar()->currentMessage();
        QVERIFY2(status.contains(QString::fromStdString(saved.string())), qPrintable(status));
        QVERIFY2(status.contains(QStringLiteral("again")), qPrintable(status));
        // Replaced by a good one.
        QCOMPARE(video::FrameIndex::load(saved).size(), studio.flow.player().info().frame_count);
    }

    void openingAFileThatIsNoVideoFailsInTheJob() {
        Studio studio;
        const QString junk = studio.dir.filePath(QStringLiteral("junk.mp4"));
        QFile file(junk);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
        file.close();
        QString problem;
        QVERIFY(!studio.flow.openVideo(junk, &problem));
        QVERIFY(problem.contains(junk));
        QVERIFY(!studio.flow.isOpeningVideo());
        // Nothing was saved for it.
        QCOMPARE(studio.cache->counts().built, 0);
    }
};

int runJobsUiTests(int argc, char** argv) {
    TestJobsUi test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_jobs_ui.moc"
