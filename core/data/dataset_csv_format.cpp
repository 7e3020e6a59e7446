#include "core/data/dataset_csv_format.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "core/common/atomic_file.h"
#include "core/common/error.h"
#include "core/data/csv_table.h"
#include "core/data/format_support.h"
#include "core/data/json_fields.h"

namespace actbert::data {
namespace {

// Videos in first-seen order, each with one track of the given name and kind.
class DocumentBuilder {
public:
    DocumentBuilder(std::string source, std::string track_name, store::TrackKind kind)
        : track_name_(std::move(track_name)), kind_(kind) {
        document_.source = std::move(source);
    }

    VideoRecord& video(const std::string& key, const std::string& where) {
        if (key.empty()) {
            throw Error(where + ": empty video id");
        }
        const auto [found, inserted] = index_.emplace(key, document_.videos.size());
        if (inserted) {
            VideoRecord video;
            video.key = key;
            video.origin = where;
            TrackRecord track;
            track.name = track_name_;
            track.kind = kind_;
            video.tracks.push_back(std::move(track));
            document_.videos.push_back(std::move(video));
        }
        return document_.videos[found->second];
    }

    std::vector<SegmentRecord>& segments(const std::string& key, const std::string& where) {
        return video(key, where).tracks.front().segments;
    }

    AnnotationDocument take() { return std::move(document_); }

private:
    AnnotationDocument document_;
    std::string track_name_;
    store::TrackKind kind_;
    std::map<std::string, std::size_t> index_;
};

// Every segment of a video over all its tracks, by start time.
std::vector<const SegmentRecord*> segmentsOf(const VideoRecord& video) {
    std::vector<const SegmentRecord*> segments;
    for (const auto& track : video.tracks) {
        for (const auto& segment : track.segments) {
            segments.push_back(&segment);
        }
    }
    std::stable_sort(segments.begin(), segments.end(),
                     [](const auto* a, const auto* b) { return a->start_s < b->start_s; });
    return segments;
}

void readHowToCsv(const std::filesystem::path& path, DocumentBuilder& builder) {
    const std::string text = readTextFile(path);
    const CsvTable table = CsvTable::parse(text, path.string());
    const auto start = table.requireColumn("start");
    const auto end = table.requireColumn("end");
    const auto caption = table.requireColumn("text");
    auto& segments = builder.segments(path.stem().string(), path.string());
    for (const auto& row : table.rows()) {
        const std::string where = table.where(row);
        SegmentRecord segment;
        segment.start_s = parseNumber(row.fields[start], where + ", column start");
        segment.end_s = parseNumber(row.fields[end], where + ", column end");
        checkSegmentTimes(segment.start_s, segment.end_s, 0, where);
        segment.label = row.fields[caption];
        segment.origin = where;
        segments.push_back(std::move(segment));
    }
}

void readHowToJson(const std::filesystem::path& path, DocumentBuilder& builder) {
    const nlohmann::json root = JsonFields::load(path);
    const JsonFields fields(path.string());
    fields.requireObject(root, "");
    for (const auto& [key, entry] : root.items()) {
        const std::string video_path = "/" + pointerKey(key);
        const auto& starts =
            fields.requireArray(fields.member(entry, "start", video_path), video_path + "/start");
        const auto& ends =
            fields.requireArray(fields.member(entry, "end", video_path), video_path + "/end");
        const auto& texts =
            fields.requireArray(fields.member(entry, "text", video_path), video_path + "/text");
        if (starts.size() != ends.size() || starts.size() != texts.size()) {
            fields.fail(video_path, "start, end and text have different lengths");
        }
        auto& segments = builder.segments(key, fields.where(video_path));
        for (std::size_t i = 0; i < starts.size(); ++i) {
            const std::string index = "/" + std::to_string(i);
            SegmentRecord segment;
            segment.start_s = fields.number(starts[i], video_path + "/start" + index);
            segment.end_s = fields.number(ends[i], video_path + "/end" + index);
            segment.label = fields.string(texts[i], video_path + "/text" + index);
            segment.origin = video_path + "/start" + index;
            checkSegmentTimes(segment.start_s, segment.end_s, 0,
                              fields.where(video_path + "/start" + index));
            segments.push_back(std::move(segment));
        }
    }
}

}  // namespace

AnnotationDocument DatasetCsvFormat::readYouCook2Clips(const std::filesystem::path& path) {
    const std::string text = readTextFile(path);
    const CsvTable table = CsvTable::parse(text, path.string());
    const auto end = table.requireColumn("end");
    const auto start = table.requireColumn("start");
    const auto task = table.requireColumn("task");
    const auto caption = table.requireColumn("text");
    const auto video_id = table.requireColumn("video_id");
    DocumentBuilder builder(path.string(), "youcook2-clips", store::TrackKind::Captions);
    for (const auto& row : table.rows()) {
        const std::string where = table.where(row);
        VideoRecord& video = builder.video(row.fields[video_id], where);
        if (video.task_id.empty()) {
            video.task_id = row.fields[task];
        } else if (video.task_id != row.fields[task]) {
            throw Error(where + ": video '" + video.key + "' has task " + row.fields[task] +
                        " here but " + video.task_id + " on an earlier line");
        }
        SegmentRecord segment;
        segment.start_s = parseNumber(row.fields[start], where + ", column start");
        segment.end_s = parseNumber(row.fields[end], where + ", column end");
        checkSegmentTimes(segment.start_s, segment.end_s, 0, where);
        segment.label = row.fields[caption];
        segment.origin = where;
        video.tracks.front().segments.push_back(std::move(segment));
    }
    return builder.take();
}

void DatasetCsvFormat::writeYouCook2Clips(const AnnotationDocument& document,
                                          const std::filesystem::path& path) {
    std::string out = "end,start,task,text,video_id\n";
    for (const auto& video : document.videos) {
        for (const auto* segment : segmentsOf(video)) {
            out += formatNumber(segment->end_s) + "," + formatNumber(segment->start_s) + "," +
                   csvField(video.task_id) + "," + csvField(segment->label) + "," +
                   csvField(video.key) + "\n";
        }
    }
    writeFileAtomically(path, out);
}

AnnotationDocument DatasetCsvFormat::readMsrvtt(const std::filesystem::path& path) {
    const std::string text = readTextFile(path);
    if (text.starts_with("key,")) {
        const CsvTable table = CsvTable::parse(text, path.string());
        const auto key = table.requireColumn("key");
        const auto vid_key = table.requireColumn("vid_key");
        const auto video_id = table.requireColumn("video_id");
        const auto sentence = table.requireColumn("sentence");
        DocumentBuilder builder(path.string(), "msrvtt", store::TrackKind::Captions);
        for (const auto& row : table.rows()) {
            SegmentRecord segment;
            segment.whole_video = true;
            segment.label = row.fields[sentence];
            segment.external_id = row.fields[key];
            segment.label_id = row.fields[vid_key];
            segment.origin = table.where(row);
            builder.segments(row.fields[video_id], table.where(row)).push_back(segment);
        }
        return builder.take();
    }
    const CsvTable table =
        CsvTable::parse(text, path.string(), '\t', CsvTable::Quoting::None, false);
    DocumentBuilder builder(path.string(), "msrvtt-mc", store::TrackKind::Free);
    for (const auto& row : table.rows()) {
        const std::string where = table.where(row);
        if (row.fields.size() != 7) {
            throw Error(where +
                        ": expected 7 tab-separated fields (video id, five candidate "
                        "sentences, answer index), found " +
                        std::to_string(row.fields.size()));
        }
        const std::int64_t answer = parseInteger(row.fields[6], where + ", answer index");
        if (answer < 0 || answer > 4) {
            throw Error(where + ": answer index " + std::to_string(answer) + " is not one of 0-4");
        }
        auto& segments = builder.segments(row.fields[0], where);
        for (int candidate = 0; candidate < 5; ++candidate) {
            SegmentRecord segment;
            segment.whole_video = true;
            segment.label = row.fields[static_cast<std::size_t>(candidate) + 1];
            segment.external_id = "q" + std::to_string(row.line) + "#" + std::to_string(candidate);
            segment.label_id = candidate == answer ? "answer" : "";
            segment.origin = where;
            segments.push_back(std::move(segment));
        }
    }
    return builder.take();
}

void DatasetCsvFormat::writeMsrvttRetrieval(const AnnotationDocument& document,
                                            const std::filesystem::path& path) {
    std::string out = "key,vid_key,video_id,sentence\n";
    std::size_t row = 0;
    for (const auto& video : document.videos) {
        for (const auto* segment : segmentsOf(video)) {
            const std::string key =
                segment->external_id.empty() ? "ret" + std::to_string(row) : segment->external_id;
            std::string vid_key = segment->label_id;
            if (vid_key.empty()) {
                vid_key =
                    "msr" + (video.key.starts_with("video") ? video.key.substr(5) : video.key);
            }
            out += csvField(key) + "," + csvField(vid_key) + "," + csvField(video.key) + "," +
                   csvField(segment->label) + "\n";
            ++row;
        }
    }
    writeFileAtomically(path, out);
}

void DatasetCsvFormat::writeMsrvttMultipleChoice(const AnnotationDocument& document,
                                                 const std::filesystem::path& path) {
    std::string out;
    for (const auto& video : document.videos) {
        // Candidates of one question share the external id before '#'.
        std::map<std::string, std::vector<const SegmentRecord*>> questions;
        std::vector<std::string> order;
        for (const auto& track : video.tracks) {
            for (const auto& segment : track.segments) {
                const std::string question =
                    segment.external_id.substr(0, segment.external_id.find('#'));
                if (!questions.contains(question)) {
                    order.push_back(question);
                }
                questions[question].push_back(&segment);
            }
        }
        for (const auto& question : order) {
            const auto& candidates = questions[question];
            if (candidates.size() != 5) {
                throw Error(path.string() + ": question '" + question + "' of video '" + video.key +
                            "' has " + std::to_string(candidates.size()) +
                            " candidates, the multiple-choice layout needs 5");
            }
            std::string line = video.key;
            int answer = -1;
            for (int i = 0; i < 5; ++i) {
                std::string sentence = candidates[static_cast<std::size_t>(i)]->label;
                std::replace(sentence.begin(), sentence.end(), '\t', ' ');
                std::replace(sentence.begin(), sentence.end(), '\n', ' ');
                line += "\t" + sentence;
                if (candidates[static_cast<std::size_t>(i)]->label_id == "answer") {
                    answer = i;
                }
            }
            if (answer < 0) {
                throw Error(path.string() + ": question '" + question + "' of video '" + video.key +
                            "' has no candidate marked as the answer");
            }
            out += line + "\t" + std::to_string(answer) + "\n";
        }
    }
    writeFileAtomically(path, out);
}

AnnotationDocument DatasetCsvFormat::readHowTo100m(
    const std::vector<std::filesystem::path>& paths) {
    std::string sources;
    for (const auto& path : paths) {
        sources += (sources.empty() ? "" : ", ") + path.string();
    }
    DocumentBuilder builder(sources, "howto100m", store::TrackKind::Captions);
    for (const auto& path : paths) {
        if (path.extension() == ".json") {
            readHowToJson(path, builder);
        } else {
            readHowToCsv(path, builder);
        }
    }
    return builder.take();
}

void DatasetCsvFormat::writeHowTo100m(const AnnotationDocument& document,
                                      const std::filesystem::path& path) {
    if (path.extension() == ".csv") {
        if (document.videos.size() != 1) {
            throw Error(path.string() + ": a HowTo100M CSV holds one video, the selection has " +
                        std::to_string(document.videos.size()) +
                        " (choose one with --video, or write .json)");
        }
        std::string out = "start,end,text\n";
        for (const auto* segment : segmentsOf(document.videos.front())) {
            out += formatNumber(segment->start_s) + "," + formatNumber(segment->end_s) + "," +
                   csvField(segment->label) + "\n";
        }
        writeFileAtomically(path, out);
        return;
    }
    nlohmann::ordered_json root = nlohmann::ordered_json::object();
    for (const auto& video : document.videos) {
        nlohmann::ordered_json starts = nlohmann::ordered_json::array();
        nlohmann::ordered_json ends = nlohmann::ordered_json::array();
        nlohmann::ordered_json texts = nlohmann::ordered_json::array();
        for (const auto* segment : segmentsOf(video)) {
            starts.push_back(segment->start_s);
            ends.push_back(segment->end_s);
            texts.push_back(segment->label);
        }
        root[video.key] = {{"start", starts}, {"end", ends}, {"text", texts}};
    }
    writeFileAtomically(path, root.dump() + "\n");
}

}  // namespace actbert::data
