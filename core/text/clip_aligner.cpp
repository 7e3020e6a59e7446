#include "core/text/clip_aligner.h"

#include <algorithm>
#include <cmath>

#include "core/common/error.h"

namespace actbert::text {

ClipAligner::ClipAligner(ClipOptions options) : options_(options) {
    if (!(options_.clip_length_s > 0.0) || !std::isfinite(options_.clip_length_s)) {
        throw Error("clip length must be a positive number of seconds, got " +
                    std::to_string(options_.clip_length_s));
    }
    if (options_.group_size == 0) {
        throw Error("a clip group needs at least one clip");
    }
    if (!(options_.duration_s >= 0.0) || !std::isfinite(options_.duration_s)) {
        throw Error("video duration must be a finite number of seconds >= 0");
    }
}

std::vector<NarrationClip> ClipAligner::align(const Narration& narration) const {
    const double length = options_.clip_length_s;
    double duration = options_.duration_s;
    if (duration == 0.0) {
        for (const auto& segment : narration.segments) {
            duration = std::max(duration, segment.end_s);
        }
    }
    const double wanted = std::ceil(duration / length);
    if (wanted > static_cast<double>(options_.max_clips)) {
        throw Error("video '" + narration.video + "' would need " + std::to_string(wanted) +
                    " clips of " + std::to_string(length) + " s (limit " +
                    std::to_string(options_.max_clips) + "): check its segment times");
    }
    const auto count = static_cast<std::size_t>(wanted);
    std::vector<NarrationClip> clips(count);
    for (std::size_t k = 0; k < count; ++k) {
        clips[k].index = k;
        clips[k].start_s = static_cast<double>(k) * length;
        clips[k].end_s = std::min(static_cast<double>(k + 1) * length, duration);
    }
    // Each segment visits only the clips it overlaps: [start, end) meets clip k when
    // start < (k + 1) L and end > k L; an instantaneous segment belongs to the clip holding it.
    for (std::size_t s = 0; s < narration.segments.size(); ++s) {
        const auto& segment = narration.segments[s];
        if (segment.start_s >= duration) {
            continue;
        }
        const auto first = static_cast<std::size_t>(std::floor(segment.start_s / length));
        auto last = segment.end_s > segment.start_s
                        ? static_cast<std::size_t>(std::ceil(segment.end_s / length))
                        : first + 1;
        last = std::min(last, count);
        for (std::size_t k = first; k < last; ++k) {
            auto& clip = clips[k];
            clip.segments.push_back(s);
            if (!segment.text.empty()) {
                if (!clip.text.empty()) {
                    clip.text.push_back(' ');
                }
                clip.text += segment.text;
            }
        }
    }
    return clips;
}

std::vector<ClipGroup> ClipAligner::group(std::size_t clip_count) const {
    const std::size_t stride =
        options_.group_stride == 0 ? options_.group_size : options_.group_stride;
    std::vector<ClipGroup> groups;
    for (std::size_t first = 0; first < clip_count; first += stride) {
        groups.push_back({first, std::min(options_.group_size, clip_count - first)});
        if (first + options_.group_size >= clip_count) {
            break;  // this window already reaches the last clip
        }
    }
    return groups;
}

}  // namespace actbert::text
