#pragma once
// Scrub proxies saved once per video content, beside the frame-index cache and keyed the
// same way (core/features' content hash, see FrameIndexCache::contentHashOf).
//
//     actbert::video::ProxyCache proxies(user_cache_dir / "proxy");
//     if (actbert::video::needsProxy(index)) {
//         actbert::video::ProxyLookup proxy = proxies.proxyFor(video, hash, index, {}, progress,
//                                                              cancel);
//         actbert::video::VideoDecoder scrub(proxy.path, {1}, std::move(proxy.index));
//     }
//
// Layout: `<dir>/<content hash>.proxy.mp4`. A saved proxy is used only when it opens and its
// frame count and all-key-frame structure match the source's index; a missing, truncated or
// corrupt one is rebuilt, with a warning saying why.
// Threading: one cache object may be used from several threads; proxies are written
// atomically (temporary file + rename).

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "core/common/progress.h"
#include "core/video/frame_index.h"
#include "core/video/proxy_writer.h"

namespace actbert::video {

struct ProxyLookup {
    std::filesystem::path path;  // the proxy file
    FrameIndex index;            // the proxy's own frame index (frame N = source frame N)
    bool built = false;          // written now rather than read from the cache
    std::string warning;         // why a saved proxy was not usable
};

class ProxyCache {
public:
    explicit ProxyCache(std::filesystem::path dir);

    const std::filesystem::path& dir() const { return dir_; }
    std::filesystem::path proxyPath(const std::string& content_hash) const;

    // The saved proxy of content `content_hash` when it is valid for `source_index`; nullopt
    // (and `warning` set when a file was there but unusable) otherwise. Never throws for a
    // bad cache file.
    std::optional<ProxyLookup> findValid(const std::string& content_hash,
                                         const FrameIndex& source_index,
                                         std::string& warning) const;

    // The saved proxy, or a fresh one written from `source`. Throws actbert::Error naming the
    // file when the proxy cannot be written, actbert::Cancelled when cancelled.
    ProxyLookup proxyFor(const std::filesystem::path& source, const std::string& content_hash,
                         const FrameIndex& source_index, const ProxyOptions& options = {},
                         const ProgressFn& progress = {}, const CancelToken& cancel = {});

    struct Counts {
        std::int64_t loaded = 0;  // proxies read from the cache
        std::int64_t built = 0;   // proxies written
    };
    Counts counts() const { return {loaded_.load(), built_.load()}; }

private:
    std::filesystem::path dir_;
    std::atomic<std::int64_t> loaded_{0};
    std::atomic<std::int64_t> built_{0};
};

}  // namespace actbert::video
