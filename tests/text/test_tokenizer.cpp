// WordPiece tokenizer against the real bert-base-uncased vocabulary. Expected ids were worked
// out by hand from the vocab file: normalise as BERT does, then look the pieces up (line
// number - 1); each comment shows the pieces.

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "core/common/error.h"
#include "core/text/wordpiece_tokenizer.h"
#include "text/text_test_support.h"

using actbert::text::EncodeOptions;
using actbert::text::Padding;
using actbert::text::SpecialTokens;
using actbert::text::TokenOffset;
using actbert::text::Truncation;
using actbert::text::Vocabulary;
using actbert::text::WordPieceTokenizer;
using Ids = std::vector<std::int32_t>;

namespace {

void writeFile(const QString& path, const std::string& content) {
    std::ofstream out(path.toStdString(), std::ios::binary);
    out << content;
}

}  // namespace

class TestTokenizer : public QObject {
    Q_OBJECT
private:
    std::optional<WordPieceTokenizer> bert_;
    const WordPieceTokenizer& bert() { return *bert_; }
    Ids ids(std::string_view text) { return bert().tokenize(text); }

private Q_SLOTS:
    void initTestCase() {
        bert_.emplace(WordPieceTokenizer::fromFile(actbert::text::testing::bertVocabPath()));
        QCOMPARE(bert().vocabulary().size(), std::size_t{30522});
        QCOMPARE(bert().clsId(), 101);
        QCOMPARE(bert().sepId(), 102);
        QCOMPARE(bert().padId(), 0);
        QCOMPARE(bert().unkId(), 100);
        QCOMPARE(bert().maskId(), 103);
    }

    void helloWorld() {
        QCOMPARE(bert().encode("Hello world!").ids, (Ids{101, 7592, 2088, 999, 102}));
    }

    void wordPiecesWithContinuations() {
        // token ##ization
        QCOMPARE(ids("Tokenization"), (Ids{19204, 3989}));
        // em ##bed ##ding ##s
        QCOMPARE(ids("embeddings"), (Ids{7861, 8270, 4667, 2015}));
        // una ##ffa ##ble: greedy longest match, not the morphological un ##aff ##able
        QCOMPARE(ids("unaffable"), (Ids{14477, 20961, 3468}));
        QCOMPARE(bert().tokenizeToPieces("unaffable"),
                 (std::vector<std::string>{"una", "##ffa", "##ble"}));
        QCOMPARE(bert().decode(ids("Chop the onions")), std::string("chop the onions"));
    }

    void accentsAreStripped() {
        // cafe naive resume: lower-case, NFD, drop Mn
        QCOMPARE(ids("Café NAÏVE résumé"), (Ids{7668, 15743, 13746}));
        // Already decomposed input (e + U+0301) gives the same ids.
        QCOMPARE(ids("Cafe\xCC\x81"), (Ids{7668}));
        // U+0130 lower-cases to i + U+0307 (full case mapping), the dot is dropped: istanbul
        QCOMPARE(ids("\xC4\xB0stanbul"), (Ids{9960}));
        // ß has no decomposition: st ##raße
        QCOMPARE(ids("Straße"), (Ids{2358, 27807}));
    }

    void greekFinalSigmaFollowsPythonLower() {
        // "ΟΔΟΣ".lower() == "οδος" (final sigma): ο ##δ ##ος
        QCOMPARE(ids("\xCE\x9F\xCE\x94\xCE\x9F\xCE\xA3"), (Ids{1169, 29722, 15297}));
        // Inside a word sigma stays σ: "ΟΔΟΣΑ" -> "οδοσα" is not "οδοςα"
        QVERIFY(ids("\xCE\x9F\xCE\x94\xCE\x9F\xCE\xA3\xCE\x91") != ids("οδοςα"));
    }

    void cjkCharactersAreSingleTokens() {
        QCOMPARE(ids("中国人"), (Ids{1746, 1799, 1756}));
        // Ideographs split words apart: ab 中 cd
        QCOMPARE(ids("ab中cd"), (Ids{11113, 1746, 3729}));
        // U+F902 (CJK Compatibility Ideographs block) decomposes to U+8ECA, id 1954
        QCOMPARE(ids("\xEF\xA4\x82"), (Ids{1954}));
        // U+2CEB0 (Extension F) is not in BERT's list: a\U0002CEB0b stays one word -> [UNK]
        QCOMPARE(ids("a\xF0\xAC\xBA\xB0"
                     "b"),
                 (Ids{100}));
    }

    void punctuationSplits() {
        // don ' t
        QCOMPARE(ids("don't"), (Ids{2123, 1005, 1056}));
        // well - known
        QCOMPARE(ids("well-known"), (Ids{2092, 1011, 2124}));
        // ASCII symbols count as punctuation: $ 5
        QCOMPARE(ids("$5"), (Ids{1002, 1019}));
        // Unicode P*: ¿ que ?
        QCOMPARE(ids("¿Qué?"), (Ids{1094, 10861, 1029}));
        // € is Sc, not punctuation: it stays in the word as a continuation, 5 ##€
        QCOMPARE(ids("5€"), (Ids{1019, 30102}));
        QCOMPARE(ids("€"), (Ids{1574}));
    }

    void emojiAndUncoverableWords() {
        // i love [UNK] !
        QCOMPARE(ids("I love 😀!"), (Ids{1045, 2293, 100, 999}));
        // One uncoverable piece makes the whole word [UNK], not "hello [UNK]"
        QCOMPARE(ids("hello😀"), (Ids{100}));
        // Fullwidth Ｈ lower-cases to ｈ, which NFD leaves alone and the vocab lacks
        QCOMPARE(ids("\xEF\xBC\xA8"), (Ids{100}));
    }

    void longWordsBecomeUnknown() {
        // 100 characters: aaa + 48 x ##aa + ##a
        Ids expected{13360};
        expected.insert(expected.end(), 48, 11057);
        expected.push_back(2050);
        QCOMPARE(ids(std::string(100, 'a')), expected);
        QCOMPARE(ids(std::string(101, 'a')), (Ids{100}));
        // The limit counts characters, not bytes: 60 two-byte é are 60 characters.
        std::string accented;
        for (int i = 0; i < 60; ++i) {
            accented += "é";
        }
        QVERIFY(ids(accented) != Ids{100});
    }

    void cleanupOfControlsAndWhitespace() {
        using namespace std::string_literals;
        QCOMPARE(ids("\t\nhello\r\n"), (Ids{7592}));
        QCOMPARE(ids("hel\0lo"s), (Ids{7592}));           // NUL removed, not a separator
        QCOMPARE(ids("hel\x01lo"), (Ids{7592}));          // C0 control removed
        QCOMPARE(ids("hel\xE2\x80\x8Blo"), (Ids{7592}));  // U+200B (Cf) removed
        QCOMPARE(ids("hel\xEF\xBF\xBDlo"), (Ids{7592}));  // U+FFFD removed
        // U+00A0 (Zs) and U+2028 (Zl) separate words
        QCOMPARE(ids("hello\xC2\xA0world"), (Ids{7592, 2088}));
        QCOMPARE(ids("hello\xE2\x80\xA8world"), (Ids{7592, 2088}));
        QCOMPARE(ids(""), Ids{});
        QCOMPARE(ids(" \t "), Ids{});
    }

    void invalidUtf8IsDropped() {
        // Documented behaviour: invalid bytes are ignored, as the reference's
        // decode(errors="ignore") does.
        QCOMPARE(ids("hel\xFFlo"), (Ids{7592}));
        QCOMPARE(ids("hello \xC3"), (Ids{7592}));          // truncated sequence
        QCOMPARE(ids("\xC0\xAFhello"), (Ids{7592}));       // overlong '/'
        QCOMPARE(ids("hello \xED\xA0\x80"), (Ids{7592}));  // encoded surrogate
    }

    void specialTokensInText() {
        QCOMPARE(ids("[MASK] hello"), (Ids{103, 7592}));
        QCOMPARE(ids("a[SEP]b"), (Ids{1037, 102, 1038}));
        // Matching is case-sensitive: [ mask ]
        QCOMPARE(ids("[mask]"), (Ids{1031, 7308, 1033}));
    }

    void pairEncodingWithSegments() {
        const auto encoding = bert().encodePair("Hello world!", "chop the onions");
        QCOMPARE(encoding.ids, (Ids{101, 7592, 2088, 999, 102, 24494, 1996, 24444, 102}));
        QCOMPARE(encoding.segment_ids, (Ids{0, 0, 0, 0, 0, 1, 1, 1, 1}));
        QCOMPARE(encoding.attention_mask, (Ids{1, 1, 1, 1, 1, 1, 1, 1, 1}));
        QCOMPARE(encoding.sequence_ids, (std::vector<std::int8_t>{-1, 0, 0, 0, -1, 1, 1, 1, -1}));
    }

    void truncationLongestFirst() {
        EncodeOptions options;
        options.max_length = 8;
        // 6 + 2 pieces with 3 specials: 3 must go, all from the longer first text
        const auto encoding = bert().encodePair("a b c d e f", "x y", options);
        QCOMPARE(encoding.ids, (Ids{101, 1037, 1038, 1039, 102, 1060, 1061, 102}));
        QCOMPARE(encoding.truncated_tokens, std::size_t{3});
        // Ties are cut from the second text: 3 + 3 into 4 -> 2 + 2
        options.max_length = 7;
        QCOMPARE(bert().encodePair("a b c", "x y z", options).ids,
                 (Ids{101, 1037, 1038, 102, 1060, 1061, 102}));
        options.truncation = Truncation::kOnlySecond;
        QCOMPARE(bert().encodePair("a b c", "x y z", options).ids,
                 (Ids{101, 1037, 1038, 1039, 102, 1060, 102}));
        options.max_length = 4;
        QVERIFY_THROWS_EXCEPTION(actbert::Error, bert().encodePair("a b c", "x", options));
        options.max_length = 2;
        QVERIFY_THROWS_EXCEPTION(actbert::Error, bert().encodePair("a", "b", options));
    }

    void paddingToMaxLength() {
        EncodeOptions options;
        options.max_length = 6;
        options.padding = Padding::kToMaxLength;
        const auto encoding = bert().encode("Hello", options);
        QCOMPARE(encoding.ids, (Ids{101, 7592, 102, 0, 0, 0}));
        QCOMPARE(encoding.attention_mask, (Ids{1, 1, 1, 0, 0, 0}));
        QCOMPARE(encoding.segment_ids, (Ids{0, 0, 0, 0, 0, 0}));
        options.special_tokens = SpecialTokens::kOmit;
        QCOMPARE(bert().encode("Hello", options).ids, (Ids{7592, 0, 0, 0, 0, 0}));
        EncodeOptions no_length;
        no_length.padding = Padding::kToMaxLength;
        QVERIFY_THROWS_EXCEPTION(actbert::Error, bert().encode("Hello", no_length));
    }

    void offsetsPointIntoTheInput() {
        const std::string text = "Café tokenization, ok";
        const auto encoding = bert().encode(text);
        // [CLS] cafe token ##ization , ok [SEP]
        QCOMPARE(encoding.ids, (Ids{101, 7668, 19204, 3989, 1010, 7929, 102}));
        const auto slice = [&](std::size_t i) {
            const auto& offset = encoding.offsets[i];
            return text.substr(offset.begin, offset.end - offset.begin);
        };
        QCOMPARE(encoding.offsets[0], (TokenOffset{0, 0}));
        QCOMPARE(slice(1), std::string("Café"));
        QCOMPARE(slice(2), std::string("token"));
        QCOMPARE(slice(3), std::string("ization"));
        QCOMPARE(slice(4), std::string(","));
        QCOMPARE(slice(5), std::string("ok"));
        // Offsets of the second text of a pair point into the second text.
        const auto pair = bert().encodePair("x", "  world");
        QCOMPARE(pair.offsets[3], (TokenOffset{2, 7}));
        // Pieces of a word with a removed control character still map to whole characters.
        const std::string with_control =
            "ab\x01"
            "cd";
        const auto controlled = bert().encode(with_control);
        QCOMPARE(controlled.offsets[1].begin, 0u);
        QCOMPARE(controlled.offsets.back() == TokenOffset{}, true);
    }

    void hugeSingleLine() {
        // 10 MB without a space: one word, [UNK]; with spaces: ~2.5 M words, all tokens.
        const std::string solid(10 * 1024 * 1024, 'x');
        QCOMPARE(ids(solid), (Ids{100}));
        std::string spaced;
        spaced.reserve(10 * 1024 * 1024);
        while (spaced.size() < 10 * 1024 * 1024) {
            spaced += "add ";
        }
        const auto many = ids(spaced);
        QCOMPARE(many.size(), spaced.size() / 4);
        QCOMPARE(many.front(), 5587);  // add
    }

    void agreesWithAnIndependentPythonImplementation() {
        // Differential test: a second implementation on Python's Unicode database (Debian's
        // /usr/bin/python3) tokenises 10000 random texts mixing scripts, case, marks, controls,
        // odd spaces, punctuation and emoji; every id must agree.
        QTemporaryDir dir;
        const QString texts_path = dir.filePath(QStringLiteral("texts.jsonl"));
        const QString ids_path = dir.filePath(QStringLiteral("ids.txt"));
        QProcess python;
        python.start(QStringLiteral("/usr/bin/python3"),
                     {QStringLiteral(ACTBERT_SOURCE_DIR "/tests/text/data/bert_reference.py"),
                      QString::fromStdString(actbert::text::testing::bertVocabPath().string()),
                      QStringLiteral("20261123"), QStringLiteral("10000"), texts_path, ids_path});
        QVERIFY(python.waitForFinished(300000));
        QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
        std::ifstream texts(texts_path.toStdString());
        std::ifstream expected_ids(ids_path.toStdString());
        int compared = 0;
        int mismatches = 0;
        std::string text_line;
        std::string ids_line;
        while (std::getline(texts, text_line) && std::getline(expected_ids, ids_line)) {
            const auto text = nlohmann::json::parse(text_line).get<std::string>();
            Ids expected;
            std::istringstream stream(ids_line);
            for (std::int32_t id = 0; stream >> id;) {
                expected.push_back(id);
            }
            const auto encoding = bert().encode(text, EncodeOptions{});
            const Ids actual(encoding.ids.begin() + 1, encoding.ids.end() - 1);
            // Offsets stay inside the text, start on character boundaries, never go back.
            std::uint32_t last_begin = 0;
            for (std::size_t i = 1; i + 1 < encoding.offsets.size(); ++i) {
                const auto offset = encoding.offsets[i];
                QVERIFY(offset.begin < offset.end && offset.end <= text.size());
                QVERIFY((static_cast<unsigned char>(text[offset.begin]) & 0xC0) != 0x80);
                QVERIFY(offset.begin >= last_begin);
                last_begin = offset.begin;
            }
            if (actual != expected) {
                if (++mismatches <= 5) {
                    qWarning("differs from the Python reference: %s", text_line.c_str());
                }
            }
            ++compared;
        }
        QCOMPARE(compared, 10000);
        QCOMPARE(mismatches, 0);
    }

    void randomBytesGiveValidTokens() {
        // Arbitrary bytes (invalid UTF-8, NULs, controls): ids stay in the vocabulary and
        // offsets inside the input.
        std::uint64_t state = 0x9E3779B97F4A7C15ull;
        for (int round = 0; round < 2000; ++round) {
            std::string bytes(static_cast<std::size_t>(round % 97), '\0');
            for (auto& byte : bytes) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                byte = static_cast<char>(state & 0xFF);
            }
            const auto encoding = bert().encode(bytes);
            for (std::size_t i = 0; i < encoding.ids.size(); ++i) {
                QVERIFY(encoding.ids[i] >= 0 && encoding.ids[i] < 30522);
                QVERIFY(encoding.offsets[i].end <= bytes.size());
            }
        }
    }

    void badVocabularies() {
        QTemporaryDir dir;
        const QString empty = dir.filePath(QStringLiteral("empty.txt"));
        writeFile(empty, "");
        QVERIFY_THROWS_EXCEPTION(actbert::Error, Vocabulary::load(empty.toStdString()));
        QVERIFY_THROWS_EXCEPTION(
            actbert::Error,
            Vocabulary::load(dir.filePath(QStringLiteral("missing.txt")).toStdString()));
        const QString no_unk = dir.filePath(QStringLiteral("no_unk.txt"));
        writeFile(no_unk, "[PAD]\n[CLS]\n[SEP]\n[MASK]\nhello\n");
        try {
            WordPieceTokenizer::fromFile(no_unk.toStdString());
            QFAIL("a vocabulary without [UNK] was accepted");
        } catch (const actbert::Error& error) {
            QVERIFY(std::string(error.what()).find("[UNK]") != std::string::npos);
        }
        const QString binary = dir.filePath(QStringLiteral("binary.txt"));
        writeFile(binary, "[UNK]\n\xFF\xFE\n");
        QVERIFY_THROWS_EXCEPTION(actbert::Error, Vocabulary::load(binary.toStdString()));
        // Duplicates: the last line wins, as BERT's load_vocab does; counted for warnings.
        const QString duplicates = dir.filePath(QStringLiteral("dup.txt"));
        writeFile(duplicates, "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nhi\r\n##s\nhi\n");
        const auto tokenizer = WordPieceTokenizer::fromFile(duplicates.toStdString());
        QCOMPARE(tokenizer.vocabulary().duplicateCount(), std::size_t{1});
        QCOMPARE(tokenizer.tokenize("his hi"), (Ids{7, 6, 7}));
        QCOMPARE(tokenizer.vocabulary().token(5), std::string("hi"));
    }
};

namespace actbert::text::testing {
int runTokenizerTests(int argc, char** argv) {
    TestTokenizer test;
    return QTest::qExec(&test, argc, argv);
}
}  // namespace actbert::text::testing

#include "test_tokenizer.moc"
