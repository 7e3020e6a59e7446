#include "ui/player/playerengine.h"

#include <algorithm>
#include <cmath>

#include "core/common/error.h"
#include "ui/player/audiooutput.h"

namespace actbert::ui {

PlayerEngine::PlayerEngine(AudioMode audio_mode, QObject* parent)
    : QObject(parent), audio_mode_(audio_mode) {
    qRegisterMetaType<actbert::ui::DecodedFrame>();
    tick_.setTimerType(Qt::PreciseTimer);
    tick_.setInterval(4);
    connect(&tick_, &QTimer::timeout, this, &PlayerEngine::onTick);
}

PlayerEngine::~PlayerEngine() {
    stopThread();
}

void PlayerEngine::stopThread() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
        ++generation_;
    }
    queue_.close();
    wake_.notify_all();
    preview_wake_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
    if (preview_thread_.joinable()) {
        preview_thread_.join();
    }
}

void PlayerEngine::close() {
    pause();
    stopThread();
    if (audio_) {
        audio_->detach();
    }
    {
        std::lock_guard lock(mutex_);
        proxy_.reset();
        preview_target_ = -1;
    }
    source_.reset();
    info_ = {};
    current_ = {};
    pending_seek_ = -1;
}

void PlayerEngine::open(std::unique_ptr<FrameSource> source) {
    close();
    source_ = std::move(source);
    info_ = source_->info();
    {
        std::lock_guard lock(mutex_);
        stop_ = false;
        mode_ = Mode::Idle;
        generation_ = 1;
    }
    queue_.reset(1);
    if (audio_mode_ == AudioMode::IfAvailable && info_.audio_sample_rate > 0 &&
        AudioOutput::deviceAvailable()) {
        audio_ = std::make_unique<AudioOutput>();
        audio_->attach(source_.get(), info_.audio_sample_rate, info_.audio_channels);
    }
    thread_ = std::thread([this] { decodeLoop(); });
    preview_thread_ = std::thread([this] { previewLoop(); });
    requestSeek(0);
}

bool PlayerEngine::setScrubProxy(std::shared_ptr<FrameSource> proxy) {
    const bool fits = proxy && source_ && proxy->info().frame_count == info_.frame_count;
    std::lock_guard lock(mutex_);
    proxy_ = fits ? std::move(proxy) : nullptr;
    return fits;
}

bool PlayerEngine::hasScrubProxy() const {
    std::lock_guard lock(mutex_);
    return static_cast<bool>(proxy_);
}

bool PlayerEngine::usesAudioClock() const {
    return clock_ != &wall_clock_;
}

void PlayerEngine::requestSeek(std::int64_t index) {
    if (!source_ || info_.frame_count <= 0) {
        return;
    }
    index = std::clamp<std::int64_t>(index, 0, info_.frame_count - 1);
    pending_seek_ = index;
    {
        std::lock_guard lock(mutex_);
        mode_ = Mode::Seek;
        seek_target_ = index;
        preview_target_ = index;
        ++generation_;
        queue_.reset(generation_);
    }
    wake_.notify_all();
    preview_wake_.notify_all();
}

void PlayerEngine::previewLoop() {
    for (;;) {
        std::shared_ptr<FrameSource> proxy;
        std::int64_t index;
        std::uint64_t generation;
        {
            std::unique_lock lock(mutex_);
            preview_wake_.wait(lock, [&] { return stop_ || (proxy_ && preview_target_ >= 0); });
            if (stop_) {
                return;
            }
            proxy = proxy_;
            index = preview_target_;
            generation = generation_;
            preview_target_ = -1;
        }
        DecodedFrame frame;
        try {
            frame = proxy->frame(index);
        } catch (const std::exception& error) {
            // A broken proxy costs only speed: drop it, the exact frames still come.
            qWarning("Scrub proxy dropped: %s", error.what());
            std::lock_guard lock(mutex_);
            if (proxy_ == proxy) {
                proxy_.reset();
            }
            continue;
        }
        // Proxy frame N is source frame N, but its timestamps are its own: show the original's.
        frame.index = index;
        frame.time_s = source_->frameTime_s(index);
        frame.key_frame = false;  // every proxy frame is one; the original's is not known here
        frame.preview = true;
        QMetaObject::invokeMethod(
            this, [this, generation, frame] { onPreviewDecoded(generation, frame); },
            Qt::QueuedConnection);
    }
}

void PlayerEngine::onPreviewDecoded(std::uint64_t generation, const DecodedFrame& frame) {
    {
        std::lock_guard lock(mutex_);
        if (generation != generation_) {
            return;  // a newer seek (or playback) is under way
        }
    }
    if (pending_seek_ != frame.index) {
        return;  // the exact frame is already on screen
    }
    current_ = frame;
    ++stats_.previews_shown;
    Q_EMIT frameShown(current_);
}

void PlayerEngine::decodeLoop() {
    for (;;) {
        Mode mode;
        std::int64_t index;
        std::uint64_t generation;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return stop_ || mode_ != Mode::Idle; });
            if (stop_) {
                return;
            }
            mode = mode_;
            generation = generation_;
            index = mode == Mode::Seek ? seek_target_ : play_next_;
            if (mode == Mode::Play && (index < 0 || index >= info_.frame_count)) {
                play_done_ = true;
                mode_ = Mode::Idle;
                continue;
            }
        }
        DecodedFrame frame;
        try {
            frame = source_->frame(index);
        } catch (const std::exception& error) {
            const QString message = QString::fromStdString(error.what());
            QMetaObject::invokeMethod(
                this, [this, message] { Q_EMIT errorOccurred(message); }, Qt::QueuedConnection);
            std::lock_guard lock(mutex_);
            if (generation_ == generation) {
                mode_ = Mode::Idle;
            }
            continue;
        }
        if (mode == Mode::Seek) {
            {
                std::lock_guard lock(mutex_);
                if (generation_ == generation) {
                    mode_ = Mode::Idle;
                }
            }
            QMetaObject::invokeMethod(
                this, [this, generation, frame] { onSeekDecoded(generation, frame); },
                Qt::QueuedConnection);
            continue;
        }
        // Blocks while the queue is full; a seek or pause resets it and wakes us.
        if (queue_.push(generation, std::move(frame))) {
            std::lock_guard lock(mutex_);
            if (generation_ == generation) {
                play_next_ = index + play_step_;
            }
        }
    }
}

void PlayerEngine::onSeekDecoded(std::uint64_t generation, const DecodedFrame& frame) {
    {
        std::lock_guard lock(mutex_);
        if (generation != generation_) {
            return;  // a newer seek is under way; showing this one would flicker
        }
    }
    pending_seek_ = -1;
    show(frame);
    if (playing_) {
        startPlayback(frame.index + (speed_ < 0 ? -1 : 1));
    }
}

void PlayerEngine::show(DecodedFrame frame) {
    current_ = std::move(frame);
    ++stats_.frames_shown;
    Q_EMIT frameShown(current_);
}

void PlayerEngine::startPlayback(std::int64_t from_index) {
    {
        std::lock_guard lock(mutex_);
        ++generation_;
        queue_.reset(generation_);
        mode_ = Mode::Play;
        play_next_ = from_index;
        play_step_ = speed_ < 0 ? -1 : 1;
        play_done_ = false;
    }
    wake_.notify_all();
    const double anchor_s = current_.index >= 0 ? current_.time_s : 0.0;
    // Sound plays only forwards at normal speed; otherwise the wall clock drives video.
    if (audio_ && speed_ == 1.0) {
        clock_ = audio_.get();
    } else {
        clock_ = &wall_clock_;
    }
    clock_->start(anchor_s, speed_);
    tick_.start();
}

void PlayerEngine::play(double speed) {
    if (!source_) {
        return;
    }
    const double magnitude = std::clamp(std::abs(speed), kMinSpeed, kMaxSpeed);
    speed_ = speed < 0 ? -magnitude : magnitude;
    playing_ = true;
    // At the end, playing forwards starts over, like every player.
    if (speed_ > 0 && current_.index >= info_.frame_count - 1) {
        requestSeek(0);
    } else if (pending_seek_ < 0) {
        startPlayback(current_.index + (speed_ < 0 ? -1 : 1));
    }
    Q_EMIT playingChanged(true, speed_);
}

void PlayerEngine::pause() {
    if (!playing_) {
        return;
    }
    playing_ = false;
    tick_.stop();
    clock_->stop();
    {
        std::lock_guard lock(mutex_);
        ++generation_;
        queue_.reset(generation_);
        if (mode_ == Mode::Play) {
            mode_ = Mode::Idle;
        }
    }
    Q_EMIT playingChanged(false, speed_);
}

void PlayerEngine::togglePlay() {
    if (playing_) {
        pause();
    } else {
        play(std::abs(speed_));
    }
}

void PlayerEngine::playFaster(int direction) {
    const bool same_way = playing_ && (direction < 0) == (speed_ < 0);
    const double magnitude = same_way ? std::min(kMaxSpeed, std::abs(speed_) * 2.0) : 1.0;
    play(direction < 0 ? -magnitude : magnitude);
}

void PlayerEngine::seekFrame(std::int64_t index) {
    if (playing_) {
        tick_.stop();
        clock_->stop();
    }
    requestSeek(index);
}

void PlayerEngine::seekTime(double time_s) {
    if (source_) {
        seekFrame(source_->frameAtTime(time_s));
    }
}

void PlayerEngine::stepFrames(std::int64_t delta) {
    pause();
    // Steps add up while a seek is in flight, so holding a key never loses presses.
    const std::int64_t from = pending_seek_ >= 0 ? pending_seek_ : current_.index;
    seekFrame(std::max<std::int64_t>(0, from) + delta);
}

void PlayerEngine::onTick() {
    if (!playing_) {
        return;
    }
    const double now_s = clock_->mediaTime_s();
    const bool forward = speed_ > 0;
    std::optional<DecodedFrame> due;
    // Take every frame whose time has come; all but the last of them were too late to show.
    for (;;) {
        const auto next = queue_.peek();
        if (!next) {
            break;
        }
        const bool is_due = forward ? next->time_s <= now_s : next->time_s >= now_s;
        if (!is_due) {
            break;
        }
        if (due) {
            ++stats_.frames_dropped;
        }
        due = queue_.pop();
    }
    if (due) {
        show(std::move(*due));
        return;
    }
    bool done = false;
    {
        std::lock_guard lock(mutex_);
        done = play_done_ && queue_.size() == 0;
    }
    if (done) {
        pause();
    }
}

}  // namespace actbert::ui
