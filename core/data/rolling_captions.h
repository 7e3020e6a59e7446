#pragma once
// Auto-generated captions as video sites serve them roll: each cue shows the previous line
// again above the new one (and a 10 ms cue often shows the finished line alone), and the new
// line times every word with inline timestamps. Read as they are, every sentence would be
// narrated twice. These functions find that layout and keep each line once, with its words'
// times. Threading: stateless functions.

#include <vector>

#include "core/data/annotation_document.h"

namespace actbert::data {

// True when the cues use inline word timestamps, or when most cues start with the line the
// cue before them ended with (so hand-made subtitles that repeat a line now and then are left
// alone).
bool looksLikeRollingCaptions(const std::vector<SegmentRecord>& cues);

// Drops the leading lines of each cue that repeat the lines shown just before it, and cues
// left with nothing new. Returns how many cues were dropped.
std::size_t removeRollingRepeats(std::vector<SegmentRecord>& cues);

}  // namespace actbert::data
