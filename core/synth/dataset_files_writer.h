#pragma once
// Data-set level ground truth in the layouts the project's importers read
// (../shared/design/formats.md), all in one data-set folder:
//   tasks.json                      the task library (steps, ids, verbs, classes)
//   splits.json                     {"train": [ids], "validation": [...], "test": [...]}
//   coin.json                       COIN: database -> annotation [{id, segment, label}]
//   youcook2.json                   YouCook2: database -> annotations [{id, segment, sentence}]
//   youcook2_val_clips.csv          end,start,task,text,video_id (validation + test steps)
//   crosstask/tasks_primary.txt     5-line blocks; crosstask/videos.csv, videos_val.csv,
//   crosstask/annotations/<task>_<video>.csv  step,start,end (1-based step of the task)
//   msrvtt_retrieval_test.csv       key,vid_key,video_id,sentence (test videos)
//   msrvtt_multiple_choice_test.tsv video id, five candidates, answer index (test videos)
//   howto100m_captions.json         {vid: {start: [...], end: [...], text: [...]}}
// COIN's and YouCook2's `subset` are "training", "validation" or "testing".
// Threading: no shared state.

#include <filesystem>
#include <vector>

#include "core/synth/task_library.h"
#include "core/synth/video_record.h"

namespace actbert::synth {

class DatasetFilesWriter {
public:
    explicit DatasetFilesWriter(const TaskLibrary& library) : library_(library) {}

    // Writes every file listed above (atomically); throws actbert::Error naming the file.
    void writeAll(const std::filesystem::path& dir, const std::vector<VideoRecord>& videos) const;

private:
    void writeTasks(const std::filesystem::path& dir) const;
    void writeCoinAndYouCook(const std::filesystem::path& dir,
                             const std::vector<VideoRecord>& videos) const;
    void writeCrossTask(const std::filesystem::path& dir,
                        const std::vector<VideoRecord>& videos) const;
    void writeMsrVtt(const std::filesystem::path& dir,
                     const std::vector<VideoRecord>& videos) const;

    const TaskLibrary& library_;
};

}  // namespace actbert::synth
