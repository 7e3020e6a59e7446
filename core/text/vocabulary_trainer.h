#pragma once
// Trains a WordPiece vocabulary from narration text, for users without a BERT checkpoint.
// Words come from the same BasicTokenizer the WordPieceTokenizer uses (lower-cased, accents
// stripped, punctuation split). Every character seen becomes a piece (word-initial "c" and
// continuation "##c"), so no corpus word ever tokenises to [UNK]; then the most frequent pair
// of adjacent pieces is merged repeatedly ("##i" + "##ng" -> "##ing") until the vocabulary
// reaches its size. Ties between pairs are broken by the pieces' text: the result depends only
// on the word counts, never on input order or hashing.
// Output order: [PAD] [UNK] [CLS] [SEP] [MASK], the characters (sorted), then the merges in
// the order they were made.
// Threading: addText() mutates (one thread); train() is const and may run on any thread.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/common/progress.h"
#include "core/text/basic_tokenizer.h"
#include "core/text/vocabulary.h"

namespace actbert::text {

struct VocabularyTrainerOptions {
    std::size_t vocab_size = 30522;
    std::size_t min_pair_count = 2;  // pairs seen fewer times are never merged
};

class VocabularyTrainer {
public:
    // Throws actbert::Error when vocab_size cannot even hold the special tokens.
    explicit VocabularyTrainer(VocabularyTrainerOptions options = {});

    // Counts the words of `text` (any UTF-8; invalid bytes are dropped as by the tokenizer).
    void addText(std::string_view text);
    std::size_t distinctWords() const { return word_counts_.size(); }

    // Throws actbert::Error when the corpus is empty or its characters alone exceed the
    // vocabulary size; actbert::Cancelled when cancelled.
    Vocabulary train(const ProgressFn& progress, const CancelToken& cancel) const;

private:
    VocabularyTrainerOptions options_;
    BasicTokenizer basic_;
    BasicWords workspace_;
    std::unordered_map<std::string, std::uint64_t> word_counts_;
};

}  // namespace actbert::text
