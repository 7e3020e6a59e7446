#pragma once
// The bounded queue between the decode thread and the GUI: the decoder blocks when it is
// full, so memory stays at `capacity` frames however long the video. Every entry carries the
// generation of the request that produced it; a seek bumps the generation and stale frames
// are dropped instead of shown.
// Threading: push() from the decode thread, everything else from any thread.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>

#include "ui/player/framesource.h"

namespace actbert::ui {

class FrameQueue {
public:
    explicit FrameQueue(std::size_t capacity) : capacity_(capacity) {}

    // Blocks while full; returns false without pushing when `generation` went stale or the
    // queue was closed meanwhile.
    bool push(std::uint64_t generation, DecodedFrame frame);
    std::optional<DecodedFrame> peek() const;
    std::optional<DecodedFrame> pop();
    // Drops everything and moves to a new generation (reopening a closed queue); wakes a
    // blocked push.
    void reset(std::uint64_t generation);
    void close();
    std::size_t size() const;

private:
    mutable std::mutex mutex_;
    std::condition_variable not_full_;
    std::deque<DecodedFrame> frames_;
    std::size_t capacity_;
    std::uint64_t generation_ = 0;
    bool closed_ = false;
};

}  // namespace actbert::ui
