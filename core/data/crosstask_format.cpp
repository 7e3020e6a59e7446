#include "core/data/crosstask_format.h"

#include <algorithm>
#include <map>

#include "core/common/atomic_file.h"
#include "core/common/error.h"
#include "core/data/csv_table.h"
#include "core/data/format_support.h"

namespace actbert::data {
namespace {

std::vector<std::string> splitLines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos) {
            end = text.size();
        }
        std::string line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        lines.push_back(std::move(line));
        start = end + 1;
    }
    return lines;
}

std::vector<std::string> splitCommas(const std::string& text) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (;;) {
        const auto comma = text.find(',', start);
        parts.push_back(trim(text.substr(start, comma - start)));
        if (comma == std::string::npos) {
            return parts;
        }
        start = comma + 1;
    }
}

void readTasks(const std::filesystem::path& path,
               std::map<std::string, store::TaskDefinition>& tasks,
               std::vector<std::string>& order) {
    const auto lines = splitLines(readTextFile(path));
    std::size_t i = 0;
    while (i < lines.size()) {
        if (trim(lines[i]).empty()) {
            ++i;
            continue;
        }
        const std::string where = path.string() + ", line " + std::to_string(i + 1);
        if (i + 5 > lines.size()) {
            throw Error(where +
                        ": task block has fewer than 5 lines (id, name, URL, step count, "
                        "steps)");
        }
        store::TaskDefinition task;
        task.dataset = "crosstask";
        task.task_id = trim(lines[i]);
        task.name = trim(lines[i + 1]);
        task.url = trim(lines[i + 2]);
        const auto count = parseInteger(
            lines[i + 3], path.string() + ", line " + std::to_string(i + 4) + " (step count)");
        const auto names = splitCommas(lines[i + 4]);
        if (count <= 0 || static_cast<std::size_t>(count) != names.size()) {
            throw Error(path.string() + ", line " + std::to_string(i + 5) + ": task " +
                        task.task_id + " declares " + std::to_string(count) + " steps but lists " +
                        std::to_string(names.size()));
        }
        for (std::size_t step = 0; step < names.size(); ++step) {
            task.steps.push_back({std::to_string(step + 1), names[step]});
        }
        if (!tasks.contains(task.task_id)) {
            order.push_back(task.task_id);
        }
        tasks[task.task_id] = std::move(task);
        i += 5;
    }
}

bool isHeader(const CsvTable& table, const char* first) {
    return !table.rows().empty() && trim(table.rows().front().fields.front()) == first;
}

}  // namespace

AnnotationDocument CrossTaskFormat::read(const std::vector<std::filesystem::path>& paths) {
    AnnotationDocument document;
    std::map<std::string, store::TaskDefinition> tasks;
    std::vector<std::string> task_order;
    std::vector<std::filesystem::path> annotations;
    std::vector<std::filesystem::path> video_lists;
    for (const auto& path : paths) {
        document.source += (document.source.empty() ? "" : ", ") + path.string();
        const std::string name = path.filename().string();
        if (name.starts_with("tasks") && path.extension() == ".txt") {
            readTasks(path, tasks, task_order);
        } else if (name.starts_with("videos") && path.extension() == ".csv") {
            video_lists.push_back(path);
        } else if (path.extension() == ".csv") {
            annotations.push_back(path);
        } else {
            throw Error(path.string() +
                        ": not a CrossTask file (expected tasks*.txt, videos*.csv "
                        "or <task>_<video>.csv)");
        }
    }
    std::map<std::string, std::size_t> video_index;
    const auto videoFor = [&](const std::string& key, const std::string& task_id,
                              const std::string& where) -> VideoRecord& {
        const auto [found, inserted] = video_index.emplace(key, document.videos.size());
        if (inserted) {
            VideoRecord video;
            video.key = key;
            video.task_id = task_id;
            video.origin = where;
            if (const auto task = tasks.find(task_id); task != tasks.end()) {
                video.task_name = task->second.name;
            }
            document.videos.push_back(std::move(video));
        }
        return document.videos[found->second];
    };
    for (const auto& path : annotations) {
        const std::string stem = path.stem().string();
        const auto underscore = stem.find('_');
        if (underscore == std::string::npos || underscore == 0 || underscore + 1 == stem.size()) {
            throw Error(path.string() + ": annotation file names are <task>_<video>.csv");
        }
        const std::string task_id = stem.substr(0, underscore);
        const auto task = tasks.find(task_id);
        if (task == tasks.end()) {
            throw Error(path.string() + ": task " + task_id +
                        " is not defined; import its tasks_primary.txt in the same command");
        }
        const std::string text = readTextFile(path);
        const CsvTable table =
            CsvTable::parse(text, path.string(), ',', CsvTable::Quoting::Rfc4180, false);
        VideoRecord& video = videoFor(stem.substr(underscore + 1), task_id, path.string());
        TrackRecord track;
        track.name = "crosstask";
        track.kind = store::TrackKind::Steps;
        for (const auto& row : table.rows()) {
            if (row.line == 1 && isHeader(table, "step")) {
                continue;
            }
            const std::string where = table.where(row);
            if (row.fields.size() != 3) {
                throw Error(where + ": expected step,start,end, found " +
                            std::to_string(row.fields.size()) + " fields");
            }
            const auto step = parseInteger(row.fields[0], where + ", column step");
            if (step < 1 || static_cast<std::size_t>(step) > task->second.steps.size()) {
                throw Error(where + ": step " + std::to_string(step) + " is not a step of task " +
                            task_id + " (1-" + std::to_string(task->second.steps.size()) + ")");
            }
            SegmentRecord segment;
            segment.start_s = parseNumber(row.fields[1], where + ", column start");
            segment.end_s = parseNumber(row.fields[2], where + ", column end");
            checkSegmentTimes(segment.start_s, segment.end_s, 0, where);
            segment.label_id = std::to_string(step);
            segment.label = task->second.steps[static_cast<std::size_t>(step - 1)].name;
            segment.origin = where;
            track.segments.push_back(std::move(segment));
        }
        video.tracks.push_back(std::move(track));
    }
    for (const auto& path : video_lists) {
        const std::string text = readTextFile(path);
        const CsvTable table =
            CsvTable::parse(text, path.string(), ',', CsvTable::Quoting::Rfc4180, false);
        for (const auto& row : table.rows()) {
            if (row.line == 1 && isHeader(table, "task")) {
                continue;
            }
            if (row.fields.size() != 3) {
                throw Error(table.where(row) + ": expected task,video,url, found " +
                            std::to_string(row.fields.size()) + " fields");
            }
            VideoRecord& video =
                videoFor(trim(row.fields[1]), trim(row.fields[0]), table.where(row));
            video.url = trim(row.fields[2]);
        }
    }
    for (const auto& id : task_order) {
        document.tasks.push_back(tasks[id]);
    }
    return document;
}

void CrossTaskFormat::write(const AnnotationDocument& document,
                            const std::filesystem::path& folder) {
    std::error_code error;
    std::filesystem::create_directories(folder / "annotations", error);
    if (error) {
        throw Error(folder.string() + ": cannot create folder: " + error.message());
    }
    std::string tasks_text;
    for (const auto& task : document.tasks) {
        if (task.dataset != "crosstask") {
            continue;
        }
        std::string names;
        for (const auto& step : task.steps) {
            names += (names.empty() ? "" : ",") + step.name;
        }
        tasks_text += task.task_id + "\n" + task.name + "\n" + task.url + "\n" +
                      std::to_string(task.steps.size()) + "\n" + names + "\n\n";
    }
    writeFileAtomically(folder / "tasks_primary.txt", tasks_text);
    std::string videos_text;
    for (const auto& video : document.videos) {
        if (video.task_id.empty()) {
            throw Error(folder.string() + ": video '" + video.key +
                        "' has no task; CrossTask files need one");
        }
        videos_text += video.task_id + "," + video.key + "," + video.url + "\n";
        std::vector<const SegmentRecord*> segments;
        for (const auto& track : video.tracks) {
            for (const auto& segment : track.segments) {
                segments.push_back(&segment);
            }
        }
        if (segments.empty()) {
            continue;
        }
        std::stable_sort(segments.begin(), segments.end(),
                         [](const auto* a, const auto* b) { return a->start_s < b->start_s; });
        std::string rows;
        for (const auto* segment : segments) {
            if (segment->label_id.empty() ||
                segment->label_id.find_first_not_of("0123456789") != std::string::npos) {
                throw Error(folder.string() + ": segment '" + segment->label + "' of video '" +
                            video.key + "' has no step number (label id '" + segment->label_id +
                            "'); CrossTask rows need one");
            }
            rows += segment->label_id + "," + formatNumber(segment->start_s) + "," +
                    formatNumber(segment->end_s) + "\n";
        }
        writeFileAtomically(folder / "annotations" / (video.task_id + "_" + video.key + ".csv"),
                            rows);
    }
    writeFileAtomically(folder / "videos.csv", videos_text);
}

}  // namespace actbert::data
