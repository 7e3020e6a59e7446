// Tests of the ActBERT network (models/actbert) on the tiny config: shapes, masks, padding and
// batch invariance, attention capture, determinism, checkpoints, gradients, overfitting, and the
// masking procedure. The base config is only constructed (no forward), to check its shapes.

#include <QTemporaryDir>
#include <QTest>

#include <stdexcept>

#include "models/actbert/actbert_config.h"
#include "models/actbert/actbert_pretraining.h"
#include "models/actbert/masking.h"
#include "models/actbert/pretraining_losses.h"
#include "models/actbert/tangled_layer.h"
#include "models/io/checkpoint.h"
#include "tests/models/tiny_batch.h"

#include <torch/torch.h>

using namespace actbert::models;
using actbert::tests::randomInputs;
using actbert::tests::sliceSample;
using actbert::tests::tinyWithoutDropout;

namespace {

bool close(const torch::Tensor& a, const torch::Tensor& b, double tolerance = 1e-5) {
    return a.sizes() == b.sizes() && (a - b).abs().max().item<double>() <= tolerance;
}

std::string maxDifference(const torch::Tensor& a, const torch::Tensor& b) {
    return "max |difference| " + std::to_string((a - b).abs().max().item<double>());
}

// Targets for one batch: 2 masked tokens, 1 masked action and region per sample.
PretrainingTargets simpleTargets(const ActBertConfig& config, const ActBertInputs& inputs) {
    const auto batch = inputs.text_ids.size(0);
    PretrainingTargets targets;
    targets.text_labels = torch::full_like(inputs.text_ids, -1);
    targets.text_labels.index_put_({torch::indexing::Slice(), 1}, inputs.text_ids.select(1, 1));
    targets.text_labels.index_put_({torch::indexing::Slice(), 2}, inputs.text_ids.select(1, 2));
    targets.action_labels = torch::full({batch, inputs.action_features.size(1)}, -1, torch::kLong);
    targets.action_labels.index_put_({torch::indexing::Slice(), 0},
                                     torch::randint(config.action_classes, {batch}));
    const auto regions = inputs.region_features.size(1);
    targets.region_targets = torch::softmax(torch::randn({batch, regions, config.object_classes}),
                                            /*dim=*/-1);
    targets.region_masked = torch::zeros({batch, regions});
    targets.region_masked.index_put_({torch::indexing::Slice(), 0}, 1.0);
    targets.matched = torch::randint(2, {batch}, torch::kLong);
    return targets;
}

}  // namespace

class TestModelsActbert : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(2); }

    void configRoundTripsThroughJsonAndRejectsBadValues() {
        auto config = ActBertConfig::tiny();
        config.tangle = TangleVariant::additive;
        config.fusion = MatchingFusion::sum;
        const auto back = ActBertConfig::fromJsonString(config.toJsonString());
        QCOMPARE(back.toJsonString(), config.toJsonString());
        QCOMPARE(ActBertConfig::fromJsonString("{}").toJsonString(),
                 ActBertConfig{}.toJsonString());

        const auto rejects = [](const std::string& json, const std::string& fragment) {
            try {
                ActBertConfig::fromJsonString(json);
            } catch (const std::invalid_argument& error) {
                return std::string(error.what()).find(fragment) != std::string::npos;
            }
            return false;
        };
        QVERIFY(rejects(R"({"text": {"hidden_size": 30, "num_heads": 4}})", "multiple"));
        QVERIFY(rejects(R"({"texts": 1})", "unknown field"));
        QVERIFY(rejects(R"({"text_tangle_ids": [10]})", "same length"));
        QVERIFY(rejects(R"({"text_tangle_ids": [11, 10]})", "non-decreasing"));
        QVERIFY(rejects(R"({"region_tangle_ids": [0, 3]})", "exceeds"));
        QVERIFY(rejects(R"({"tangle": "woven"})", "stacked"));
        QVERIFY(rejects(R"({"vocab_size": "many"})", "integer"));
        QVERIFY(rejects("{nope", "JSON"));
    }

    void baseConfigHasThePapersShapes() {
        ActBertPretraining model{ActBertConfig{}};
        auto parameters = model->named_parameters();
        const auto shape = [&](const char* name) { return parameters[name].sizes().vec(); };
        using Shape = std::vector<std::int64_t>;
        QCOMPARE(shape("actbert.text_embeddings.word_embeddings.weight"), (Shape{30522, 768}));
        QCOMPARE(shape("actbert.text_embeddings.position_embeddings.weight"), (Shape{512, 768}));
        QCOMPARE(shape("actbert.region_embeddings.feature_projection.weight"), (Shape{1024, 2048}));
        QCOMPARE(shape("actbert.region_embeddings.box_projection.weight"), (Shape{1024, 5}));
        QCOMPARE(shape("actbert.action_embeddings.feature_projection.weight"), (Shape{768, 2048}));
        QCOMPARE(shape("actbert.text_layers.11.feed_forward.intermediate.weight"),
                 (Shape{3072, 768}));
        QCOMPARE(shape("actbert.region_layers.1.feed_forward.intermediate.weight"),
                 (Shape{1024, 1024}));
        QCOMPARE(shape("actbert.action_layers.2.query.weight"), (Shape{768, 768}));
        QCOMPARE(shape("actbert.tangled_layers.1.text_query.weight"), (Shape{1024, 768}));
        QCOMPARE(shape("actbert.tangled_layers.1.region_key.weight"), (Shape{1024, 1024}));
        QCOMPARE(shape("actbert.tangled_layers.0.text_output.dense.weight"), (Shape{768, 1024}));
        QCOMPARE(shape("heads.region_decoder.weight"), (Shape{1601, 1024}));
        QCOMPARE(shape("heads.text_decoder_bias"), (Shape{30522}));
        QCOMPARE(model->actbert->text_layers->size(), std::size_t{12});
        QCOMPARE(model->actbert->region_layers->size(), std::size_t{2});
        QCOMPARE(model->actbert->action_layers->size(), std::size_t{3});
        QCOMPARE(model->actbert->tangled_layers->size(), std::size_t{2});
        QVERIFY(parameters.find("actbert.text_layers.12.query.weight") == nullptr);
    }

    void forwardGivesEveryOutputWithItsShape() {
        for (const auto variant : {TangleVariant::stacked, TangleVariant::additive}) {
            torch::manual_seed(3);
            const auto config = tinyWithoutDropout(variant);
            ActBertPretraining model(config);
            model->eval();
            const auto inputs = randomInputs(config, 2, 7, 3, 5);
            torch::NoGradGuard no_grad;
            const auto result = model->forward(inputs);
            using Shape = std::vector<std::int64_t>;
            QCOMPARE(result.outputs.text_sequence.sizes().vec(), (Shape{2, 7, 32}));
            QCOMPARE(result.outputs.region_sequence.sizes().vec(), (Shape{2, 6, 48}));
            QCOMPARE(result.outputs.action_sequence.sizes().vec(), (Shape{2, 3, 32}));
            QCOMPARE(result.outputs.text_pooled.sizes().vec(), (Shape{2, 40}));
            QCOMPARE(result.scores.text.sizes().vec(), (Shape{2, 7, 120}));
            QCOMPARE(result.scores.region.sizes().vec(), (Shape{2, 6, 13}));
            QCOMPARE(result.scores.action.sizes().vec(), (Shape{2, 3, 11}));
            QCOMPARE(result.scores.matching.sizes().vec(), (Shape{2, 2}));
            QVERIFY(result.outputs.attentions.empty());
            QVERIFY(torch::isfinite(result.scores.text).all().item<bool>());
        }
    }

    void attentionIsCapturedOnRequestAndHonoursMasks() {
        torch::manual_seed(4);
        const auto config = tinyWithoutDropout(TangleVariant::stacked);
        ActBertModel model(config);
        model->eval();
        auto inputs = randomInputs(config, 1, 6, 3, 4);
        inputs.text_mask.index_put_({0, 5}, 0.0);
        inputs.action_mask.index_put_({0, 2}, 0.0);
        ForwardOptions options;
        options.capture = AttentionCapture::probabilities;
        torch::NoGradGuard no_grad;
        const auto outputs = model->forward(inputs, options);
        // 3 text + 2 region + 3 action layers, 5 maps per tangled layer
        QCOMPARE(outputs.attentions.size(), std::size_t{3 + 2 + 3 + 2 * 5});
        std::map<std::string, torch::Tensor> maps;
        for (const auto& record : outputs.attentions) {
            maps[record.name] = record.probabilities;
            // Every row is a distribution.
            QVERIFY2(close(record.probabilities.sum(-1),
                           torch::ones_like(record.probabilities.sum(-1)), 1e-5),
                     record.name.c_str());
        }
        using Shape = std::vector<std::int64_t>;
        QCOMPARE(maps.at("text.2").sizes().vec(), (Shape{1, 4, 6, 6}));
        QCOMPARE(maps.at("region.0").sizes().vec(), (Shape{1, 4, 5, 5}));
        QCOMPARE(maps.at("tangle.0.action_to_text").sizes().vec(), (Shape{1, 4, 3, 6}));
        QCOMPARE(maps.at("tangle.1.action_to_region").sizes().vec(), (Shape{1, 4, 3, 5}));
        // Stacked: text attends over its 6 tokens and the 3 cue rows.
        QCOMPARE(maps.at("tangle.0.text").sizes().vec(), (Shape{1, 4, 6, 9}));
        // Padding is never attended to: text token 5, action 2 (and its cue row 6 + 2).
        QVERIFY(maps.at("text.0").select(3, 5).max().item<double>() < 1e-6);
        QVERIFY(maps.at("tangle.0.action_to_text").select(3, 5).max().item<double>() < 1e-6);
        QVERIFY(maps.at("tangle.1.text").select(3, 8).max().item<double>() < 1e-6);
        QVERIFY(maps.at("action.0").select(3, 2).max().item<double>() < 1e-6);
        // Capturing changes nothing in the outputs.
        const auto plain = model->forward(inputs);
        QVERIFY(close(plain.text_sequence, outputs.text_sequence, 1e-6));
    }

    void paddingNeverChangesAnOutput() {
        torch::manual_seed(5);
        const auto config = tinyWithoutDropout(TangleVariant::stacked);
        ActBertModel model(config);
        model->eval();
        const auto inputs = randomInputs(config, 1, 5, 2, 3);
        auto padded = randomInputs(config, 1, 8, 4, 6);
        using torch::indexing::Slice;
        padded.text_ids.index_put_({Slice(), Slice(0, 5)}, inputs.text_ids);
        padded.text_mask.index_put_({Slice(), Slice(5)}, 0.0);
        padded.action_features.index_put_({Slice(), Slice(0, 2)}, inputs.action_features);
        padded.action_mask.index_put_({Slice(), Slice(2)}, 0.0);
        padded.region_features.index_put_({Slice(), Slice(0, 3)}, inputs.region_features);
        padded.region_boxes.index_put_({Slice(), Slice(0, 3)}, inputs.region_boxes);
        padded.region_mask.index_put_({Slice(), Slice(3)}, 0.0);
        torch::NoGradGuard no_grad;
        const auto plain = model->forward(inputs);
        const auto with_padding = model->forward(padded);
        const auto text = with_padding.text_sequence.index({Slice(), Slice(0, 5)});
        QVERIFY2(close(plain.text_sequence, text),
                 maxDifference(plain.text_sequence, text).c_str());
        QVERIFY(close(plain.action_sequence,
                      with_padding.action_sequence.index({Slice(), Slice(0, 2)})));
        // Global region token + 3 regions.
        QVERIFY(close(plain.region_sequence,
                      with_padding.region_sequence.index({Slice(), Slice(0, 4)})));
        QVERIFY(close(plain.text_pooled, with_padding.text_pooled));
        QVERIFY(close(plain.region_pooled, with_padding.region_pooled));
        QVERIFY(close(plain.action_pooled, with_padding.action_pooled));
    }

    void aSampleGivesTheSameOutputAloneAndInABatch() {
        for (const auto variant : {TangleVariant::stacked, TangleVariant::additive}) {
            torch::manual_seed(6);
            const auto config = tinyWithoutDropout(variant);
            ActBertModel model(config);
            model->eval();
            const auto inputs = randomInputs(config, 3, 6, 3, 4);
            torch::NoGradGuard no_grad;
            const auto batch = model->forward(inputs);
            for (std::int64_t i = 0; i < 3; ++i) {
                const auto alone = model->forward(sliceSample(inputs, i));
                QVERIFY(close(alone.text_sequence, batch.text_sequence.narrow(0, i, 1)));
                QVERIFY(close(alone.region_sequence, batch.region_sequence.narrow(0, i, 1)));
                QVERIFY(close(alone.action_pooled, batch.action_pooled.narrow(0, i, 1)));
            }
        }
    }

    void variantsDifferAndTextOnlyIgnoresTheVideo() {
        torch::manual_seed(7);
        auto stacked_config = tinyWithoutDropout(TangleVariant::stacked);
        ActBertModel stacked(stacked_config);
        stacked->eval();
        const auto inputs = randomInputs(stacked_config, 1, 6, 3, 4);
        auto other_video = inputs;
        other_video.action_features = torch::randn_like(inputs.action_features);
        torch::NoGradGuard no_grad;
        // The video reaches the text stream through the tangled layers (weakly at N(0, 0.02)
        // initialisation, so any change counts)...
        const auto full = stacked->forward(inputs);
        const auto full_other = stacked->forward(other_video);
        QVERIFY(!torch::equal(full.text_sequence, full_other.text_sequence));
        // ...and not at all in a text-only forward, which needs no video.
        ForwardOptions text_only;
        text_only.streams = StreamSelection::text_only;
        ActBertInputs text;
        text.text_ids = inputs.text_ids;
        const auto alone = stacked->forward(text, text_only);
        QVERIFY(!alone.region_sequence.defined());
        QVERIFY(!torch::equal(alone.text_sequence, full.text_sequence));
    }

    void resamplingTakesTheFlooredSourceRow() {
        // [1, 1, 3, 1] rows 0, 1, 2 -> 7 rows: floor(j * 3 / 7) = 0 0 0 1 1 2 2
        const auto source = torch::arange(3, torch::kFloat32).view({1, 1, 3, 1});
        const auto resampled = resampleNearest(source, 7).flatten();
        QVERIFY(torch::equal(resampled, torch::tensor({0.f, 0.f, 0.f, 1.f, 1.f, 2.f, 2.f})));
        // Downsampling 5 -> 2: rows 0 and floor(5 / 2) = 2.
        const auto down = resampleNearest(torch::arange(5, torch::kFloat32).view({1, 1, 5, 1}), 2);
        QVERIFY(torch::equal(down.flatten(), torch::tensor({0.f, 2.f})));
    }

    void seedsMakeModelsAndDropoutReproducible() {
        const auto config = ActBertConfig::tiny();
        torch::manual_seed(11);
        ActBertPretraining first(config);
        torch::manual_seed(11);
        ActBertPretraining second(config);
        torch::manual_seed(12);
        ActBertPretraining third(config);
        const auto a = first->named_parameters();
        const auto b = second->named_parameters();
        const auto c = third->named_parameters();
        bool any_differs = false;
        for (const auto& item : a) {
            QVERIFY2(torch::equal(item.value(), b[item.key()]), item.key().c_str());
            any_differs = any_differs || !torch::equal(item.value(), c[item.key()]);
        }
        QVERIFY(any_differs);
        torch::manual_seed(20);
        const auto inputs = randomInputs(config, 2, 5, 2, 3);
        first->train();
        torch::manual_seed(21);
        const auto run1 = first->forward(inputs).scores.text;
        torch::manual_seed(21);
        const auto run2 = first->forward(inputs).scores.text;
        QVERIFY(torch::equal(run1, run2));
    }

    void savedCheckpointsReloadToIdenticalOutputs() {
        QTemporaryDir dir;
        const auto path = dir.filePath(QStringLiteral("tiny.safetensors")).toStdString();
        for (const auto variant : {TangleVariant::stacked, TangleVariant::additive}) {
            torch::manual_seed(8);
            auto config = ActBertConfig::tiny();
            config.tangle = variant;
            ActBertPretraining model(config);
            model->eval();
            actbert::models::io::saveCheckpoint(path, model);
            auto loaded = actbert::models::io::loadCheckpoint(path);
            QCOMPARE(loaded.config.toJsonString(), config.toJsonString());
            QCOMPARE(actbert::models::io::readCheckpointConfig(path).toJsonString(),
                     config.toJsonString());
            const auto inputs = randomInputs(config, 2, 5, 2, 3);
            torch::NoGradGuard no_grad;
            const auto before = model->forward(inputs).scores;
            const auto after = loaded.model->forward(inputs).scores;
            QVERIFY(torch::equal(before.text, after.text));
            QVERIFY(torch::equal(before.region, after.region));
            QVERIFY(torch::equal(before.matching, after.matching));
        }
        // A checkpoint of another config does not load into this one.
        QVERIFY_THROWS_EXCEPTION(
            std::runtime_error,
            actbert::models::io::loadParameters(
                *ActBertPretraining(ActBertConfig::tiny()),
                {{"actbert.text_pooler.dense.weight", torch::zeros({3, 3})}}, path));
    }

    void gradientsReachEveryParameter() {
        for (const auto variant : {TangleVariant::stacked, TangleVariant::additive}) {
            torch::manual_seed(9);
            auto config = ActBertConfig::tiny();
            config.tangle = variant;
            ActBertPretraining model(config);
            model->train();
            const auto inputs = randomInputs(config, 2, 6, 3, 4);
            const auto scores = model->forward(inputs).scores;
            pretrainingLosses(scores, simpleTargets(config, inputs)).total.backward();
            for (const auto& item : model->named_parameters()) {
                // PaddleVideo's additive layer never uses value_av (kept so its weights load).
                const bool unused = variant == TangleVariant::additive &&
                                    item.key().find(".value_av.") != std::string::npos;
                const auto& grad = item.value().grad();
                if (unused) {
                    QVERIFY2(!grad.defined() || grad.abs().sum().item<double>() == 0,
                             item.key().c_str());
                    continue;
                }
                QVERIFY2(grad.defined() && grad.abs().sum().item<double>() > 0,
                         (toString(variant) + ": no gradient for " + item.key()).c_str());
            }
        }
    }

    void lossesDecreaseWhenOverfittingOneBatch() {
        torch::manual_seed(10);
        const auto config = ActBertConfig::tiny();
        ActBertPretraining model(config);
        model->train();
        const auto inputs = randomInputs(config, 4, 8, 3, 4);
        const auto targets = simpleTargets(config, inputs);
        torch::optim::Adam optimizer(model->parameters(), torch::optim::AdamOptions(3e-3));
        PretrainingLosses first;
        PretrainingLosses last;
        for (int step = 0; step < 60; ++step) {
            optimizer.zero_grad();
            auto losses = pretrainingLosses(model->forward(inputs).scores, targets);
            losses.total.backward();
            optimizer.step();
            (step == 0 ? first : last) = losses;
        }
        const auto ratio = [](const torch::Tensor& end, const torch::Tensor& start) {
            return end.item<double>() / start.item<double>();
        };
        QVERIFY2(ratio(last.total, first.total) < 0.3,
                 ("total " + std::to_string(first.total.item<double>()) + " -> " +
                  std::to_string(last.total.item<double>()))
                     .c_str());
        QVERIFY(ratio(last.masked_language, first.masked_language) < 0.3);
        QVERIFY(ratio(last.masked_action, first.masked_action) < 0.3);
        QVERIFY(ratio(last.masked_object, first.masked_object) < 0.5);
        QVERIFY(ratio(last.matching, first.matching) < 0.5);
    }

    void lossesWithNothingMaskedAreZero() {
        torch::manual_seed(13);
        const auto config = ActBertConfig::tiny();
        ActBertPretraining model(config);
        const auto inputs = randomInputs(config, 2, 5, 2, 3);
        auto targets = simpleTargets(config, inputs);
        targets.text_labels.fill_(-1);
        targets.action_labels.fill_(-1);
        targets.region_masked.zero_();
        const auto losses = pretrainingLosses(model->forward(inputs).scores, targets);
        QCOMPARE(losses.masked_language.item<double>(), 0.0);
        QCOMPARE(losses.masked_action.item<double>(), 0.0);
        QCOMPARE(losses.masked_object.item<double>(), 0.0);
        QVERIFY(losses.matching.item<double>() > 0);
    }

    void maskingFollowsThe15And80_10_10Rule() {
        const std::int64_t batch = 200;
        const std::int64_t tokens = 500;
        const std::int64_t vocab = 1000;
        const std::int64_t mask_id = 3;
        const auto ids = torch::randint(10, vocab, {batch, tokens}, torch::kLong);
        auto maskable = torch::ones({batch, tokens}, torch::kBool);
        maskable.select(1, 0).fill_(false);  // [CLS] is never masked
        auto generator = makeMaskingGenerator(42);
        const auto masked = maskTokens(ids, maskable, vocab, mask_id, generator);
        const auto chosen = masked.labels.ne(-1);
        const double n = static_cast<double>(chosen.sum().item<std::int64_t>());
        QVERIFY(std::abs(n / (batch * (tokens - 1)) - 0.15) < 0.005);
        QVERIFY(!chosen.select(1, 0).any().item<bool>());
        QVERIFY(torch::equal(masked.labels.masked_select(chosen), ids.masked_select(chosen)));
        const double as_mask =
            masked.ids.eq(mask_id).logical_and(chosen).sum().item<std::int64_t>() / n;
        const double kept = masked.ids.eq(ids).logical_and(chosen).sum().item<std::int64_t>() / n;
        QVERIFY2(std::abs(as_mask - 0.8) < 0.01, std::to_string(as_mask).c_str());
        // Kept includes the rare random draw of the same word.
        QVERIFY2(std::abs(kept - 0.1) < 0.01, std::to_string(kept).c_str());
        QVERIFY(torch::equal(masked.ids.masked_select(chosen.logical_not()),
                             ids.masked_select(chosen.logical_not())));
        // The same seed gives the same masking; another seed another.
        auto again = makeMaskingGenerator(42);
        QVERIFY(torch::equal(maskTokens(ids, maskable, vocab, mask_id, again).ids, masked.ids));
        auto other = makeMaskingGenerator(43);
        QVERIFY(!torch::equal(maskTokens(ids, maskable, vocab, mask_id, other).ids, masked.ids));

        const auto features = torch::randn({50, 40, 8}) + 5.0;
        auto feature_maskable = torch::ones({50, 40}, torch::kBool);
        feature_maskable.narrow(1, 30, 10).fill_(false);  // padding
        auto feature_generator = makeMaskingGenerator(1);
        const auto zeroed = maskFeatures(features, feature_maskable, feature_generator);
        const double rate = zeroed.masked.narrow(1, 0, 30).to(torch::kFloat).mean().item<double>();
        QVERIFY(std::abs(rate - 0.15) < 0.03);
        QVERIFY(!zeroed.masked.narrow(1, 30, 10).any().item<bool>());
        const auto rows_zero = zeroed.features.abs().sum(-1).eq(0);
        QVERIFY(torch::equal(rows_zero, zeroed.masked));
    }

    void badInputsGiveClearErrors() {
        const auto config = tinyWithoutDropout(TangleVariant::stacked);
        ActBertModel model(config);
        auto inputs = randomInputs(config, 1, 4, 2, 2);
        const auto expectError = [&](const ActBertInputs& bad, const std::string& fragment) {
            try {
                model->forward(bad);
            } catch (const std::invalid_argument& error) {
                return std::string(error.what()).find(fragment) != std::string::npos;
            }
            return false;
        };
        auto bad = inputs;
        bad.text_ids = torch::full({1, 4}, config.vocab_size, torch::kLong);
        QVERIFY(expectError(bad, "text_ids holds ids"));
        bad = inputs;
        bad.text_ids = torch::ones({1, config.max_position_embeddings + 1}, torch::kLong);
        bad.text_mask = torch::Tensor();
        QVERIFY(expectError(bad, "max_position_embeddings"));
        bad = inputs;
        bad.action_features = torch::randn({1, 2, config.action_feature_size + 1});
        QVERIFY(expectError(bad, "action_features has shape"));
        bad = inputs;
        bad.region_boxes = torch::randn({1, 3, 5});
        QVERIFY(expectError(bad, "region_boxes has 3 regions"));
        bad = inputs;
        bad.region_features = torch::Tensor();
        QVERIFY(expectError(bad, "region_features is missing"));
        bad = inputs;
        bad.text_mask = torch::ones({1, 5});
        QVERIFY(expectError(bad, "text_mask has shape"));
    }
};

QTEST_GUILESS_MAIN(TestModelsActbert)
#include "test_models_actbert.moc"
