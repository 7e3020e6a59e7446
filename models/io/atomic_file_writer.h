#pragma once
// Writing a file so that readers see either the previous content or the complete new one:
// bytes go to a temporary file in the target's folder, which is flushed to disk and renamed
// over the target on commit(). Destroying an uncommitted writer removes the temporary file.
// (models/ cannot use core/common/atomic_file.h: it must not depend on core.)
// Threading: one writer per thread; different writers may target different paths concurrently.

#include <cstddef>
#include <string>

namespace actbert::models::io {

class AtomicFileWriter {
public:
    // Creates the temporary file. Throws std::runtime_error naming `target_path` on failure.
    explicit AtomicFileWriter(std::string target_path);
    ~AtomicFileWriter();
    AtomicFileWriter(const AtomicFileWriter&) = delete;
    AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

    void append(const void* data, std::size_t size_bytes);
    // fsync, close, rename over the target. After a successful commit the writer is inert.
    void commit();

private:
    std::string target_path_;
    std::string temporary_path_;
    int fd_ = -1;
    bool committed_ = false;
};

}  // namespace actbert::models::io
