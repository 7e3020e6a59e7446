#pragma once
// Writing files so that readers only ever see the old or the complete new content:
// data goes to a temporary file in the same folder, is flushed to disk, then renamed over
// the target. A full disk or a crash leaves the previous file untouched.
// Threading: free functions, safe from any thread for different target paths.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string_view>

namespace actbert {

// Writes `bytes` to `path` atomically. Throws actbert::Error naming the file on failure.
void writeFileAtomically(const std::filesystem::path& path, std::string_view bytes);

// Streams content through `write` (which appends with the given sink) to `path` atomically.
using ByteSink = std::function<void(const char* data, std::size_t size)>;
void writeFileAtomically(const std::filesystem::path& path,
                         const std::function<void(const ByteSink& sink)>& write);

}  // namespace actbert
