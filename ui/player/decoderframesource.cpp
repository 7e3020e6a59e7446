#include "ui/player/decoderframesource.h"

#include <QDir>
#include <QStandardPaths>
#include <QtGlobal>

#include <algorithm>

#include "core/video/audio_decoder.h"

namespace actbert::ui {

namespace {

// Opens the decoder with the cache's index (read, or built and saved) when there is a cache.
video::VideoDecoder openDecoder(const std::filesystem::path& path, video::FrameIndexCache* cache,
                                bool& from_cache, QString& warning) {
    if (cache == nullptr) {
        return video::VideoDecoder(path);
    }
    video::FrameIndexLookup lookup = cache->indexFor(path);
    from_cache = lookup.from_cache;
    if (!lookup.warning.empty()) {
        warning = QString::fromStdString(lookup.warning);
        qWarning("%s", lookup.warning.c_str());
    }
    return video::VideoDecoder(path, {}, std::move(lookup.index));
}

// The decoder's pixels stay shared: the QImage keeps the buffer alive until it is dropped.
QImage wrap(const video::RgbFrame& frame) {
    auto* keep = new std::shared_ptr<const std::vector<std::uint8_t>>(frame.pixels);
    QImage rgb(
        frame.pixels->data(), frame.width, frame.height, frame.stride, QImage::Format_RGB888,
        [](void* info) {
            delete static_cast<std::shared_ptr<const std::vector<std::uint8_t>>*>(info);
        },
        keep);
    // Converted here, on the decode thread, so the GUI thread paints without converting.
    return rgb.convertToFormat(QImage::Format_RGB32);
}

}  // namespace

DecoderFrameSource::DecoderFrameSource(const std::filesystem::path& path,
                                       video::FrameIndexCache* cache)
    : path_(path),
      decoder_(openDecoder(path, cache, index_from_cache_, open_warning_)),
      index_(decoder_.frameIndex()) {
    const video::StreamInfo& stream = decoder_.videoStream();
    info_.frame_count = decoder_.frameCount();
    info_.frames_per_second =
        index_.measuredFps() > 0 ? index_.measuredFps() : stream.nominal_fps.toDouble();
    // The displayed size: frames come turned by the stream's display rotation (the decoder's
    // default, like ffplay), so a portrait phone video is portrait here too.
    const bool sideways = stream.rotation_deg == 90 || stream.rotation_deg == 270;
    info_.width = sideways ? stream.height : stream.width;
    info_.height = sideways ? stream.width : stream.height;
    info_.duration_s = index_.durationS();
    if (const video::StreamInfo* sound = decoder_.info().audio()) {
        info_.audio_sample_rate = sound->sample_rate > 0 ? sound->sample_rate : 48000;
        info_.audio_channels = std::clamp(sound->channels, 1, 2);
    }
}

DecoderFrameSource::~DecoderFrameSource() = default;

double DecoderFrameSource::frameTime_s(std::int64_t index) const {
    if (index_.empty()) {
        return 0.0;
    }
    return index_[std::clamp<std::int64_t>(index, 0, index_.size() - 1)].time_s;
}

std::int64_t DecoderFrameSource::frameAtTime(double time_s) const {
    return index_.frameAtTime(time_s);
}

DecodedFrame DecoderFrameSource::frame(std::int64_t index) {
    const video::RgbFrame rgb = decoder_.frameAt(index);
    return DecodedFrame{rgb.index, rgb.time_s, rgb.is_key, wrap(rgb)};
}

std::vector<float> DecoderFrameSource::audio(double start_s, int max_frames) {
    if (info_.audio_sample_rate <= 0) {
        return {};
    }
    if (!audio_) {
        audio_ = std::make_unique<video::AudioDecoder>(
            path_, video::AudioFormat{info_.audio_sample_rate, info_.audio_channels});
    }
    const double end_s = std::min(
        info_.duration_s, start_s + static_cast<double>(max_frames) / info_.audio_sample_rate);
    if (end_s <= start_s) {
        return {};
    }
    return audio_->read(start_s, end_s).samples;
}

FrameSourceOpener DecoderFrameSource::opener() {
    return opener(userCache());
}

FrameSourceOpener DecoderFrameSource::opener(std::shared_ptr<video::FrameIndexCache> cache) {
    return [cache](const QString& path) -> std::unique_ptr<FrameSource> {
        return std::make_unique<DecoderFrameSource>(std::filesystem::path(path.toStdString()),
                                                    cache.get());
    };
}

std::shared_ptr<video::FrameIndexCache> DecoderFrameSource::userCache() {
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    if (dir.isEmpty()) {
        return nullptr;  // no writable cache location: index every time
    }
    return std::make_shared<video::FrameIndexCache>(
        std::filesystem::path(QDir(dir).filePath(QStringLiteral("frame-index")).toStdString()));
}

}  // namespace actbert::ui
