// Caption metrics against hand-computed values and independent implementations (NLTK for
// BLEU and, where its definition matches, METEOR; a Python CIDEr-D written here).

#include <QTest>

#include <cmath>

#include <nlohmann/json.hpp>

#include "core/eval/bleu_scorer.h"
#include "core/eval/caption_corpus.h"
#include "core/eval/caption_evaluator.h"
#include "core/eval/caption_tokenizer.h"
#include "core/eval/cider_scorer.h"
#include "core/eval/meteor_scorer.h"
#include "core/eval/rouge_l.h"
#include "eval/eval_test_support.h"

using actbert::eval::Tokens;
namespace eval = actbert::eval;

namespace {

Tokens words(const char* text) {
    return eval::tokenizeCaption(text);
}

double bleuOf(const char* hypothesis, std::vector<Tokens> references, int n) {
    return eval::bleuScores(eval::bleuStats(words(hypothesis), references))[n - 1];
}

// A corpus as JSON for the Python references: {"hyps": [[...]], "refs": [[[...]]]}.
nlohmann::json corpusJson(const std::vector<std::pair<const char*, std::vector<const char*>>>& c) {
    nlohmann::json json = {{"hyps", nlohmann::json::array()}, {"refs", nlohmann::json::array()}};
    for (const auto& [hypothesis, references] : c) {
        json["hyps"].push_back(words(hypothesis));
        nlohmann::json refs = nlohmann::json::array();
        for (const char* reference : references) {
            refs.push_back(words(reference));
        }
        json["refs"].push_back(refs);
    }
    return json;
}

nlohmann::json python(const char* script, const nlohmann::json& input) {
    const auto result =
        actbert::eval::testing::runPython(script, QByteArray::fromStdString(input.dump()));
    if (result.exit_code != 0) {
        qWarning("python failed: %s", qPrintable(result.err));
        return nullptr;
    }
    return nlohmann::json::parse(result.out.toStdString());
}

const char* const kNltkBleu = R"(
import json, sys
from nltk.translate.bleu_score import corpus_bleu
c = json.load(sys.stdin)
weights = [(1,), (0.5, 0.5), (1/3, 1/3, 1/3), (0.25, 0.25, 0.25, 0.25)]
print(json.dumps([corpus_bleu(c["refs"], c["hyps"], weights=w) for w in weights]))
)";

// NLTK's METEOR with its stemmer and WordNet switched off (exact matches only) and METEOR
// 1.5's English parameters.
const char* const kNltkMeteor = R"(
import json, sys
from nltk.translate.meteor_score import meteor_score
class NoStem:
    def stem(self, word): return word
class NoWordNet:
    def synsets(self, word): return []
c = json.load(sys.stdin)
print(json.dumps([meteor_score(r, h, preprocess=lambda w: w, stemmer=NoStem(),
                               wordnet=NoWordNet(), alpha=0.85, beta=0.2, gamma=0.6)
                  for h, r in zip(c["hyps"], c["refs"])]))
)";

// CIDEr-D written from its definition (coco-caption's cider_scorer.py), independently of
// the C++ code: per-segment scores.
const char* const kPythonCider = R"(
import json, math, sys
from collections import Counter
c = json.load(sys.stdin)
def grams(t):
    return Counter(tuple(t[i:i+n]) for n in range(1, 5) for i in range(len(t) - n + 1))
df = Counter()
for refs in c["refs"]:
    df.update(set(g for r in refs for g in grams(r)))
logn = math.log(len(c["refs"]))
def vec(t):
    v = [dict() for _ in range(4)]; norm = [0.0] * 4
    for g, tf in grams(t).items():
        w = tf * (logn - math.log(max(1.0, df[g])))
        v[len(g) - 1][g] = w; norm[len(g) - 1] += w * w
    length = sum(tf for g, tf in grams(t).items() if len(g) == 2)
    return v, [math.sqrt(x) for x in norm], length
scores = []
for h, refs in zip(c["hyps"], c["refs"]):
    vh, nh, lh = vec(h); total = [0.0] * 4
    for r in refs:
        vr, nr, lr = vec(r)
        for n in range(4):
            val = sum(min(w, vr[n][g]) * vr[n][g] for g, w in vh[n].items() if g in vr[n])
            if nh[n] != 0 and nr[n] != 0: val /= nh[n] * nr[n]
            total[n] += val * math.exp(-((lh - lr) ** 2) / (2 * 36.0))
    scores.append(sum(total) / 4 / len(refs) * 10)
print(json.dumps(scores))
)";

}  // namespace

class TestCaptionMetrics : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void tokenizerLowerCasesAndDropsPunctuation() {
        QCOMPARE(
            words("Don't STIR-FRY the onion's 3.5 cups, (please)!") ==
                (Tokens{"do", "n't", "stir-fry", "the", "onion", "'s", "3.5", "cups", "please"}),
            true);
        QCOMPARE(words("-- ... ; ?") == Tokens{}, true);
        QCOMPARE(words("add salt.Then stir") == (Tokens{"add", "salt.then", "stir"}), true);
    }

    void bleuOfIdenticalCaptionIsOne() {
        for (int n = 1; n <= 4; ++n) {
            QVERIFY(std::abs(bleuOf("cut the onions into rings",
                                    {words("cut the onions into "
                                           "rings")},
                                    n) -
                             1.0) < 1e-9);
        }
    }

    void bleuOfNoOverlapIsZero() {
        QVERIFY(bleuOf("boil water", {words("slice bread")}, 1) < 1e-12);
        // coco's smoothing (1e-15 / 1e-9 per order) leaves a tiny positive BLEU-4.
        QVERIFY(bleuOf("boil water", {words("slice bread")}, 4) < 1e-9);
    }

    void bleuClipsRepeatedNgrams() {
        // "the" x4 against "the cat": one clipped unigram match of four; c = 4 > r = 2.
        QVERIFY(std::abs(bleuOf("the the the the", {words("the cat")}, 1) - 0.25) < 1e-9);
        // Clipping takes the largest count in any one reference (2 from the second).
        QVERIFY(std::abs(bleuOf("the the the the", {words("the cat"), words("the the dog")}, 1) -
                         0.5) < 1e-9);
    }

    void bleuBrevityUsesClosestReferenceTiesToShorter() {
        // Candidate of 3 words, references of 2 and 4 words: the tie goes to 2, no penalty.
        const auto stats =
            eval::bleuStats(words("a b c"), std::vector<Tokens>{words("a b"), words("a b c d")});
        QCOMPARE(stats.reference_length, 2.0);
        // Candidate "a b" against "a b c d": BLEU-1 = exp(1 - 4/2) (all unigrams match).
        QVERIFY(std::abs(bleuOf("a b", {words("a b c d")}, 1) - std::exp(-1.0)) < 1e-9);
    }

    void bleuAgreesWithNltkCorpusBleu() {
        const auto corpus = corpusJson({
            {"cut the tomato into small pieces",
             {"cut the tomatoes into small pieces", "slice the tomato into pieces"}},
            {"add the chopped onion to the pan", {"add the onion to the pan and stir"}},
            {"pour the oil in the hot pan", {"heat oil in the pan", "pour oil into the pan"}},
        });
        const auto expected = python(kNltkBleu, corpus);
        QVERIFY(expected.is_array());
        eval::BleuStats sum;
        for (std::size_t s = 0; s < corpus["hyps"].size(); ++s) {
            sum += eval::bleuStats(corpus["hyps"][s].get<Tokens>(),
                                   corpus["refs"][s].get<std::vector<Tokens>>());
        }
        const auto mine = eval::bleuScores(sum);
        for (std::size_t n = 0; n < 4; ++n) {
            QVERIFY2(std::abs(mine[n] - expected[n].get<double>()) < 1e-9,
                     qPrintable(QStringLiteral("BLEU-%1: %2 vs NLTK %3")
                                    .arg(n + 1)
                                    .arg(mine[n])
                                    .arg(expected[n].get<double>())));
        }
    }

    void rougeLTakesPrecisionAndRecallMaximaSeparately() {
        // "a b c d" vs "a c e": LCS 2, P = 1/2, R = 2/3.
        const double p = 0.5;
        const double r = 2.0 / 3.0;
        const double f = (1 + 1.44) * p * r / (r + 1.44 * p);
        QVERIFY(std::abs(eval::rougeL(words("a b c d"), std::vector<Tokens>{words("a c e")}) - f) <
                1e-12);
        // P's maximum from "a b x x x x" (LCS 2 of 4 words = 1/2), R's from "a" (1/1).
        const double f2 = (1 + 1.44) * 0.5 * 1.0 / (1.0 + 1.44 * 0.5);
        QVERIFY(std::abs(eval::rougeL(words("a b c d"),
                                      std::vector<Tokens>{words("a b x x x x"), words("a")}) -
                         f2) < 1e-12);
        QCOMPARE(eval::rougeL(words("x y"), std::vector<Tokens>{words("a b")}), 0.0);
    }

    void ciderOfOneSegmentIsZero() {
        const std::vector<std::vector<Tokens>> refs = {{words("cut the bread")}};
        const eval::CiderD cider(refs);
        QCOMPARE(cider.score(words("cut the bread"), refs[0]), 0.0);
    }

    void ciderHandComputedTwoSegments() {
        // Segment 1 equals its reference: cosine 1 for n = 1, 2, no 3- or 4-grams -> 10 x 2/4.
        const std::vector<std::vector<Tokens>> refs = {{words("a b")}, {words("e f")}};
        const eval::CiderD cider(refs);
        QVERIFY(std::abs(cider.score(words("a b"), refs[0]) - 5.0) < 1e-12);
        QCOMPARE(cider.score(words("c d"), refs[1]), 0.0);
    }

    void ciderAgreesWithPythonDefinition() {
        const auto corpus = corpusJson({
            {"cut the tomato into small pieces",
             {"cut the tomatoes into small pieces", "slice the tomato into pieces"}},
            {"add the chopped onion to the pan", {"add the onion to the pan and stir"}},
            {"pour the oil in the hot pan", {"heat oil in the pan", "pour oil into the pan"}},
            {"the the the the", {"the cat sat on the mat"}},
        });
        const auto expected = python(kPythonCider, corpus);
        QVERIFY(expected.is_array());
        const auto refs = corpus["refs"].get<std::vector<std::vector<Tokens>>>();
        const eval::CiderD cider(refs);
        for (std::size_t s = 0; s < refs.size(); ++s) {
            const double mine = cider.score(corpus["hyps"][s].get<Tokens>(), refs[s]);
            QVERIFY2(std::abs(mine - expected[s].get<double>()) < 1e-9,
                     qPrintable(QStringLiteral("segment %1: %2 vs %3")
                                    .arg(s)
                                    .arg(mine)
                                    .arg(expected[s].get<double>())));
        }
    }

    void initTestCase() { meteor_ = std::make_unique<eval::MeteorScorer>(); }

    void meteorIdenticalIsOneAndNoOverlapZero() {
        QCOMPARE(segmentMeteor("chop the onion finely", {"chop the onion finely"}), 1.0);
        QCOMPARE(segmentMeteor("boil water", {"slice bread"}), 0.0);
    }

    void meteorHandComputed() {
        // Two exact matches in two chunks: P = R = 1, penalty 0.6 (2 / 2)^0.2.
        QVERIFY(std::abs(segmentMeteor("chop onion", {"onion chop"}) - 0.4) < 1e-12);
        // Stems only ("chopped onions" / "chop onion"): weight 0.6, one chunk, all matched.
        QVERIFY(std::abs(segmentMeteor("chopped onions", {"chop onion"}) - 0.6) < 1e-12);
        // A WordNet synonym (car / automobile share a synset): weight 0.8.
        QVERIFY(std::abs(segmentMeteor("car", {"automobile"}) - 0.8) < 1e-12);
        // Function words count 1 - delta: "the onion" / "an onion", only "onion" matches:
        // P = R = 0.75 / (0.75 + 0.25), one chunk of one match: penalty 0.6.
        QVERIFY(std::abs(segmentMeteor("the onion", {"an onion"}) - 0.75 * 0.4) < 1e-12);
        // The best reference wins.
        QVERIFY(std::abs(segmentMeteor("chop onion", {"onion chop", "chop onion"}) - 1.0) < 1e-12);
    }

    void meteorCorpusScoreUsesSummedStatistics() {
        auto stats =
            meteor_->segmentStats(words("chop onion"), std::vector<Tokens>{words("chop onion")});
        stats += meteor_->segmentStats(words("boil"), std::vector<Tokens>{words("water")});
        // 3 words each side, 2 matched in 1 chunk: P = R = 2/3, penalty 0.6 (1 / 2)^0.2.
        const double expected = (2.0 / 3.0) * (1 - 0.6 * std::pow(0.5, 0.2));
        QVERIFY(std::abs(eval::MeteorScorer::score(stats) - expected) < 1e-12);
        // ... not the mean of the segment scores (1 and 0).
        QVERIFY(std::abs(eval::MeteorScorer::score(stats) - 0.5) > 0.1);
    }

    void meteorAgreesWithNltkOnExactContentWordMatches() {
        // Where the definitions coincide: exact matches only, content words only, never a
        // complete one-chunk match (NLTK penalises that, METEOR 1.5 does not), and unique
        // words (NLTK aligns greedily, METEOR searches).
        const auto corpus = corpusJson({
            {"chop onion garlic pan", {"garlic pan chop onion salt"}},
            {"heat oil pan", {"oil heat pan pepper"}},
            {"slice tomato bread cheese", {"bread cheese", "tomato slice lettuce"}},
        });
        const auto expected = python(kNltkMeteor, corpus);
        QVERIFY(expected.is_array());
        for (std::size_t s = 0; s < corpus["hyps"].size(); ++s) {
            const auto stats = meteor_->segmentStats(corpus["hyps"][s].get<Tokens>(),
                                                     corpus["refs"][s].get<std::vector<Tokens>>());
            const double mine = eval::MeteorScorer::score(stats);
            QVERIFY2(std::abs(mine - expected[s].get<double>()) < 1e-9,
                     qPrintable(QStringLiteral("segment %1: %2 vs NLTK %3")
                                    .arg(s)
                                    .arg(mine)
                                    .arg(expected[s].get<double>())));
        }
    }

    void meteorSearchMinimisesChunks() {
        // "the" twice in each: the search must align both in order (one chunk) rather than
        // crossed; the result is the identical-sentence score of a permuted-free alignment.
        QVERIFY(std::abs(segmentMeteor("put the lid on the pot", {"put the lid on the pot"}) -
                         1.0) < 1e-12);
        const auto stats = meteor_->segmentStats(words("the pot the lid"),
                                                 std::vector<Tokens>{words("the lid the pot")});
        QCOMPARE(stats.chunks, 2.0);  // "the pot" and "the lid", each kept together
    }

    void evaluatorMicroAndMacro() {
        std::vector<eval::CaptionSegment> segments(3);
        const char* ids[] = {"vidA_0", "vidA_1", "vidB_0"};
        const char* hyps[] = {"chop onion", "boil water", "slice bread"};
        const char* refs[] = {"chop onion", "heat oil", "slice bread"};
        for (std::size_t s = 0; s < 3; ++s) {
            segments[s].id = ids[s];
            segments[s].video = eval::videoOfSegment(ids[s]);
            segments[s].hypothesis = words(hyps[s]);
            segments[s].references = {words(refs[s])};
        }
        QCOMPARE(segments[0].video, std::string("vidA"));
        const auto evaluation = eval::evaluateCaptions(segments, *meteor_);
        QCOMPARE(evaluation.videos, std::size_t{2});
        // ROUGE-L: segment values 1, 0, 1; micro mean 2/3, macro mean of (1/2, 1) = 3/4.
        QVERIFY(std::abs(evaluation.micro.rouge_l - 2.0 / 3.0) < 1e-12);
        QVERIFY(std::abs(evaluation.macro.rouge_l - 0.75) < 1e-12);
        // BLEU-1: micro 4 of 6 unigrams; macro mean of (2/4, 2/2).
        QVERIFY(std::abs(evaluation.micro.bleu[0] - 4.0 / 6.0) < 1e-9);
        QVERIFY(std::abs(evaluation.macro.bleu[0] - 0.75) < 1e-9);
    }

private:
    double segmentMeteor(const char* hypothesis, std::vector<const char*> references) {
        std::vector<Tokens> tokens;
        for (const char* reference : references) {
            tokens.push_back(words(reference));
        }
        return eval::MeteorScorer::score(meteor_->segmentStats(words(hypothesis), tokens));
    }

    std::unique_ptr<eval::MeteorScorer> meteor_;
};

namespace actbert::eval::testing {
int runCaptionMetricTests(int argc, char** argv) {
    TestCaptionMetrics test;
    return QTest::qExec(&test, argc, argv);
}
}  // namespace actbert::eval::testing

#include "test_caption_metrics.moc"
