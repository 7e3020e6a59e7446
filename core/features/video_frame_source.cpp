#include "core/features/video_frame_source.h"

#include "core/common/error.h"
#include "core/video/video_decoder.h"

namespace actbert::features {

VideoFrameSource::VideoFrameSource(const std::filesystem::path& path, const ProgressFn& progress,
                                   const CancelToken& cancel)
    : path_(path),
      decoder_(std::make_unique<video::VideoDecoder>(path, video::VideoDecoderOptions{},
                                                     std::nullopt, progress, cancel)) {
    const auto& index = decoder_->frameIndex();
    times_.reserve(static_cast<std::size_t>(index.size()));
    for (const auto& frame : index.frames()) {
        times_.push_back(frame.time_s);
    }
    duration_s_ = index.durationS();
    if (times_.empty()) {
        throw Error(path.string() + ": the video stream has no frames");
    }
}

VideoFrameSource::~VideoFrameSource() = default;

cv::Mat VideoFrameSource::frameRgb(std::int64_t index) {
    const auto frame = decoder_->frameAt(index);
    // The decoder's pixels are shared and immutable; wrap without copying and clone once so
    // the picture owns its memory independently of the decoder's buffers.
    const cv::Mat view(frame.height, frame.width, CV_8UC3,
                       const_cast<std::uint8_t*>(frame.pixels->data()),
                       static_cast<std::size_t>(frame.stride));
    return view.clone();
}

int VideoFrameSource::width() const {
    return decoder_->videoStream().width;
}

int VideoFrameSource::height() const {
    return decoder_->videoStream().height;
}

}  // namespace actbert::features
