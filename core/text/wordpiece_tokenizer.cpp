#include "core/text/wordpiece_tokenizer.h"

#include <algorithm>

#include "core/common/error.h"

namespace actbert::text {

namespace {

bool isUtf8Continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

std::size_t countCodePoints(std::string_view text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return !isUtf8Continuation(c); }));
}

}  // namespace

WordPieceTokenizer::WordPieceTokenizer(Vocabulary vocabulary) : vocabulary_(std::move(vocabulary)) {
    std::string missing;
    const auto require = [&](const char* token) {
        const std::int32_t id = vocabulary_.idOf(token);
        if (id == Vocabulary::kNotFound) {
            missing += missing.empty() ? token : std::string(", ") + token;
        }
        return id;
    };
    unk_id_ = require("[UNK]");
    cls_id_ = require("[CLS]");
    sep_id_ = require("[SEP]");
    pad_id_ = require("[PAD]");
    mask_id_ = require("[MASK]");
    if (!missing.empty()) {
        throw Error("vocabulary lacks the special token(s) " + missing +
                    " that BERT's WordPiece tokenizer needs");
    }
    basic_ = BasicTokenizer({{"[CLS]", cls_id_},
                             {"[SEP]", sep_id_},
                             {"[MASK]", mask_id_},
                             {"[PAD]", pad_id_},
                             {"[UNK]", unk_id_}});
}

WordPieceTokenizer WordPieceTokenizer::fromFile(const std::filesystem::path& vocab_path) {
    try {
        return WordPieceTokenizer(Vocabulary::load(vocab_path));
    } catch (const Error& e) {
        const std::string message = e.what();
        if (message.find(vocab_path.string()) != std::string::npos) {
            throw;
        }
        throw Error(vocab_path.string() + ": " + message);
    }
}

void WordPieceTokenizer::wordPieces(const BasicWords& words, const BasicWords::Word& word,
                                    std::vector<std::int32_t>& ids,
                                    std::vector<TokenOffset>* offsets) const {
    const auto push = [&](std::int32_t id, std::uint32_t begin, std::uint32_t end) {
        ids.push_back(id);
        if (offsets != nullptr) {
            const auto range = words.sourceRange(word, begin, end);
            offsets->push_back({range.first, range.second});
        }
    };
    const std::string_view text = words.text(word);
    const auto length = static_cast<std::uint32_t>(text.size());
    if (word.special_id >= 0) {
        push(word.special_id, 0, length);
        return;
    }
    // Cheap byte test first: only words of more than 100 bytes can exceed 100 characters.
    if (text.size() > kMaxInputCharsPerWord && countCodePoints(text) > kMaxInputCharsPerWord) {
        push(unk_id_, 0, length);
        return;
    }
    const std::size_t first_piece = ids.size();
    const std::size_t max_piece = vocabulary_.maxPieceBytes();
    std::uint32_t start = 0;
    while (start < length) {
        // No vocabulary piece is longer than max_piece bytes, so longer candidates can be
        // skipped without changing the greedy longest-match result.
        std::uint32_t end =
            static_cast<std::uint32_t>(std::min<std::size_t>(length, start + max_piece));
        std::int32_t id = Vocabulary::kNotFound;
        for (; end > start; --end) {
            if (end < length && isUtf8Continuation(text[end])) {
                continue;  // pieces end on character boundaries
            }
            const std::string_view piece = text.substr(start, end - start);
            id = start == 0 ? vocabulary_.initialId(piece) : vocabulary_.continuationId(piece);
            if (id != Vocabulary::kNotFound) {
                break;
            }
        }
        if (id == Vocabulary::kNotFound) {
            // One uncoverable piece makes the whole word [UNK], as in the reference.
            ids.resize(first_piece);
            if (offsets != nullptr) {
                offsets->resize(first_piece);
            }
            push(unk_id_, 0, length);
            return;
        }
        push(id, start, end);
        start = end;
    }
}

void WordPieceTokenizer::tokenize(std::string_view text, std::vector<std::int32_t>& ids,
                                  std::vector<TokenOffset>* offsets, BasicWords& workspace) const {
    workspace.clear();
    basic_.tokenize(text, workspace);
    for (const auto& word : workspace.words) {
        wordPieces(workspace, word, ids, offsets);
    }
}

std::vector<std::int32_t> WordPieceTokenizer::tokenize(std::string_view text) const {
    std::vector<std::int32_t> ids;
    BasicWords workspace;
    tokenize(text, ids, nullptr, workspace);
    return ids;
}

std::vector<std::string> WordPieceTokenizer::tokenizeToPieces(std::string_view text) const {
    std::vector<std::string> pieces;
    for (const auto id : tokenize(text)) {
        pieces.push_back(vocabulary_.token(id));
    }
    return pieces;
}

Encoding WordPieceTokenizer::encode(std::string_view text, const EncodeOptions& options) const {
    std::vector<std::int32_t> ids;
    std::vector<TokenOffset> offsets;
    BasicWords workspace;
    tokenize(text, ids, &offsets, workspace);
    return assemble(ids, offsets, nullptr, nullptr, options);
}

Encoding WordPieceTokenizer::encodePair(std::string_view first, std::string_view second,
                                        const EncodeOptions& options) const {
    std::vector<std::int32_t> first_ids;
    std::vector<std::int32_t> second_ids;
    std::vector<TokenOffset> first_offsets;
    std::vector<TokenOffset> second_offsets;
    BasicWords workspace;
    tokenize(first, first_ids, &first_offsets, workspace);
    tokenize(second, second_ids, &second_offsets, workspace);
    return assemble(first_ids, first_offsets, &second_ids, &second_offsets, options);
}

Encoding WordPieceTokenizer::assemble(const std::vector<std::int32_t>& first,
                                      const std::vector<TokenOffset>& first_offsets,
                                      const std::vector<std::int32_t>* second,
                                      const std::vector<TokenOffset>* second_offsets,
                                      const EncodeOptions& options) const {
    const bool add_special = options.special_tokens == SpecialTokens::kAdd;
    const std::size_t special_count = add_special ? (second != nullptr ? 3 : 2) : 0;
    if (options.padding == Padding::kToMaxLength && options.max_length == 0) {
        throw Error("padding to max_length needs a max_length above 0");
    }
    std::size_t first_length = first.size();
    std::size_t second_length = second != nullptr ? second->size() : 0;
    if (options.max_length > 0 && options.truncation != Truncation::kNone) {
        if (options.max_length < special_count) {
            throw Error("max_length " + std::to_string(options.max_length) + " cannot hold the " +
                        std::to_string(special_count) + " special tokens");
        }
        const std::size_t budget = options.max_length - special_count;
        switch (options.truncation) {
            case Truncation::kLongestFirst:
                // BERT's _truncate_seq_pair: one token at a time from the longer sequence,
                // from the second on ties.
                while (first_length + second_length > budget) {
                    if (first_length > second_length) {
                        --first_length;
                    } else {
                        --second_length;
                    }
                }
                break;
            case Truncation::kOnlyFirst:
            case Truncation::kOnlySecond: {
                std::size_t& cut = options.truncation == Truncation::kOnlyFirst || second == nullptr
                                       ? first_length
                                       : second_length;
                const std::size_t other = first_length + second_length - cut;
                if (other > budget) {
                    throw Error("cannot truncate to max_length " +
                                std::to_string(options.max_length) +
                                ": the sequence that may not be cut is already longer");
                }
                cut = std::min(cut, budget - other);
                break;
            }
            case Truncation::kNone:
                break;
        }
    }
    Encoding encoding;
    encoding.truncated_tokens =
        first.size() - first_length + (second != nullptr ? second->size() - second_length : 0);
    const auto push = [&](std::int32_t id, std::int32_t segment, std::int8_t sequence,
                          TokenOffset offset) {
        encoding.ids.push_back(id);
        encoding.segment_ids.push_back(segment);
        encoding.attention_mask.push_back(1);
        encoding.sequence_ids.push_back(sequence);
        encoding.offsets.push_back(offset);
    };
    if (add_special) {
        push(cls_id_, 0, -1, {});
    }
    for (std::size_t i = 0; i < first_length; ++i) {
        push(first[i], 0, 0, first_offsets[i]);
    }
    if (add_special) {
        push(sep_id_, 0, -1, {});
    }
    if (second != nullptr) {
        for (std::size_t i = 0; i < second_length; ++i) {
            push((*second)[i], 1, 1, (*second_offsets)[i]);
        }
        if (add_special) {
            push(sep_id_, 1, -1, {});
        }
    }
    if (options.padding == Padding::kToMaxLength) {
        while (encoding.ids.size() < options.max_length) {
            push(pad_id_, 0, -1, {});
            encoding.attention_mask.back() = 0;
        }
    }
    return encoding;
}

std::string WordPieceTokenizer::decode(const std::vector<std::int32_t>& ids) const {
    std::string text;
    for (const auto id : ids) {
        const std::string& token = vocabulary_.token(id);
        if (token.size() > 2 && token.starts_with("##")) {
            text.append(token, 2);
            continue;
        }
        if (!text.empty()) {
            text.push_back(' ');
        }
        text.append(token);
    }
    return text;
}

}  // namespace actbert::text
