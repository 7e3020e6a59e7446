// actbert import FORMAT FILE... --project PROJECT: read annotation files into a project in one
// transaction (a failure changes nothing). `actbert import subtitles VIDEO` reads a video's
// embedded subtitle stream instead (cmd_import_subtitles.cpp).

#include <iostream>

#include "app/cli/cli_support.h"
#include "core/data/annotation_formats.h"
#include "core/data/project_importer.h"
#include "core/store/project.h"

namespace actbert::cli {

int runImportSubtitles(const QStringList& arguments);  // cmd_import_subtitles.cpp

int runImport(const QStringList& arguments) {
    if (!arguments.isEmpty() && arguments.front() == QStringLiteral("subtitles")) {
        return runImportSubtitles(arguments.mid(1));
    }
    QCommandLineParser parser;
    parser.addPositionalArgument(
        QStringLiteral("format"),
        QString::fromStdString(data::AnnotationFormats::nameList() +
                               "; or `subtitles VIDEO` for a video's own subtitle streams"));
    parser.addPositionalArgument(QStringLiteral("files"), QStringLiteral("Files to import."));
    const QCommandLineOption project_option(
        QStringLiteral("project"), QStringLiteral("The project file."), QStringLiteral("PROJECT"));
    const QCommandLineOption track_option(QStringLiteral("track"),
                                          QStringLiteral("Name for the imported track(s)."),
                                          QStringLiteral("NAME"));
    const QCommandLineOption video_option(
        QStringLiteral("video"),
        QStringLiteral("Video key for eaf/vtt/srt files that do not name their video."),
        QStringLiteral("KEY"));
    parser.addOptions({project_option, track_option, video_option});
    if (!parseCommandLine(parser, arguments,
                          QStringLiteral("import FORMAT FILE... --project PROJECT [--track NAME] "
                                         "[--video KEY]"))) {
        return kExitOk;
    }
    const QStringList positional = requirePositional(parser, 2, QStringLiteral("FORMAT FILE..."),
                                                     /*at_least=*/true);
    if (!parser.isSet(project_option)) {
        throw UsageError("--project PROJECT is required");
    }
    const std::string format = toStd(positional[0]);
    data::AnnotationFormats::checkName(format);
    std::vector<std::filesystem::path> files;
    for (qsizetype i = 1; i < positional.size(); ++i) {
        files.emplace_back(toStd(positional[i]));
    }
    // Parse everything before opening the project: a bad file never touches it.
    const auto document =
        data::AnnotationFormats::read(format, files, toStd(parser.value(video_option)));
    for (const auto& warning : document.warnings) {
        printError("warning: " + warning);
    }
    store::Project project(toStd(parser.value(project_option)),
                           store::Project::OpenMode::OpenExisting);
    data::ImportOptions options;
    options.track_name = toStd(parser.value(track_option));
    const auto summary =
        data::ProjectImporter::run(project, document, options, nullptr, CancelToken());
    printLine("imported " + std::to_string(summary.items_added) + " items in " +
              std::to_string(summary.tracks_added) +
              " tracks; videos: " + std::to_string(summary.videos_added) + " new, " +
              std::to_string(summary.videos_matched) +
              " existing; tasks: " + std::to_string(summary.tasks));
    return kExitOk;
}

}  // namespace actbert::cli
