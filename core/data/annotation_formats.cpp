#include "core/data/annotation_formats.h"

#include <QtGlobal>

#include "core/common/error.h"
#include "core/data/crosstask_format.h"
#include "core/data/dataset_csv_format.h"
#include "core/data/dataset_json_format.h"
#include "core/data/eaf_format.h"
#include "core/data/generic_format.h"
#include "core/data/subtitle_format.h"

namespace actbert::data {
namespace {

using store::TrackKind;
using Files = std::vector<std::filesystem::path>;

void append(AnnotationDocument& into, AnnotationDocument&& from) {
    into.source += (into.source.empty() ? "" : ", ") + from.source;
    for (auto& video : from.videos) {
        into.videos.push_back(std::move(video));
    }
    for (auto& task : from.tasks) {
        into.tasks.push_back(std::move(task));
    }
    for (auto& vocabulary : from.vocabularies) {
        into.vocabularies.push_back(std::move(vocabulary));
    }
    for (auto& warning : from.warnings) {
        into.warnings.push_back(std::move(warning));
    }
}

// A reader of one file at a time, for formats whose files stand alone.
template <typename ReadOne>
AnnotationFormat::ReadFn eachFile(ReadOne read_one) {
    return [read_one](const Files& files, const std::string& video_key) {
        AnnotationDocument document;
        for (const auto& file : files) {
            append(document, read_one(file, video_key));
        }
        return document;
    };
}

// Titles are marked for lupdate (the studio's translations list them under this context) and
// stay English here: the studio translates them when it shows them.
std::vector<AnnotationFormat> makeTable() {
    using Json = DatasetJsonFormat;
    using Flavour = SubtitleFormat::Flavour;
    std::vector<AnnotationFormat> table;
    table.push_back({"youcook2",
                     QT_TRANSLATE_NOOP("actbert::data::AnnotationFormats", "YouCook2 annotations"),
                     "*.json",
                     {TrackKind::Steps},
                     false,
                     eachFile([](const auto& file, const auto&) {
                         return Json::read(file, Json::Layout::YouCook2);
                     }),
                     [](const auto& document, const auto& out) {
                         Json::write(document, out, Json::Layout::YouCook2);
                     }});
    table.push_back({"youcook2-clips",
                     QT_TRANSLATE_NOOP("actbert::data::AnnotationFormats", "YouCook2 clips"),
                     "*.csv",
                     {TrackKind::Steps, TrackKind::Captions},
                     false,
                     eachFile([](const auto& file, const auto&) {
                         return DatasetCsvFormat::readYouCook2Clips(file);
                     }),
                     DatasetCsvFormat::writeYouCook2Clips});
    table.push_back(
        {"msrvtt",
         QT_TRANSLATE_NOOP("actbert::data::AnnotationFormats", "MSR-VTT"),
         "*.csv *.tsv",
         {TrackKind::Captions, TrackKind::Free},
         false,
         eachFile([](const auto& file, const auto&) { return DatasetCsvFormat::readMsrvtt(file); }),
         [](const auto& document, const auto& out) {
             if (out.extension() == ".tsv") {
                 DatasetCsvFormat::writeMsrvttMultipleChoice(document, out);
             } else {
                 DatasetCsvFormat::writeMsrvttRetrieval(document, out);
             }
         }});
    table.push_back({"howto100m",
                     QT_TRANSLATE_NOOP("actbert::data::AnnotationFormats", "HowTo100M captions"),
                     "*.csv *.json",
                     {TrackKind::Captions, TrackKind::Free},
                     false,
                     [](const Files& files, const std::string&) {
                         return DatasetCsvFormat::readHowTo100m(files);
                     },
                     DatasetCsvFormat::writeHowTo100m});
    table.push_back({"coin",
                     QT_TRANSLATE_NOOP("actbert::data::AnnotationFormats", "COIN"),
                     "*.json",
                     {TrackKind::Steps},
                     false,
                     eachFile([](const auto& file, const auto&) {
                         return Json::read(file, Json::Layout::Coin);
                     }),
                     [](const auto& document, const auto& out) {
                         Json::write(document, out, Json::Layout::Coin);
                     }});
    table.push_back(
        {"crosstask",
         QT_TRANSLATE_NOOP("actbert::data::AnnotationFormats", "CrossTask"),
         "*.txt *.csv",
         {TrackKind::Steps},
         true,
         [](const Files& files, const std::string&) { return CrossTaskFormat::read(files); },
         CrossTaskFormat::write});
    table.push_back(
        {"eaf",
         QT_TRANSLATE_NOOP("actbert::data::AnnotationFormats", "ELAN"),
         "*.eaf",
         {},
         false,
         eachFile([](const auto& file, const auto& key) { return EafFormat::read(file, key); }),
         EafFormat::write});
    table.push_back({"vtt",
                     QT_TRANSLATE_NOOP("actbert::data::AnnotationFormats", "WebVTT subtitles"),
                     "*.vtt",
                     {TrackKind::Captions, TrackKind::Steps},
                     false,
                     eachFile([](const auto& file, const auto& key) {
                         return SubtitleFormat::read(file, Flavour::WebVtt, key);
                     }),
                     [](const auto& document, const auto& out) {
                         SubtitleFormat::write(document, out, Flavour::WebVtt);
                     }});
    table.push_back({"srt",
                     QT_TRANSLATE_NOOP("actbert::data::AnnotationFormats", "SubRip subtitles"),
                     "*.srt",
                     {TrackKind::Captions, TrackKind::Steps},
                     false,
                     eachFile([](const auto& file, const auto& key) {
                         return SubtitleFormat::read(file, Flavour::Srt, key);
                     }),
                     [](const auto& document, const auto& out) {
                         SubtitleFormat::write(document, out, Flavour::Srt);
                     }});
    table.push_back(
        {"csv",
         QT_TRANSLATE_NOOP("actbert::data::AnnotationFormats", "Generic CSV"),
         "*.csv",
         {},
         false,
         eachFile([](const auto& file, const auto&) { return GenericFormat::readCsv(file); }),
         GenericFormat::writeCsv});
    table.push_back(
        {"json",
         QT_TRANSLATE_NOOP("actbert::data::AnnotationFormats", "Generic JSON"),
         "*.json",
         {},
         false,
         eachFile([](const auto& file, const auto&) { return GenericFormat::readJson(file); }),
         GenericFormat::writeJson});
    return table;
}

}  // namespace

std::span<const AnnotationFormat> AnnotationFormats::all() {
    static const std::vector<AnnotationFormat> kTable = makeTable();
    return kTable;
}

const AnnotationFormat& AnnotationFormats::find(const std::string& format) {
    for (const auto& entry : all()) {
        if (entry.name == format) {
            return entry;
        }
    }
    throw Error("unknown format '" + format + "' (known: " + nameList() + ")");
}

const std::vector<std::string>& AnnotationFormats::names() {
    static const std::vector<std::string> kNames = [] {
        std::vector<std::string> names;
        for (const auto& entry : all()) {
            names.push_back(entry.name);
        }
        return names;
    }();
    return kNames;
}

std::string AnnotationFormats::nameList() {
    std::string list;
    for (const auto& name : names()) {
        list += (list.empty() ? "" : ", ") + name;
    }
    return list;
}

void AnnotationFormats::checkName(const std::string& format) {
    find(format);
}

AnnotationDocument AnnotationFormats::read(const std::string& format,
                                           const std::vector<std::filesystem::path>& files,
                                           const std::string& video_key) {
    const AnnotationFormat& entry = find(format);
    if (files.empty()) {
        throw Error("no files to import");
    }
    return entry.read(files, video_key);
}

void AnnotationFormats::write(const std::string& format, const AnnotationDocument& document,
                              const std::filesystem::path& out, const ProgressFn& progress,
                              const CancelToken& cancel) {
    const AnnotationFormat& entry = find(format);
    reportProgress(progress, 0.0, "writing");
    cancel.throwIfCancelled();
    entry.write(document, out);
    reportProgress(progress, 1.0, "writing");
}

std::set<store::TrackKind> AnnotationFormats::defaultKinds(const std::string& format) {
    for (const auto& entry : all()) {
        if (entry.name == format) {
            return entry.export_kinds;
        }
    }
    return {};
}

}  // namespace actbert::data
