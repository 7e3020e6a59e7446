#pragma once
// Frame indexes saved once per video content, so opening a video a second time (in the
// studio, for its thumbnail, from another project) reads the index instead of scanning the
// whole file again.
//
//     actbert::video::FrameIndexCache cache(user_cache_dir / "frame-index");
//     actbert::video::FrameIndexLookup found = cache.indexFor(video_path);
//     actbert::video::VideoDecoder decoder(video_path, {}, std::move(found.index));
//
// Layout: `<dir>/<content hash>.frameindex` (FrameIndex::save's format), keyed by
// core/features' content hash so a renamed or copied video finds its index and an edited one
// does not. Hashing reads every byte, so `<dir>/by-file/<fingerprint>` remembers the content
// hash of a (path, size, modification time): a second open of the same file reads neither
// the video nor its hash, only the saved index.
// A cache file that is missing, truncated or corrupt is rebuilt (with a warning saying why);
// a cache folder that cannot be written costs speed, never the open.
// Threading: one cache object may be used from several threads; files are written
// atomically, so two processes indexing the same video at once both end with a valid file.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <string>

#include "core/common/progress.h"
#include "core/video/frame_index.h"
#include "core/video/frame_index_builder.h"

namespace actbert::video {

struct FrameIndexLookup {
    FrameIndex index;
    bool from_cache = false;  // read from a saved file, no scan of the video
    std::string warning;      // why a saved index was not usable or could not be saved
};

class FrameIndexCache {
public:
    explicit FrameIndexCache(std::filesystem::path dir);

    const std::filesystem::path& dir() const { return dir_; }

    // The saved index of `video`, or a freshly built one (then saved). Throws actbert::Error
    // naming the video when it cannot be read or indexed, actbert::Cancelled when cancelled.
    FrameIndexLookup indexFor(const std::filesystem::path& video,
                              IndexStrategy strategy = IndexStrategy::Auto,
                              const ProgressFn& progress = {}, const CancelToken& cancel = {});

    // Where the index of content `content_hash` is (or would be) saved.
    std::filesystem::path indexPath(const std::string& content_hash) const;

    // Counts since construction, so tests and benches can see whether a file was scanned.
    struct Counts {
        std::int64_t loaded = 0;  // indexes read from a saved file
        std::int64_t built = 0;   // indexes made by scanning the video
    };
    Counts counts() const { return {loaded_.load(), built_.load()}; }

    // The content hash that keys this cache (and the scrub proxies beside it), remembered per
    // (path, size, modification time). `warning` says why it could not be remembered.
    std::string contentHashOf(const std::filesystem::path& video, const CancelToken& cancel,
                              std::string& warning) const;

private:
    std::filesystem::path dir_;
    std::atomic<std::int64_t> loaded_{0};
    std::atomic<std::int64_t> built_{0};
};

}  // namespace actbert::video
