#pragma once
// Aligns a narrated video's segments to fixed-length clips (ActBERT's 4 s action clips): clip k
// covers [k * L, (k + 1) * L) and gets the text of every segment overlapping it, in segment
// order; adjacent clips form the groups that become pretraining samples (10 in the paper).
// Threading: immutable after construction; const methods are safe from any thread.

#include <cstddef>
#include <string>
#include <vector>

#include "core/text/narration_reader.h"

namespace actbert::text {

struct ClipOptions {
    double clip_length_s = 4.0;
    // Clips cover [0, duration_s); 0 means up to the end of the last segment.
    double duration_s = 0.0;
    std::size_t group_size = 10;   // clips per pretraining sample
    std::size_t group_stride = 0;  // clips between group starts; 0 = group_size (no overlap)
    // Refuses more clips than this per video (a corrupt end time of 1e12 s would otherwise
    // ask for 250 billion clips); 1 M clips of 4 s is 46 days of video.
    std::size_t max_clips = 1'000'000;
};

struct NarrationClip {
    std::size_t index = 0;  // k
    double start_s = 0.0;
    double end_s = 0.0;
    std::string text;                   // overlapping segments' texts joined by spaces
    std::vector<std::size_t> segments;  // indices of those segments in the narration
};

struct ClipGroup {
    std::size_t first_clip = 0;
    std::size_t clip_count = 0;
};

class ClipAligner {
public:
    // Throws actbert::Error for a clip length <= 0 or a group size of 0.
    explicit ClipAligner(ClipOptions options = {});

    // Every clip of the video, narrated or not. Throws actbert::Error (naming the video) when
    // the video would need more than max_clips clips.
    std::vector<NarrationClip> align(const Narration& narration) const;
    // Windows of group_size adjacent clips every group_stride clips; the last may be shorter.
    std::vector<ClipGroup> group(std::size_t clip_count) const;

    const ClipOptions& options() const { return options_; }

private:
    ClipOptions options_;
};

}  // namespace actbert::text
