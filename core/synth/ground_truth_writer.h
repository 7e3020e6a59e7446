#pragma once
// Per-video files: the ground-truth JSON, the narration as SRT and as a HowTo100M CSV.
//
// Ground-truth JSON layout (format "actbert-synth-ground-truth", version 1):
//   video_id, video (path relative to the data set), task {key, name, index}, split
//   ("train" | "validation" | "test"), width, height, fps, frame_count, duration_s
//   (= frame_count / fps), seed (decimal string, 64-bit), difficulty,
//   classes: [class name by class id] (the whole library, so ids are stable across videos),
//   objects: [{id, class, role: "task" | "distractor"}],
//   steps: [{step_id (global, >= 1), task_step (index in the task), label, caption,
//            start_frame, end_frame (exclusive), start_s, end_s}] in time order,
//   frame_labels: [step_id per frame, 0 = background],
//   boxes: per frame a list of [object id (-1 = hand), class id, x1, y1, x2, y2], pixel edges,
//          x2/y2 exclusive, clipped to the frame, amodal (not cut by occluders),
//   narration: [{start_s, end_s, text, step (index into steps, -1 = chatter)}],
//   description, question {candidates: [5 sentences], answer (index)}.
// Threading: free of shared state; different videos may be written from different threads.

#include <filesystem>

#include "core/synth/task_library.h"
#include "core/synth/video_record.h"

namespace actbert::synth {

class GroundTruthWriter {
public:
    explicit GroundTruthWriter(const TaskLibrary& library) : library_(library) {}

    // Each writes atomically and throws actbert::Error naming the file on failure.
    void writeJson(const VideoRecord& record, const std::filesystem::path& path) const;
    static void writeSrt(const std::vector<NarrationLine>& lines,
                         const std::filesystem::path& path);
    // HowTo100M layout: start,end,text with ASR-style text.
    static void writeNarrationCsv(const std::vector<NarrationLine>& lines,
                                  const std::filesystem::path& path);

    static std::string splitName(Split split);

private:
    const TaskLibrary& library_;
};

// "00:01:02,345" (SRT) from seconds.
std::string srtTime(double seconds);
// A CSV field, quoted when it contains a comma, quote or newline.
std::string csvField(const std::string& text);
// Seconds with millisecond precision, shortest form ("12.5", "3", "0.125").
std::string secondsText(double seconds);

}  // namespace actbert::synth
