#include "ui/player/audiooutput.h"

#include <QAudioDevice>
#include <QAudioSink>
#include <QMediaDevices>

#include <algorithm>

#include "ui/player/framesource.h"

namespace actbert::ui {

namespace {

constexpr double kAheadSeconds = 0.5;
constexpr int kChunkFrames = 2048;

}  // namespace

AudioOutput::AudioOutput() {
    pump_timer_.setInterval(10);
    connect(&pump_timer_, &QTimer::timeout, this, &AudioOutput::pump);
}

AudioOutput::~AudioOutput() {
    detach();
}

bool AudioOutput::deviceAvailable() {
    return !QMediaDevices::defaultAudioOutput().isNull();
}

void AudioOutput::attach(FrameSource* source, int sample_rate, int channels) {
    detach();
    source_ = source;
    format_.setSampleRate(sample_rate);
    format_.setChannelCount(channels);
    format_.setSampleFormat(QAudioFormat::Float);
    sink_ = std::make_unique<QAudioSink>(QMediaDevices::defaultAudioOutput(), format_);
    sink_->setBufferSize(format_.bytesForDuration(200'000));
}

void AudioOutput::detach() {
    stop();
    sink_.reset();
    source_ = nullptr;
}

void AudioOutput::stopFeeder() {
    {
        std::lock_guard lock(mutex_);
        feeder_stop_ = true;
    }
    space_.notify_all();
    if (feeder_.joinable()) {
        feeder_.join();
    }
    std::lock_guard lock(mutex_);
    pending_.clear();
    feeder_stop_ = false;
    feeder_done_ = false;
}

void AudioOutput::start(double media_s, double /*speed*/) {
    stop();
    if (!sink_ || source_ == nullptr) {
        return;
    }
    anchor_s_ = media_s;
    feeder_ = std::thread([this, media_s] { feedLoop(media_s); });
    sink_->reset();
    device_ = sink_->start();
    running_ = true;
    pump_timer_.start();
}

void AudioOutput::stop() {
    if (running_) {
        anchor_s_ = mediaTime_s();
    }
    running_ = false;
    pump_timer_.stop();
    if (sink_) {
        sink_->stop();
    }
    device_ = nullptr;
    stopFeeder();
}

double AudioOutput::mediaTime_s() const {
    if (!running_ || !sink_) {
        return anchor_s_;
    }
    // processedUSecs counts what went to the device; what still sits in its buffer has not
    // been heard yet.
    const qint64 buffered_bytes = sink_->bufferSize() - sink_->bytesFree();
    const double buffered_s = static_cast<double>(format_.durationForBytes(buffered_bytes)) * 1e-6;
    return anchor_s_ +
           std::max(0.0, static_cast<double>(sink_->processedUSecs()) * 1e-6 - buffered_s);
}

void AudioOutput::feedLoop(double from_s) {
    double position_s = from_s;
    const auto ahead_bytes = format_.bytesForDuration(static_cast<qint64>(kAheadSeconds * 1e6));
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            space_.wait(lock, [&] { return feeder_stop_ || pending_.size() < ahead_bytes; });
            if (feeder_stop_) {
                return;
            }
        }
        const std::vector<float> samples = source_->audio(position_s, kChunkFrames);
        std::lock_guard lock(mutex_);
        if (samples.empty()) {
            feeder_done_ = true;
            return;
        }
        pending_.append(reinterpret_cast<const char*>(samples.data()),
                        static_cast<qsizetype>(samples.size() * sizeof(float)));
        position_s += static_cast<double>(samples.size()) /
                      (format_.channelCount() * static_cast<double>(format_.sampleRate()));
    }
}

void AudioOutput::pump() {
    if (device_ == nullptr) {
        return;
    }
    std::lock_guard lock(mutex_);
    const qint64 free = std::min<qint64>(sink_->bytesFree(), pending_.size());
    // Whole sample frames only, so channels never swap.
    const qint64 frame_bytes = format_.bytesPerFrame();
    const qint64 count = free - free % frame_bytes;
    if (count > 0) {
        const qint64 written = device_->write(pending_.constData(), count);
        if (written > 0) {
            pending_.remove(0, written);
            space_.notify_all();
        }
    }
}

}  // namespace actbert::ui
