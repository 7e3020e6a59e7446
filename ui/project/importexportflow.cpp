#include "ui/project/importexportflow.h"

#include <QAction>
#include <QCoreApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QProgressDialog>

#include <filesystem>

#include "core/common/error.h"
#include "core/data/annotation_formats.h"
#include "core/data/project_exporter.h"
#include "core/data/project_importer.h"
#include "core/store/project.h"
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

// Runs on the worker thread: its own connection to the project, so the GUI's connection
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

// Progress of one stage mapped into [begin, end] of the whole.
ProgressFn stage(const ProgressFn& progress, double begin, double end) {
    return [progress, begin, end](double fraction, const std::string& message) {
        reportProgress(progress, begin + fraction * (end - begin), message);
    };
}

// Runs on the worker thread with its own connection, like importOnWorker. Reading the
// project is most of the work; the file is written atomically at the end.
ExportOutcome exportOnWorker(const std::filesystem::path& project_path, const std::string& format,
                             const QString& path, const ProgressFn& progress,
                             const CancelToken& cancel) {
    ExportOutcome outcome;
    outcome.path = path;
    try {
        store::Project project(project_path, store::Project::OpenMode::OpenExisting);
        data::ExportSelection selection;
        selection.kinds = data::AnnotationFormats::defaultKinds(format);
        const data::AnnotationDocument document =
            data::ProjectExporter::collect(project, selection, stage(progress, 0.0, 0.8), cancel);
        data::AnnotationFormats::write(format, document, path.toStdString(),
                                       stage(progress, 0.8, 1.0), cancel);
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

ImportExportFlow::ImportExportFlow(QWidget* dialog_parent, QMenu* import_menu, QMenu* export_menu,
                                   QObject* parent)
    : QObject(parent),
      dialog_parent_(dialog_parent),
      import_menu_(import_menu),
      export_menu_(export_menu) {
    rebuildMenus();
}

ImportExportFlow::~ImportExportFlow() {
    cancel_.cancel();
    if (worker_.joinable()) {
        worker_.join();
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
    if (worker_.joinable()) {
        showError(running_ == TransferDirection::Import
                      ? tr("An import is still running: wait for it or cancel it.")
                      : tr("An export is still running: wait for it or cancel it."));
        return false;
    }
    running_ = direction;
    cancel_ = CancelToken();
    progress_dialog_ = new QProgressDialog(label, tr("Cancel"), 0, kProgressSteps, dialog_parent_);
    progress_dialog_->setAttribute(Qt::WA_DeleteOnClose);
    progress_dialog_->setWindowModality(Qt::WindowModal);
    progress_dialog_->setMinimumDuration(0);
    progress_dialog_->setAutoClose(false);
    progress_dialog_->setAutoReset(false);
    connect(progress_dialog_, &QProgressDialog::canceled, this, [this] { cancel_.cancel(); });
    progress_dialog_->setValue(0);
    Q_EMIT statusMessage(label);
    return true;
}

ProgressFn ImportExportFlow::workerProgress() {
    const ProgressFn listener = progress_listener_;
    return [this, listener](double fraction, const std::string& message) {
        if (listener) {
            listener(fraction, message);
        }
        QMetaObject::invokeMethod(
            this,
            [this, fraction, text = QString::fromStdString(message)] {
                showProgress(fraction, text);
            },
            Qt::QueuedConnection);
    };
}

void ImportExportFlow::endTransfer() {
    if (worker_.joinable()) {
        worker_.join();
    }
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
    if (!beginTransfer(TransferDirection::Import, tr("Importing %1...").arg(fileNames(paths)))) {
        return false;
    }
    worker_ = std::thread([this, project_path = session_->project().path(), format, paths,
                           video_key, progress = workerProgress(), cancel = cancel_] {
        const ImportOutcome outcome =
            importOnWorker(project_path, format, paths, video_key, progress, cancel);
        QMetaObject::invokeMethod(
            this, [this, outcome] { finishImport(outcome); }, Qt::QueuedConnection);
    });
    return true;
}

void ImportExportFlow::showProgress(double fraction, const QString& message) {
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
        // setValue() on a modal dialog processes events, which may run finishImport() and
        // close the dialog: it is the last call on it.
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
    worker_ = std::thread([this, project_path = session_->project().path(), format, path,
                           progress = workerProgress(), cancel = cancel_] {
        const ExportOutcome outcome = exportOnWorker(project_path, format, path, progress, cancel);
        QMetaObject::invokeMethod(
            this, [this, outcome] { finishExport(outcome); }, Qt::QueuedConnection);
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
