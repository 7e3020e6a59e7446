#pragma once
// The player's FrameSource over the project's frame-exact decoder (core/video): frame i is
// the decoder index's frame i, times are the index's, sound comes from a separate
// AudioDecoder (its own demuxer) so it can be read on the audio thread while video decodes.
// The frame index comes from a FrameIndexCache when one is given (the studio's per-user
// cache): a video indexed once, by the player or the thumbnail loader, is not scanned again.
// Threading: see FrameSource.

#include <filesystem>
#include <memory>

#include "core/video/frame_index.h"
#include "core/video/frame_index_cache.h"
#include "core/video/video_decoder.h"
#include "ui/player/framesource.h"

namespace actbert::video {
class AudioDecoder;
}

namespace actbert::ui {

class DecoderFrameSource : public FrameSource {
public:
    // Throws actbert::Error naming the file when it cannot be opened or has no video.
    // Without a cache the file is indexed by scanning it.
    explicit DecoderFrameSource(const std::filesystem::path& path,
                                video::FrameIndexCache* cache = nullptr);
    ~DecoderFrameSource() override;

    VideoStreamInfo info() const override { return info_; }
    double frameTime_s(std::int64_t index) const override;
    std::int64_t frameAtTime(double time_s) const override;
    DecodedFrame frame(std::int64_t index) override;
    std::vector<float> audio(double start_s, int max_frames) override;
    QString openWarning() const override { return open_warning_; }
    // True when the index was read from the cache (no scan of the video).
    bool indexFromCache() const { return index_from_cache_; }

    // An opener for StudioFlow and ThumbnailLoader, with the per-user frame-index cache.
    static FrameSourceOpener opener();
    // The same with `cache` (tests pass their own folder); nullptr: no cache.
    static FrameSourceOpener opener(std::shared_ptr<video::FrameIndexCache> cache);
    // The per-user cache: <QStandardPaths::CacheLocation>/frame-index.
    static std::shared_ptr<video::FrameIndexCache> userCache();

private:
    std::filesystem::path path_;
    bool index_from_cache_ = false;
    QString open_warning_;
    video::VideoDecoder decoder_;
    video::FrameIndex index_;  // a copy, so times can be read while the decoder works
    VideoStreamInfo info_;
    std::unique_ptr<video::AudioDecoder> audio_;
};

}  // namespace actbert::ui
