#include "ui/player/framequeue.h"

namespace actbert::ui {

bool FrameQueue::push(std::uint64_t generation, DecodedFrame frame) {
    std::unique_lock lock(mutex_);
    not_full_.wait(
        lock, [&] { return closed_ || generation != generation_ || frames_.size() < capacity_; });
    if (closed_ || generation != generation_) {
        return false;
    }
    frames_.push_back(std::move(frame));
    return true;
}

std::optional<DecodedFrame> FrameQueue::peek() const {
    std::lock_guard lock(mutex_);
    if (frames_.empty()) {
        return std::nullopt;
    }
    return frames_.front();
}

std::optional<DecodedFrame> FrameQueue::pop() {
    std::lock_guard lock(mutex_);
    if (frames_.empty()) {
        return std::nullopt;
    }
    DecodedFrame frame = std::move(frames_.front());
    frames_.pop_front();
    not_full_.notify_all();
    return frame;
}

void FrameQueue::reset(std::uint64_t generation) {
    std::lock_guard lock(mutex_);
    frames_.clear();
    generation_ = generation;
    closed_ = false;
    not_full_.notify_all();
}

void FrameQueue::close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    frames_.clear();
    not_full_.notify_all();
}

std::size_t FrameQueue::size() const {
    std::lock_guard lock(mutex_);
    return frames_.size();
}

}  // namespace actbert::ui
