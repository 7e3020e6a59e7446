#include "core/data/rolling_captions.h"

#include <algorithm>
#include <string>

namespace actbert::data {
namespace {

std::vector<std::string> splitLines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (;;) {
        const auto end = text.find('\n', start);
        lines.push_back(text.substr(start, end - start));
        if (end == std::string::npos) {
            return lines;
        }
        start = end + 1;
    }
}

// Removes the first `bytes` bytes of the text the chunks make up.
void dropChunkPrefix(std::vector<TimedText>& chunks, std::size_t bytes) {
    while (bytes > 0 && !chunks.empty()) {
        auto& first = chunks.front();
        if (first.text.size() <= bytes) {
            bytes -= first.text.size();
            chunks.erase(chunks.begin());
        } else {
            first.text.erase(0, bytes);
            bytes = 0;
        }
    }
}

}  // namespace

bool looksLikeRollingCaptions(const std::vector<SegmentRecord>& cues) {
    std::size_t repeats = 0;
    for (std::size_t i = 0; i < cues.size(); ++i) {
        if (!cues[i].chunks.empty()) {
            return true;
        }
        if (i > 0 && !cues[i - 1].label.empty() &&
            splitLines(cues[i].label).front() == splitLines(cues[i - 1].label).back()) {
            ++repeats;
        }
    }
    return repeats >= 2 && repeats * 2 >= cues.size() - 1;
}

std::size_t removeRollingRepeats(std::vector<SegmentRecord>& cues) {
    std::vector<SegmentRecord> kept;
    // The lines on screen just before the current cue: a rolling cue repeats one of them.
    std::vector<std::string> shown;
    for (auto& cue : cues) {
        const auto lines = splitLines(cue.label);
        std::size_t repeated = 0;
        std::size_t bytes = 0;
        while (repeated < lines.size() &&
               std::find(shown.begin(), shown.end(), lines[repeated]) != shown.end()) {
            bytes += lines[repeated].size() + 1;
            ++repeated;
        }
        shown = lines;
        if (repeated == lines.size()) {
            continue;
        }
        if (repeated > 0) {
            cue.label.erase(0, bytes);
            dropChunkPrefix(cue.chunks, bytes);
        }
        kept.push_back(std::move(cue));
    }
    const std::size_t dropped = cues.size() - kept.size();
    cues = std::move(kept);
    return dropped;
}

}  // namespace actbert::data
