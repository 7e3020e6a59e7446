// File > Import / Export and bulk accept, driven through the real StudioFlow with the file
// dialogs bypassed (an injected path provider) and errors collected instead of shown: real
// data-set files from ../shared/data go into a project, the video list and the open video's
// timeline follow, a malformed file or a cancel leaves the project exactly as it was, an
// export runs on a worker and reads back the same, a cancelled or failed export leaves no
// file (and an existing one untouched), and a bulk accept is one undo step that survives a
// restart.

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QInputDialog>
#include <QMenu>
#include <QProgressDialog>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <map>
#include <thread>
#include <tuple>

#include "core/data/annotation_formats.h"
#include "core/store/project.h"
#include "ui/mainwindow.h"
#include "ui/player/decoderframesource.h"
#include "ui/project/importexportflow.h"
#include "ui/project/projectsession.h"
#include "ui/project/storetimelinemodel.h"
#include "ui/project/videolistmodel.h"
#include "ui/settings/studioactions.h"
#include "ui/studioflow.h"
#include "ui/timeline/timelinegeometry.h"
#include "ui/timeline/timelineview.h"
#include "uitests.h"

using namespace actbert::ui;
namespace store = actbert::store;

namespace {

const QString kAvi = QStringLiteral(ACTBERT_SHARED_DATA_DIR "/videos/paddle_example.avi");
const QString kMkv = QStringLiteral(ACTBERT_SHARED_DATA_DIR "/videos/mpcqt_test.mkv");
const QString kCaptions = QStringLiteral(ACTBERT_SHARED_DATA_DIR "/annotations/howto100m_captions");
const QString kYouCook2 =
    QStringLiteral(ACTBERT_SHARED_DATA_DIR "/annotations/youcookii_annotations_trainval.json");

// Rows of a CSV file after its header, counted independently of core/data's reader.
int csvRows(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return -1;
    }
    int lines = 0;
    for (const QByteArray& line : file.readAll().split('\n')) {
        lines += line.trimmed().isEmpty() ? 0 : 1;
    }
    return lines - 1;
}

void writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
}

// Everything a project holds about items, read through a connection of its own, keyed by
// video key and track name: (start frame, end frame, label, review state) per item.
using ProjectContent =
    std::map<std::pair<std::string, std::string>,
             std::vector<std::tuple<std::int64_t, std::int64_t, std::string, store::ReviewState>>>;

ProjectContent contentOf(const QString& path) {
    store::Project project(path.toStdString(), store::Project::OpenMode::OpenExisting);
    ProjectContent content;
    for (const store::Video& video : project.videos().list()) {
        for (const store::Track& track : project.tracks().forVideo(video.id)) {
            auto& items = content[{video.key, track.name}];
            for (const store::Item& item : project.items().forTrack(track.id)) {
                items.emplace_back(item.start_frame, item.end_frame, item.label, item.review_state);
            }
        }
    }
    return content;
}

// Answers the next popup menu or modal dialog of type T (which runs its own event loop) once
// it is open.
template <typename T>
void answerNext(std::function<void(T*)> answer) {
    auto* poll = new QTimer;
    QObject::connect(poll, &QTimer::timeout, poll, [poll, answer] {
        QWidget* open = QApplication::activePopupWidget() != nullptr
                            ? QApplication::activePopupWidget()
                            : QApplication::activeModalWidget();
        if (auto* widget = qobject_cast<T*>(open)) {
            poll->stop();
            poll->deleteLater();
            answer(widget);
        }
    });
    poll->start(10);
}

struct Studio {
    QTemporaryDir dir;
    QSettings settings{dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat};
    StudioFlow flow{DecoderFrameSource::opener(), settings, AudioMode::Off};
    QStringList next_paths;  // what the "file dialog" answers next
    QStringList errors;
    std::optional<ImportOutcome> outcome;
    std::optional<ExportOutcome> export_outcome;

    Studio() {
        ImportExportFlow& io = flow.importExport();
        io.setPathProvider(
            [this](TransferDirection, const AnnotationFormatEntry&) { return next_paths; });
        io.setErrorSink([this](const QString& message) { errors.append(message); });
        QObject::connect(&io, &ImportExportFlow::importFinished, &io,
                         [this](const ImportOutcome& finished) { outcome = finished; });
        QObject::connect(&io, &ImportExportFlow::exportFinished, &io,
                         [this](const ExportOutcome& finished) { export_outcome = finished; });
    }
    QString projectPath() const { return dir.filePath(QStringLiteral("p.actbert")); }
    bool createProject() { return flow.openProject(projectPath(), ProjectOpenMode::CreateNew); }
    // The menu entry of a format, as the user would pick it.
    QAction* menuEntry(QMenu* menu, const char* format) const {
        for (QAction* action : menu->actions()) {
            if (action->data().toString() == QLatin1String(format)) {
                return action;
            }
        }
        return nullptr;
    }
    QMenu* importMenu() const { return flow.window()->windowActions().import_menu; }
    QMenu* exportMenu() const { return flow.window()->windowActions().export_menu; }
    // Picks File > Import > format with the dialog answering `paths`; waits for the worker.
    bool importThroughMenu(const char* format, const QStringList& paths) {
        QAction* entry = menuEntry(importMenu(), format);
        if (entry == nullptr || !entry->isEnabled()) {
            return false;
        }
        outcome.reset();
        next_paths = paths;
        entry->trigger();
        return QTest::qWaitFor([&] { return outcome.has_value(); }, 120'000);
    }
    // Exports `format` to `path` as the menu entry does after its dialog; waits for the worker.
    bool exportAndWait(const char* format, const QString& path) {
        export_outcome.reset();
        if (!flow.importExport().exportTo(format, path)) {
            return false;
        }
        return QTest::qWaitFor([&] { return export_outcome.has_value(); }, 120'000);
    }
    // The progress dialog on screen now (a closed one may wait for its deferred delete).
    QProgressDialog* openProgressDialog() const {
        for (auto* dialog : flow.window()->findChildren<QProgressDialog*>()) {
            if (dialog->isVisible() && !dialog->wasCanceled()) {
                return dialog;
            }
        }
        return nullptr;
    }
};

QByteArray fileBytes(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

// Files in `folder` whose names start with `prefix` (the target and any temporary sibling).
int filesStartingWith(const QString& folder, const QString& prefix) {
    return static_cast<int>(
        QDir(folder).entryList({prefix + QLatin1Char('*')}, QDir::Files | QDir::Hidden).size());
}

}  // namespace

class TestImportExport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void menusOfferEveryFormatOnlyWithAProject() {
        Studio studio;
        for (QMenu* menu : {studio.importMenu(), studio.exportMenu()}) {
            // Without a project the first line says why the formats are disabled.
            QVERIFY(!menu->actions().isEmpty());
            QAction* note = menu->actions().front();
            QVERIFY(!note->isEnabled());
            QVERIFY(note->text().contains(QStringLiteral("project")));
            int formats = 0;
            for (QAction* action : menu->actions()) {
                if (!action->data().toString().isEmpty()) {
                    ++formats;
                    QVERIFY(!action->isEnabled());
                }
            }
            // Every format core/data knows (11 today), so a format added there must show here.
            QCOMPARE(static_cast<std::size_t>(formats),
                     actbert::data::AnnotationFormats::names().size());
        }
        QVERIFY(studio.createProject());
        QCOMPARE(actbert::data::AnnotationFormats::names().size(), std::size_t{11});
        for (const std::string& format : actbert::data::AnnotationFormats::names()) {
            for (QMenu* menu : {studio.importMenu(), studio.exportMenu()}) {
                QAction* entry = studio.menuEntry(menu, format.c_str());
                QVERIFY2(entry != nullptr && entry->isEnabled(), format.c_str());
            }
        }
        QVERIFY(!studio.importMenu()->actions().front()->text().contains(
            QStringLiteral("Open or create")));
    }

    void importsRealHowTo100mCaptionsIntoTheVideoList() {
        Studio studio;
        QVERIFY(studio.createProject());
        const QString first = kCaptions + QStringLiteral("/2Mn5sVpFDTg.csv");
        const QString second = kCaptions + QStringLiteral("/2_MmPmFxGCo.csv");
        QVERIFY(studio.importThroughMenu("howto100m", {first, second}));
        QVERIFY2(studio.outcome->status == ImportOutcome::Status::Imported,
                 qPrintable(studio.outcome->message));
        QVERIFY(studio.errors.isEmpty());
        QCOMPARE(studio.outcome->videos_added, std::int64_t{2});
        // The list shows the new videos by key, saying there is no file to play.
        VideoListModel& videos = studio.flow.videos();
        QCOMPARE(videos.rowCount(), 2);
        for (const char* key : {"2Mn5sVpFDTg", "2_MmPmFxGCo"}) {
            const int row = videos.rowOf(QString::fromLatin1(key));
            QVERIFY2(row >= 0, key);
            QVERIFY(!videos.entry(row).problem.isEmpty());
        }
        const ProjectContent content = contentOf(studio.projectPath());
        std::size_t first_items = 0;
        std::size_t second_items = 0;
        for (const auto& [where, items] : content) {
            (where.first == "2Mn5sVpFDTg" ? first_items : second_items) += items.size();
        }
        QCOMPARE(static_cast<int>(first_items), csvRows(first));
        QCOMPARE(static_cast<int>(second_items), csvRows(second));
    }

    void subtitlesGoOntoTheOpenVideosTimeline() {
        Studio studio;
        QVERIFY(studio.createProject());
        QVERIFY(studio.flow.openVideo(kAvi));
        const TimelineModel* model = studio.flow.timeline()->model();
        QVERIFY(model != nullptr);
        const int tracks_before = model->trackCount();
        const QString srt = studio.dir.filePath(QStringLiteral("talk.srt"));
        writeFile(srt,
                  "1\n00:00:00,000 --> 00:00:01,000\ncrack the eggs\n\n"
                  "2\n00:00:01,500 --> 00:00:02,500\nwhisk\n\n"
                  "3\n00:00:03,000 --> 00:00:04,000\npour into the pan\n");
        QVERIFY(studio.importThroughMenu("srt", {srt}));
        QVERIFY2(studio.outcome->status == ImportOutcome::Status::Imported,
                 qPrintable(studio.outcome->message));
        // No new video: the cues belong to the video on screen, whose timeline shows them.
        QCOMPARE(studio.outcome->videos_added, std::int64_t{0});
        QCOMPARE(studio.flow.videos().rowCount(), 1);
        model = studio.flow.timeline()->model();
        QCOMPARE(model->trackCount(), tracks_before + 1);
        const auto& items = model->items(model->trackCount() - 1);
        QCOMPARE(items.size(), std::size_t{3});
        QCOMPARE(items[1].label, QStringLiteral("whisk"));
        // paddle_example.avi runs at 25 fps: 1.5 s is frame 37 or 38 depending on rounding.
        QVERIFY(items[1].start_frame == 37 || items[1].start_frame == 38);
    }

    void embeddedSubtitleStreamsAreNarrationSources() {
        Studio studio;
        QMenu* subtitles = studio.flow.importExport().subtitleMenu();
        QVERIFY(studio.importMenu()->actions().contains(subtitles->menuAction()));
        // Listed as the menu opens; until something can be imported, one disabled line says why.
        const auto listed = [&] {
            Q_EMIT subtitles->aboutToShow();
            return subtitles->actions();
        };
        const auto onlyNote = [&](const QString& reason) {
            const QList<QAction*> actions = listed();
            return actions.size() == 1 && !actions[0]->isEnabled() &&
                   actions[0]->text().contains(reason);
        };
        QVERIFY(onlyNote(QStringLiteral("Open or create a project")));
        QVERIFY(studio.createProject());
        QVERIFY(onlyNote(QStringLiteral("Open a video")));
        QVERIFY(studio.flow.openVideo(kAvi));
        QVERIFY(onlyNote(QStringLiteral("paddle_example.avi has no subtitle streams")));

        // mpcqt_test.mkv carries three SRT streams in three languages (ffprobe: 2 eng, 3 spa,
        // 4 fre).
        QVERIFY(studio.flow.openVideo(kMkv));
        const TimelineModel* model = studio.flow.timeline()->model();
        const int tracks_before = model->trackCount();
        QStringList texts;
        QAction* spanish = nullptr;
        for (QAction* action : listed()) {
            QVERIFY(action->isEnabled());
            texts.append(action->text());
            if (action->data().toInt() == 3) {
                spanish = action;
            }
        }
        QCOMPARE(texts, (QStringList{QStringLiteral("Stream 2: English (eng), subrip"),
                                     QStringLiteral("Stream 3: Spanish (spa), subrip"),
                                     QStringLiteral("Stream 4: French (fre), subrip")}));
        QVERIFY(spanish != nullptr);
        studio.outcome.reset();
        spanish->trigger();
        QVERIFY(QTest::qWaitFor([&] { return studio.outcome.has_value(); }, 120'000));
        QVERIFY2(studio.outcome->status == ImportOutcome::Status::Imported,
                 qPrintable(studio.outcome->message));
        QVERIFY(studio.errors.isEmpty());
        // The cues belong to the video on screen (no new video) and its timeline shows them.
        QCOMPARE(studio.outcome->videos_added, std::int64_t{0});
        QCOMPARE(studio.outcome->items_added, std::int64_t{2});
        model = studio.flow.timeline()->model();
        QCOMPARE(model->trackCount(), tracks_before + 1);
        const ProjectContent content = contentOf(studio.projectPath());
        const auto track = content.find({"mpcqt_test.mkv", "subtitles-spa"});
        QVERIFY(track != content.end());
        QCOMPARE(track->second.size(), std::size_t{2});
        // The texts as `ffmpeg -map 0:3 out.srt` writes them.
        QCOMPARE(std::get<2>(track->second[0]),
                 std::string("Un zorro rojo (Vulpes vulpes) atrapando un rat\u00f3n cerca de la "
                             "villa de Belu\u0161a, Eslovaquia"));
        QCOMPARE(std::get<2>(track->second[1]), std::string("Autor: Lubo Ondrasko"));
        {
            store::Project project(studio.projectPath().toStdString(),
                                   store::Project::OpenMode::OpenExisting);
            const auto video = project.videos().findByKey("mpcqt_test.mkv");
            const auto stored = project.tracks().findByName(video->id, "subtitles-spa");
            QVERIFY(stored->kind == store::TrackKind::Captions);
            QCOMPARE(project.items().forTrack(stored->id).at(0).start_s, 1.807);
        }

        // The same stream again would clash with its track: the error names it, nothing changes.
        studio.outcome.reset();
        listed().at(1)->trigger();
        QVERIFY(QTest::qWaitFor([&] { return studio.outcome.has_value(); }, 120'000));
        QVERIFY(studio.outcome->status == ImportOutcome::Status::Failed);
        QCOMPARE(studio.errors.size(), 1);
        QVERIFY2(studio.errors[0].contains(QStringLiteral("subtitles-spa")),
                 qPrintable(studio.errors[0]));
        QCOMPARE(contentOf(studio.projectPath()), content);
    }

    void malformedFilesNameTheFileAndChangeNothing() {
        Studio studio;
        QVERIFY(studio.createProject());
        const QString existing = kCaptions + QStringLiteral("/2Mn5sVpFDTg.csv");
        QVERIFY(studio.importThroughMenu("howto100m", {existing}));
        QVERIFY(studio.outcome->status == ImportOutcome::Status::Imported);
        const ProjectContent before = contentOf(studio.projectPath());

        // A reader error: the cue's times cannot be parsed.
        const QString bad = studio.dir.filePath(QStringLiteral("broken_cues.srt"));
        writeFile(bad, "1\n00:00:01,000 --> not a time\nhello\n");
        QVERIFY(studio.importThroughMenu("srt", {bad}));
        QCOMPARE(studio.outcome->status, ImportOutcome::Status::Failed);
        QCOMPARE(studio.errors.size(), 1);
        QVERIFY2(studio.errors.front().contains(QStringLiteral("broken_cues.srt")),
                 qPrintable(studio.errors.front()));
        QVERIFY(contentOf(studio.projectPath()) == before);

        // An import error after part of the work was written: a new video is added, then the
        // second file's video already has that track. The transaction takes the first back.
        const QString fresh = kCaptions + QStringLiteral("/3lL8XUUWg_Q.csv");
        QVERIFY(studio.importThroughMenu("howto100m", {fresh, existing}));
        QCOMPARE(studio.outcome->status, ImportOutcome::Status::Failed);
        QCOMPARE(studio.errors.size(), 2);
        QVERIFY2(studio.errors.back().contains(QStringLiteral("2Mn5sVpFDTg")),
                 qPrintable(studio.errors.back()));
        QVERIFY(contentOf(studio.projectPath()) == before);
        QCOMPARE(studio.flow.videos().rowCount(), 1);
    }

    void exportReadsBackTheSame() {
        Studio studio;
        QVERIFY(studio.createProject());
        QVERIFY(studio.importThroughMenu("howto100m",
                                         {kCaptions + QStringLiteral("/2Mn5sVpFDTg.csv"),
                                          kCaptions + QStringLiteral("/2_MmPmFxGCo.csv")}));
        QVERIFY(studio.outcome->status == ImportOutcome::Status::Imported);
        const ProjectContent original = contentOf(studio.projectPath());

        // A name typed without extension gets the format's; the file is written by the worker
        // thread, not the GUI thread.
        const QString out = studio.dir.filePath(QStringLiteral("all.json"));
        studio.next_paths = {studio.dir.filePath(QStringLiteral("all"))};
        const std::thread::id gui_thread = std::this_thread::get_id();
        std::atomic<int> writing_reports{0};
        std::atomic<int> writing_on_gui_thread{0};
        studio.flow.importExport().setProgressListener([&](double, const std::string& message) {
            if (message == "writing") {
                ++writing_reports;
                writing_on_gui_thread += std::this_thread::get_id() == gui_thread ? 1 : 0;
            }
        });
        QAction* entry = studio.menuEntry(studio.exportMenu(), "json");
        QVERIFY(entry != nullptr);
        studio.export_outcome.reset();
        entry->trigger();
        QVERIFY(QTest::qWaitFor([&] { return studio.export_outcome.has_value(); }, 120'000));
        studio.flow.importExport().setProgressListener({});
        QVERIFY2(studio.export_outcome->status == ExportOutcome::Status::Exported,
                 qPrintable(studio.export_outcome->message));
        QCOMPARE(studio.export_outcome->path, out);
        QVERIFY(studio.export_outcome->items_exported > 0);
        QVERIFY2(studio.errors.isEmpty(), qPrintable(studio.errors.join('\n')));
        QVERIFY(writing_reports.load() > 0);
        QCOMPARE(writing_on_gui_thread.load(), 0);
        QVERIFY(QFile::exists(out));
        // Nothing but the file itself is left in the folder (the write was atomic).
        QCOMPARE(filesStartingWith(studio.dir.path(), QStringLiteral("all.json")), 1);

        const QString copy = studio.dir.filePath(QStringLiteral("copy.actbert"));
        QVERIFY(studio.flow.openProject(copy, ProjectOpenMode::CreateNew));
        QVERIFY(studio.importThroughMenu("json", {out}));
        QVERIFY2(studio.outcome->status == ImportOutcome::Status::Imported,
                 qPrintable(studio.outcome->message));
        QVERIFY(!original.empty());
        QVERIFY(contentOf(copy) == original);
    }

    void failedExportNamesThePathAndLeavesNoFile() {
        Studio studio;
        QVERIFY(studio.createProject());
        QVERIFY(studio.importThroughMenu("howto100m",
                                         {kCaptions + QStringLiteral("/2Mn5sVpFDTg.csv")}));
        QVERIFY(studio.outcome->status == ImportOutcome::Status::Imported);
        // A "folder" that is a file cannot be written into, whoever runs the test (root
        // ignores permission bits).
        const QString not_a_folder = studio.dir.filePath(QStringLiteral("notafolder"));
        writeFile(not_a_folder, "a plain file\n");
        const QString target = not_a_folder + QStringLiteral("/x.json");
        QVERIFY(studio.exportAndWait("json", target));
        QCOMPARE(studio.export_outcome->status, ExportOutcome::Status::Failed);
        QCOMPARE(studio.errors.size(), 1);
        QVERIFY2(studio.errors.back().contains(target), qPrintable(studio.errors.back()));
        QCOMPARE(fileBytes(not_a_folder), QByteArray("a plain file\n"));

        // A missing folder likewise.
        const QString missing = studio.dir.filePath(QStringLiteral("missing/folder/x.json"));
        QVERIFY(studio.exportAndWait("json", missing));
        QCOMPARE(studio.export_outcome->status, ExportOutcome::Status::Failed);
        QVERIFY2(studio.errors.back().contains(missing), qPrintable(studio.errors.back()));
        QVERIFY(!QFile::exists(missing));
        QVERIFY(!studio.flow.importExport().isExporting());
    }

    void cancelMidExportLeavesNoFile() {
        Studio studio;
        QVERIFY(studio.createProject());
        QVERIFY(studio.importThroughMenu("howto100m",
                                         {kCaptions + QStringLiteral("/2Mn5sVpFDTg.csv"),
                                          kCaptions + QStringLiteral("/2_MmPmFxGCo.csv")}));
        QVERIFY(studio.outcome->status == ImportOutcome::Status::Imported);
        ImportExportFlow& io = studio.flow.importExport();
        const QString existing = studio.dir.filePath(QStringLiteral("existing.json"));
        writeFile(existing, "{\"previous\": true}\n");
        const QString fresh = studio.dir.filePath(QStringLiteral("fresh.json"));

        for (const QString& target : {existing, fresh}) {
            // The worker is held at its first report while it reads the project; the user
            // presses the progress dialog's Cancel meanwhile.
            std::promise<void> release;
            const std::shared_future<void> released = release.get_future().share();
            std::atomic<int> collecting_reports{0};
            bool was_released = false;
            // Whatever fails below, the job is let go and has ended before the locals its
            // listener uses are gone (an early return once let it use them after they were).
            const auto settle = qScopeGuard([&] {
                if (!was_released) {
                    release.set_value();
                }
                io.cancelAndWait();
            });
            io.setProgressListener([&](double, const std::string& message) {
                if (message == "collecting" && collecting_reports++ == 0) {
                    released.wait_for(std::chrono::seconds(60));
                }
            });
            studio.export_outcome.reset();
            QVERIFY(io.exportTo("json", target));
            QVERIFY(io.isExporting());
            QVERIFY(QTest::qWaitFor([&] { return collecting_reports.load() > 0; }, 60'000));
            // The dialog appears through the event loop: wait for it rather than assume it.
            QProgressDialog* dialog = nullptr;
            QVERIFY(QTest::qWaitFor(
                [&] {
                    dialog = studio.openProgressDialog();
                    return dialog != nullptr;
                },
                60'000));
            auto* cancel = dialog->findChild<QPushButton*>();
            QVERIFY(cancel != nullptr);
            cancel->click();
            release.set_value();
            was_released = true;
            QVERIFY(QTest::qWaitFor([&] { return studio.export_outcome.has_value(); }, 60'000));
            QCOMPARE(studio.export_outcome->status, ExportOutcome::Status::Cancelled);
            QCOMPARE(collecting_reports.load(), 1);
            QVERIFY2(studio.errors.isEmpty(), qPrintable(studio.errors.join('\n')));
            io.setProgressListener({});
        }
        QCOMPARE(fileBytes(existing), QByteArray("{\"previous\": true}\n"));
        QVERIFY(!QFile::exists(fresh));
        QCOMPARE(filesStartingWith(studio.dir.path(), QStringLiteral("existing.json")), 1);
        QCOMPARE(filesStartingWith(studio.dir.path(), QStringLiteral("fresh.json")), 0);

        // Without a cancel the same export replaces the file.
        QVERIFY(studio.exportAndWait("json", existing));
        QVERIFY2(studio.export_outcome->status == ExportOutcome::Status::Exported,
                 qPrintable(studio.export_outcome->message));
        QVERIFY(fileBytes(existing) != QByteArray("{\"previous\": true}\n"));
        QCOMPARE(studio.export_outcome->videos_exported, 2);
    }

    void cancelMidImportLeavesTheProjectUnchanged() {
        Studio studio;
        QVERIFY(studio.createProject());
        const ProjectContent before = contentOf(studio.projectPath());
        ImportExportFlow& io = studio.flow.importExport();
        // The importer reports progress every 2,048 items, after writing them: the worker is
        // held at the first report (in the middle of its transaction) while the user presses
        // the progress dialog's Cancel.
        std::promise<void> release;
        const std::shared_future<void> released = release.get_future().share();
        std::atomic<int> reports_while_importing{0};
        bool was_released = false;
        const auto settle = qScopeGuard([&] {
            if (!was_released) {
                release.set_value();
            }
            io.cancelAndWait();
        });
        io.setProgressListener([&](double, const std::string& message) {
            if (message == "importing" && reports_while_importing++ == 0) {
                released.wait_for(std::chrono::seconds(60));
            }
        });
        studio.outcome.reset();
        studio.next_paths = {kYouCook2};
        studio.menuEntry(studio.importMenu(), "youcook2")->trigger();
        QVERIFY(QTest::qWaitFor([&] { return reports_while_importing.load() > 0; }, 60'000));
        QProgressDialog* dialog = nullptr;
        QVERIFY(QTest::qWaitFor(
            [&] {
                dialog = studio.openProgressDialog();
                return dialog != nullptr;
            },
            60'000));
        auto* cancel = dialog->findChild<QPushButton*>();
        QVERIFY(cancel != nullptr);
        cancel->click();
        release.set_value();
        was_released = true;
        QVERIFY(QTest::qWaitFor([&] { return studio.outcome.has_value(); }, 60'000));
        QCOMPARE(studio.outcome->status, ImportOutcome::Status::Cancelled);
        QCOMPARE(reports_while_importing.load(), 1);
        QVERIFY(studio.errors.isEmpty());
        QVERIFY(contentOf(studio.projectPath()) == before);
        QCOMPARE(studio.flow.videos().rowCount(), 0);

        // Without a cancel the same file goes in whole: one video per YouCook2 entry.
        io.setProgressListener({});
        QVERIFY(studio.importThroughMenu("youcook2", {kYouCook2}));
        QVERIFY2(studio.outcome->status == ImportOutcome::Status::Imported,
                 qPrintable(studio.outcome->message));
        QVERIFY(studio.outcome->videos_added > 1000);
        QCOMPARE(studio.flow.videos().rowCount(), static_cast<int>(studio.outcome->videos_added));
    }

    void bulkAcceptIsOneUndoStepThatSurvivesARestart() {
        Studio studio;
        QVERIFY(studio.createProject());
        QVERIFY(studio.flow.openVideo(kAvi));
        const QString csv = studio.dir.filePath(QStringLiteral("model.csv"));
        writeFile(csv,
                  "video,track,kind,start_s,end_s,label,confidence\n"
                  "paddle_example.avi,model steps,steps,0.0,1.0,crack,0.9\n"
                  "paddle_example.avi,model steps,steps,1.0,2.0,whisk,0.3\n"
                  "paddle_example.avi,model steps,steps,2.0,3.0,pour,0.7\n"
                  "paddle_example.avi,model steps,steps,3.0,4.0,flip,\n");
        QVERIFY(studio.importThroughMenu("csv", {csv}));
        QVERIFY2(studio.outcome->status == ImportOutcome::Status::Imported,
                 qPrintable(studio.outcome->message));
        const auto* model =
            dynamic_cast<const StoreTimelineModel*>(studio.flow.timeline()->model());
        QVERIFY(model != nullptr);
        int track = -1;
        for (int t = 0; t < model->trackCount(); ++t) {
            if (model->track(t).name == QStringLiteral("model steps")) {
                track = t;
            }
        }
        QVERIFY(track >= 0);
        const auto reviews = [&] {
            QStringList states;  // the store's names, so a failure prints them
            for (const TimelineItem& item : model->items(track)) {
                states.append(QString::fromStdString(std::string(store::toString(item.review))));
            }
            return states;
        };
        const QStringList none(4, QStringLiteral("unreviewed"));
        QCOMPARE(reviews(), none);

        // The action has a remappable default binding and sits in the Edit menu.
        QAction* action = studio.flow.actions().action(ActionId::BulkAccept);
        QCOMPARE(action->shortcuts().value(0), QKeySequence(QStringLiteral("Shift+A")));

        // Right-clicking the track's header offers the bulk accept and makes it the current
        // track; the action asks for the threshold (answered with 0.5 here).
        TimelineView* view = studio.flow.timeline();
        view->setCurrentTrack(0);
        QStringList offered;
        answerNext<QMenu>([&](QMenu* menu) {
            for (QAction* entry : menu->actions()) {
                offered.append(entry->text());
            }
            menu->close();
        });
        Q_EMIT view->viewport()->customContextMenuRequested(
            QPoint(20, TimelineGeometry::kRulerHeightPx + track * TimelineGeometry::kTrackHeightPx +
                           TimelineGeometry::kTrackHeightPx / 2));
        QCOMPARE(offered, QStringList{action->text()});
        QCOMPARE(view->currentTrack(), track);
        bool asked = false;
        answerNext<QInputDialog>([&](QInputDialog* dialog) {
            asked = dialog->labelText().contains(QStringLiteral("model steps"));
            dialog->setDoubleValue(0.5);
            dialog->accept();
        });
        action->trigger();
        QVERIFY(asked);
        const QStringList sure = {QStringLiteral("accepted"), QStringLiteral("unreviewed"),
                                  QStringLiteral("accepted"), QStringLiteral("unreviewed")};
        QCOMPARE(reviews(), sure);
        // One Ctrl+Z takes the whole bulk accept back.
        studio.flow.actions().action(ActionId::Undo)->trigger();
        QCOMPARE(reviews(), none);
        studio.flow.actions().action(ActionId::Redo)->trigger();
        QCOMPARE(reviews(), sure);
        // Without a threshold the rest go too, as a second step.
        QVERIFY(studio.flow.bulkAcceptCurrentTrack(std::nullopt));
        QCOMPARE(reviews(), QStringList(4, QStringLiteral("accepted")));

        // After a restart (a new connection) the journal still undoes it: the second step
        // first, then the thresholded one.
        const QString path = studio.projectPath();
        QVERIFY(studio.flow.openProject(studio.dir.filePath(QStringLiteral("other.actbert")),
                                        ProjectOpenMode::CreateNew));
        store::Project reopened(path.toStdString(), store::Project::OpenMode::OpenExisting);
        const auto states = [&] {
            std::vector<store::ReviewState> result;
            for (const store::Track& t : reopened.tracks().list()) {
                if (t.name == "model steps") {
                    for (const store::Item& item : reopened.items().forTrack(t.id)) {
                        result.push_back(item.review_state);
                    }
                }
            }
            return result;
        };
        using S = store::ReviewState;
        QVERIFY((states() == std::vector<S>(4, S::Accepted)));
        QVERIFY(reopened.journal().undo().has_value());
        QVERIFY(
            (states() == std::vector<S>{S::Accepted, S::Unreviewed, S::Accepted, S::Unreviewed}));
        QVERIFY(reopened.journal().undo().has_value());
        QVERIFY((states() == std::vector<S>(4, S::Unreviewed)));
    }

    void bulkAcceptWithoutAVideoSaysWhy() {
        Studio studio;
        QString problem;
        QVERIFY(!studio.flow.bulkAcceptCurrentTrack(std::nullopt, &problem));
        QVERIFY(problem.contains(QStringLiteral("video")));
    }
};

int runImportExportTests(int argc, char** argv) {
    TestImportExport test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_import_export.moc"
