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
#include "models/io/bert_import.h"
#include "models/io/checkpoint.h"
#include "models/io/safetensors.h"

namespace actbert::cli {
namespace {

namespace fs = std::filesystem;
using models::ActBertConfig;

const char* const kUsage =
    "pretrain --data DIR --out DIR --actions CKPT [--config tiny|base|FILE.json] "
    "[--init CHECKPOINT|--bert FILE] [--steps N] [--batch-size N] [--lr X] [--seed N] "
    "[--threads N] [--checkpoint-every N] [--device cpu|cuda|cuda:N] [--nproc N] [--resume] "
    "[--progress bar|lines|json] [--detector JSON | --learned-regions] [--regions-net CKPT] "
    "[--features DIR]";

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
text::Vocabulary chooseVocabulary(const fs::path& out, const QCommandLineParser& parser,
                                  const std::vector<train::CorpusSource>& sources,
                                  ProgressOutput& output) {
    std::vector<fs::path> candidates{out / "vocab.txt"};
    if (parser.isSet(QStringLiteral("bert")))
        candidates.insert(
            candidates.begin(),
            fs::path(toStd(parser.value(QStringLiteral("bert")))).parent_path() / "vocab.txt");
    if (parser.isSet(QStringLiteral("init"))) {
        const fs::path init = toStd(parser.value(QStringLiteral("init")));
        candidates.push_back(init / "vocab.txt");
        candidates.push_back(init.parent_path() / "vocab.txt");
    }
    for (const auto& candidate : candidates)
        if (fs::is_regular_file(candidate)) {
            output.note("vocabulary: " + candidate.string());
            return text::Vocabulary::load(candidate);
        }
    if (parser.isSet(QStringLiteral("bert")))
        throw Error("--bert: vocab.txt must lie beside the weights");
    text::VocabularyTrainerOptions options;
    options.vocab_size = 30522;  // BERT's size as the cap; small corpora stop far below
    text::VocabularyTrainer trainer(options);
    for (const auto& source : sources)
        for (const auto& segment : source.segments)
            trainer.addText(segment.text);
    auto vocabulary = trainer.train({}, CancelToken());
    output.note("vocabulary: " + std::to_string(vocabulary.size()) +
                " WordPiece pieces trained from the narrations");
    return vocabulary;
}

std::string requireString(const QCommandLineParser& parser, const char* name) {
    if (!parser.isSet(QString::fromLatin1(name)))
        throw UsageError(std::string("--") + name + " is required");
    return toStd(parser.value(QString::fromLatin1(name)));
}

}  // namespace

int runPretrain(const QStringList& arguments) {
    QCommandLineParser parser;
    const std::vector<std::array<const char*, 3>> options{
        {"data", "Data-set folder: videos (in DIR or DIR/videos) with narrations beside them.",
         "DIR"},
        {"out", "Run folder: checkpoint-STEP/, final/, metrics.jsonl, vocab.txt, actions.json.",
         "DIR"},
        {"config", "Model size: tiny, base (default) or a JSON file (actbert model init).",
         "CONFIG"},
        {"init", "Start from an ActBERT checkpoint (a checkpoint folder or .safetensors).",
         "CHECKPOINT"},
        {"bert",
         "Start the text stream from a Hugging Face BERT (.safetensors with config.json "
         "and vocab.txt beside it).",
         "FILE"},
        {"steps", "Optimiser steps (default 1000).", "N"},
        {"batch-size", "Samples per step and process (default 8).", "N"},
        {"lr", "Peak learning rate (default 1e-4; 10% warm-up, then linear decay).", "X"},
        {"seed", "Seed of the initialisation, data order and masking (default 0).", "N"},
        {"threads", "CPU threads of the model (default: LibTorch's choice).", "N"},
        {"checkpoint-every", "Steps between checkpoints (default 500; 0: only at the end).", "N"},
        {"device", "cpu (default), cuda or cuda:N.", "DEVICE"},
        {"nproc",
         "Local data-parallel worker processes (Gloo; default 1). Under torchrun its "
         "environment decides instead.",
         "N"},
        {"progress",
         "bar (default on a terminal), lines or json (one object per line on "
         "stdout).",
         "MODE"},
        {"actions", "Action backbone checkpoint for the action features (required).", "CKPT"},
        {"detector",
         "Detector description JSON for the regions (default: the data set's "
         "ground-truth boxes, else a grid).",
         "JSON"},
        {"regions-net", "Region network checkpoint (default: seeded random, said so).", "CKPT"},
        {"features", "Feature cache folder (default OUT/features).", "DIR"},
    };
    for (const auto& [name, help, value] : options)
        parser.addOption(
            {QString::fromLatin1(name), QString::fromUtf8(help), QString::fromLatin1(value)});
    parser.addOption({QStringLiteral("resume"),
                      QStringLiteral("Continue from the newest complete checkpoint under --out "
                                     "(from the start when there is none).")});
    parser.addOption({QStringLiteral("learned-regions"),
                      QStringLiteral("No detector: learned regions (they have no classes, so "
                                     "the masked-object loss cannot be trained).")});
    if (!parseCommandLine(parser, arguments, QString::fromLatin1(kUsage)))
        return kExitOk;
    requirePositional(parser, 0, QStringLiteral("none"));
    const fs::path data = requireString(parser, "data");
    const fs::path out = requireString(parser, "out");
    if (!parser.isSet(QStringLiteral("actions")))
        throw UsageError(
            "--actions CKPT is required: training the action backbone on the narration verbs "
            "as a first stage of pretrain is not implemented yet; build the verb vocabulary "
            "with `actbert actions build`, train a backbone with `actbert backbone train` and "
            "pass it here");
    if (parser.isSet(QStringLiteral("init")) && parser.isSet(QStringLiteral("bert")))
        throw UsageError("give at most one of --init and --bert");
    if (parser.isSet(QStringLiteral("detector")) && parser.isSet(QStringLiteral("learned-regions")))
        throw UsageError("give at most one of --detector and --learned-regions");
    const std::string progress_mode = parser.isSet(QStringLiteral("progress"))
                                          ? toStd(parser.value(QStringLiteral("progress")))
                                          : (isatty(STDERR_FILENO) ? "bar" : "lines");
    if (progress_mode != "bar" && progress_mode != "lines" && progress_mode != "json")
        throw UsageError("--progress must be bar, lines or json");
    auto intOption = [&](const char* name, int fallback, int minimum) {
        const auto key = QString::fromLatin1(name);
        if (!parser.isSet(key))
            return fallback;
        const int value = parseIntOption(parser, key);
        if (value < minimum)
            throw UsageError(std::string("--") + name + " must be at least " +
                             std::to_string(minimum));
        return value;
    };
    const int nproc = intOption("nproc", 1, 1);
    const int threads = intOption("threads", 0, 1);

    // --nproc N: this process becomes the launcher of N workers with torchrun's environment.
    if (nproc > 1 && !train::DistributedEnvironment::isSetInProcessEnvironment()) {
        train::LocalLaunchOptions launch;
        launch.nproc = nproc;
        launch.arguments.push_back("pretrain");
        for (int i = 0; i < arguments.size(); ++i) {
            if (arguments[i] == QStringLiteral("--nproc")) {
                ++i;
                continue;
            }
            if (arguments[i].startsWith(QStringLiteral("--nproc=")))
                continue;
            launch.arguments.push_back(toStd(arguments[i]));
        }
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
        group_options.cuda = toStd(parser.value(QStringLiteral("device"))).rfind("cuda", 0) == 0;
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
        features.cache_folder = parser.isSet(QStringLiteral("features"))
                                    ? fs::path(toStd(parser.value(QStringLiteral("features"))))
                                    : out / "features";
        features.actions_checkpoint = toStd(parser.value(QStringLiteral("actions")));
        if (parser.isSet(QStringLiteral("regions-net")))
            features.regions_net = toStd(parser.value(QStringLiteral("regions-net")));
        if (parser.isSet(QStringLiteral("detector")))
            features.detector_json = toStd(parser.value(QStringLiteral("detector")));
        features.learned_regions = parser.isSet(QStringLiteral("learned-regions"));
        features.device = parser.isSet(QStringLiteral("device"))
                              ? toStd(parser.value(QStringLiteral("device")))
                              : std::string("cpu");
        if (rank_zero)
            features.note = [&](const std::string& line) { output.note(line); };
        const auto sources = train::prepareSources(videos, features, {}, CancelToken(), warnings);
        const auto vocabulary = chooseVocabulary(out, parser, sources, output);
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
        const auto seed = static_cast<std::uint64_t>(intOption("seed", 0, 0));
        torch::manual_seed(seed);
        models::ActBertPretraining model{nullptr};
        auto fitToData = [&](ActBertConfig config) {
            config.vocab_size = static_cast<std::int64_t>(vocabulary.size());
            config.action_classes = static_cast<std::int64_t>(corpus.verbVocabulary().size());
            config.object_classes = static_cast<std::int64_t>(corpus.objectClasses().size());
            config.action_feature_size = corpus.actionFeatureSize();
            config.region_feature_size = corpus.regionFeatureSize();
            return config;
        };
        if (parser.isSet(QStringLiteral("init"))) {
            model = loadInit(toStd(parser.value(QStringLiteral("init"))));
            if (!(fitToData(model->config()).toJson() == model->config().toJson()))
                throw Error(
                    "--init: the checkpoint's vocabulary, verb or object classes or "
                    "feature sizes differ from this data set's (" +
                    fitToData(model->config()).toJsonString() + ")");
        } else {
            auto config =
                fitToData(configFromOption(parser.isSet(QStringLiteral("config"))
                                               ? toStd(parser.value(QStringLiteral("config")))
                                               : std::string("base")));
            if (parser.isSet(QStringLiteral("bert"))) {
                const fs::path bert = toStd(parser.value(QStringLiteral("bert")));
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
        settings.steps = intOption("steps", 1000, 1);
        settings.learning_rate = parser.isSet(QStringLiteral("lr"))
                                     ? parseDoubleOption(parser, QStringLiteral("lr"))
                                     : 1e-4;
        settings.warmup_steps = settings.steps / 10;
        settings.checkpoint_every = intOption("checkpoint-every", 500, 0);
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
        loader.batch_size = intOption("batch-size", 8, 1);
        loader.seed = seed;
        loader.rank = environment.rank;
        loader.world_size = environment.world_size;
        train::PretrainingObjective objective(model, corpus, samples, loader);
        train::Trainer trainer(objective, settings, out, parser.isSet(QStringLiteral("resume")));
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
        trainer.run(events);
        output.endBar();
        return kExitOk;
    } catch (const UsageError&) {
        throw;
    } catch (const std::exception& error) {
        // The trainer already reported its own failures as events; report the rest once.
        if (output.json() && std::string(error.what()).find(" at step ") == std::string::npos)
            output.event({{"event", "failed"}, {"message", error.what()}});
        throw;
    }
}

}  // namespace actbert::cli
