#pragma once
// A WordPiece vocabulary: the tokens of a BERT `vocab.txt`, one per line, id = line number.
// Lookups take string_views and never allocate; word-initial pieces and `##` continuations are
// kept in two tables so the tokenizer never has to build "##" + piece strings.
// Threading: immutable after construction; const methods are safe from any thread.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace actbert::text {

class Vocabulary {
public:
    static constexpr std::int32_t kNotFound = -1;

    // Builds from tokens in id order. Duplicate tokens keep the id of their LAST line, as
    // BERT's load_vocab does (the earlier id still decodes to the token); duplicateCount()
    // tells how many lines were shadowed. Throws actbert::Error when `tokens` is empty.
    explicit Vocabulary(std::vector<std::string> tokens);
    // The tables view into tokens_, so a copy re-indexes its own strings.
    Vocabulary(const Vocabulary& other);
    Vocabulary& operator=(const Vocabulary& other);
    Vocabulary(Vocabulary&&) noexcept = default;
    Vocabulary& operator=(Vocabulary&&) noexcept = default;

    // Reads a vocab.txt (UTF-8, one token per line, surrounding whitespace stripped as BERT
    // does). Throws actbert::Error naming the file when it cannot be read, is empty, is not
    // UTF-8 or is implausibly large.
    static Vocabulary load(const std::filesystem::path& path);

    // Writes one token per line, atomically.
    void save(const std::filesystem::path& path) const;

    std::size_t size() const { return tokens_.size(); }
    std::size_t duplicateCount() const { return duplicate_count_; }
    // Longest token in bytes, `##` excluded for continuations: bounds the greedy search.
    std::size_t maxPieceBytes() const { return max_piece_bytes_; }

    // Id of a full token string ("hello", "##ing", "[CLS]"), or kNotFound.
    std::int32_t idOf(std::string_view token) const;
    // Id of a word-initial piece / of the continuation "##<piece>", or kNotFound.
    std::int32_t initialId(std::string_view piece) const;
    std::int32_t continuationId(std::string_view piece) const;

    // The token of an id; throws std::out_of_range for ids outside [0, size()).
    const std::string& token(std::int32_t id) const;
    const std::vector<std::string>& tokens() const { return tokens_; }

private:
    // Open-addressing table of pieces (linear probing, power-of-two size, hash kept beside
    // the id): a lookup touches one slot array and the token text, nothing else.
    class PieceTable {
    public:
        void reset(std::size_t expected);
        // Returns the previous id when `piece` was present (and replaces it), else kNotFound.
        std::int32_t insert(std::string_view piece, std::int32_t id);
        std::int32_t find(std::string_view piece) const;

    private:
        struct Slot {
            std::uint64_t hash = 0;
            const char* text = nullptr;  // into tokens_; nullptr marks an empty slot
            std::uint32_t size = 0;
            std::int32_t id = kNotFound;
        };
        std::vector<Slot> slots_;
        std::size_t mask_ = 0;
    };
    using Table = PieceTable;

    static std::uint64_t hashPiece(std::string_view piece);
    void index();

    std::vector<std::string> tokens_;  // id -> token; the tables below view into these strings
    Table initial_;                    // "hello" -> id
    Table continuation_;               // "ing" (from "##ing") -> id
    std::size_t duplicate_count_ = 0;
    std::size_t max_piece_bytes_ = 0;
};

}  // namespace actbert::text
