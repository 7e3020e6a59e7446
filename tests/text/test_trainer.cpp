// WordPiece vocabulary training: layout, determinism, coverage, and a vocabulary trained on the
// real HowTo100M narrations that the tokenizer then uses.

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <filesystem>

#include "core/common/error.h"
#include "core/text/narration_reader.h"
#include "core/text/vocabulary_trainer.h"
#include "core/text/wordpiece_tokenizer.h"
#include "text/text_test_support.h"

using actbert::text::Vocabulary;
using actbert::text::VocabularyTrainer;
using actbert::text::VocabularyTrainerOptions;
using actbert::text::WordPieceTokenizer;

namespace {

const char* const kCorpus[] = {"Chop the onions and add them to the pan.",
                               "Add the chopped garlic.",
                               "Stir the onions until golden.",
                               "Adding salt, stirring again!",
                               "Café crème: stir in the cream.",
                               "Chopping, chopping, chopping."};

Vocabulary trainOn(const std::vector<std::string>& lines, std::size_t size) {
    VocabularyTrainerOptions options;
    options.vocab_size = size;
    options.min_pair_count = 1;  // the corpora here are tiny
    VocabularyTrainer trainer(options);
    for (const auto& line : lines) {
        trainer.addText(line);
    }
    return trainer.train({}, actbert::CancelToken());
}

}  // namespace

class TestTrainer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void layoutAndCoverage() {
        const std::vector<std::string> corpus(std::begin(kCorpus), std::end(kCorpus));
        const auto vocabulary = trainOn(corpus, 80);
        QCOMPARE(vocabulary.size(), std::size_t{80});
        QCOMPARE(vocabulary.token(0), std::string("[PAD]"));
        QCOMPARE(vocabulary.token(1), std::string("[UNK]"));
        QCOMPARE(vocabulary.token(4), std::string("[MASK]"));
        QCOMPARE(vocabulary.duplicateCount(), std::size_t{0});
        // Characters are pieces in both forms; accents were stripped before training.
        QVERIFY(vocabulary.idOf("c") >= 0);
        QVERIFY(vocabulary.idOf("##c") >= 0);
        QCOMPARE(vocabulary.idOf("é"), Vocabulary::kNotFound);
        // The most frequent words become whole pieces.
        QVERIFY(vocabulary.idOf("the") >= 0);
        QVERIFY(vocabulary.idOf("chopping") >= 0);
        const WordPieceTokenizer tokenizer(vocabulary);
        for (const auto& line : corpus) {
            const auto ids = tokenizer.tokenize(line);
            QVERIFY(std::find(ids.begin(), ids.end(), tokenizer.unkId()) == ids.end());
        }
        QCOMPARE(tokenizer.tokenizeToPieces("the onions"),
                 (std::vector<std::string>{"the", "onions"}));
    }

    void deterministicWhateverTheOrder() {
        std::vector<std::string> corpus(std::begin(kCorpus), std::end(kCorpus));
        const auto forward = trainOn(corpus, 60);
        std::reverse(corpus.begin(), corpus.end());
        const auto backward = trainOn(corpus, 60);
        QCOMPARE(forward.tokens(), backward.tokens());
    }

    void stopsWhenPairsRunOut() {
        // Two distinct words: the merges end long before 1000 tokens.
        const auto vocabulary = trainOn({"ab ab cd cd"}, 1000);
        QVERIFY(vocabulary.size() < 1000);
        QVERIFY(vocabulary.idOf("ab") >= 0);
        QVERIFY(vocabulary.idOf("cd") >= 0);
    }

    void badSizesAndEmptyCorpora() {
        VocabularyTrainerOptions options;
        options.vocab_size = 5;
        QVERIFY_THROWS_EXCEPTION(actbert::Error, VocabularyTrainer{options});
        QVERIFY_THROWS_EXCEPTION(actbert::Error, trainOn({"  \t "}, 100));
        // 26 letters x 2 forms + 5 specials do not fit in 20.
        QVERIFY_THROWS_EXCEPTION(actbert::Error, trainOn({"the quick brown fox jumps over the "
                                                          "lazy dog"},
                                                         20));
        actbert::CancelToken cancel;
        cancel.cancel();
        options.vocab_size = 5000;
        VocabularyTrainer trainer(options);
        for (int i = 0; i < 200; ++i) {
            trainer.addText("word" + std::to_string(i * 7919) + " narration text");
        }
        QVERIFY_THROWS_EXCEPTION(actbert::Cancelled, trainer.train({}, cancel));
    }

    void realNarrationsRoundTripThroughVocabTxt() {
        VocabularyTrainerOptions options;
        options.vocab_size = 2000;
        VocabularyTrainer trainer(options);
        std::vector<std::string> texts;
        const auto folder = actbert::text::testing::sharedData("annotations/howto100m_captions");
        for (const auto& entry : std::filesystem::directory_iterator(folder)) {
            for (const auto& narration : actbert::text::NarrationReader::readFile(entry.path())) {
                for (const auto& segment : narration.segments) {
                    trainer.addText(segment.text);
                    texts.push_back(segment.text);
                }
            }
        }
        const auto vocabulary = trainer.train({}, actbert::CancelToken());
        QCOMPARE(vocabulary.size(), std::size_t{2000});
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("vocab.txt")).toStdString();
        vocabulary.save(path);
        const auto tokenizer = WordPieceTokenizer::fromFile(path);
        QCOMPARE(tokenizer.vocabulary().tokens(), vocabulary.tokens());
        std::size_t pieces = 0;
        std::size_t words = 0;
        for (const auto& text : texts) {
            const auto ids = tokenizer.tokenize(text);
            QVERIFY(std::find(ids.begin(), ids.end(), tokenizer.unkId()) == ids.end());
            pieces += ids.size();
            words += static_cast<std::size_t>(std::count(text.begin(), text.end(), ' ') + 1);
        }
        const double pieces_per_word = static_cast<double>(pieces) / static_cast<double>(words);
        qInfo("2000-token vocabulary on HowTo100M sample: %.2f pieces per word", pieces_per_word);
        QVERIFY(pieces_per_word < 2.0);
    }
};

namespace actbert::text::testing {
int runTrainerTests(int argc, char** argv) {
    TestTrainer test;
    return QTest::qExec(&test, argc, argv);
}
}  // namespace actbert::text::testing

#include "test_trainer.moc"
