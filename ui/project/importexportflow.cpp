#include "ui/project/importexportflow.h"

#include <QAction>
#include <QCoreApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QProgressDialog>

#include <filesystem>

#include "core/common/error.h"
#include "core/data/annotation_formats.h"
#include "core/data/embedded_subtitles.h"
#include "core/data/project_exporter.h"
#include "core/data/project_importer.h"
#include "core/store/project.h"
#include "core/video/media_info.h"
#include "core/video/subtitle_stream.h"
#include "ui/jobs/jobbridge.h"
#include "ui/project/projectsession.h"
#include "ui/project/storetimelinemodel.h"

namespace actbert::ui {

namespace {

constexpr int kProgressSteps = 1000;

std::vector<std::filesystem::path> toPaths(const QStringList& paths) {
    std::vector<std::filesystem::path> result;
    for (const QString& path : paths) {
        result.emplace_back(path.toStdString());
    }
    return result;
}

QString fileNames(const QStringList& paths) {
    QStringList names;
    for (const QString& path : paths) {
        names.append(QFileInfo(path).fileName());
    }
    return names.join(QStringLiteral(", "));
}

// core/data reports progress as (fraction, stage key: "reading", "importing", ...): the test
// listener hears it first (with the fraction of the whole job), then it becomes the job's
// structured progress in `range`'s slice.
ProgressFn stageProgress(const jobs::ProgressRange& range, const ProgressFn& listener) {
    return [range, listener](double fraction, const std::string& stage) {
        if (listener) {
            listener(range.toParent(fraction), stage);
        }
        range.report(stage, stage, fraction);
    };
}

// The job's state follows the outcome, so the Jobs panel says cancelled or failed too.
template <class Outcome>
void endJobAs(const Outcome& outcome) {
    if (outcome.status == Outcome::Status::Cancelled) {
        throw Cancelled();
    }
    if (outcome.status == Outcome::Status::Failed) {
        throw Error(outcome.message.toStdString());
    }
}

// Runs on the job's thread: its own connection to the project, so the GUI's connection
// is never used from two threads; the GUI sees the commit through pollExternalChanges.
ImportOutcome importOnWorker(const std::filesystem::path& project_path, const std::string& format,
                             const QStringList& paths, const std::string& video_key,
                             const ProgressFn& progress, const CancelToken& cancel) {
    ImportOutcome outcome;
    try {
        reportProgress(progress, 0.0, "reading");
        const data::AnnotationDocument document =
            data::AnnotationFormats::read(format, toPaths(paths), video_key);
        cancel.throwIfCancelled();
        store::Project project(project_path, store::Project::OpenMode::OpenExisting);
        const data::ImportSummary summary =
            data::ProjectImporter::run(project, document, data::ImportOptions{}, progress, cancel);
        outcome.status = ImportOutcome::Status::Imported;
        outcome.videos_added = summary.videos_added;
        outcome.tracks_added = summary.tracks_added;
        outcome.items_added = summary.items_added;
        outcome.message =
            ImportExportFlow::tr("Imported %1 items in %2 tracks from %3 (%4 new videos)")
                .arg(summary.items_added)
                .arg(summary.tracks_added)
                .arg(fileNames(paths))
                .arg(summary.videos_added);
    } catch (const Cancelled&) {
        outcome.status = ImportOutcome::Status::Cancelled;
        outcome.message = ImportExportFlow::tr("Import of %1 cancelled: the project is unchanged")
                              .arg(fileNames(paths));
    } catch (const std::exception& error) {
        outcome.status = ImportOutcome::Status::Failed;
        outcome.message = ImportExportFlow::tr("Cannot import %1: %2\nThe project is unchanged.")
                              .arg(fileNames(paths), QString::fromStdString(error.what()));
    }
    return outcome;
}

// Runs on the job's thread like importOnWorker: the stream is decoded before the project is
// opened, so a video that cannot be read never touches it.
ImportOutcome importSubtitlesOnWorker(const std::filesystem::path& project_path,
                                      const QString& video_path, int stream_index,
                                      const std::string& video_key, const ProgressFn& progress,
                                      const CancelToken& cancel) {
    ImportOutcome outcome;
    const QString what = ImportExportFlow::tr("subtitle stream %1 of %2")
                             .arg(stream_index)
                             .arg(QFileInfo(video_path).fileName());
    try {
        reportProgress(progress, 0.0, "reading");
        data::EmbeddedSubtitleRequest request;
        request.stream = stream_index;
        const auto subtitles =
            data::EmbeddedSubtitles::read(video_path.toStdString(), request, cancel);
        cancel.throwIfCancelled();
        store::Project project(project_path, store::Project::OpenMode::OpenExisting);
        const data::ImportSummary summary = data::ProjectImporter::run(
            project, subtitles.document(video_key), data::ImportOptions{}, progress, cancel);
        outcome.status = ImportOutcome::Status::Imported;
        outcome.videos_added = summary.videos_added;
        outcome.tracks_added = summary.tracks_added;
        outcome.items_added = summary.items_added;
        outcome.message = ImportExportFlow::tr("Imported %1 cues of %2 into the track '%3'")
                              .arg(summary.items_added)
                              .arg(what, QString::fromStdString(subtitles.track.name));
    } catch (const Cancelled&) {
        outcome.status = ImportOutcome::Status::Cancelled;
        outcome.message =
            ImportExportFlow::tr("Import of %1 cancelled: the project is unchanged").arg(what);
    } catch (const std::exception& error) {
        outcome.status = ImportOutcome::Status::Failed;
        outcome.message = ImportExportFlow::tr("Cannot import %1: %2\nThe project is unchanged.")
                              .arg(what, QString::fromStdString(error.what()));
    }
    return outcome;
}

// A subtitle stream as its menu entry names it: "Stream 2: English (eng), subrip".
QString subtitleEntryText(const video::StreamInfo& stream) {
    QString language = ImportExportFlow::tr("no language");
    if (!stream.language.empty()) {
        const QString code = QString::fromStdString(stream.language);
        const QLocale::Language known = QLocale::codeToLanguage(code);
        language = known == QLocale::AnyLanguage || known == QLocale::C
                       ? code
                       : QStringLiteral("%1 (%2)").arg(QLocale::languageToString(known), code);
    }
    QString text = ImportExportFlow::tr("Stream %1: %2").arg(stream.index).arg(language);
    if (!stream.title.empty()) {
        text += QStringLiteral(" \u201c%1\u201d").arg(QString::fromStdString(stream.title));
    }
    return text + QStringLiteral(", ") + QString::fromStdString(stream.codec);
}

// Runs on the job's thread with its own connection, like importOnWorker. Reading the
// project is most of the work; the file is written atomically at the end.
ExportOutcome exportOnWorker(const std::filesystem::path& project_path, const std::string& format,
                             const QString& path, const jobs::JobCallbacks& callbacks,
                             const ProgressFn& listener) {
    const CancelToken& cancel = callbacks.cancel;
    ExportOutcome outcome;
    outcome.path = path;
    try {
        store::Project project(project_path, store::Project::OpenMode::OpenExisting);
        data::ExportSelection selection;
        selection.kinds = data::AnnotationFormats::defaultKinds(format);
        const data::AnnotationDocument document = data::ProjectExporter::collect(
            project, selection, stageProgress(callbacks.progress.sub(0.0, 0.8), listener), cancel);
        data::AnnotationFormats::write(format, document, path.toStdString(),
                                       stageProgress(callbacks.progress.sub(0.8, 1.0), listener),
                                       cancel);
        outcome.status = ExportOutcome::Status::Exported;
        outcome.videos_exported = static_cast<std::int64_t>(document.videos.size());
        outcome.items_exported = static_cast<std::int64_t>(document.segmentCount());
        outcome.message = ImportExportFlow::tr("Exported %1 items of %2 videos to %3")
                              .arg(outcome.items_exported)
                              .arg(outcome.videos_exported)
                              .arg(path);
    } catch (const Cancelled&) {
        outcome.status = ExportOutcome::Status::Cancelled;
        outcome.message =
            ImportExportFlow::tr("Export to %1 cancelled: nothing was written").arg(path);
    } catch (const std::exception& error) {
        outcome.status = ExportOutcome::Status::Failed;
        outcome.message = ImportExportFlow::tr("Cannot export to %1: %2")
                              .arg(path, QString::fromStdString(error.what()));
    }
    return outcome;
}

}  // namespace

const std::vector<AnnotationFormatEntry>& ImportExportFlow::formats() {
    // Built from core/data's format table: a format added there appears in both menus.
    static const std::vector<AnnotationFormatEntry> kFormats = [] {
        std::vector<AnnotationFormatEntry> entries;
        for (const data::AnnotationFormat& format : data::AnnotationFormats::all()) {
            entries.push_back({format.name, format.title.c_str(), format.patterns.c_str(),
                               format.exports_to_folder});
        }
        return entries;
    }();
    return kFormats;
}

QString ImportExportFlow::formatTitle(const AnnotationFormatEntry& format) {
    return QCoreApplication::translate("actbert::data::AnnotationFormats", format.title);
}

ImportExportFlow::ImportExportFlow(JobBridge& jobs, QWidget* dialog_parent, QMenu* import_menu,
                                   QMenu* export_menu, QObject* parent)
    : QObject(parent),
      dialog_parent_(dialog_parent),
      import_menu_(import_menu),
      export_menu_(export_menu),
      subtitle_menu_(new QMenu(tr("Subtitles from video"), import_menu)),
      bridge_(jobs),
      jobs_(jobs.runner()) {
    // Listed as the menu opens: the video on screen changes without the flow being told.
    connect(subtitle_menu_, &QMenu::aboutToShow, this, &ImportExportFlow::rebuildSubtitleMenu);
    rebuildMenus();
}

// jobs_ (the last member) cancels and waits for the running job before anything else goes.
ImportExportFlow::~ImportExportFlow() = default;

void ImportExportFlow::cancelAndWait() {
    jobs_.cancelAndWait();
}

void ImportExportFlow::cancelTransfer() {
    if (job_ != 0) {
        bridge_.cancel(job_);
    }
}

void ImportExportFlow::setSession(ProjectSession* session) {
    session_ = session;
    rebuildMenus();
}

void ImportExportFlow::rebuildMenus() {
    for (auto [menu, direction] : {std::pair{import_menu_, TransferDirection::Import},
                                   std::pair{export_menu_, TransferDirection::Export}}) {
        menu->clear();
        if (session_ == nullptr) {
            // A disabled first line says why nothing below can be chosen.
            QAction* note = menu->addAction(
                direction == TransferDirection::Import
                    ? tr("Open or create a project first: annotations are imported into it")
                    : tr("Open or create a project first: its annotations are exported"));
            note->setEnabled(false);
            menu->addSeparator();
        }
        if (direction == TransferDirection::Import) {
            // clear() leaves the submenu alive (its action is its own), so it is re-added.
            menu->addMenu(subtitle_menu_);
            menu->addSeparator();
        }
        for (const AnnotationFormatEntry& format : formats()) {
            QAction* action = menu->addAction(
                tr("%1 (%2)...").arg(formatTitle(format), QString::fromLatin1(format.patterns)));
            action->setData(QString::fromStdString(format.name));
            action->setEnabled(session_ != nullptr);
            const std::string name = format.name;
            connect(action, &QAction::triggered, this, [this, direction, name] {
                if (direction == TransferDirection::Import) {
                    requestImport(name);
                } else {
                    requestExport(name);
                }
            });
        }
    }
    rebuildSubtitleMenu();
}

QString ImportExportFlow::currentVideoPath(QString* why) const {
    if (session_ == nullptr) {
        *why = tr("Open or create a project first: subtitles are imported into it");
        return {};
    }
    if (session_->timeline() == nullptr) {
        *why = tr("Open a video first: its subtitle streams are listed here");
        return {};
    }
    const store::Video video = session_->project().videos().get(session_->timeline()->videoId());
    if (video.path.empty()) {
        *why = tr("The video on screen (%1) has no file in the project")
                   .arg(QString::fromStdString(video.key));
        return {};
    }
    return QString::fromStdString(video.path);
}

void ImportExportFlow::rebuildSubtitleMenu() {
    subtitle_menu_->clear();
    // A disabled line says why nothing can be chosen.
    const auto note = [this](const QString& text) {
        subtitle_menu_->addAction(text)->setEnabled(false);
    };
    QString why;
    const QString path = currentVideoPath(&why);
    if (path.isEmpty()) {
        note(why);
        return;
    }
    std::vector<video::StreamInfo> streams;
    try {
        for (const video::StreamInfo* stream :
             video::readMediaInfo(path.toStdString()).streamsOf(video::StreamKind::Subtitle)) {
            streams.push_back(*stream);
        }
    } catch (const std::exception& error) {
        note(tr("Cannot read %1: %2")
                 .arg(QFileInfo(path).fileName(), QString::fromStdString(error.what())));
        return;
    }
    if (streams.empty()) {
        note(tr("%1 has no subtitle streams").arg(QFileInfo(path).fileName()));
        return;
    }
    for (const video::StreamInfo& stream : streams) {
        const bool text = video::isTextSubtitleCodec(stream.codec);
        QAction* action =
            subtitle_menu_->addAction(text ? subtitleEntryText(stream)
                                           : tr("%1 (pictures, not text: cannot be a narration)")
                                                 .arg(subtitleEntryText(stream)));
        action->setData(stream.index);
        action->setEnabled(text);
        const int index = stream.index;
        connect(action, &QAction::triggered, this, [this, index] { startSubtitleImport(index); });
    }
}

QStringList ImportExportFlow::askPaths(TransferDirection direction,
                                       const AnnotationFormatEntry& format) {
    if (path_provider_) {
        return path_provider_(direction, format);
    }
    const QString filter =
        tr("%1 (%2);;All files (*)").arg(formatTitle(format), QString::fromLatin1(format.patterns));
    if (direction == TransferDirection::Import) {
        return QFileDialog::getOpenFileNames(
            dialog_parent_, tr("Import %1").arg(formatTitle(format)), QString(), filter);
    }
    const QString title = tr("Export %1").arg(formatTitle(format));
    const QString path =
        format.exports_to_folder
            ? QFileDialog::getExistingDirectory(dialog_parent_, title)
            : QFileDialog::getSaveFileName(dialog_parent_, title, QString(), filter);
    return path.isEmpty() ? QStringList{} : QStringList{path};
}

void ImportExportFlow::requestImport(const std::string& format) {
    for (const AnnotationFormatEntry& entry : formats()) {
        if (entry.name == format) {
            const QStringList paths = askPaths(TransferDirection::Import, entry);
            if (!paths.isEmpty()) {
                startImport(format, paths);
            }
            return;
        }
    }
}

void ImportExportFlow::requestExport(const std::string& format) {
    for (const AnnotationFormatEntry& entry : formats()) {
        if (entry.name == format) {
            const QStringList paths = askPaths(TransferDirection::Export, entry);
            if (paths.isEmpty()) {
                return;
            }
            QString path = paths.front();
            if (!entry.exports_to_folder && QFileInfo(path).suffix().isEmpty()) {
                // A name typed without extension gets the filter's first one ("*.csv"), which
                // also picks the layout for msrvtt and howto100m.
                path += QString::fromLatin1(entry.patterns).section(QLatin1Char(' '), 0, 0).mid(1);
            }
            exportTo(format, path);
            return;
        }
    }
}

std::string ImportExportFlow::currentVideoKey() const {
    if (session_ == nullptr || session_->timeline() == nullptr) {
        return {};
    }
    return session_->project().videos().get(session_->timeline()->videoId()).key;
}

bool ImportExportFlow::beginTransfer(TransferDirection direction, const QString& label) {
    if (job_ != 0) {
        showError(running_ == TransferDirection::Import
                      ? tr("An import is still running: wait for it or cancel it.")
                      : tr("An export is still running: wait for it or cancel it."));
        return false;
    }
    running_ = direction;
    progress_dialog_ = new QProgressDialog(label, tr("Cancel"), 0, kProgressSteps, dialog_parent_);
    progress_dialog_->setAttribute(Qt::WA_DeleteOnClose);
    progress_dialog_->setWindowModality(Qt::WindowModal);
    progress_dialog_->setMinimumDuration(0);
    progress_dialog_->setAutoClose(false);
    progress_dialog_->setAutoReset(false);
    connect(progress_dialog_, &QProgressDialog::canceled, this, [this] { cancelTransfer(); });
    progress_dialog_->setValue(0);
    Q_EMIT statusMessage(label);
    return true;
}

void ImportExportFlow::endTransfer() {
    job_ = 0;
    if (progress_dialog_) {
        progress_dialog_->close();  // deletes it later (WA_DeleteOnClose)
        progress_dialog_ = nullptr;
    }
}

bool ImportExportFlow::startImport(const std::string& format, const QStringList& paths) {
    if (session_ == nullptr) {
        showError(tr("Open or create a project before importing annotations."));
        return false;
    }
    if (paths.isEmpty()) {
        return false;
    }
    // Subtitle and ELAN files name no video: they go to the video on screen (without one,
    // core/data keys them by file name).
    const std::string video_key = currentVideoKey();
    return submitImport(
        fileNames(paths), [project_path = session_->project().path(), format, paths, video_key](
                              const ProgressFn& progress, const CancelToken& cancel) {
            return importOnWorker(project_path, format, paths, video_key, progress, cancel);
        });
}

bool ImportExportFlow::startSubtitleImport(int stream_index) {
    QString why;
    const QString video_path = currentVideoPath(&why);
    if (video_path.isEmpty()) {
        showError(why);
        return false;
    }
    const QString what =
        tr("subtitle stream %1 of %2").arg(stream_index).arg(QFileInfo(video_path).fileName());
    return submitImport(what, [project_path = session_->project().path(), video_path, stream_index,
                               video_key = currentVideoKey()](const ProgressFn& progress,
                                                              const CancelToken& cancel) {
        return importSubtitlesOnWorker(project_path, video_path, stream_index, video_key, progress,
                                       cancel);
    });
}

bool ImportExportFlow::submitImport(const QString& what, ImportWork work) {
    if (!beginTransfer(TransferDirection::Import, tr("Importing %1...").arg(what))) {
        return false;
    }
    auto result = std::make_shared<std::optional<ImportOutcome>>();
    jobs::JobSpec spec;
    spec.kind = "import";
    spec.owner = session_->project().path().string();
    spec.work = [result, work = std::move(work),
                 listener = progress_listener_](const jobs::JobCallbacks& callbacks) {
        *result = work(stageProgress(callbacks.progress, listener), callbacks.cancel);
        endJobAs(**result);
    };
    job_ = bridge_.submit(
        jobs_, std::move(spec), this, [this, result, what](const jobs::JobStatus& status) {
            if (!status.isEnded()) {
                showProgress(status.progress.fraction,
                             QString::fromStdString(status.progress.stage));
                return;
            }
            ImportOutcome outcome;
            if (result->has_value()) {
                outcome = **result;
            } else {
                // Cancelled before it started (or the runner stopped).
                outcome.status = ImportOutcome::Status::Cancelled;
                outcome.message = tr("Import of %1 cancelled: the project is unchanged").arg(what);
            }
            finishImport(outcome);
        });
    return true;
}

void ImportExportFlow::showProgress(double fraction, const QString& message) {
    if (message.isEmpty()) {
        return;  // the job started; nothing reported yet
    }
    if (progress_dialog_ && !progress_dialog_->wasCanceled()) {
        if (message == QLatin1String("reading")) {
            progress_dialog_->setLabelText(tr("Reading the files..."));
        } else if (message == QLatin1String("collecting")) {
            progress_dialog_->setLabelText(tr("Reading the annotations from the project..."));
        } else if (message == QLatin1String("writing")) {
            progress_dialog_->setLabelText(tr("Writing the file..."));
        } else {
            progress_dialog_->setLabelText(tr("Writing into the project..."));
        }
        // setValue() on a modal dialog processes events; the bridge delivers nothing to this
        // flow meanwhile, so the dialog cannot be closed underneath this call.
        progress_dialog_->setValue(static_cast<int>(fraction * kProgressSteps));
    }
}

void ImportExportFlow::finishImport(const ImportOutcome& outcome) {
    endTransfer();
    if (outcome.status == ImportOutcome::Status::Imported && session_ != nullptr) {
        // The worker committed on its own connection: let ours (and the timeline) see it now
        // rather than at the next poll.
        session_->project().pollExternalChanges();
        Q_EMIT projectChanged();
    }
    if (outcome.status == ImportOutcome::Status::Failed) {
        showError(outcome.message);
    } else {
        Q_EMIT statusMessage(outcome.message);
    }
    Q_EMIT importFinished(outcome);
}

bool ImportExportFlow::exportTo(const std::string& format, const QString& path) {
    if (session_ == nullptr) {
        showError(tr("Open or create a project before exporting annotations."));
        return false;
    }
    if (!beginTransfer(TransferDirection::Export, tr("Exporting to %1...").arg(path))) {
        return false;
    }
    auto result = std::make_shared<std::optional<ExportOutcome>>();
    jobs::JobSpec spec;
    spec.kind = "export";
    spec.owner = path.toStdString();
    spec.work = [result, project_path = session_->project().path(), format, path,
                 listener = progress_listener_](const jobs::JobCallbacks& callbacks) {
        *result = exportOnWorker(project_path, format, path, callbacks, listener);
        endJobAs(**result);
    };
    job_ = bridge_.submit(
        jobs_, std::move(spec), this, [this, result, path](const jobs::JobStatus& status) {
            if (!status.isEnded()) {
                showProgress(status.progress.fraction,
                             QString::fromStdString(status.progress.stage));
                return;
            }
            ExportOutcome outcome;
            outcome.path = path;
            if (result->has_value()) {
                outcome = **result;
            } else {
                outcome.status = ExportOutcome::Status::Cancelled;
                outcome.message = tr("Export to %1 cancelled: nothing was written").arg(path);
            }
            finishExport(outcome);
        });
    return true;
}

void ImportExportFlow::finishExport(const ExportOutcome& outcome) {
    endTransfer();
    if (outcome.status == ExportOutcome::Status::Failed) {
        showError(outcome.message);
    } else {
        Q_EMIT statusMessage(outcome.message);
    }
    Q_EMIT exportFinished(outcome);
}

void ImportExportFlow::showError(const QString& message) {
    Q_EMIT statusMessage(message);
    if (error_sink_) {
        error_sink_(message);
    } else {
        QMessageBox::warning(dialog_parent_, tr("ActBERT Studio"), message);
    }
}

}  // namespace actbert::ui
