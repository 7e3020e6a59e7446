#include "core/text/vocabulary.h"

#include <cstring>
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

std::uint64_t Vocabulary::hashPiece(std::string_view piece) {
    // 8 bytes at a time with a multiply-xorshift mix; pieces are short, so this is a couple of
    // multiplications per lookup.
    std::uint64_t hash = 0x9E3779B97F4A7C15ull ^ piece.size();
    std::size_t i = 0;
    for (; i + 8 <= piece.size(); i += 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, piece.data() + i, 8);
        hash = (hash ^ word) * 0xBF58476D1CE4E5B9ull;
        hash ^= hash >> 31;
    }
    if (i < piece.size()) {
        std::uint64_t word = 0;
        std::memcpy(&word, piece.data() + i, piece.size() - i);
        hash = (hash ^ word) * 0x94D049BB133111EBull;
        hash ^= hash >> 29;
    }
    hash *= 0xBF58476D1CE4E5B9ull;
    return hash ^ (hash >> 32);
}

void Vocabulary::PieceTable::reset(std::size_t expected) {
    std::size_t capacity = 16;
    while (capacity < expected * 2) {
        capacity *= 2;
    }
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
}

std::int32_t Vocabulary::PieceTable::insert(std::string_view piece, std::int32_t id) {
    const std::uint64_t hash = hashPiece(piece);
    for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
        Slot& slot = slots_[i];
        if (slot.text == nullptr) {
            slot = {hash, piece.data(), static_cast<std::uint32_t>(piece.size()), id};
            return kNotFound;
        }
        if (slot.hash == hash && std::string_view(slot.text, slot.size) == piece) {
            const std::int32_t previous = slot.id;
            slot.id = id;
            return previous;
        }
    }
}

std::int32_t Vocabulary::PieceTable::find(std::string_view piece) const {
    if (slots_.empty()) {
        return kNotFound;
    }
    const std::uint64_t hash = hashPiece(piece);
    for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
        const Slot& slot = slots_[i];
        if (slot.text == nullptr) {
            return kNotFound;
        }
        if (slot.hash == hash && slot.size == piece.size() &&
            std::memcmp(slot.text, piece.data(), piece.size()) == 0) {
            return slot.id;
        }
    }
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
    std::size_t continuations = 0;
    for (const auto& token : tokens_) {
        continuations +=
            token.size() > kContinuationPrefix.size() && token.starts_with(kContinuationPrefix) ? 1
                                                                                                : 0;
    }
    initial_.reset(tokens_.size() - continuations);
    continuation_.reset(continuations);
    duplicate_count_ = 0;
    max_piece_bytes_ = 0;
    for (std::size_t id = 0; id < tokens_.size(); ++id) {
        std::string_view token = tokens_[id];
        Table* table = &initial_;
        if (token.size() > kContinuationPrefix.size() && token.starts_with(kContinuationPrefix)) {
            token.remove_prefix(kContinuationPrefix.size());
            table = &continuation_;
        }
        if (table->insert(token, static_cast<std::int32_t>(id)) != kNotFound) {
            // BERT's load_vocab assigns vocab[token] = index line by line: the last line wins.
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
    return initial_.find(piece);
}

std::int32_t Vocabulary::continuationId(std::string_view piece) const {
    return continuation_.find(piece);
}

const std::string& Vocabulary::token(std::int32_t id) const {
    if (id < 0 || static_cast<std::size_t>(id) >= tokens_.size()) {
        throw std::out_of_range("token id " + std::to_string(id) + " outside the vocabulary of " +
                                std::to_string(tokens_.size()));
    }
    return tokens_[static_cast<std::size_t>(id)];
}

}  // namespace actbert::text
