// actbert pretrain --data DIR --out DIR ...: ActBERT pretraining on the training engine. Reads a
// data-set folder (videos with narrations; a synthetic data set's ground-truth boxes), gets the
// features through the feature cache, builds the corpus, trains, and reports progress as a bar,
// lines or JSON objects (one per line on stdout: step objects and {"event": ...} objects).

#include <torch/torch.h>
#include <unistd.h>

#include <QFileInfo>
#include <array>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/cli/cli_arguments.h"
#include "app/cli/cli_interrupt.h"
#include "app/cli/cli_options.h"
#include "app/cli/cli_support.h"
#include "core/common/error.h"
#include "core/text/verb_extractor.h"
#include "core/text/vocabulary_trainer.h"
#include "core/text/wordnet_lexicon.h"
#include "core/text/wordpiece_tokenizer.h"
#include "core/train/distributed/distributed_environment.h"
#include "core/train/distributed/distributed_group.h"
#include "core/train/distributed/local_launcher.h"
#include "core/train/pretraining/pretraining_inputs.h"
#include "core/train/pretraining/pretraining_objective.h"
#include "core/train/trainer.h"
#include "models/common/device.h"
#include "models/io/bert_import.h"
#include "models/io/checkpoint.h"
#include "models/io/safetensors.h"

namespace actbert::cli {
namespace {

namespace fs = std::filesystem;
using models::ActBertConfig;

// Where progress goes: JSON objects on stdout, or human lines / a bar on stderr.
class ProgressOutput {
public:
    explicit ProgressOutput(std::string mode) : mode_(std::move(mode)) {}
    bool json() const { return mode_ == "json"; }
    bool quiet() const { return mode_ == "quiet"; }  // ranks other than 0
    void note(const std::string& line) const {
        if (quiet())
            return;
        if (json())
            std::fprintf(stderr, "%s\n", line.c_str());
        else
            printLine(line);
    }
    void event(const nlohmann::json& event) {
        if (quiet())
            return;
        if (json()) {
            std::cout << event.dump() << '\n' << std::flush;
            return;
        }
        endBar();
        const auto kind = event.value("event", std::string());
        if (kind == "warning")
            printError("warning: " + event.value("file", std::string()) + ": " +
                       event.value("message", std::string()));
        else if (kind == "failed")
            printError(event.value("message", std::string()));
        else if (kind == "checkpoint" || kind == "finished" || kind == "resumed")
            printLine(kind + ": " + event.value("path", std::string()) + " (step " +
                      std::to_string(event.value("step", 0)) + ")");
    }
    void step(const nlohmann::json& step, std::int64_t total) {
        if (quiet())
            return;
        if (json()) {
            std::cout << step.dump() << '\n' << std::flush;
            return;
        }
        char text[256];
        std::snprintf(text, sizeof(text),
                      "step %lld/%lld loss %.4f (mlm %.3f action %.3f region %.3f match %.3f) "
                      "lr %.2e, %.1f samples/s, %.0f s left",
                      static_cast<long long>(step["step"].get<std::int64_t>()),
                      static_cast<long long>(total), step["loss"].get<double>(),
                      step["loss_mlm"].get<double>(), step["loss_action"].get<double>(),
                      step["loss_region"].get<double>(), step["loss_match"].get<double>(),
                      step["lr"].get<double>(), step["samples_per_s"].get<double>(),
                      step["eta_s"].get<double>());
        if (mode_ == "lines") {
            printLine(text);
            return;
        }
        const double fraction =
            static_cast<double>(step["step"].get<std::int64_t>()) / static_cast<double>(total);
        const int filled = static_cast<int>(fraction * 20);
        std::fprintf(stderr, "\r[%-20s] %s ", std::string(filled, '#').c_str(), text);
        std::fflush(stderr);
        bar_open_ = true;
    }
    void endBar() {
        if (bar_open_)
            std::fprintf(stderr, "\n");
        bar_open_ = false;
    }

private:
    std::string mode_;
    bool bar_open_ = false;
};

ActBertConfig configFromOption(const std::string& value) {
    if (value == "tiny")
        return ActBertConfig::tiny();
    if (value == "base")
        return ActBertConfig{};
    std::ifstream in(value);
    if (!in)
        throw UsageError(value + ": cannot open the config (or use tiny or base)");
    std::stringstream text;
    text << in.rdbuf();
    return ActBertConfig::fromJsonString(text.str());
}

// An ActBERT checkpoint: a checkpoint folder of this command (config.json + model.safetensors)
// or a single .safetensors of `actbert model`.
models::ActBertPretraining loadInit(const fs::path& path) {
    if (!fs::is_directory(path))
        return models::io::loadCheckpoint(path.string()).model;
    std::ifstream in(path / "config.json");
    const auto json = nlohmann::json::parse(in, nullptr, false);
    if (json.is_discarded() || !json.contains("model"))
        throw Error((path / "config.json").string() + ": not a pretraining checkpoint's config");
    models::ActBertPretraining model(ActBertConfig::fromJson(json["model"]));
    const auto file = (path / "model.safetensors").string();
    const auto contents = models::io::loadSafetensors(file);
    torch::NoGradGuard no_grad;
    for (auto& item : model->named_parameters()) {
        const auto found = contents.tensors.find(item.key());
        if (found == contents.tensors.end() || found->second.sizes() != item.value().sizes())
            throw Error(file + ": tensor \"" + item.key() + "\" is missing or has another shape");
        item.value().copy_(found->second);
    }
    return model;
}

// The vocabulary: BERT's (beside --bert), the run's own (OUT/vocab.txt, from an earlier start or
// beside --init), or trained from the narrations.
text::Vocabulary chooseVocabulary(const fs::path& out, const CliArguments& arguments,
                                  const std::vector<train::CorpusSource>& sources,
                                  ProgressOutput& output) {
    std::vector<fs::path> candidates{out / "vocab.txt"};
    if (arguments.isSet("bert"))
        candidates.insert(candidates.begin(),
                          fs::path(arguments.text("bert")).parent_path() / "vocab.txt");
    if (arguments.isSet("init")) {
        const fs::path init = arguments.text("init");
        candidates.push_back(init / "vocab.txt");
        candidates.push_back(init.parent_path() / "vocab.txt");
    }
    for (const auto& candidate : candidates)
        if (fs::is_regular_file(candidate)) {
            output.note("vocabulary: " + candidate.string());
            return text::Vocabulary::load(candidate);
        }
    if (arguments.isSet("bert"))
        throw Error("--bert: vocab.txt must lie beside the weights");
    text::VocabularyTrainerOptions options;
    options.vocab_size = 30522;  // BERT's size as the cap; small corpora stop far below
    text::VocabularyTrainer trainer(options);
    for (const auto& source : sources)
        for (const auto& segment : source.segments)
            trainer.addText(segment.text);
    auto vocabulary = trainer.train({}, interruptToken());
    output.note("vocabulary: " + std::to_string(vocabulary.size()) +
                " WordPiece pieces trained from the narrations");
    return vocabulary;
}

// The words that start the same run in a worker of --nproc: every option given except --nproc.
std::vector<std::string> workerArguments(const CliArguments& arguments) {
    std::vector<std::string> words{"pretrain"};
    for (const auto& option : arguments.command().options) {
        if (option.name == "nproc" || !arguments.isSet(option.name))
            continue;
        if (option.kind == ValueKind::Flag) {
            words.push_back("--" + option.name);
            continue;
        }
        for (const auto& value : arguments.values(option.name)) {
            words.push_back("--" + option.name);
            words.push_back(toStd(value));
        }
    }
    return words;
}

int runPretrain(const CliArguments& arguments) {
    const fs::path data = arguments.text("data");
    const fs::path out = arguments.text("out");
    if (!arguments.isSet("actions"))
        throw UsageError(
            "--actions CKPT is required: training the action backbone on the narration verbs "
            "as a first stage of pretrain is not implemented yet; build the verb vocabulary "
            "with `actbert actions build`, train a backbone with `actbert backbone train` and "
            "pass it here");
    if (arguments.isSet("init") && arguments.isSet("bert"))
        throw UsageError("give at most one of --init and --bert");
    if (arguments.isSet("detector") && arguments.isSet("learned-regions"))
        throw UsageError("give at most one of --detector and --learned-regions");
    const std::string progress_mode = arguments.isSet("progress")
                                          ? arguments.text("progress")
                                          : (isatty(STDERR_FILENO) ? "bar" : "lines");
    if (progress_mode != "bar" && progress_mode != "lines" && progress_mode != "json")
        throw UsageError("--progress expects bar, lines or json, got '" + progress_mode + "'");
    const torch::Device device = models::parseDevice(deviceSpec(arguments));
    const int nproc = static_cast<int>(arguments.integer("nproc"));
    const int threads =
        arguments.isSet("threads") ? static_cast<int>(arguments.integer("threads")) : 0;

    // --nproc N: this process becomes the launcher of N workers with torchrun's environment.
    if (nproc > 1 && !train::DistributedEnvironment::isSetInProcessEnvironment()) {
        train::LocalLaunchOptions launch;
        launch.nproc = nproc;
        launch.arguments = workerArguments(arguments);
        if (threads > 0)
            launch.environment.emplace_back("OMP_NUM_THREADS", std::to_string(threads));
        return train::launchLocalWorkers(launch);
    }
    if (threads > 0) {
        torch::set_num_threads(threads);
        torch::set_num_interop_threads(1);
    }
    const auto environment = train::DistributedEnvironment::fromProcessEnvironment();
    std::shared_ptr<train::DistributedGroup> group;
    if (environment.isDistributed()) {
        train::DistributedOptions group_options;
        group_options.cuda = device.is_cuda();
        group = train::DistributedGroup::create(environment, group_options);
    }
    const bool rank_zero = environment.rank == 0;

    ProgressOutput output(rank_zero ? progress_mode : std::string("quiet"));
    auto warn = [&](const train::CorpusWarning& warning) {
        if (rank_zero)
            output.event(
                {{"event", "warning"}, {"file", warning.file}, {"message", warning.message}});
    };
    std::vector<train::CorpusWarning> warnings;
    try {
        // Rank 0 extracts missing features and writes the vocabulary first; the others then
        // find both ready.
        if (group && !rank_zero)
            group->barrier();
        fs::create_directories(out);
        const auto videos = train::findDataVideos(data, warnings);
        train::FeatureOptions features;
        features.cache_folder =
            arguments.isSet("features") ? fs::path(arguments.text("features")) : out / "features";
        features.actions_checkpoint = arguments.text("actions");
        if (arguments.isSet("regions-net"))
            features.regions_net = arguments.text("regions-net");
        if (arguments.isSet("detector"))
            features.detector_json = arguments.text("detector");
        features.learned_regions = arguments.isSet("learned-regions");
        features.device = device.str();
        if (rank_zero)
            features.note = [&](const std::string& line) { output.note(line); };
        const auto sources =
            train::prepareSources(videos, features, {}, interruptToken(), warnings);
        const auto vocabulary = chooseVocabulary(out, arguments, sources, output);
        if (rank_zero)
            vocabulary.save(out / "vocab.txt");
        if (group && rank_zero)
            group->barrier();
        const text::WordPieceTokenizer tokenizer(vocabulary);
        const text::VerbExtractor verbs(std::make_shared<const text::WordNetLexicon>(
            text::WordNetLexicon::load(text::WordNetLexicon::kDefaultDirectory)));
        const auto corpus =
            train::PretrainingCorpus::build(sources, tokenizer, verbs, {}, warnings);
        for (const auto& warning : warnings)
            warn(warning);
        if (rank_zero) {
            nlohmann::json actions{{"verbs", corpus.verbVocabulary()},
                                   {"object_classes", corpus.objectClasses()}};
            std::ofstream(out / "actions.json") << actions.dump(2) << '\n';
        }
        output.note("corpus: " + std::to_string(corpus.sampleCount()) + " samples from " +
                    std::to_string(corpus.videos().size()) + " videos, " +
                    std::to_string(corpus.verbVocabulary().size()) + " verb classes, " +
                    std::to_string(corpus.objectClasses().size()) + " object classes, " +
                    std::to_string(corpus.clipsDropped()) + " clips without verbs dropped, " +
                    std::to_string(warnings.size()) + " inputs skipped");

        // The model: the data decide the vocabulary, verb and object classes and feature sizes.
        const auto seed = applySeed(arguments);
        models::ActBertPretraining model{nullptr};
        auto fitToData = [&](ActBertConfig config) {
            config.vocab_size = static_cast<std::int64_t>(vocabulary.size());
            config.action_classes = static_cast<std::int64_t>(corpus.verbVocabulary().size());
            config.object_classes = static_cast<std::int64_t>(corpus.objectClasses().size());
            config.action_feature_size = corpus.actionFeatureSize();
            config.region_feature_size = corpus.regionFeatureSize();
            return config;
        };
        if (arguments.isSet("init")) {
            model = loadInit(arguments.text("init"));
            if (!(fitToData(model->config()).toJson() == model->config().toJson()))
                throw Error(
                    "--init: the checkpoint's vocabulary, verb or object classes or "
                    "feature sizes differ from this data set's (" +
                    fitToData(model->config()).toJsonString() + ")");
        } else {
            auto config = fitToData(configFromOption(arguments.text("config")));
            if (arguments.isSet("bert")) {
                const fs::path bert = arguments.text("bert");
                config = models::io::configForBert(
                    models::io::readHfBertConfig((bert.parent_path() / "config.json").string()),
                    config);
                config = fitToData(config);
                model = models::ActBertPretraining(config);
                models::io::importBert(bert.string(), model);
            } else {
                model = models::ActBertPretraining(config);
            }
        }

        train::TrainingSettings settings;
        settings.steps = arguments.integer("steps");
        settings.learning_rate = arguments.number("lr");
        settings.warmup_steps = settings.steps / 10;
        settings.checkpoint_every = arguments.integer("checkpoint-every");
        settings.seed = seed;
        settings.device = features.device;
        train::SampleOptions samples;
        samples.max_text_tokens =
            std::min<std::int64_t>(48, model->config().max_position_embeddings);
        samples.vocab_size = static_cast<std::int64_t>(vocabulary.size());
        samples.cls_id = tokenizer.clsId();
        samples.sep_id = tokenizer.sepId();
        samples.pad_id = tokenizer.padId();
        samples.mask_id = tokenizer.maskId();
        train::LoaderOptions loader;
        loader.batch_size = arguments.integer("batch-size");
        loader.seed = seed;
        loader.rank = environment.rank;
        loader.world_size = environment.world_size;
        train::PretrainingObjective objective(model, corpus, samples, loader);
        train::Trainer trainer(objective, settings, out, arguments.isSet("resume"));
        if (group)
            trainer.useDistributedGroup(group);
        train::TrainingEvents events;
        events.on_step = [&](const nlohmann::json& step) { output.step(step, settings.steps); };
        events.on_event = [&](const nlohmann::json& event) {
            auto copy = event;
            if (copy.value("event", std::string()) == "finished")
                copy["skipped_inputs"] = warnings.size();
            output.event(copy);
        };
        const auto token = interruptToken();
        events.cancelled = [token] { return token.isCancelled(); };
        const auto result = trainer.run(events);
        output.endBar();
        return result.cancelled ? kExitInterrupted : kExitOk;
    } catch (const UsageError&) {
        throw;
    } catch (const std::exception& error) {
        // The trainer already reported its own failures as events; report the rest once.
        if (output.json() && std::string(error.what()).find(" at step ") == std::string::npos)
            output.event({{"event", "failed"}, {"message", error.what()}});
        throw;
    }
}

}  // namespace

const CliCommand& pretrainCommand() {
    static const CliOption options[] = {
        textOption("data", "DIR",
                   "Data-set folder: videos (in DIR or DIR/videos) with SRT/WebVTT/HowTo100M CSV "
                   "narrations beside them; a synthetic data set's ground-truth boxes are its "
                   "regions.")
            .require(),
        outOption("DIR").require(),
        textOption("config", "tiny|base|FILE.json",
                   "Model size: tiny, base or a JSON config (as `actbert model init` writes).")
            .withDefault("base"),
        textOption("init", "CHECKPOINT",
                   "Start from an ActBERT checkpoint (a checkpoint-STEP/ or final/ folder, or a "
                   ".safetensors of `actbert model`)."),
        textOption("bert", "FILE",
                   "Start the text stream from a Hugging Face BERT .safetensors (config.json and "
                   "vocab.txt beside it)."),
        integerOption("steps", "N", "Optimiser steps in all (a resumed run counts on).")
            .withDefault("1000")
            .atLeast(1),
        integerOption("batch-size", "N", "Samples per step and process.")
            .withDefault("8")
            .atLeast(1),
        numberOption("lr", "X", "Peak learning rate (10% warm-up, then linear decay).")
            .withDefault("0.0001")
            .atLeast(0),
        seedOption(),
        threadsOption(),
        integerOption("checkpoint-every", "N",
                      "Steps between checkpoints (OUT/checkpoint-STEP/; 0: only OUT/final/ at the "
                      "end).")
            .withDefault("500")
            .atLeast(0),
        deviceOption(),
        integerOption("nproc", "N",
                      "Local data-parallel worker processes over Gloo; under torchrun (RANK, "
                      "WORLD_SIZE, MASTER_ADDR, MASTER_PORT set) its environment decides instead.")
            .withDefault("1")
            .atLeast(1),
        flagOption("resume",
                   "Continue from the newest complete checkpoint under --out (from the start "
                   "when there is none); other model settings are refused."),
        textOption("progress", "bar|lines|json",
                   "bar (default on a terminal), lines, or json: one object per line on stdout "
                   "(step objects; event objects with an \"event\" key)."),
        textOption("actions", "CKPT",
                   "Action backbone checkpoint for the action features (required for now: "
                   "training it first on the narration verbs is not implemented)."),
        textOption("detector", "JSON",
                   "Detector description JSON for the regions (default: the data set's "
                   "ground-truth boxes, else a grid)."),
        flagOption("learned-regions",
                   "No detector: learned regions (they have no classes, so the masked-object "
                   "loss cannot be trained)."),
        textOption("regions-net", "CKPT",
                   "Region network checkpoint (default: seeded random, said so)."),
        textOption("features", "DIR", "Feature cache folder (default: OUT/features)."),
    };
    static const CliCommand command{
        .name = "pretrain",
        .summary = "Pretrain ActBERT on narrated videos (checkpoints, resume, --nproc)",
        .usage =
            "pretrain --data DIR --out DIR --actions CKPT [--config tiny|base|FILE.json] "
            "[--init CHECKPOINT|--bert FILE] [--steps N] [--batch-size N] [--lr X] "
            "[--seed N] [--threads N] [--checkpoint-every N] [--device cpu|cuda|cuda:N] "
            "[--nproc N] [--resume] [--progress bar|lines|json] "
            "[--detector JSON | --learned-regions] [--regions-net CKPT] [--features DIR]",
        .options = options,
        .run = runPretrain,
        .description =
            "Writes OUT/checkpoint-STEP/ and OUT/final/ (config.json, model.safetensors, "
            "training_state.pt), OUT/metrics.jsonl (one JSON object per step with the keys of "
            "--progress json: step, loss, loss_mlm, loss_action, loss_region, loss_match, "
            "mlm_accuracy, action_accuracy, match_accuracy, lr, grad_norm, samples_per_s, "
            "tokens_per_s, eta_s), OUT/vocab.txt and OUT/actions.json. Rank 0 alone writes "
            "checkpoints and metrics.",
    };
    return command;
}

}  // namespace actbert::cli
