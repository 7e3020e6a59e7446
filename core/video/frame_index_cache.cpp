#include "core/video/frame_index_cache.h"

#include <cctype>
#include <fstream>
#include <sstream>
#include <system_error>
#include <utility>

#include "core/common/atomic_file.h"
#include "core/common/error.h"
#include "core/features/content_hash.h"

namespace actbert::video {

namespace {

bool isContentHash(const std::string& text) {
    if (text.size() != 32) {
        return false;
    }
    for (const char c : text) {
        if (!std::isxdigit(static_cast<unsigned char>(c))) {
            return false;
        }
    }
    return true;
}

std::string readSmallFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return {};
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Names this file as it is now: another path, size or modification time gives another name.
std::string fingerprint(const std::filesystem::path& video) {
    std::error_code error;
    const std::filesystem::path absolute = std::filesystem::absolute(video, error);
    const auto size = std::filesystem::file_size(video, error);
    if (error) {
        return {};
    }
    const auto modified = std::filesystem::last_write_time(video, error);
    if (error) {
        return {};
    }
    return features::hashText(absolute.string() + '\n' + std::to_string(size) + '\n' +
                              std::to_string(modified.time_since_epoch().count()));
}

}  // namespace

FrameIndexCache::FrameIndexCache(std::filesystem::path dir) : dir_(std::move(dir)) {}

std::filesystem::path FrameIndexCache::indexPath(const std::string& content_hash) const {
    return dir_ / (content_hash + ".frameindex");
}

std::string FrameIndexCache::contentHashOf(const std::filesystem::path& video,
                                           const CancelToken& cancel, std::string& warning) const {
    const std::string name = fingerprint(video);
    const std::filesystem::path remembered = dir_ / "by-file" / name;
    if (!name.empty()) {
        const std::string known = readSmallFile(remembered);
        if (isContentHash(known)) {
            return known;
        }
    }
    const std::string hash = features::hashFileContent(video, cancel);
    if (!name.empty()) {
        try {
            std::filesystem::create_directories(remembered.parent_path());
            writeFileAtomically(remembered, hash);
        } catch (const std::exception& error) {
            warning = "cannot remember the content hash of '" + video.string() + "' in " +
                      remembered.string() + ": " + error.what();
        }
    }
    return hash;
}

FrameIndexLookup FrameIndexCache::indexFor(const std::filesystem::path& video,
                                           IndexStrategy strategy, const ProgressFn& progress,
                                           const CancelToken& cancel) {
    FrameIndexLookup lookup;
    if (strategy != IndexStrategy::Auto) {
        // Only the default index is saved: a forced decode is a cross-check, not a cache fill.
        lookup.index = FrameIndexBuilder::build(video, strategy, progress, cancel);
        ++built_;
        return lookup;
    }
    std::error_code error;
    const auto size = std::filesystem::file_size(video, error);
    if (error) {
        throw Error("cannot open '" + video.string() + "': " + error.message());
    }
    const std::string hash = contentHashOf(video, cancel, lookup.warning);
    const std::filesystem::path saved = indexPath(hash);
    if (std::filesystem::exists(saved, error)) {
        try {
            FrameIndex index = FrameIndex::load(saved);
            if (index.sourceSizeBytes() != static_cast<std::int64_t>(size)) {
                throw Error("frame index '" + saved.string() + "' is for a file of " +
                            std::to_string(index.sourceSizeBytes()) + " bytes, not " +
                            std::to_string(size));
            }
            lookup.index = std::move(index);
            lookup.from_cache = true;
            ++loaded_;
            return lookup;
        } catch (const Error& unusable) {
            lookup.warning = std::string(unusable.what()) + "; indexing '" + video.string() +
                             "' again and replacing it";
        }
    }
    cancel.throwIfCancelled();
    lookup.index = FrameIndexBuilder::build(video, strategy, progress, cancel);
    ++built_;
    try {
        std::filesystem::create_directories(dir_);
        lookup.index.save(saved);
    } catch (const std::exception& unsaved) {
        if (!lookup.warning.empty()) {
            lookup.warning += "; ";
        }
        lookup.warning += std::string("cannot save the frame index: ") + unsaved.what();
    }
    return lookup;
}

}  // namespace actbert::video
