// Tests of checkpoint interchange: a Hugging Face BERT imported into the text stream IS that
// BERT (against a plain BERT written in Python), PaddleVideo's .pdparams imported into the
// additive variant agrees with PaddleVideo's forward (written in numpy), and the
// `actbert model` commands that wrap them.

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include "models/actbert/actbert_config.h"
#include "models/actbert/actbert_pretraining.h"
#include "models/io/bert_import.h"
#include "models/io/checkpoint.h"
#include "models/io/paddle_import.h"
#include "models/io/safetensors.h"
#include "tests/models/python_runner.h"
#include "tests/models/reference_scripts.h"

#include <torch/torch.h>

using namespace actbert::models;

namespace {

struct CliResult {
    int exit_code = -1;
    std::string output;
};

CliResult runCli(const QStringList& arguments) {
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral(ACTBERT_CLI_PATH), arguments);
    process.waitForFinished(300000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAll().toStdString()};
}

std::string difference(const torch::Tensor& a, const torch::Tensor& b) {
    if (a.sizes() != b.sizes()) {
        return "shapes differ: " + c10::str(a.sizes()) + " vs " + c10::str(b.sizes());
    }
    return "max |difference| " + std::to_string((a - b).abs().max().item<double>());
}

bool within(const torch::Tensor& a, const torch::Tensor& b, double tolerance) {
    return a.sizes() == b.sizes() && (a - b).abs().max().item<double>() <= tolerance;
}

bool contains(const std::vector<std::string>& lines, const std::string& fragment) {
    return std::any_of(lines.begin(), lines.end(), [&](const std::string& line) {
        return line.find(fragment) != std::string::npos;
    });
}

}  // namespace

class TestModelsImport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(2); }

    // Each test writes its own fixtures into its own folder: none reads what another wrote,
    // so any one runs alone and the order does not matter.
    void init() {
        dir_ = std::make_unique<QTemporaryDir>();
        QVERIFY(dir_->isValid());
    }
    void cleanup() { dir_.reset(); }

    void importedBertTextStreamIsThatBert() {
        const auto folder = path("bert_prefixed");
        std::filesystem::create_directories(folder);
        // Two layers: fewer than the tiny config's three, so the tangled layers move down.
        const auto python =
            actbert::tests::runPython(actbert::tests::kBertReferenceScript, {folder, "bert.", "2"});
        QVERIFY2(python.exit_code == 0, python.output.c_str());
        const auto config =
            io::configForBert(io::readHfBertConfig(folder + "/config.json"), ActBertConfig::tiny());
        QCOMPARE(config.text.num_layers, std::int64_t{2});
        QCOMPARE(config.text_tangle_ids, (std::vector<std::int64_t>{0, 1}));
        torch::manual_seed(1);
        ActBertPretraining model(config);
        model->eval();
        const auto report = io::importBert(folder + "/model.safetensors", model);
        QCOMPARE(report.used.size(), std::size_t{5 + 2 * 16});
        QVERIFY2(report.missed.empty(), report.missed.empty() ? "" : report.missed[0].c_str());
        QVERIFY(contains(report.skipped, "bert.pooler.dense.weight"));
        QVERIFY(contains(report.skipped, "bert.embeddings.position_ids"));

        const auto expected = io::loadSafetensors(folder + "/expected.safetensors").tensors;
        ActBertInputs inputs;
        inputs.text_ids = expected.at("ids");
        inputs.text_mask = expected.at("mask");
        ForwardOptions options;
        options.streams = StreamSelection::text_only;
        torch::NoGradGuard no_grad;
        const auto hidden = model->encode(inputs, options).text_sequence;
        QVERIFY2(within(hidden, expected.at("hidden"), 1e-4),
                 difference(hidden, expected.at("hidden")).c_str());
    }

    void bertOfTheWrongShapeIsRefused() {
        const auto folder = path("bert_prefixed");
        std::filesystem::create_directories(folder);
        const auto python =
            actbert::tests::runPython(actbert::tests::kBertReferenceScript, {folder, "bert.", "2"});
        QVERIFY2(python.exit_code == 0, python.output.c_str());
        auto config =
            io::configForBert(io::readHfBertConfig(folder + "/config.json"), ActBertConfig::tiny());
        config.text.intermediate_size = 48;
        ActBertPretraining model(config);
        const auto before = model->actbert->text_embeddings->word_embeddings->weight.clone();
        QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                                 io::importBert(folder + "/model.safetensors", model));
        // Nothing was half-imported.
        QVERIFY(torch::equal(before, model->actbert->text_embeddings->word_embeddings->weight));
    }

    void cliImportsBertAndEncodesText() {
        const auto folder = path("bert_plain");
        std::filesystem::create_directories(folder);
        const auto python =
            actbert::tests::runPython(actbert::tests::kBertReferenceScript, {folder, "", "3"});
        QVERIFY2(python.exit_code == 0, python.output.c_str());
        const auto checkpoint = path("imported.safetensors");
        auto run =
            runCli({"model", "import-bert", QString::fromStdString(folder + "/model.safetensors"),
                    "--config", "tiny", "--out", QString::fromStdString(checkpoint)});
        QVERIFY2(run.exit_code == 0, run.output.c_str());
        QVERIFY2(run.output.find("used 53 tensors") != std::string::npos, run.output.c_str());
        QVERIFY(run.output.find("missed 0") != std::string::npos);

        run = runCli({"model", "info", QString::fromStdString(checkpoint)});
        QVERIFY2(run.exit_code == 0, run.output.c_str());
        QVERIFY(run.output.find("text layers: ") != std::string::npos);
        QVERIFY(run.output.find("tangled layers: ") != std::string::npos);
        QVERIFY(run.output.find("\"tangle\": \"stacked\"") != std::string::npos);

        const auto encoded = path("hidden.safetensors");
        run = runCli({"model", "encode-text", "--checkpoint", QString::fromStdString(checkpoint),
                      "--ids", "1 7 20 33 2", "--text-only", "--out",
                      QString::fromStdString(encoded)});
        QVERIFY2(run.exit_code == 0, run.output.c_str());
        const auto hidden = io::loadSafetensors(encoded).tensors.at("hidden");
        const auto expected = io::loadSafetensors(folder + "/expected.safetensors")
                                  .tensors.at("hidden")
                                  .narrow(0, 0, 1)
                                  .narrow(1, 0, 5);
        QCOMPARE(hidden.scalar_type(), torch::kFloat32);
        QVERIFY2(within(hidden, expected, 1e-4), difference(hidden, expected).c_str());

        // The full model needs video features: it says so instead of guessing them.
        run = runCli({"model", "encode-text", "--checkpoint", QString::fromStdString(checkpoint),
                      "--ids", "1 7 2", "--out", QString::fromStdString(encoded)});
        QCOMPARE(run.exit_code, 2);
        QVERIFY2(run.output.find("--features") != std::string::npos, run.output.c_str());
        run = runCli({"model", "encode-text", "--checkpoint", QString::fromStdString(checkpoint),
                      "--ids", "1 7 500", "--text-only", "--out", QString::fromStdString(encoded)});
        QCOMPARE(run.exit_code, 1);
        QVERIFY2(run.output.find("text_ids holds ids") != std::string::npos, run.output.c_str());
    }

    void cliInitCreatesCheckpointsOfEachConfig() {
        const auto checkpoint = path("init.safetensors");
        auto run = runCli({"model", "init", "--config", "tiny", "--out",
                           QString::fromStdString(checkpoint), "--seed", "5"});
        QVERIFY2(run.exit_code == 0, run.output.c_str());
        const auto first = io::loadSafetensors(checkpoint);
        QCOMPARE(first.metadata.at(io::kFormatMetadataKey), std::string(io::kFormatName));
        QCOMPARE(io::readCheckpointConfig(checkpoint).toJsonString(),
                 ActBertConfig::tiny().toJsonString());
        run = runCli({"model", "init", "--config", QString::fromStdString(path("missing.json")),
                      "--out", QString::fromStdString(checkpoint)});
        QCOMPARE(run.exit_code, 1);
        QVERIFY(run.output.find("missing.json") != std::string::npos);
        run = runCli({"model", "init", "--config", "tiny"});
        QCOMPARE(run.exit_code, 2);
        run = runCli({"model", "reticulate"});
        QCOMPARE(run.exit_code, 2);
    }

    void paddleCheckpointAgreesWithPaddleVideosForward() {
        const auto folder = path("paddle");
        std::filesystem::create_directories(folder);
        const auto python =
            actbert::tests::runPython(actbert::tests::kPaddleReferenceScript, {folder, "4"});
        QVERIFY2(python.exit_code == 0, python.output.c_str());
        auto imported = io::importPaddle(folder + "/actbert.pdparams", ActBertConfig::tiny());
        QVERIFY(imported.config.tangle == TangleVariant::additive);
        QVERIFY(imported.config.visual_embeddings == VisualEmbeddings::paddlevideo);
        QVERIFY2(imported.report.missed.empty(),
                 imported.report.missed.empty() ? "" : imported.report.missed[0].c_str());
        QVERIFY(contains(imported.report.skipped, "decoder_weight (tied"));
        QVERIFY(contains(imported.report.skipped, "StructuredToParameterName@@"));

        const auto expected = io::loadSafetensors(folder + "/expected.safetensors").tensors;
        ActBertInputs inputs;
        inputs.text_ids = expected.at("ids");
        inputs.action_features = expected.at("actions");
        inputs.region_features = expected.at("regions");
        inputs.region_boxes = expected.at("boxes");
        torch::NoGradGuard no_grad;
        const auto result = imported.model->forward(inputs);
        const std::pair<const char*, torch::Tensor> checks[] = {
            {"text", result.outputs.text_sequence},
            {"region", result.outputs.region_sequence},
            {"action", result.outputs.action_sequence},
            {"pooled_text", result.outputs.text_pooled},
            {"pooled_region", result.outputs.region_pooled},
            {"pooled_action", result.outputs.action_pooled},
            {"scores_text", result.scores.text},
            {"matching", result.scores.matching},
        };
        for (const auto& [name, ours] : checks) {
            QVERIFY2(within(ours, expected.at(name), 1e-4),
                     (std::string(name) + ": " + difference(ours, expected.at(name))).c_str());
        }
    }

    void paddleImportWorksFromProtocol2AndTheCli() {
        const auto folder = path("paddle2");
        std::filesystem::create_directories(folder);
        const auto python =
            actbert::tests::runPython(actbert::tests::kPaddleReferenceScript, {folder, "2"});
        QVERIFY2(python.exit_code == 0, python.output.c_str());
        const auto checkpoint = path("paddle.safetensors");
        const auto run =
            runCli({"model", "import-paddle", QString::fromStdString(folder + "/actbert.pdparams"),
                    "--config", "tiny", "--out", QString::fromStdString(checkpoint)});
        QVERIFY2(run.exit_code == 0, run.output.c_str());
        auto loaded = io::loadCheckpoint(checkpoint);
        QVERIFY(loaded.config.tangle == TangleVariant::additive);
        // Paddle stores Linear weights [in, out]; ours are [out, in].
        const auto arrays = io::readPickledArrays(folder + "/actbert.pdparams");
        const auto paddle_query =
            arrays.arrays.at("backbone.bert.encoder.c_layer.1.ent_attention.query2.weight");
        const auto parameters = loaded.model->named_parameters();
        const auto& ours = parameters["actbert.tangled_layers.1.text_query.weight"];
        QVERIFY(torch::equal(ours, paddle_query.t()));
        // A checkpoint that is not a pickle is refused with its name.
        const auto not_pickle =
            runCli({"model", "import-paddle", QString::fromStdString(checkpoint), "--out",
                    QString::fromStdString(path("x.safetensors"))});
        QCOMPARE(not_pickle.exit_code, 1);
        QVERIFY(not_pickle.output.find("paddle.safetensors") != std::string::npos);
    }

private:
    std::string path(const std::string& name) const {
        return dir_->filePath(QString::fromStdString(name)).toStdString();
    }

    std::unique_ptr<QTemporaryDir> dir_;
};

QTEST_GUILESS_MAIN(TestModelsImport)
#include "test_models_import.moc"
