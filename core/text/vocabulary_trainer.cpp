#include "core/text/vocabulary_trainer.h"

#include <algorithm>
#include <map>
#include <queue>
#include <unordered_set>
#include <vector>

#include "core/common/error.h"
#include "core/text/utf8.h"

namespace actbert::text {

namespace {

constexpr const char* kSpecialTokens[] = {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"};
constexpr std::size_t kSpecialCount = 5;
constexpr std::size_t kMaxWordChars = 100;  // longer words are [UNK] for the tokenizer anyway

using Symbol = std::uint32_t;
using PairKey = std::uint64_t;

PairKey pairKey(Symbol a, Symbol b) {
    return (static_cast<PairKey>(a) << 32) | b;
}

// Interned pieces: "c" for word-initial, "##c" for continuation pieces.
class SymbolTable {
public:
    Symbol intern(const std::string& name) {
        const auto [it, inserted] = ids_.try_emplace(name, static_cast<Symbol>(names_.size()));
        if (inserted) {
            names_.push_back(name);
        }
        return it->second;
    }
    const std::string& name(Symbol symbol) const { return names_[symbol]; }
    bool contains(const std::string& name) const { return ids_.contains(name); }

private:
    std::unordered_map<std::string, Symbol> ids_;
    std::vector<std::string> names_;
};

struct TrainingWord {
    std::vector<Symbol> symbols;
    std::uint64_t count = 0;
};

struct Candidate {
    std::uint64_t count;
    Symbol a;
    Symbol b;
};

}  // namespace

VocabularyTrainer::VocabularyTrainer(VocabularyTrainerOptions options) : options_(options) {
    if (options_.vocab_size <= kSpecialCount) {
        throw Error("a vocabulary size of " + std::to_string(options_.vocab_size) +
                    " cannot hold the 5 special tokens and any text");
    }
    if (options_.min_pair_count == 0) {
        options_.min_pair_count = 1;
    }
}

void VocabularyTrainer::addText(std::string_view text) {
    workspace_.clear();
    basic_.tokenize(text, workspace_);
    for (const auto& word : workspace_.words) {
        ++word_counts_[std::string(workspace_.text(word))];
    }
}

Vocabulary VocabularyTrainer::train(const ProgressFn& progress, const CancelToken& cancel) const {
    if (word_counts_.empty()) {
        throw Error("cannot train a vocabulary: the corpus has no words");
    }
    // Words in sorted order so symbol ids, and with them every tie, are input-independent.
    std::vector<std::pair<std::string, std::uint64_t>> sorted(word_counts_.begin(),
                                                              word_counts_.end());
    std::sort(sorted.begin(), sorted.end());
    SymbolTable symbols;
    std::vector<TrainingWord> words;
    std::map<std::string, Symbol> alphabet;  // sorted characters, both forms
    for (const auto& [text, count] : sorted) {
        TrainingWord word;
        word.count = count;
        std::size_t pos = 0;
        while (pos < text.size()) {
            const std::size_t start = pos;
            decodeUtf8(text, pos);
            const std::string piece = (start == 0 ? "" : "##") + text.substr(start, pos - start);
            word.symbols.push_back(symbols.intern(piece));
        }
        if (word.symbols.size() > kMaxWordChars) {
            continue;
        }
        for (const Symbol symbol : word.symbols) {
            alphabet.emplace(symbols.name(symbol), symbol);
        }
        words.push_back(std::move(word));
    }
    if (kSpecialCount + alphabet.size() > options_.vocab_size) {
        throw Error("a vocabulary size of " + std::to_string(options_.vocab_size) +
                    " is smaller than the corpus alphabet (" + std::to_string(alphabet.size()) +
                    " character pieces) plus 5 special tokens");
    }
    std::vector<std::string> tokens(std::begin(kSpecialTokens), std::end(kSpecialTokens));
    std::unordered_set<std::string> in_vocabulary(tokens.begin(), tokens.end());
    for (const auto& [piece, symbol] : alphabet) {
        if (in_vocabulary.insert(piece).second) {
            tokens.push_back(piece);
        }
    }

    // Pair statistics, and which words hold each pair (entries may go stale after merges;
    // merging re-checks the word).
    std::unordered_map<PairKey, std::uint64_t> pair_counts;
    std::unordered_map<PairKey, std::vector<std::uint32_t>> pair_words;
    const auto better = [&](const Candidate& x, const Candidate& y) {
        // Priority-queue order: true when x ranks below y.
        if (x.count != y.count) {
            return x.count < y.count;
        }
        const auto& xa = symbols.name(x.a);
        const auto& ya = symbols.name(y.a);
        if (xa != ya) {
            return xa > ya;
        }
        return symbols.name(x.b) > symbols.name(y.b);
    };
    std::priority_queue<Candidate, std::vector<Candidate>, decltype(better)> queue(better);
    for (std::uint32_t w = 0; w < words.size(); ++w) {
        const auto& word = words[w];
        for (std::size_t i = 0; i + 1 < word.symbols.size(); ++i) {
            const PairKey key = pairKey(word.symbols[i], word.symbols[i + 1]);
            pair_counts[key] += word.count;
            pair_words[key].push_back(w);
        }
    }
    for (const auto& [key, count] : pair_counts) {
        queue.push({count, static_cast<Symbol>(key >> 32), static_cast<Symbol>(key)});
    }

    const std::size_t target = options_.vocab_size;
    std::vector<std::uint32_t> touched;
    std::size_t merges = 0;
    while (tokens.size() < target && !queue.empty()) {
        const Candidate best = queue.top();
        queue.pop();
        const PairKey key = pairKey(best.a, best.b);
        const auto current = pair_counts.find(key);
        if (current == pair_counts.end() || current->second != best.count) {
            continue;  // stale entry: the pair's count changed since it was queued
        }
        if (best.count < options_.min_pair_count) {
            break;
        }
        if (merges++ % 64 == 0) {
            cancel.throwIfCancelled();
            reportProgress(progress, static_cast<double>(tokens.size()) / target,
                           "merging word pieces");
        }
        const std::string& right = symbols.name(best.b);
        const std::string merged_name =
            symbols.name(best.a) + (right.starts_with("##") ? right.substr(2) : right);
        const Symbol merged = symbols.intern(merged_name);
        if (in_vocabulary.insert(merged_name).second) {
            tokens.push_back(merged_name);
        }
        touched = std::move(pair_words[key]);
        pair_words.erase(key);
        std::sort(touched.begin(), touched.end());
        touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
        std::unordered_map<PairKey, std::uint64_t> changed;
        for (const auto w : touched) {
            auto& word = words[w];
            // Remove the word's old pairs, merge, add its new pairs.
            for (std::size_t i = 0; i + 1 < word.symbols.size(); ++i) {
                const PairKey old_key = pairKey(word.symbols[i], word.symbols[i + 1]);
                pair_counts[old_key] -= word.count;
                changed[old_key];
            }
            std::vector<Symbol> next;
            next.reserve(word.symbols.size());
            for (std::size_t i = 0; i < word.symbols.size(); ++i) {
                if (i + 1 < word.symbols.size() && word.symbols[i] == best.a &&
                    word.symbols[i + 1] == best.b) {
                    next.push_back(merged);
                    ++i;
                } else {
                    next.push_back(word.symbols[i]);
                }
            }
            word.symbols = std::move(next);
            for (std::size_t i = 0; i + 1 < word.symbols.size(); ++i) {
                const PairKey new_key = pairKey(word.symbols[i], word.symbols[i + 1]);
                pair_counts[new_key] += word.count;
                pair_words[new_key].push_back(w);
                changed[new_key];
            }
        }
        for (const auto& [changed_key, unused] : changed) {
            auto it = pair_counts.find(changed_key);
            if (it == pair_counts.end()) {
                continue;
            }
            if (it->second == 0) {
                pair_counts.erase(it);
                continue;
            }
            queue.push({it->second, static_cast<Symbol>(changed_key >> 32),
                        static_cast<Symbol>(changed_key)});
        }
    }
    reportProgress(progress, 1.0, "vocabulary trained");
    return Vocabulary(std::move(tokens));
}

}  // namespace actbert::text
