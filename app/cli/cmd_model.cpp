// actbert model init|import-bert|import-paddle|info|encode-text: creating, importing,
// inspecting and running ActBERT checkpoints from the command line.

#include <torch/torch.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/cli/cli_support.h"
#include "models/actbert/actbert_config.h"
#include "models/actbert/actbert_pretraining.h"
#include "models/common/device.h"
#include "models/io/bert_import.h"
#include "models/io/checkpoint.h"
#include "models/io/paddle_import.h"
#include "models/io/safetensors.h"

namespace actbert::cli {
namespace {

using models::ActBertConfig;

const QString kModelUsage = QStringLiteral(
    "model init|import-bert|import-paddle|info|encode-text ... (`actbert model SUBCOMMAND "
    "--help` describes each)");

ActBertConfig configFromArgument(const QString& value) {
    if (value == QStringLiteral("tiny")) {
        return ActBertConfig::tiny();
    }
    if (value == QStringLiteral("base")) {
        return ActBertConfig{};
    }
    if (value == QStringLiteral("paddlevideo")) {
        return ActBertConfig::paddleVideo();
    }
    const auto path = toStd(value);
    std::ifstream in(path);
    if (!in) {
        throw std::runtime_error(path +
                                 ": cannot open the config (or use tiny, base, paddlevideo)");
    }
    std::stringstream text;
    text << in.rdbuf();
    try {
        return ActBertConfig::fromJsonString(text.str());
    } catch (const std::invalid_argument& error) {
        throw std::runtime_error(path + ": " + error.what());
    }
}

QString requireValue(const QCommandLineParser& parser, const QString& name) {
    if (!parser.isSet(name) || parser.value(name).isEmpty()) {
        throw UsageError("--" + toStd(name) + " is required");
    }
    return parser.value(name);
}

void printReport(const models::io::ImportReport& report) {
    printLine("used " + std::to_string(report.used.size()) + " tensors:");
    for (const auto& line : report.used) {
        printLine("  " + line);
    }
    printLine("skipped " + std::to_string(report.skipped.size()) + ":");
    for (const auto& line : report.skipped) {
        printLine("  " + line);
    }
    printLine("missed " + std::to_string(report.missed.size()) + " (left at initialisation):");
    for (const auto& line : report.missed) {
        printLine("  " + line);
    }
}

void seedFrom(const QCommandLineParser& parser) {
    torch::manual_seed(
        parser.isSet(QStringLiteral("seed"))
            ? static_cast<std::uint64_t>(parseIntOption(parser, QStringLiteral("seed")))
            : 0);
}

int runInit(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("config"),
                      QStringLiteral("tiny, base, paddlevideo or a JSON file."),
                      QStringLiteral("CONFIG")});
    parser.addOption(
        {QStringLiteral("out"), QStringLiteral("Checkpoint to write."), QStringLiteral("CKPT")});
    parser.addOption(
        {QStringLiteral("seed"), QStringLiteral("Random seed (default 0)."), QStringLiteral("N")});
    if (!parseCommandLine(parser, arguments,
                          QStringLiteral("model init --config tiny|base|FILE.json --out "
                                         "CKPT.safetensors [--seed N]"))) {
        return kExitOk;
    }
    requirePositional(parser, 0, QStringLiteral("none"));
    const auto config = configFromArgument(requireValue(parser, QStringLiteral("config")));
    const auto out = toStd(requireValue(parser, QStringLiteral("out")));
    seedFrom(parser);
    models::ActBertPretraining model(config);
    models::io::saveCheckpoint(out, model);
    printLine("wrote " + out);
    return kExitOk;
}

int runImportBert(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("config"),
                      QStringLiteral("ActBERT config for the other streams (default base)."),
                      QStringLiteral("CONFIG")});
    parser.addOption(
        {QStringLiteral("out"), QStringLiteral("Checkpoint to write."), QStringLiteral("CKPT")});
    parser.addOption({QStringLiteral("seed"), QStringLiteral("Seed for the non-BERT parts."),
                      QStringLiteral("N")});
    if (!parseCommandLine(parser, arguments,
                          QStringLiteral("model import-bert BERT.safetensors [--config "
                                         "ACTBERT.json] --out CKPT"))) {
        return kExitOk;
    }
    const auto weights = toStd(requirePositional(parser, 1, QStringLiteral("BERT.safetensors"))[0]);
    const auto out = toStd(requireValue(parser, QStringLiteral("out")));
    const auto hf_config_path =
        (std::filesystem::path(weights).parent_path() / "config.json").string();
    if (!std::filesystem::exists(hf_config_path)) {
        throw std::runtime_error(hf_config_path +
                                 ": the Hugging Face config.json must lie beside the weights");
    }
    const auto base = parser.isSet(QStringLiteral("config"))
                          ? configFromArgument(parser.value(QStringLiteral("config")))
                          : ActBertConfig{};
    const auto config =
        models::io::configForBert(models::io::readHfBertConfig(hf_config_path), base);
    seedFrom(parser);
    models::ActBertPretraining model(config);
    const auto report = models::io::importBert(weights, model);
    printReport(report);
    models::io::saveCheckpoint(out, model, {{"imported_from", weights}});
    printLine("wrote " + out);
    return kExitOk;
}

int runImportPaddle(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("config"),
                      QStringLiteral("Head counts and tangle placement (default paddlevideo)."),
                      QStringLiteral("CONFIG")});
    parser.addOption(
        {QStringLiteral("out"), QStringLiteral("Checkpoint to write."), QStringLiteral("CKPT")});
    if (!parseCommandLine(parser, arguments,
                          QStringLiteral("model import-paddle FILE.pdparams [--config "
                                         "ACTBERT.json] --out CKPT"))) {
        return kExitOk;
    }
    const auto file = toStd(requirePositional(parser, 1, QStringLiteral("FILE.pdparams"))[0]);
    const auto out = toStd(requireValue(parser, QStringLiteral("out")));
    const auto base = parser.isSet(QStringLiteral("config"))
                          ? configFromArgument(parser.value(QStringLiteral("config")))
                          : ActBertConfig::paddleVideo();
    auto imported = models::io::importPaddle(file, base);
    printReport(imported.report);
    models::io::saveCheckpoint(out, imported.model, {{"imported_from", file}});
    printLine("wrote " + out);
    return kExitOk;
}

int runInfo(const QStringList& arguments) {
    QCommandLineParser parser;
    if (!parseCommandLine(parser, arguments, QStringLiteral("model info CKPT"))) {
        return kExitOk;
    }
    const auto path = toStd(requirePositional(parser, 1, QStringLiteral("CKPT"))[0]);
    auto loaded = models::io::loadCheckpoint(path);
    printLine("config:");
    printLine(loaded.config.toJsonString());
    printLine("parameters:");
    std::int64_t total = 0;
    for (const auto& [part, count] : models::io::parameterCounts(loaded.model)) {
        printLine("  " + part + ": " + std::to_string(count));
        total += count;
    }
    printLine("  total: " + std::to_string(total));
    return kExitOk;
}

torch::Tensor parseIds(const QString& text) {
    std::vector<std::int64_t> ids;
    for (const auto& word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        bool ok = false;
        const auto id = word.toLongLong(&ok);
        if (!ok) {
            throw UsageError("--ids expects space-separated integers, got '" + toStd(word) + "'");
        }
        ids.push_back(id);
    }
    if (ids.empty()) {
        throw UsageError("--ids is empty");
    }
    // [1, tokens]
    return torch::tensor(ids, torch::kLong).unsqueeze(0);
}

int runEncodeText(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("checkpoint"), QStringLiteral("ActBERT checkpoint."),
                      QStringLiteral("CKPT")});
    parser.addOption({QStringLiteral("ids"), QStringLiteral("Token ids, e.g. \"101 7592 102\"."),
                      QStringLiteral("IDS")});
    parser.addOption({QStringLiteral("text-only"),
                      QStringLiteral("Run the text stream alone (no tangled layers): BERT.")});
    parser.addOption({QStringLiteral("features"),
                      QStringLiteral("safetensors with action_features [actions, F], "
                                     "region_features [regions, F], region_boxes [regions, 5] "
                                     "(needed without --text-only)."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("device"), QStringLiteral("cpu, cuda, cuda:N or auto."),
                      QStringLiteral("DEVICE"), QStringLiteral("cpu")});
    parser.addOption({QStringLiteral("out"), QStringLiteral("Output safetensors (tensor hidden)."),
                      QStringLiteral("OUT")});
    if (!parseCommandLine(parser, arguments,
                          QStringLiteral("model encode-text --checkpoint CKPT --ids \"101 7592 "
                                         "2088 102\" [--text-only | --features FILE] --out "
                                         "OUT.safetensors"))) {
        return kExitOk;
    }
    requirePositional(parser, 0, QStringLiteral("none"));
    const auto checkpoint = toStd(requireValue(parser, QStringLiteral("checkpoint")));
    const auto ids = parseIds(requireValue(parser, QStringLiteral("ids")));
    const auto out = toStd(requireValue(parser, QStringLiteral("out")));
    const bool text_only = parser.isSet(QStringLiteral("text-only"));
    if (!text_only && !parser.isSet(QStringLiteral("features"))) {
        throw UsageError(
            "the full model needs video features: give --features FILE, or --text-only for the "
            "text stream alone");
    }
    const auto device = models::parseDevice(toStd(parser.value(QStringLiteral("device"))));
    auto loaded = models::io::loadCheckpoint(checkpoint, device);
    models::ActBertInputs inputs;
    inputs.text_ids = ids;
    models::ForwardOptions options;
    options.streams = text_only ? models::StreamSelection::text_only : models::StreamSelection::all;
    if (!text_only) {
        const auto features_path = toStd(parser.value(QStringLiteral("features")));
        const auto features = models::io::loadSafetensors(features_path);
        for (const char* name : {"action_features", "region_features", "region_boxes"}) {
            if (features.tensors.count(name) == 0) {
                throw std::runtime_error(features_path + ": tensor '" + name + "' is missing");
            }
        }
        inputs.action_features = features.tensors.at("action_features").unsqueeze(0);
        inputs.region_features = features.tensors.at("region_features").unsqueeze(0);
        inputs.region_boxes = features.tensors.at("region_boxes").unsqueeze(0);
    }
    torch::NoGradGuard no_grad;
    const auto outputs = loaded.model->encode(inputs, options);
    // [1, tokens, text_hidden]
    const auto hidden = outputs.text_sequence.to(torch::kCPU, torch::kFloat32).contiguous();
    models::io::saveSafetensors(
        out, {{"hidden", hidden}},
        {{"checkpoint", checkpoint}, {"streams", text_only ? "text-only" : "all"}});
    printLine("wrote " + out + " (hidden " + c10::str(hidden.sizes()) + ")");
    return kExitOk;
}

}  // namespace

int runModel(const QStringList& arguments) {
    if (arguments.isEmpty() || arguments.front() == QStringLiteral("--help") ||
        arguments.front() == QStringLiteral("-h")) {
        printLine("usage: actbert " + toStd(kModelUsage));
        printLine("  init          create a checkpoint with fresh weights");
        printLine("  import-bert   a Hugging Face BERT (safetensors) into the text stream");
        printLine("  import-paddle PaddleVideo's ActBERT.pdparams (additive tangle)");
        printLine("  info          config and parameter counts of a checkpoint");
        printLine("  encode-text   the text stream's last hidden states for token ids");
        return arguments.isEmpty() ? kExitUsage : kExitOk;
    }
    const QString sub = arguments.front();
    const QStringList rest = arguments.mid(1);
    if (sub == QStringLiteral("init")) {
        return runInit(rest);
    }
    if (sub == QStringLiteral("import-bert")) {
        return runImportBert(rest);
    }
    if (sub == QStringLiteral("import-paddle")) {
        return runImportPaddle(rest);
    }
    if (sub == QStringLiteral("info")) {
        return runInfo(rest);
    }
    if (sub == QStringLiteral("encode-text")) {
        return runEncodeText(rest);
    }
    throw UsageError("unknown subcommand 'model " + toStd(sub) + "'\nusage: actbert " +
                     toStd(kModelUsage));
}

}  // namespace actbert::cli
