// actbert export FORMAT --project PROJECT --out FILE: write a project's tracks in a format.

#include "app/cli/cli_support.h"
#include "core/data/annotation_formats.h"
#include "core/data/project_exporter.h"
#include "core/store/project.h"

namespace actbert::cli {

int runExport(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.addPositionalArgument(
        QStringLiteral("format"),
        QString::fromStdString("Output format: " + data::AnnotationFormats::nameList()));
    const QCommandLineOption project_option(
        QStringLiteral("project"), QStringLiteral("The project file."), QStringLiteral("PROJECT"));
    const QCommandLineOption out_option(QStringLiteral("out"),
                                        QStringLiteral("Output file (a folder for crosstask)."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption video_option(QStringLiteral("video"),
                                          QStringLiteral("Only this video (repeatable)."),
                                          QStringLiteral("KEY"));
    const QCommandLineOption track_option(
        QStringLiteral("track"), QStringLiteral("Only tracks with this name (repeatable)."),
        QStringLiteral("NAME"));
    parser.addOptions({project_option, out_option, video_option, track_option});
    if (!parseCommandLine(parser, arguments,
                          QStringLiteral("export FORMAT --project PROJECT --out FILE "
                                         "[--video KEY]... [--track NAME]..."))) {
        return kExitOk;
    }
    const QStringList positional = requirePositional(parser, 1, QStringLiteral("FORMAT"));
    if (!parser.isSet(project_option) || !parser.isSet(out_option)) {
        throw UsageError("--project PROJECT and --out FILE are required");
    }
    const std::string format = toStd(positional[0]);
    data::AnnotationFormats::checkName(format);
    store::Project project(toStd(parser.value(project_option)),
                           store::Project::OpenMode::OpenExisting);
    data::ExportSelection selection;
    for (const auto& key : parser.values(video_option)) {
        selection.video_keys.push_back(toStd(key));
    }
    for (const auto& name : parser.values(track_option)) {
        selection.track_names.push_back(toStd(name));
    }
    if (selection.track_names.empty()) {
        selection.kinds = data::AnnotationFormats::defaultKinds(format);
    }
    const auto document = data::ProjectExporter::collect(project, selection);
    data::AnnotationFormats::write(format, document, toStd(parser.value(out_option)));
    printLine("exported " + std::to_string(document.segmentCount()) + " items of " +
              std::to_string(document.videos.size()) + " videos to " +
              toStd(parser.value(out_option)));
    return kExitOk;
}

}  // namespace actbert::cli
