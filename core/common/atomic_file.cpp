#include "core/common/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <string>

#include "core/common/error.h"

namespace actbert {
namespace {

std::string describeErrno(int error_number) {
    return std::strerror(error_number);
}

// Owns the temporary file until it is renamed; removes it on every other exit path.
class TemporaryFile {
public:
    explicit TemporaryFile(const std::filesystem::path& target) : target_(target) {
        std::random_device random;
        path_ = target;
        path_ += ".tmp-" + std::to_string(random()) + "-" + std::to_string(::getpid());
        fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd_ < 0) {
            throw Error(target_.string() +
                        ": cannot create temporary file: " + describeErrno(errno));
        }
    }
    ~TemporaryFile() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
        if (!committed_) {
            std::error_code ignored;
            std::filesystem::remove(path_, ignored);
        }
    }
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;

    void append(const char* data, std::size_t size) {
        while (size > 0) {
            const ssize_t written = ::write(fd_, data, size);
            if (written < 0) {
                if (errno == EINTR) {
                    continue;
                }
                throw Error(target_.string() + ": write failed: " + describeErrno(errno));
            }
            data += written;
            size -= static_cast<std::size_t>(written);
        }
    }

    void commit() {
        if (::fsync(fd_) != 0) {
            throw Error(target_.string() + ": flush to disk failed: " + describeErrno(errno));
        }
        if (::close(fd_) != 0) {
            fd_ = -1;
            throw Error(target_.string() + ": close failed: " + describeErrno(errno));
        }
        fd_ = -1;
        if (::rename(path_.c_str(), target_.c_str()) != 0) {
            throw Error(target_.string() + ": rename failed: " + describeErrno(errno));
        }
        committed_ = true;
    }

private:
    std::filesystem::path target_;
    std::filesystem::path path_;
    int fd_ = -1;
    bool committed_ = false;
};

}  // namespace

void writeFileAtomically(const std::filesystem::path& path, std::string_view bytes) {
    writeFileAtomically(path, [&](const ByteSink& sink) { sink(bytes.data(), bytes.size()); });
}

void writeFileAtomically(const std::filesystem::path& path,
                         const std::function<void(const ByteSink& sink)>& write) {
    TemporaryFile file(path);
    write([&](const char* data, std::size_t size) { file.append(data, size); });
    file.commit();
}

}  // namespace actbert
