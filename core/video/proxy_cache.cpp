#include "core/video/proxy_cache.h"

#include <system_error>
#include <utility>

#include "core/common/error.h"
#include "core/video/frame_index_builder.h"

namespace actbert::video {

namespace {

// Throws actbert::Error saying why the proxy at `path` does not stand for `source_index`.
FrameIndex validatedProxyIndex(const std::filesystem::path& path, const FrameIndex& source_index) {
    FrameIndex index = FrameIndexBuilder::build(path);
    if (index.size() != source_index.size()) {
        throw Error("the proxy '" + path.string() + "' has " + std::to_string(index.size()) +
                    " frames, the video " + std::to_string(source_index.size()));
    }
    if (index.keyFrameCount() != index.size()) {
        throw Error("the proxy '" + path.string() + "' is not all-intra (" +
                    std::to_string(index.keyFrameCount()) + " key frames of " +
                    std::to_string(index.size()) + ")");
    }
    return index;
}

}  // namespace

ProxyCache::ProxyCache(std::filesystem::path dir) : dir_(std::move(dir)) {}

std::filesystem::path ProxyCache::proxyPath(const std::string& content_hash) const {
    return dir_ / (content_hash + ".proxy.mp4");
}

std::optional<ProxyLookup> ProxyCache::findValid(const std::string& content_hash,
                                                 const FrameIndex& source_index,
                                                 std::string& warning) const {
    const std::filesystem::path path = proxyPath(content_hash);
    std::error_code error;
    if (!std::filesystem::exists(path, error)) {
        return std::nullopt;
    }
    try {
        ProxyLookup lookup;
        lookup.index = validatedProxyIndex(path, source_index);
        lookup.path = path;
        return lookup;
    } catch (const Error& unusable) {
        warning = std::string(unusable.what()) + "; writing it again";
        return std::nullopt;
    }
}

ProxyLookup ProxyCache::proxyFor(const std::filesystem::path& source,
                                 const std::string& content_hash, const FrameIndex& source_index,
                                 const ProxyOptions& options, const ProgressFn& progress,
                                 const CancelToken& cancel) {
    std::string warning;
    if (std::optional<ProxyLookup> found = findValid(content_hash, source_index, warning)) {
        ++loaded_;
        return std::move(*found);
    }
    cancel.throwIfCancelled();
    const std::filesystem::path path = proxyPath(content_hash);
    writeProxy(source, source_index, path, options, progress, cancel);
    ++built_;
    ProxyLookup lookup;
    lookup.path = path;
    lookup.built = true;
    lookup.warning = warning;
    try {
        lookup.index = validatedProxyIndex(path, source_index);
    } catch (const Error& wrong) {
        // A proxy that does not match right after writing it is a bug, not a cache problem.
        throw Error("cannot write a proxy of '" + source.string() + "': " + wrong.what());
    }
    return lookup;
}

}  // namespace actbert::video
