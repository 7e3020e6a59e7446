#include "core/synth/dataset_files_writer.h"

#include <nlohmann/json.hpp>

#include "core/common/atomic_file.h"
#include "core/common/error.h"
#include "core/synth/ground_truth_writer.h"
#include "core/synth/narration_planner.h"

namespace actbert::synth {

using Json = nlohmann::ordered_json;

namespace {

std::string subsetName(Split split) {
    switch (split) {
        case Split::Train:
            return "training";
        case Split::Validation:
            return "validation";
        case Split::Test:
            return "testing";
    }
    return "training";
}

double startOf(const ScriptStep& step, int fps) {
    return static_cast<double>(step.start_frame) / fps;
}

double endOf(const ScriptStep& step, int fps) {
    return static_cast<double>(step.end_frame) / fps;
}

}  // namespace

void DatasetFilesWriter::writeAll(const std::filesystem::path& dir,
                                  const std::vector<VideoRecord>& videos) const {
    writeTasks(dir);
    Json splits = {
        {"train", Json::array()}, {"validation", Json::array()}, {"test", Json::array()}};
    Json captions = Json::object();
    for (const auto& video : videos) {
        splits[GroundTruthWriter::splitName(video.split)].push_back(video.script.video_id);
        Json start = Json::array();
        Json end = Json::array();
        Json text = Json::array();
        for (const auto& line : video.script.narration) {
            start.push_back(line.start_s);
            end.push_back(line.end_s);
            text.push_back(asrText(line.text));
        }
        captions[video.script.video_id] = {{"start", start}, {"end", end}, {"text", text}};
    }
    writeFileAtomically(dir / "splits.json", splits.dump(1) + "\n");
    writeFileAtomically(dir / "howto100m_captions.json", captions.dump() + "\n");
    writeCoinAndYouCook(dir, videos);
    writeCrossTask(dir, videos);
    writeMsrVtt(dir, videos);
}

void DatasetFilesWriter::writeTasks(const std::filesystem::path& dir) const {
    Json tasks = Json::array();
    for (std::size_t t = 0; t < library_.tasks().size(); ++t) {
        const Task& task = library_.tasks()[t];
        Json steps = Json::array();
        for (std::size_t s = 0; s < task.steps.size(); ++s) {
            const Step& step = task.steps[s];
            steps.push_back({{"step_id", task.step_ids[s]},
                             {"label", library_.stepLabel(step)},
                             {"caption", library_.stepCaption(step)},
                             {"verb", step.verb},
                             {"object", step.object},
                             {"target", step.target},
                             {"tool", library_.toolOf(step)},
                             {"optional", step.optional},
                             {"after", step.after}});
        }
        tasks.push_back({{"index", t}, {"key", task.key}, {"name", task.name}, {"steps", steps}});
    }
    Json verbs = Json::array();
    for (const auto& verb : library_.verbs()) {
        verbs.push_back(verb.name);
    }
    Json classes = Json::array();
    for (const auto& cls : library_.classes()) {
        classes.push_back(cls.name);
    }
    const Json root = {{"step_count", library_.stepCount()},
                       {"tasks", tasks},
                       {"verbs", verbs},
                       {"classes", classes}};
    writeFileAtomically(dir / "tasks.json", root.dump(1) + "\n");
}

void DatasetFilesWriter::writeCoinAndYouCook(const std::filesystem::path& dir,
                                             const std::vector<VideoRecord>& videos) const {
    Json coin = Json::object();
    Json youcook = Json::object();
    std::string clips = "end,start,task,text,video_id\n";
    for (const auto& video : videos) {
        const VideoScript& script = video.script;
        const Task& task = library_.tasks()[script.task_index];
        Json coin_steps = Json::array();
        Json youcook_steps = Json::array();
        for (std::size_t i = 0; i < script.steps.size(); ++i) {
            const ScriptStep& step = script.steps[i];
            const Json segment = {startOf(step, script.fps), endOf(step, script.fps)};
            coin_steps.push_back({{"id", std::to_string(step.step_id)},
                                  {"segment", segment},
                                  {"label", step.label}});
            youcook_steps.push_back({{"id", i}, {"segment", segment}, {"sentence", step.caption}});
            if (video.split != Split::Train) {
                clips += secondsText(endOf(step, script.fps)) + "," +
                         secondsText(startOf(step, script.fps)) + "," +
                         std::to_string(script.task_index) + "," + csvField(step.caption) + "," +
                         script.video_id + "\n";
            }
        }
        coin[script.video_id] = {{"duration", script.duration_s()},
                                 {"class", task.name},
                                 {"recipe_type", script.task_index},
                                 {"subset", subsetName(video.split)},
                                 {"start", 0.0},
                                 {"end", script.duration_s()},
                                 {"video_url", video.video_file},
                                 {"annotation", coin_steps}};
        youcook[script.video_id] = {{"duration", script.duration_s()},
                                    {"subset", subsetName(video.split)},
                                    {"recipe_type", std::to_string(script.task_index)},
                                    {"video_url", video.video_file},
                                    {"annotations", youcook_steps}};
    }
    writeFileAtomically(dir / "coin.json", Json({{"database", coin}}).dump() + "\n");
    writeFileAtomically(dir / "youcook2.json", Json({{"database", youcook}}).dump() + "\n");
    writeFileAtomically(dir / "youcook2_val_clips.csv", clips);
}

void DatasetFilesWriter::writeCrossTask(const std::filesystem::path& dir,
                                        const std::vector<VideoRecord>& videos) const {
    const std::filesystem::path root = dir / "crosstask";
    std::error_code error;
    std::filesystem::create_directories(root / "annotations", error);
    if (error) {
        throw Error((root / "annotations").string() + ": cannot create folder: " + error.message());
    }
    std::string primary;
    for (std::size_t t = 0; t < library_.tasks().size(); ++t) {
        const Task& task = library_.tasks()[t];
        std::string names;
        for (const auto& step : task.steps) {
            names += (names.empty() ? "" : ",") + library_.stepLabel(step);
        }
        primary += std::to_string(t) + "\n" + task.name + "\nsynthetic://" + task.key + "\n" +
                   std::to_string(task.steps.size()) + "\n" + names + "\n\n";
    }
    writeFileAtomically(root / "tasks_primary.txt", primary);
    std::string all = "task,video,url\n";
    std::string validation = "task,video,url\n";
    for (const auto& video : videos) {
        const VideoScript& script = video.script;
        const std::string row = std::to_string(script.task_index) + "," + script.video_id + "," +
                                video.video_file + "\n";
        all += row;
        if (video.split != Split::Train) {
            validation += row;
        }
        std::string steps;
        for (const auto& step : script.steps) {
            steps += std::to_string(step.task_step + 1) + "," +
                     secondsText(startOf(step, script.fps)) + "," +
                     secondsText(endOf(step, script.fps)) + "\n";
        }
        writeFileAtomically(
            root / "annotations" /
                (std::to_string(script.task_index) + "_" + script.video_id + ".csv"),
            steps);
    }
    writeFileAtomically(root / "videos.csv", all);
    writeFileAtomically(root / "videos_val.csv", validation);
}

void DatasetFilesWriter::writeMsrVtt(const std::filesystem::path& dir,
                                     const std::vector<VideoRecord>& videos) const {
    std::string retrieval = "key,vid_key,video_id,sentence\n";
    std::string choice;
    int key = 0;
    for (const auto& video : videos) {
        if (video.split != Split::Test) {
            continue;
        }
        const std::string& id = video.script.video_id;
        retrieval += "ret" + std::to_string(key++) + "," + id + "," + id + "," +
                     csvField(video.description) + "\n";
        choice += id;
        for (const auto& candidate : video.question.candidates) {
            choice += "\t" + candidate;
        }
        choice += "\t" + std::to_string(video.question.answer) + "\n";
    }
    writeFileAtomically(dir / "msrvtt_retrieval_test.csv", retrieval);
    writeFileAtomically(dir / "msrvtt_multiple_choice_test.tsv", choice);
}

}  // namespace actbert::synth
