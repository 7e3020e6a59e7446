#include "core/data/annotation_formats.h"

#include "core/common/error.h"
#include "core/data/crosstask_format.h"
#include "core/data/dataset_csv_format.h"
#include "core/data/dataset_json_format.h"
#include "core/data/eaf_format.h"
#include "core/data/generic_format.h"
#include "core/data/subtitle_format.h"

namespace actbert::data {
namespace {

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

}  // namespace

const std::vector<std::string>& AnnotationFormats::names() {
    static const std::vector<std::string> kNames = {"youcook2", "youcook2-clips",
                                                    "msrvtt",   "howto100m",
                                                    "coin",     "crosstask",
                                                    "eaf",      "vtt",
                                                    "srt",      "csv",
                                                    "json"};
    return kNames;
}

void AnnotationFormats::checkName(const std::string& format) {
    for (const auto& name : names()) {
        if (name == format) {
            return;
        }
    }
    std::string known;
    for (const auto& name : names()) {
        known += (known.empty() ? "" : ", ") + name;
    }
    throw Error("unknown format '" + format + "' (known: " + known + ")");
}

AnnotationDocument AnnotationFormats::read(const std::string& format,
                                           const std::vector<std::filesystem::path>& files,
                                           const std::string& video_key) {
    checkName(format);
    if (files.empty()) {
        throw Error("no files to import");
    }
    if (format == "howto100m") {
        return DatasetCsvFormat::readHowTo100m(files);
    }
    if (format == "crosstask") {
        return CrossTaskFormat::read(files);
    }
    AnnotationDocument document;
    for (const auto& file : files) {
        if (format == "youcook2") {
            append(document, DatasetJsonFormat::read(file, DatasetJsonFormat::Layout::YouCook2));
        } else if (format == "coin") {
            append(document, DatasetJsonFormat::read(file, DatasetJsonFormat::Layout::Coin));
        } else if (format == "youcook2-clips") {
            append(document, DatasetCsvFormat::readYouCook2Clips(file));
        } else if (format == "msrvtt") {
            append(document, DatasetCsvFormat::readMsrvtt(file));
        } else if (format == "eaf") {
            append(document, EafFormat::read(file, video_key));
        } else if (format == "vtt") {
            append(document,
                   SubtitleFormat::read(file, SubtitleFormat::Flavour::WebVtt, video_key));
        } else if (format == "srt") {
            append(document, SubtitleFormat::read(file, SubtitleFormat::Flavour::Srt, video_key));
        } else if (format == "csv") {
            append(document, GenericFormat::readCsv(file));
        } else if (format == "json") {
            append(document, GenericFormat::readJson(file));
        }
    }
    return document;
}

void AnnotationFormats::write(const std::string& format, const AnnotationDocument& document,
                              const std::filesystem::path& out, const ProgressFn& progress,
                              const CancelToken& cancel) {
    checkName(format);
    reportProgress(progress, 0.0, "writing");
    cancel.throwIfCancelled();
    if (format == "youcook2") {
        DatasetJsonFormat::write(document, out, DatasetJsonFormat::Layout::YouCook2);
    } else if (format == "coin") {
        DatasetJsonFormat::write(document, out, DatasetJsonFormat::Layout::Coin);
    } else if (format == "youcook2-clips") {
        DatasetCsvFormat::writeYouCook2Clips(document, out);
    } else if (format == "msrvtt") {
        if (out.extension() == ".tsv") {
            DatasetCsvFormat::writeMsrvttMultipleChoice(document, out);
        } else {
            DatasetCsvFormat::writeMsrvttRetrieval(document, out);
        }
    } else if (format == "howto100m") {
        DatasetCsvFormat::writeHowTo100m(document, out);
    } else if (format == "crosstask") {
        CrossTaskFormat::write(document, out);
    } else if (format == "eaf") {
        EafFormat::write(document, out);
    } else if (format == "vtt") {
        SubtitleFormat::write(document, out, SubtitleFormat::Flavour::WebVtt);
    } else if (format == "srt") {
        SubtitleFormat::write(document, out, SubtitleFormat::Flavour::Srt);
    } else if (format == "csv") {
        GenericFormat::writeCsv(document, out);
    } else {
        GenericFormat::writeJson(document, out);
    }
    reportProgress(progress, 1.0, "writing");
}

std::set<store::TrackKind> AnnotationFormats::defaultKinds(const std::string& format) {
    using store::TrackKind;
    if (format == "youcook2" || format == "coin" || format == "crosstask") {
        return {TrackKind::Steps};
    }
    if (format == "youcook2-clips") {
        return {TrackKind::Steps, TrackKind::Captions};
    }
    if (format == "howto100m" || format == "msrvtt") {
        return {TrackKind::Captions, TrackKind::Free};
    }
    if (format == "vtt" || format == "srt") {
        return {TrackKind::Captions, TrackKind::Steps};
    }
    return {};
}

}  // namespace actbert::data
