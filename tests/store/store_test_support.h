#pragma once
// Helpers shared by the store tests: building small projects and checking track invariants.

#include <string>
#include <vector>

#include "core/store/project.h"

namespace actbert::store::testing {

// Adds a video (30 fps, probed, `frame_count` frames) and returns its id.
std::int64_t addProbedVideo(Project& project, const std::string& key, std::int64_t frame_count);

// Adds an action-segmentation track whose segments cover the given frame boundaries
// ({0, 30, 90} gives [0,30) and [30,90)), labelled "a0", "a1", ...
std::int64_t addPartitionTrack(Project& project, std::int64_t video_id,
                               const std::vector<std::int64_t>& boundaries);

// Empty string when the track is a gap-free, non-overlapping partition; else the problem.
std::string partitionProblem(Project& project, std::int64_t track_id);

}  // namespace actbert::store::testing
