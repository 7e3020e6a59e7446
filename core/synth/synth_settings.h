#pragma once
// What `actbert synth` and the studio's demo ask the generator for.
// Threading: plain values.

#include <cstdint>
#include <string>
#include <vector>

namespace actbert::synth {

class TaskLibrary;

struct SynthSettings {
    int video_count = 3;
    std::uint64_t seed = 1;
    std::vector<std::string> tasks;  // task keys; empty means every task of the library
    int width = 320;                 // pixels, even (H.264 4:2:0)
    int height = 240;
    int fps = 15;
    // 0 = clean, 1 = hard: image noise, camera shake, lighting drift, distractors, occlusions,
    // narration that is missing, shifted or drowned in chatter.
    double difficulty = 0.3;
    int crf = 23;  // x264 quality (lower = better, bigger)
};

// Throws actbert::Error naming the first bad field (sizes, fps, counts, unknown task keys).
void validateSettings(const SynthSettings& settings, const TaskLibrary& library);

}  // namespace actbert::synth
