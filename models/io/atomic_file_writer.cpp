#include "models/io/atomic_file_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>
#include <stdexcept>

namespace actbert::models::io {
namespace {

std::string errnoText() {
    return std::strerror(errno);
}

}  // namespace

AtomicFileWriter::AtomicFileWriter(std::string target_path) : target_path_(std::move(target_path)) {
    std::random_device random;
    temporary_path_ =
        target_path_ + ".tmp-" + std::to_string(random()) + "-" + std::to_string(::getpid());
    fd_ = ::open(temporary_path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd_ < 0) {
        throw std::runtime_error(target_path_ +
                                 ": cannot create a temporary file beside it: " + errnoText());
    }
}

AtomicFileWriter::~AtomicFileWriter() {
    if (fd_ >= 0) {
        ::close(fd_);
    }
    if (!committed_) {
        ::unlink(temporary_path_.c_str());
    }
}

void AtomicFileWriter::append(const void* data, std::size_t size_bytes) {
    if (fd_ < 0) {
        throw std::logic_error(target_path_ + ": append after commit");
    }
    const auto* bytes = static_cast<const char*>(data);
    while (size_bytes > 0) {
        const ssize_t written = ::write(fd_, bytes, size_bytes);
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw std::runtime_error(target_path_ + ": write failed: " + errnoText());
        }
        bytes += written;
        size_bytes -= static_cast<std::size_t>(written);
    }
}

void AtomicFileWriter::commit() {
    if (fd_ < 0) {
        throw std::logic_error(target_path_ + ": committed twice");
    }
    if (::fsync(fd_) != 0) {
        throw std::runtime_error(target_path_ + ": flush to disk failed: " + errnoText());
    }
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) {
        throw std::runtime_error(target_path_ + ": close failed: " + errnoText());
    }
    if (::rename(temporary_path_.c_str(), target_path_.c_str()) != 0) {
        throw std::runtime_error(target_path_ + ": rename failed: " + errnoText());
    }
    committed_ = true;
}

}  // namespace actbert::models::io
