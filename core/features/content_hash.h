#pragma once
// A fingerprint of a file's bytes, so a renamed or copied video still finds its cached
// features and an edited one does not.
// Threading: free function, safe from any thread.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>

#include "core/common/progress.h"

namespace actbert::features {

// Incremental form of the same hash, for data that is not a file (model weights).
class ContentHasher {
public:
    ContentHasher();
    ~ContentHasher();
    ContentHasher(const ContentHasher&) = delete;
    ContentHasher& operator=(const ContentHasher&) = delete;
    void update(const void* data, std::size_t size);
    // 32 hex digits; call once, after the last update.
    std::string hex();

private:
    class State;
    std::unique_ptr<State> state_;
};

// 128-bit hash of the file's size and every byte, as 32 lowercase hex digits. Reads the file
// in 1 MiB blocks (no whole-file allocation). Throws actbert::Error naming the file when it
// cannot be read, actbert::Cancelled when cancelled.
std::string hashFileContent(const std::filesystem::path& path, const CancelToken& cancel = {});

// The same 128-bit hash of a string (settings JSON), as 32 hex digits.
std::string hashText(const std::string& text);

}  // namespace actbert::features
