#pragma once
// The player's FrameSource over the project's frame-exact decoder (core/video): frame i is
// the decoder index's frame i, times are the index's, sound comes from a separate
// AudioDecoder (its own demuxer) so it can be read on the audio thread while video decodes.
// Threading: see FrameSource.

#include <filesystem>
#include <memory>

#include "core/video/frame_index.h"
#include "core/video/video_decoder.h"
#include "ui/player/framesource.h"

namespace actbert::video {
class AudioDecoder;
}

namespace actbert::ui {

class DecoderFrameSource : public FrameSource {
public:
    // Throws actbert::Error naming the file when it cannot be opened or has no video.
    explicit DecoderFrameSource(const std::filesystem::path& path);
    ~DecoderFrameSource() override;

    VideoStreamInfo info() const override { return info_; }
    double frameTime_s(std::int64_t index) const override;
    std::int64_t frameAtTime(double time_s) const override;
    DecodedFrame frame(std::int64_t index) override;
    std::vector<float> audio(double start_s, int max_frames) override;

    // An opener for StudioFlow and ThumbnailLoader.
    static FrameSourceOpener opener();

private:
    std::filesystem::path path_;
    video::VideoDecoder decoder_;
    video::FrameIndex index_;  // a copy, so times can be read while the decoder works
    VideoStreamInfo info_;
    std::unique_ptr<video::AudioDecoder> audio_;
};

}  // namespace actbert::ui
