// actbert model init|import-bert|import-paddle|info|encode-text: creating, importing,
// inspecting and running ActBERT checkpoints from the command line.

#include <torch/torch.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/cli/cli_arguments.h"
#include "app/cli/cli_options.h"
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

QString requireValue(const CliArguments& arguments, const std::string& name) {
    if (arguments.value(name).isEmpty()) {
        throw UsageError("--" + name + " is required");
    }
    return arguments.value(name);
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

int runInit(const CliArguments& arguments) {
    const auto config = configFromArgument(requireValue(arguments, "config"));
    const auto out = toStd(requireValue(arguments, "out"));
    applySeed(arguments);
    models::ActBertPretraining model(config);
    models::io::saveCheckpoint(out, model);
    printLine("wrote " + out);
    return kExitOk;
}

int runImportBert(const CliArguments& arguments) {
    const auto weights = arguments.positional(0);
    const auto out = toStd(requireValue(arguments, "out"));
    const auto hf_config_path =
        (std::filesystem::path(weights).parent_path() / "config.json").string();
    if (!std::filesystem::exists(hf_config_path)) {
        throw std::runtime_error(hf_config_path +
                                 ": the Hugging Face config.json must lie beside the weights");
    }
    const auto base =
        arguments.isSet("config") ? configFromArgument(arguments.value("config")) : ActBertConfig{};
    const auto config =
        models::io::configForBert(models::io::readHfBertConfig(hf_config_path), base);
    applySeed(arguments);
    models::ActBertPretraining model(config);
    const auto report = models::io::importBert(weights, model);
    printReport(report);
    models::io::saveCheckpoint(out, model, {{"imported_from", weights}});
    printLine("wrote " + out);
    return kExitOk;
}

int runImportPaddle(const CliArguments& arguments) {
    const auto file = arguments.positional(0);
    const auto out = toStd(requireValue(arguments, "out"));
    const auto base = arguments.isSet("config") ? configFromArgument(arguments.value("config"))
                                                : ActBertConfig::paddleVideo();
    auto imported = models::io::importPaddle(file, base);
    printReport(imported.report);
    models::io::saveCheckpoint(out, imported.model, {{"imported_from", file}});
    printLine("wrote " + out);
    return kExitOk;
}

int runInfo(const CliArguments& arguments) {
    const auto path = arguments.positional(0);
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

int runEncodeText(const CliArguments& arguments) {
    const auto checkpoint = toStd(requireValue(arguments, "checkpoint"));
    const auto ids = parseIds(requireValue(arguments, "ids"));
    const auto out = toStd(requireValue(arguments, "out"));
    const bool text_only = arguments.isSet("text-only");
    if (!text_only && !arguments.isSet("features")) {
        throw UsageError(
            "the full model needs video features: give --features FILE, or --text-only for the "
            "text stream alone");
    }
    const auto device = models::parseDevice(deviceSpec(arguments));
    applyThreads(arguments);
    auto loaded = models::io::loadCheckpoint(checkpoint, device);
    models::ActBertInputs inputs;
    inputs.text_ids = ids;
    models::ForwardOptions options;
    options.streams = text_only ? models::StreamSelection::text_only : models::StreamSelection::all;
    if (!text_only) {
        const auto features_path = arguments.text("features");
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

const CliCommand& modelCommand() {
    static const CliOption init_options[] = {
        textOption("config", "CONFIG", "tiny, base, paddlevideo or a JSON file.").require(),
        outOption("CKPT").require(),
        seedOption(),
    };
    static const CliOption import_bert_options[] = {
        textOption("config", "CONFIG", "ActBERT config for the other streams (default base)."),
        outOption("CKPT").require(),
        seedOption(),
    };
    static const CliOption import_paddle_options[] = {
        textOption("config", "CONFIG", "Head counts and tangle placement (default paddlevideo)."),
        outOption("CKPT").require(),
    };
    static const CliOption encode_text_options[] = {
        textOption("checkpoint", "CKPT", "ActBERT checkpoint.").require(),
        textOption("ids", "IDS", "Token ids, e.g. \"101 7592 102\".").require(),
        flagOption("text-only", "Run the text stream alone (no tangled layers): BERT."),
        textOption("features", "FILE",
                   "safetensors with action_features [actions, F], region_features [regions, F], "
                   "region_boxes [regions, 5] (needed without --text-only)."),
        deviceOption(),
        threadsOption(),
        outOption("OUT").require(),
    };
    static const CliCommand subcommands[] = {
        {
            .name = "init",
            .summary = "Create a checkpoint with fresh weights",
            .usage = "model init --config tiny|base|FILE.json --out CKPT.safetensors [--seed N]",
            .options = init_options,
            .run = runInit,
        },
        {
            .name = "import-bert",
            .summary = "A Hugging Face BERT (safetensors) into the text stream",
            .usage = "model import-bert BERT.safetensors [--config ACTBERT.json] --out CKPT "
                     "[--seed N]",
            .options = import_bert_options,
            .positional = {"BERT.safetensors", 1, 1},
            .run = runImportBert,
            .description = "The Hugging Face config.json must lie beside the weights.",
        },
        {
            .name = "import-paddle",
            .summary = "PaddleVideo's ActBERT.pdparams (additive tangle)",
            .usage = "model import-paddle FILE.pdparams [--config ACTBERT.json] --out CKPT",
            .options = import_paddle_options,
            .positional = {"FILE.pdparams", 1, 1},
            .run = runImportPaddle,
        },
        {
            .name = "info",
            .summary = "Config and parameter counts of a checkpoint",
            .usage = "model info CKPT",
            .positional = {"CKPT", 1, 1},
            .run = runInfo,
        },
        {
            .name = "encode-text",
            .summary = "The text stream's last hidden states for token ids",
            .usage = "model encode-text --checkpoint CKPT --ids \"101 7592 2088 102\" "
                     "[--text-only | --features FILE] --out OUT.safetensors [--device D]",
            .options = encode_text_options,
            .run = runEncodeText,
        },
    };
    static const CliCommand command{
        .name = "model",
        .summary = "Create, import, inspect and run ActBERT checkpoints",
        .subcommands = subcommands,
    };
    return command;
}

}  // namespace actbert::cli
