#include "core/features/content_hash.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <vector>

#include "core/common/error.h"

namespace actbert::features {
namespace {

// Two independent 64-bit lanes, each a multiply-xorshift mix of 8-byte words (the scheme of
// well-known non-cryptographic hashes: fast, good avalanche; collisions are not a security
// concern for a local cache key).
class Hasher {
public:
    void update(const unsigned char* data, std::size_t size) {
        total_ += size;
        while (size > 0) {
            const std::size_t take = std::min(size, sizeof(pending_) - pending_size_);
            std::memcpy(pending_ + pending_size_, data, take);
            pending_size_ += take;
            data += take;
            size -= take;
            if (pending_size_ == sizeof(pending_)) {
                std::uint64_t word = 0;
                std::memcpy(&word, pending_, sizeof(word));
                mixWord(word);
                pending_size_ = 0;
            }
        }
    }

    std::string hex() {
        std::uint64_t tail = 0;
        std::memcpy(&tail, pending_, pending_size_);
        mixWord(tail ^ (static_cast<std::uint64_t>(pending_size_) << 56));
        mixWord(total_);
        const std::array<std::uint64_t, 2> lanes{finish(a_), finish(b_ ^ a_)};
        static const char* digits = "0123456789abcdef";
        std::string text;
        for (const auto lane : lanes) {
            for (int shift = 60; shift >= 0; shift -= 4) {
                text.push_back(digits[(lane >> shift) & 0xF]);
            }
        }
        return text;
    }

private:
    static std::uint64_t finish(std::uint64_t x) {
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdULL;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53ULL;
        x ^= x >> 33;
        return x;
    }
    void mixWord(std::uint64_t word) {
        a_ = (a_ ^ (word * 0x9E3779B97F4A7C15ULL)) * 0xBF58476D1CE4E5B9ULL;
        a_ ^= a_ >> 31;
        b_ = (b_ + (word ^ (word >> 29)) * 0x94D049BB133111EBULL);
        b_ = (b_ << 27 | b_ >> 37) * 0x9E3779B97F4A7C15ULL;
    }

    std::uint64_t a_ = 0x243F6A8885A308D3ULL;
    std::uint64_t b_ = 0x13198A2E03707344ULL;
    std::uint64_t total_ = 0;
    unsigned char pending_[8] = {};
    std::size_t pending_size_ = 0;
};

}  // namespace

class ContentHasher::State : public Hasher {};

ContentHasher::ContentHasher() : state_(std::make_unique<State>()) {}
ContentHasher::~ContentHasher() = default;

void ContentHasher::update(const void* data, std::size_t size) {
    state_->update(static_cast<const unsigned char*>(data), size);
}

std::string ContentHasher::hex() {
    return state_->hex();
}

std::string hashFileContent(const std::filesystem::path& path, const CancelToken& cancel) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(path.string() + ": cannot open the file to fingerprint it");
    }
    Hasher hasher;
    std::vector<char> block(1 << 20);
    while (in) {
        cancel.throwIfCancelled();
        in.read(block.data(), static_cast<std::streamsize>(block.size()));
        const auto got = static_cast<std::size_t>(in.gcount());
        hasher.update(reinterpret_cast<const unsigned char*>(block.data()), got);
    }
    if (in.bad()) {
        throw Error(path.string() + ": read error while fingerprinting the file");
    }
    return hasher.hex();
}

std::string hashText(const std::string& text) {
    Hasher hasher;
    hasher.update(reinterpret_cast<const unsigned char*>(text.data()), text.size());
    return hasher.hex();
}

}  // namespace actbert::features
