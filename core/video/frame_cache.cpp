#include "core/video/frame_cache.h"

namespace actbert::video::detail {

namespace {

std::int64_t pictureBytes(const AVFrame& picture) {
    std::int64_t bytes = 0;
    for (int i = 0; i < AV_NUM_DATA_POINTERS && picture.buf[i]; ++i) {
        bytes += static_cast<std::int64_t>(picture.buf[i]->size);
    }
    return bytes;
}

}  // namespace

void FrameCache::put(std::int64_t index, const AVFrame& picture) {
    if (budget_bytes_ <= 0) {
        return;
    }
    if (auto found = entries_.find(index); found != entries_.end()) {
        recency_.splice(recency_.begin(), recency_, found->second.recency);
        return;
    }
    FramePtr copy = allocFrame();
    if (av_frame_ref(copy.get(), &picture) < 0) {
        return;  // out of memory for a cache entry: decoding still works without it
    }
    Entry entry;
    entry.bytes = pictureBytes(*copy);
    entry.picture = std::move(copy);
    recency_.push_front(index);
    entry.recency = recency_.begin();
    bytes_ += entry.bytes;
    entries_.emplace(index, std::move(entry));
    evictToBudget();
}

const AVFrame* FrameCache::find(std::int64_t index) {
    const auto found = entries_.find(index);
    if (found == entries_.end()) {
        return nullptr;
    }
    recency_.splice(recency_.begin(), recency_, found->second.recency);
    return found->second.picture.get();
}

void FrameCache::clear() {
    entries_.clear();
    recency_.clear();
    bytes_ = 0;
}

void FrameCache::evictToBudget() {
    while (bytes_ > budget_bytes_ && recency_.size() > 1) {
        const std::int64_t oldest = recency_.back();
        recency_.pop_back();
        const auto found = entries_.find(oldest);
        bytes_ -= found->second.bytes;
        entries_.erase(found);
    }
}

}  // namespace actbert::video::detail
