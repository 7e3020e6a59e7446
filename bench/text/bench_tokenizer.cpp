// bench_text: WordPiece tokenizer throughput on real narration text (YouCook2 step sentences
// and HowTo100M ASR captions from ../shared/data), single thread, against a straightforward
// baseline written here the way the reference tokenizer reads: a std::string per word and
// per candidate piece, "##" + piece concatenation, std::unordered_map<std::string, int>.
// Both must produce identical ids on the corpus; the bench prints words/s and the ratio.

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/text/narration_reader.h"
#include "core/text/wordpiece_tokenizer.h"

namespace {

// CPU time of this thread: the machine is shared, and the goal is words per second per core.
double threadSeconds() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

// The baseline: BERT's algorithm for ASCII text, written plainly.
class BaselineTokenizer {
public:
    explicit BaselineTokenizer(const std::filesystem::path& vocab_path) {
        std::ifstream in(vocab_path);
        int id = 0;
        for (std::string line; std::getline(in, line); ++id) {
            while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) {
                line.pop_back();
            }
            vocab_[line] = id;
        }
        unk_ = vocab_.at("[UNK]");
    }

    void tokenize(const std::string& text, std::vector<int>& ids) const {
        std::vector<std::string> words;
        std::string current;
        const auto flush = [&]() {
            if (!current.empty()) {
                words.push_back(current);
                current.clear();
            }
        };
        for (const char raw : text) {
            const auto c = static_cast<unsigned char>(raw);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                flush();
            } else if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) ||
                       (c >= 123 && c <= 126)) {
                flush();
                words.emplace_back(1, static_cast<char>(c));
            } else if (c >= 32 && c != 127) {
                current.push_back(static_cast<char>(std::tolower(c)));
            }
        }
        flush();
        for (const auto& word : words) {
            if (word.size() > 100) {
                ids.push_back(unk_);
                continue;
            }
            std::vector<int> pieces;
            std::size_t start = 0;
            bool bad = false;
            while (start < word.size()) {
                std::size_t end = word.size();
                int found = -1;
                while (start < end) {
                    std::string piece = word.substr(start, end - start);
                    if (start > 0) {
                        piece = "##" + piece;
                    }
                    const auto it = vocab_.find(piece);
                    if (it != vocab_.end()) {
                        found = it->second;
                        break;
                    }
                    --end;
                }
                if (found < 0) {
                    bad = true;
                    break;
                }
                pieces.push_back(found);
                start = end;
            }
            if (bad) {
                ids.push_back(unk_);
            } else {
                ids.insert(ids.end(), pieces.begin(), pieces.end());
            }
        }
    }

private:
    std::unordered_map<std::string, int> vocab_;
    int unk_ = 100;
};

std::vector<std::string> loadCorpus(const std::filesystem::path& data) {
    std::vector<std::string> lines;
    std::ifstream youcook(data / "annotations/youcookii_annotations_trainval.json");
    const auto json = nlohmann::json::parse(youcook);
    for (const auto& [video, entry] : json["database"].items()) {
        for (const auto& annotation : entry["annotations"]) {
            lines.push_back(annotation["sentence"].get<std::string>());
        }
    }
    for (const auto& file :
         std::filesystem::directory_iterator(data / "annotations/howto100m_captions")) {
        for (const auto& narration : actbert::text::NarrationReader::readFile(file.path())) {
            for (const auto& segment : narration.segments) {
                lines.push_back(segment.text);
            }
        }
    }
    return lines;
}

std::size_t countWords(const std::vector<std::string>& lines) {
    std::size_t words = 0;
    for (const auto& line : lines) {
        bool in_word = false;
        for (const char c : line) {
            const bool space = c == ' ' || c == '\t';
            words += (!space && !in_word) ? 1 : 0;
            in_word = !space;
        }
    }
    return words;
}

// Runs `pass` over the corpus until at least `min_seconds` of CPU time; returns words per
// CPU second.
template <typename Pass>
double wordsPerSecond(std::size_t words_per_pass, double min_seconds, Pass&& pass) {
    pass();  // warm-up
    std::size_t passes = 0;
    const double start = threadSeconds();
    double elapsed = 0.0;
    do {
        pass();
        ++passes;
        elapsed = threadSeconds() - start;
    } while (elapsed < min_seconds);
    return static_cast<double>(words_per_pass * passes) / elapsed;
}

}  // namespace

int main() {
    const std::filesystem::path data = ACTBERT_SHARED_DATA_DIR;
    const auto vocab_path = data / "text/bert-base-uncased-vocab.txt";
    const auto corpus = loadCorpus(data);
    const std::size_t words = countWords(corpus);
    std::size_t bytes = 0;
    for (const auto& line : corpus) {
        bytes += line.size();
    }
    std::printf("corpus: %zu narration lines, %zu words, %.1f MB (YouCook2 + HowTo100M)\n",
                corpus.size(), words, bytes / 1e6);

    const auto tokenizer = actbert::text::WordPieceTokenizer::fromFile(vocab_path);
    const BaselineTokenizer baseline(vocab_path);

    // Same ids from both on this (ASCII) corpus, or the comparison is meaningless.
    std::vector<std::int32_t> ours;
    std::vector<int> theirs;
    actbert::text::BasicWords workspace;
    std::size_t mismatches = 0;
    std::size_t non_ascii = 0;
    for (const auto& line : corpus) {
        if (std::any_of(line.begin(), line.end(), [](char c) { return c < 0 || c >= 127; })) {
            ++non_ascii;  // the baseline neither lower-cases nor strips accents beyond ASCII
            continue;
        }
        ours.clear();
        theirs.clear();
        tokenizer.tokenize(line, ours, nullptr, workspace);
        baseline.tokenize(line, theirs);
        if (!std::equal(ours.begin(), ours.end(), theirs.begin(), theirs.end())) {
            if (mismatches < 5) {
                std::printf("  differs: %s\n", line.c_str());
            }
            ++mismatches;
        }
    }
    std::printf(
        "ASCII lines where ids differ from the baseline: %zu (%zu non-ASCII lines not "
        "compared)\n",
        mismatches, non_ascii);

    std::size_t sink = 0;
    const double ours_wps = wordsPerSecond(words, 2.0, [&]() {
        for (const auto& line : corpus) {
            ours.clear();
            tokenizer.tokenize(line, ours, nullptr, workspace);
            sink += ours.size();
        }
    });
    std::vector<actbert::text::TokenOffset> offsets;
    const double offsets_wps = wordsPerSecond(words, 2.0, [&]() {
        for (const auto& line : corpus) {
            ours.clear();
            offsets.clear();
            tokenizer.tokenize(line, ours, &offsets, workspace);
            sink += offsets.size();
        }
    });
    const double encode_wps = wordsPerSecond(words, 2.0, [&]() {
        for (const auto& line : corpus) {
            sink += tokenizer.encode(line).ids.size();
        }
    });
    const double baseline_wps = wordsPerSecond(words, 2.0, [&]() {
        for (const auto& line : corpus) {
            theirs.clear();
            baseline.tokenize(line, theirs);
            sink += theirs.size();
        }
    });
    // Title-cased, accented narration forces the ICU path on every affected word.
    std::vector<std::string> accented;
    for (const auto& line : corpus) {
        std::string changed = line;
        if (!changed.empty()) {
            changed[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(changed[0])));
        }
        for (std::size_t pos = changed.find('e'); pos != std::string::npos;
             pos = changed.find('e', pos + 8)) {
            changed.replace(pos, 1, "\xC3\xA9");  // é
        }
        accented.push_back(std::move(changed));
    }
    const double unicode_wps = wordsPerSecond(words, 2.0, [&]() {
        for (const auto& line : accented) {
            ours.clear();
            tokenizer.tokenize(line, ours, nullptr, workspace);
            sink += ours.size();
        }
    });

    std::printf("single thread, words per CPU second:\n");
    std::printf("%-44s %12.0f words/s\n", "WordPieceTokenizer (ids)", ours_wps);
    std::printf("%-44s %12.0f words/s\n", "WordPieceTokenizer (ids + offsets)", offsets_wps);
    std::printf("%-44s %12.0f words/s\n", "WordPieceTokenizer::encode ([CLS]/[SEP], alloc)",
                encode_wps);
    std::printf("%-44s %12.0f words/s\n", "WordPieceTokenizer, accented text (ICU path)",
                unicode_wps);
    std::printf("%-44s %12.0f words/s\n", "baseline (strings + unordered_map)", baseline_wps);
    std::printf("ratio ours / baseline: %.2fx (goal: 1,000,000 words/s/core -> %s)\n",
                ours_wps / baseline_wps, ours_wps >= 1e6 ? "met" : "not met");
    std::printf("(checksum %zu)\n", sink);
    return mismatches == 0 ? 0 : 1;
}
