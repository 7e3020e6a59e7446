#include "core/text/vocabulary.h"

#include <fstream>
#include <stdexcept>
#include <system_error>

#include "core/common/atomic_file.h"
#include "core/common/error.h"
#include "core/text/utf8.h"

namespace actbert::text {

namespace {

// Real vocabularies are under a megabyte; anything this big is not a vocab.txt.
constexpr std::uintmax_t kMaxVocabFileBytes = 256ull * 1024 * 1024;
constexpr std::string_view kContinuationPrefix = "##";

bool isAsciiSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

std::string_view stripAsciiSpace(std::string_view line) {
    while (!line.empty() && isAsciiSpace(line.front())) {
        line.remove_prefix(1);
    }
    while (!line.empty() && isAsciiSpace(line.back())) {
        line.remove_suffix(1);
    }
    return line;
}

}  // namespace

std::size_t Vocabulary::ViewHash::operator()(std::string_view text) const noexcept {
    // FNV-1a over 8-byte words: pieces are short, and this is several times faster than
    // std::hash<std::string_view> on them.
    std::uint64_t hash = 0xcbf29ce484222325ull;
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t word = 0;
        for (int b = 0; b < 8; ++b) {
            word |= static_cast<std::uint64_t>(static_cast<unsigned char>(text[i + b])) << (8 * b);
        }
        hash = (hash ^ word) * 0x100000001b3ull;
        hash ^= hash >> 29;
    }
    for (; i < text.size(); ++i) {
        hash = (hash ^ static_cast<unsigned char>(text[i])) * 0x100000001b3ull;
    }
    return static_cast<std::size_t>(hash ^ (hash >> 32));
}

Vocabulary::Vocabulary(std::vector<std::string> tokens) : tokens_(std::move(tokens)) {
    if (tokens_.empty()) {
        throw Error("vocabulary is empty: a WordPiece vocabulary needs at least [UNK]");
    }
    if (tokens_.size() > static_cast<std::size_t>(INT32_MAX)) {
        throw Error("vocabulary has more tokens than 32-bit ids can address");
    }
    index();
}

Vocabulary::Vocabulary(const Vocabulary& other) : tokens_(other.tokens_) {
    index();
}

Vocabulary& Vocabulary::operator=(const Vocabulary& other) {
    if (this != &other) {
        Vocabulary copy(other);
        *this = std::move(copy);
    }
    return *this;
}

void Vocabulary::index() {
    initial_.clear();
    continuation_.clear();
    duplicate_count_ = 0;
    max_piece_bytes_ = 0;
    initial_.reserve(tokens_.size());
    continuation_.reserve(tokens_.size() / 4);
    for (std::size_t id = 0; id < tokens_.size(); ++id) {
        std::string_view token = tokens_[id];
        Table* table = &initial_;
        if (token.size() > kContinuationPrefix.size() && token.starts_with(kContinuationPrefix)) {
            token.remove_prefix(kContinuationPrefix.size());
            table = &continuation_;
        }
        auto [it, inserted] = table->try_emplace(token, static_cast<std::int32_t>(id));
        if (!inserted) {
            // BERT's load_vocab assigns vocab[token] = index line by line: the last line wins.
            it->second = static_cast<std::int32_t>(id);
            ++duplicate_count_;
        }
        if (token.size() > max_piece_bytes_) {
            max_piece_bytes_ = token.size();
        }
    }
}

Vocabulary Vocabulary::load(const std::filesystem::path& path) {
    std::error_code error;
    const auto size_bytes = std::filesystem::file_size(path, error);
    if (error) {
        throw Error("cannot read vocabulary " + path.string() + ": " + error.message());
    }
    if (size_bytes > kMaxVocabFileBytes) {
        throw Error("vocabulary " + path.string() + " is " + std::to_string(size_bytes) +
                    " bytes, too large for a vocab.txt");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error("cannot open vocabulary " + path.string());
    }
    std::string content(static_cast<std::size_t>(size_bytes), '\0');
    in.read(content.data(), static_cast<std::streamsize>(content.size()));
    if (static_cast<std::uintmax_t>(in.gcount()) != size_bytes) {
        throw Error("cannot read vocabulary " + path.string() + ": short read");
    }
    if (content.empty()) {
        throw Error("vocabulary " + path.string() + " is empty");
    }
    if (const auto bad = firstInvalidUtf8(content); bad != std::string_view::npos) {
        throw Error("vocabulary " + path.string() + " is not UTF-8 (invalid byte at offset " +
                    std::to_string(bad) + ")");
    }
    if (content.find('\0') != std::string::npos) {
        throw Error("vocabulary " + path.string() + " contains NUL bytes: not a vocab.txt");
    }
    std::vector<std::string> tokens;
    std::size_t start = 0;
    while (start < content.size()) {
        auto end = content.find('\n', start);
        if (end == std::string::npos) {
            end = content.size();
        }
        tokens.emplace_back(stripAsciiSpace(std::string_view(content).substr(start, end - start)));
        start = end + 1;
    }
    try {
        return Vocabulary(std::move(tokens));
    } catch (const Error& e) {
        throw Error("vocabulary " + path.string() + ": " + e.what());
    }
}

void Vocabulary::save(const std::filesystem::path& path) const {
    writeFileAtomically(path, [this](const ByteSink& sink) {
        for (const auto& token : tokens_) {
            sink(token.data(), token.size());
            sink("\n", 1);
        }
    });
}

std::int32_t Vocabulary::idOf(std::string_view token) const {
    if (token.size() > kContinuationPrefix.size() && token.starts_with(kContinuationPrefix)) {
        return continuationId(token.substr(kContinuationPrefix.size()));
    }
    return initialId(token);
}

std::int32_t Vocabulary::initialId(std::string_view piece) const {
    const auto it = initial_.find(piece);
    return it == initial_.end() ? kNotFound : it->second;
}

std::int32_t Vocabulary::continuationId(std::string_view piece) const {
    const auto it = continuation_.find(piece);
    return it == continuation_.end() ? kNotFound : it->second;
}

const std::string& Vocabulary::token(std::int32_t id) const {
    if (id < 0 || static_cast<std::size_t>(id) >= tokens_.size()) {
        throw std::out_of_range("token id " + std::to_string(id) + " outside the vocabulary of " +
                                std::to_string(tokens_.size()));
    }
    return tokens_[static_cast<std::size_t>(id)];
}

}  // namespace actbert::text
