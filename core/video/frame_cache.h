#pragma once
// Internal to core/video: the decoded pictures of recently decoded GOPs, by frame number,
// with a byte budget and least-recently-used eviction. Holding decoded pictures (not RGB)
// keeps the cache small and lets any output size be produced from a hit.
// Threading: owned by one VideoDecoder; not thread-safe.

extern "C" {
#include <libavutil/frame.h>
}

#include <cstdint>
#include <list>
#include <unordered_map>

#include "core/video/ffmpeg_util.h"

namespace actbert::video::detail {

class FrameCache {
public:
    explicit FrameCache(std::int64_t budget_bytes = 0) : budget_bytes_(budget_bytes) {}

    // Keeps a new reference to `picture` as frame `index` (no pixel copy).
    void put(std::int64_t index, const AVFrame& picture);
    // The cached picture, marked as recently used; nullptr on a miss.
    const AVFrame* find(std::int64_t index);
    bool contains(std::int64_t index) const { return entries_.count(index) != 0; }
    void clear();

    std::int64_t bytes() const { return bytes_; }
    std::size_t size() const { return entries_.size(); }

private:
    struct Entry {
        FramePtr picture;
        std::int64_t bytes = 0;
        std::list<std::int64_t>::iterator recency;
    };
    void evictToBudget();

    std::int64_t budget_bytes_ = 0;
    std::int64_t bytes_ = 0;
    std::list<std::int64_t> recency_;  // front: most recently used frame number
    std::unordered_map<std::int64_t, Entry> entries_;
};

}  // namespace actbert::video::detail
