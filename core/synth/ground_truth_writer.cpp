#include "core/synth/ground_truth_writer.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>

#include "core/common/atomic_file.h"
#include "core/synth/narration_planner.h"

namespace actbert::synth {

using Json = nlohmann::ordered_json;

std::string srtTime(double seconds) {
    const long long ms = std::llround(seconds * 1000.0);
    char text[32];
    std::snprintf(text, sizeof(text), "%02lld:%02lld:%02lld,%03lld", ms / 3600000, ms / 60000 % 60,
                  ms / 1000 % 60, ms % 1000);
    return text;
}

std::string secondsText(double seconds) {
    const long long ms = std::llround(seconds * 1000.0);
    std::string text = std::to_string(ms / 1000);
    if (ms % 1000 != 0) {
        char frac[8];
        std::snprintf(frac, sizeof(frac), ".%03lld", ms % 1000);
        std::string f = frac;
        while (f.back() == '0') {
            f.pop_back();
        }
        text += f;
    }
    return text;
}

std::string csvField(const std::string& text) {
    if (text.find_first_of(",\"\n") == std::string::npos) {
        return text;
    }
    std::string quoted = "\"";
    for (const char c : text) {
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return quoted + "\"";
}

std::string GroundTruthWriter::splitName(Split split) {
    switch (split) {
        case Split::Train:
            return "train";
        case Split::Validation:
            return "validation";
        case Split::Test:
            return "test";
    }
    return "train";
}

void GroundTruthWriter::writeJson(const VideoRecord& record,
                                  const std::filesystem::path& path) const {
    const VideoScript& script = record.script;
    const Task& task = library_.tasks()[script.task_index];
    Json root;
    root["format"] = "actbert-synth-ground-truth";
    root["version"] = 1;
    root["video_id"] = script.video_id;
    root["video"] = record.video_file;
    root["task"] = {{"key", task.key}, {"name", task.name}, {"index", script.task_index}};
    root["split"] = splitName(record.split);
    root["width"] = script.width;
    root["height"] = script.height;
    root["fps"] = script.fps;
    root["frame_count"] = script.frame_count;
    root["duration_s"] = script.duration_s();
    root["seed"] = std::to_string(script.seed);
    root["difficulty"] = script.difficulty;
    Json classes = Json::array();
    for (const auto& cls : library_.classes()) {
        classes.push_back(cls.name);
    }
    root["classes"] = classes;
    Json objects = Json::array();
    for (std::size_t i = 0; i < script.objects.size(); ++i) {
        objects.push_back(
            {{"id", i},
             {"class", script.objects[i].class_index},
             {"role", script.objects[i].role == ObjectRole::Task ? "task" : "distractor"}});
    }
    root["objects"] = objects;
    Json steps = Json::array();
    for (const auto& step : script.steps) {
        steps.push_back({{"step_id", step.step_id},
                         {"task_step", step.task_step},
                         {"label", step.label},
                         {"caption", step.caption},
                         {"start_frame", step.start_frame},
                         {"end_frame", step.end_frame},
                         {"start_s", static_cast<double>(step.start_frame) / script.fps},
                         {"end_s", static_cast<double>(step.end_frame) / script.fps}});
    }
    root["steps"] = steps;
    Json labels = Json::array();
    for (int f = 0; f < script.frame_count; ++f) {
        labels.push_back(script.labelAt(f));
    }
    root["frame_labels"] = labels;
    Json boxes = Json::array();
    for (const auto& frame_boxes : record.boxes) {
        Json list = Json::array();
        for (const auto& b : frame_boxes) {
            list.push_back({b.object, b.class_index, b.x1, b.y1, b.x2, b.y2});
        }
        boxes.push_back(list);
    }
    root["boxes"] = boxes;
    Json narration = Json::array();
    for (const auto& line : script.narration) {
        narration.push_back({{"start_s", line.start_s},
                             {"end_s", line.end_s},
                             {"text", line.text},
                             {"step", line.step}});
    }
    root["narration"] = narration;
    root["description"] = record.description;
    root["question"] = {{"candidates", record.question.candidates},
                        {"answer", record.question.answer}};
    writeFileAtomically(path, root.dump() + "\n");
}

void GroundTruthWriter::writeSrt(const std::vector<NarrationLine>& lines,
                                 const std::filesystem::path& path) {
    std::string text;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        text += std::to_string(i + 1) + "\n" + srtTime(lines[i].start_s) + " --> " +
                srtTime(lines[i].end_s) + "\n" + lines[i].text + "\n\n";
    }
    writeFileAtomically(path, text);
}

void GroundTruthWriter::writeNarrationCsv(const std::vector<NarrationLine>& lines,
                                          const std::filesystem::path& path) {
    std::string text = "start,end,text\n";
    for (const auto& line : lines) {
        text += secondsText(line.start_s) + "," + secondsText(line.end_s) + "," +
                csvField(asrText(line.text)) + "\n";
    }
    writeFileAtomically(path, text);
}

}  // namespace actbert::synth
