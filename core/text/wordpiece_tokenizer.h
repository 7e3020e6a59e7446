#pragma once
// BERT's uncased WordPiece tokenizer: BasicTokenizer words, then greedy longest-match-first
// pieces with `##` continuations; a word longer than 100 characters, or one that cannot be
// covered by vocabulary pieces, becomes a single [UNK]. Gives the same ids as the reference
// (Google's tokenization.py / Hugging Face's BertTokenizer, do_lower_case=True) for any UTF-8.
// Encodings add [CLS]/[SEP], segment ids for pairs, truncation, padding and offsets that map
// each token back to the bytes of the input it came from.
// Threading: immutable after construction; const methods are safe from any thread (give each
// thread its own BasicWords workspace when using the allocation-free overloads).

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/text/basic_tokenizer.h"
#include "core/text/vocabulary.h"

namespace actbert::text {

enum class SpecialTokens { kAdd, kOmit };                                 // [CLS] ... [SEP]
enum class Truncation { kNone, kLongestFirst, kOnlyFirst, kOnlySecond };  // to max_length
enum class Padding { kNone, kToMaxLength };

struct EncodeOptions {
    std::size_t max_length = 0;  // tokens including specials; 0 = unlimited
    Truncation truncation = Truncation::kLongestFirst;
    Padding padding = Padding::kNone;
    SpecialTokens special_tokens = SpecialTokens::kAdd;
};

// Input bytes [begin, end) of a token, in the text (first or second) it came from; all pieces
// of a word share the word's characters they cover. Special and padding tokens have {0, 0}.
struct TokenOffset {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    bool operator==(const TokenOffset&) const = default;
};

struct Encoding {
    std::vector<std::int32_t> ids;
    std::vector<std::int32_t> segment_ids;     // 0 for [CLS] A [SEP], 1 for B [SEP]
    std::vector<std::int32_t> attention_mask;  // 1 for tokens, 0 for padding
    std::vector<std::int8_t> sequence_ids;     // 0 / 1: which input; -1: special or padding
    std::vector<TokenOffset> offsets;
    std::size_t truncated_tokens = 0;  // pieces dropped to fit max_length
};

class WordPieceTokenizer {
public:
    static constexpr std::size_t kMaxInputCharsPerWord = 100;  // BERT's default

    // Requires [UNK], [CLS], [SEP], [PAD] and [MASK] in the vocabulary; throws actbert::Error
    // naming the missing ones otherwise.
    explicit WordPieceTokenizer(Vocabulary vocabulary);
    static WordPieceTokenizer fromFile(const std::filesystem::path& vocab_path);

    const Vocabulary& vocabulary() const { return vocabulary_; }
    std::int32_t unkId() const { return unk_id_; }
    std::int32_t clsId() const { return cls_id_; }
    std::int32_t sepId() const { return sep_id_; }
    std::int32_t padId() const { return pad_id_; }
    std::int32_t maskId() const { return mask_id_; }

    // Piece ids of `text` without special tokens, appended to `ids` (and `offsets` if given).
    // `workspace` is scratch memory reused between calls: no allocation in steady state.
    void tokenize(std::string_view text, std::vector<std::int32_t>& ids,
                  std::vector<TokenOffset>* offsets, BasicWords& workspace) const;
    std::vector<std::int32_t> tokenize(std::string_view text) const;
    std::vector<std::string> tokenizeToPieces(std::string_view text) const;

    // Throws actbert::Error when max_length cannot hold the special tokens, or when
    // padding is asked for without a max_length, or a kOnly* truncation cannot fit.
    Encoding encode(std::string_view text, const EncodeOptions& options = {}) const;
    Encoding encodePair(std::string_view first, std::string_view second,
                        const EncodeOptions& options = {}) const;

    // Pieces joined back into words ("##" continuations glued, specials kept).
    std::string decode(const std::vector<std::int32_t>& ids) const;

private:
    void wordPieces(const BasicWords& words, const BasicWords::Word& word,
                    std::vector<std::int32_t>& ids, std::vector<TokenOffset>* offsets) const;
    Encoding assemble(const std::vector<std::int32_t>& first,
                      const std::vector<TokenOffset>& first_offsets,
                      const std::vector<std::int32_t>* second,
                      const std::vector<TokenOffset>* second_offsets,
                      const EncodeOptions& options) const;

    Vocabulary vocabulary_;
    BasicTokenizer basic_;
    std::int32_t unk_id_ = -1;
    std::int32_t cls_id_ = -1;
    std::int32_t sep_id_ = -1;
    std::int32_t pad_id_ = -1;
    std::int32_t mask_id_ = -1;
};

}  // namespace actbert::text
