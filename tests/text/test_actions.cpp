// The action vocabulary: verb counts per clip, min count / max size, l1-normalised labels,
// dropped clips, determinism, and a build over the 60 real HowTo100M narrations.

#include <QTest>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <memory>

#include "core/common/error.h"
#include "core/text/action_vocabulary.h"
#include "core/text/narration_reader.h"
#include "core/text/verb_extractor.h"
#include "core/text/wordnet_lexicon.h"
#include "text/text_test_support.h"

using actbert::text::ActionOptions;
using actbert::text::ActionVocabularyBuilder;
using actbert::text::Narration;
using actbert::text::VerbExtractor;
using actbert::text::WordNetLexicon;

class TestActions : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<VerbExtractor> extractor_;

    static std::vector<Narration> kitchen() {
        Narration a;
        a.video = "a";
        a.segments = {{0.0, 3.0, "chop the onions"},
                      {4.0, 7.0, "heat the oil and add the onions"},
                      {8.0, 11.0, "this is my favourite pan"},
                      {12.0, 15.0, "add salt and stir"}};
        Narration b;
        b.video = "b";
        b.segments = {{0.0, 3.5, "add the flour"}, {4.5, 7.5, "whisk the eggs"}};
        return {a, b};
    }

private Q_SLOTS:
    void initTestCase() {
        extractor_ = std::make_unique<VerbExtractor>(
            std::make_shared<const WordNetLexicon>(WordNetLexicon::load()));
    }

    void countsLabelsAndDroppedClips() {
        const auto vocabulary =
            ActionVocabularyBuilder(*extractor_, {}).build(kitchen(), {}, actbert::CancelToken());
        // add: clips a1, a3, b0 -> 3; chop, heat, stir, whisk once (alphabetical on ties).
        QCOMPARE(vocabulary.verbs.size(), std::size_t{5});
        QCOMPARE(vocabulary.verbs[0].verb, std::string("add"));
        QCOMPARE(vocabulary.verbs[0].count, std::size_t{3});
        QCOMPARE(vocabulary.verbs[1].verb, std::string("chop"));
        QCOMPARE(vocabulary.verbs[2].verb, std::string("heat"));
        QCOMPARE(vocabulary.total_clips, std::size_t{4 + 2});
        QCOMPARE(vocabulary.dropped, std::size_t{1});  // "this is my favourite pan"
        QCOMPARE(vocabulary.clips.size(), std::size_t{5});
        const auto& both = vocabulary.clips[1];  // a, 4-8 s: heat + add
        QCOMPARE(both.video, std::string("a"));
        QCOMPARE(both.start_s, 4.0);
        QCOMPARE(both.labels, (std::vector<std::string>{"add", "heat"}));
        QCOMPARE(both.weights, (std::vector<double>{0.5, 0.5}));
    }

    void minCountAndMaxSize() {
        ActionOptions options;
        options.min_count = 2;
        auto vocabulary = ActionVocabularyBuilder(*extractor_, options)
                              .build(kitchen(), {}, actbert::CancelToken());
        QCOMPARE(vocabulary.verbs.size(), std::size_t{1});
        QCOMPARE(vocabulary.clips.size(), std::size_t{3});
        QCOMPARE(vocabulary.clips[1].weights, std::vector<double>{1.0});  // heat is gone
        options.min_count = 1;
        options.max_size = 2;
        vocabulary = ActionVocabularyBuilder(*extractor_, options)
                         .build(kitchen(), {}, actbert::CancelToken());
        QCOMPARE(vocabulary.verbs.size(), std::size_t{2});
        options.min_count = 0;
        QVERIFY_THROWS_EXCEPTION(actbert::Error, ActionVocabularyBuilder(*extractor_, options));
    }

    void deterministicWhateverTheInputOrder() {
        auto narrations = kitchen();
        const auto forward =
            ActionVocabularyBuilder(*extractor_, {}).build(narrations, {}, actbert::CancelToken());
        std::reverse(narrations.begin(), narrations.end());
        const auto backward =
            ActionVocabularyBuilder(*extractor_, {}).build(narrations, {}, actbert::CancelToken());
        QCOMPARE(forward.toJson(), backward.toJson());
        const auto json = nlohmann::json::parse(forward.toJson());
        QCOMPARE(json["dropped"].get<int>(), 1);
        QCOMPARE(json["verbs"][0]["verb"].get<std::string>(), std::string("add"));
        QCOMPARE(json["clips"][0]["labels"][0].get<std::string>(), std::string("chop"));
    }

    void cancellation() {
        actbert::CancelToken cancel;
        cancel.cancel();
        QVERIFY_THROWS_EXCEPTION(
            actbert::Cancelled,
            ActionVocabularyBuilder(*extractor_, {}).build(kitchen(), {}, cancel));
    }

    void realHowToNarrations() {
        std::vector<Narration> narrations;
        const auto folder = actbert::text::testing::sharedData("annotations/howto100m_captions");
        for (const auto& entry : std::filesystem::directory_iterator(folder)) {
            for (auto& narration : actbert::text::NarrationReader::readFile(entry.path())) {
                narrations.push_back(std::move(narration));
            }
        }
        double last_fraction = -1.0;
        const auto vocabulary = ActionVocabularyBuilder(*extractor_, {})
                                    .build(
                                        narrations,
                                        [&](double fraction, const std::string&) {
                                            QVERIFY(fraction >= last_fraction);
                                            last_fraction = fraction;
                                        },
                                        actbert::CancelToken());
        QCOMPARE(last_fraction, 1.0);
        QVERIFY(vocabulary.verbs.size() > 50);
        QVERIFY(vocabulary.dropped > 0);
        QVERIFY(vocabulary.clips.size() > vocabulary.dropped);
        for (const auto& clip : vocabulary.clips) {
            double sum = 0.0;
            for (const double weight : clip.weights) {
                sum += weight;
            }
            QVERIFY(std::abs(sum - 1.0) < 1e-9);
            QCOMPARE(clip.end_s - clip.start_s <= 4.0, true);
        }
        qInfo("HowTo100M sample: %zu verbs, %zu labelled clips, %zu of %zu dropped; top: %s %s %s",
              vocabulary.verbs.size(), vocabulary.clips.size(), vocabulary.dropped,
              vocabulary.total_clips, vocabulary.verbs[0].verb.c_str(),
              vocabulary.verbs[1].verb.c_str(), vocabulary.verbs[2].verb.c_str());
    }
};

namespace actbert::text::testing {
int runActionTests(int argc, char** argv) {
    TestActions test;
    return QTest::qExec(&test, argc, argv);
}
}  // namespace actbert::text::testing

#include "test_actions.moc"
