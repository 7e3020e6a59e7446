// Pretraining data and `actbert pretrain`: samples as the paper builds them (10 clips, [CLS] ..
// [SEP] .. [SEP], l1-normalised verb targets, class-distribution region targets), seeded
// masking at 15% with 80/10/10, negatives from other videos, a loader whose batches depend only
// on (seed, rank, position), bad inputs skipped with warnings naming the file, and the command
// end to end with its --progress json keys, metrics.jsonl and an exact resume.
#include <QCoreApplication>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/common/progress.h"
#include "core/synth/dataset_generator.h"
#include "core/text/verb_extractor.h"
#include "core/text/vocabulary_trainer.h"
#include "core/text/wordnet_lexicon.h"
#include "core/text/wordpiece_tokenizer.h"
#include "core/train/pretraining/pretraining_corpus.h"
#include "core/train/pretraining/pretraining_inputs.h"
#include "core/train/pretraining/pretraining_loader.h"
#include "models/backbones/backbone_checkpoint.h"

using namespace actbert;
namespace fs = std::filesystem;

namespace {

// The tiny backbones the test extracts features with.
void writeBackbones(const fs::path& dir) {
    torch::manual_seed(0);
    models::backbones::R3d action(models::backbones::R3dConfig::tiny());
    models::backbones::saveActionBackbone((dir / "action.pt").string(), action,
                                          {{"origin", "test"}});
    models::backbones::RegionFeatureNet region(models::backbones::RegionNetConfig::tiny());
    models::backbones::saveRegionNetwork((dir / "region.pt").string(), region,
                                         {{"origin", "test"}});
}

std::vector<nlohmann::json> jsonLines(const QByteArray& text) {
    std::vector<nlohmann::json> lines;
    for (const auto& line : text.split('\n'))
        if (!line.trimmed().isEmpty())
            lines.push_back(nlohmann::json::parse(line.toStdString()));
    return lines;
}

std::vector<nlohmann::json> readJsonLines(const fs::path& file) {
    std::ifstream in(file);
    std::string line;
    std::vector<nlohmann::json> lines;
    while (std::getline(in, line))
        if (!line.empty())
            lines.push_back(nlohmann::json::parse(line));
    return lines;
}

}  // namespace

class TestPretraining : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    fs::path data_;
    std::vector<train::CorpusSource> sources_;
    std::unique_ptr<text::WordPieceTokenizer> tokenizer_;
    std::unique_ptr<text::VerbExtractor> verbs_;
    std::unique_ptr<train::PretrainingCorpus> corpus_;
    train::SampleOptions samples_;

    train::FeatureOptions featureOptions() const {
        train::FeatureOptions options;
        options.cache_folder = fs::path(dir_.path().toStdString()) / "features";
        options.actions_checkpoint = fs::path(dir_.path().toStdString()) / "action.pt";
        options.regions_net = fs::path(dir_.path().toStdString()) / "region.pt";
        return options;
    }

    // `actbert pretrain` on the test's data set with the tiny config, the backbones written by
    // initTestCase, their shared feature cache and one thread, writing into `out`; `extra`
    // holds what a test varies (batch, steps, progress mode, ...).
    QStringList pretrainArguments(const fs::path& out, const QStringList& extra) const {
        const auto base = fs::path(dir_.path().toStdString());
        return QStringList{QStringLiteral("pretrain"),
                           QStringLiteral("--data"),
                           QString::fromStdString(data_.string()),
                           QStringLiteral("--out"),
                           QString::fromStdString(out.string()),
                           QStringLiteral("--config"),
                           QStringLiteral("tiny"),
                           QStringLiteral("--actions"),
                           QString::fromStdString((base / "action.pt").string()),
                           QStringLiteral("--regions-net"),
                           QString::fromStdString((base / "region.pt").string()),
                           QStringLiteral("--features"),
                           QString::fromStdString((base / "features").string()),
                           QStringLiteral("--threads"),
                           QStringLiteral("1")} +
               extra;
    }

    QProcess* runCli(const QStringList& arguments) {
        auto* process = new QProcess(this);
        process->start(QStringLiteral(ACTBERT_CLI_PATH), arguments);
        return process;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        data_ = fs::path(dir_.path().toStdString()) / "data";
        synth::SynthSettings settings;
        settings.video_count = 8;
        settings.seed = 11;
        settings.width = 64;
        settings.height = 48;
        settings.fps = 8;
        synth::generateDataset(settings, data_, {}, CancelToken());
        writeBackbones(dir_.path().toStdString());
        std::vector<train::CorpusWarning> warnings;
        const auto videos = train::findDataVideos(data_, warnings);
        QCOMPARE(videos.size(), std::size_t{8});
        QVERIFY(!videos.front().ground_truth.empty());
        sources_ = train::prepareSources(videos, featureOptions(), {}, CancelToken(), warnings);
        QVERIFY2(warnings.empty(), warnings.empty() ? "" : warnings.front().message.c_str());
        text::VocabularyTrainer trainer({400, 2});
        for (const auto& source : sources_)
            for (const auto& segment : source.segments)
                trainer.addText(segment.text);
        tokenizer_ = std::make_unique<text::WordPieceTokenizer>(trainer.train({}, CancelToken()));
        verbs_ = std::make_unique<text::VerbExtractor>(std::make_shared<const text::WordNetLexicon>(
            text::WordNetLexicon::load(text::WordNetLexicon::kDefaultDirectory)));
        corpus_ = std::make_unique<train::PretrainingCorpus>(
            train::PretrainingCorpus::build(sources_, *tokenizer_, *verbs_, {}, warnings));
        QVERIFY(warnings.empty());
        samples_.vocab_size = static_cast<std::int64_t>(tokenizer_->vocabulary().size());
        samples_.cls_id = tokenizer_->clsId();
        samples_.sep_id = tokenizer_->sepId();
        samples_.pad_id = tokenizer_->padId();
        samples_.mask_id = tokenizer_->maskId();
    }

    void corpusKeepsOnlyClipsWithVerbs() {
        const auto& corpus = *corpus_;
        QVERIFY(corpus.sampleCount() >= 8);
        QVERIFY(!corpus.verbVocabulary().empty());
        QCOMPARE(corpus.objectClasses().size(), std::size_t{48});
        QVERIFY(corpus.clipsDropped() > 0);  // 1 s clips: many are not narrated
        for (const auto& window : corpus.windows()) {
            QVERIFY(!window.clips.empty() && window.clips.size() <= 10);
            for (const auto& clip : window.clips)
                QVERIFY(!clip.verbs.empty());
            for (std::size_t i = 1; i < window.clips.size(); ++i)
                QVERIFY(window.clips[i].start_s > window.clips[i - 1].start_s);
        }
    }

    void sampleLayoutAndTargets() {
        auto options = samples_;
        options.mask_probability = 0.0;
        options.mismatch_probability = 0.0;
        for (std::size_t index = 0; index < corpus_->sampleCount(); ++index) {
            const auto sample = train::makeSample(*corpus_, index, 3, 0, options);
            const auto& window = corpus_->windows()[index];
            const auto ids = sample.text_ids;
            QCOMPARE(ids[0].item<std::int64_t>(), samples_.cls_id);
            QCOMPARE(ids[-1].item<std::int64_t>(), samples_.sep_id);
            QVERIFY(ids.size(0) <= options.max_text_tokens);
            // One [SEP] after each narrated segment (unless cut by the length limit).
            const auto seps = ids.eq(samples_.sep_id).sum().item<std::int64_t>();
            QVERIFY(seps >= 1 && seps <= static_cast<std::int64_t>(window.segments.size()));
            // The text is the window's segments in order.
            std::vector<std::int64_t> expected{samples_.cls_id};
            for (const auto segment : window.segments) {
                for (const auto id : corpus_->videos()[window.video].segment_tokens[segment])
                    expected.push_back(id);
                expected.push_back(samples_.sep_id);
            }
            if (static_cast<std::int64_t>(expected.size()) <= options.max_text_tokens)
                QVERIFY(torch::equal(ids, torch::tensor(expected, torch::kLong)));
            const auto clips = static_cast<std::int64_t>(window.clips.size());
            QCOMPARE(sample.action_features.size(0), clips);
            QVERIFY(torch::allclose(sample.action_targets.sum(-1), torch::ones({clips})));
            for (std::int64_t i = 0; i < clips; ++i) {
                const auto& verbs = window.clips[static_cast<std::size_t>(i)].verbs;
                QCOMPARE(sample.action_targets[i].gt(0).sum().item<std::int64_t>(),
                         static_cast<std::int64_t>(verbs.size()));
            }
            QCOMPARE(sample.region_features.size(0), clips * 5);
            QVERIFY(sample.region_valid.any().item<bool>());
            // Ground-truth classes: one-hot distributions for real regions.
            const auto valid_targets = sample.region_targets.index({sample.region_valid});
            QVERIFY(torch::allclose(valid_targets.sum(-1), torch::ones({valid_targets.size(0)})));
            QCOMPARE(sample.region_position_ids[-1].item<std::int64_t>(), clips - 1);
            QCOMPARE(sample.matched, std::int64_t{0});
            QVERIFY(!sample.text_labels.ne(-1).any().item<bool>());
        }
    }

    void maskingIsSeededAndAtTheRates() {
        std::int64_t maskable = 0, chosen = 0, to_mask = 0, kept = 0, actions = 0,
                     actions_masked = 0, regions = 0, regions_masked = 0, negatives = 0;
        std::int64_t total = 0;
        for (std::uint64_t epoch = 0; epoch < 40; ++epoch) {
            for (std::size_t index = 0; index < corpus_->sampleCount(); ++index) {
                const auto a = train::makeSample(*corpus_, index, 5, epoch, samples_);
                const auto b = train::makeSample(*corpus_, index, 5, epoch, samples_);
                QVERIFY(torch::equal(a.text_ids, b.text_ids));
                QVERIFY(torch::equal(a.region_features, b.region_features));
                ++total;
                if (a.matched == 1) {
                    ++negatives;
                    // A negative's text comes from another video and carries no targets.
                    QVERIFY(!a.text_labels.ne(-1).any().item<bool>());
                    QVERIFY(!a.action_masked.any().item<bool>());
                    continue;
                }
                const auto labels = a.text_labels;
                const auto is_chosen = labels.ne(-1);
                maskable += a.text_ids.size(0) - 2;  // [CLS] and the [SEP]s are never chosen
                maskable -= a.text_ids.eq(samples_.sep_id).sum().item<std::int64_t>() - 1;
                chosen += is_chosen.sum().item<std::int64_t>();
                to_mask += a.text_ids.eq(samples_.mask_id)
                               .logical_and(is_chosen)
                               .sum()
                               .item<std::int64_t>();
                kept += a.text_ids.eq(labels).logical_and(is_chosen).sum().item<std::int64_t>();
                actions += a.action_masked.size(0);
                actions_masked += a.action_masked.sum().item<std::int64_t>();
                QVERIFY(a.action_features.index({a.action_masked}).abs().sum().item<double>() ==
                        0.0);
                regions += a.region_valid.sum().item<std::int64_t>();
                regions_masked += a.region_masked.sum().item<std::int64_t>();
                QVERIFY(
                    !a.region_masked.logical_and(a.region_valid.logical_not()).any().item<bool>());
            }
        }
        const double negative_rate = static_cast<double>(negatives) / total;
        QVERIFY2(negative_rate > 0.4 && negative_rate < 0.6, std::to_string(negative_rate).c_str());
        const double rate = static_cast<double>(chosen) / maskable;
        QVERIFY2(rate > 0.12 && rate < 0.18, std::to_string(rate).c_str());
        const double mask_share = static_cast<double>(to_mask) / chosen;
        QVERIFY2(mask_share > 0.74 && mask_share < 0.86, std::to_string(mask_share).c_str());
        const double kept_share = static_cast<double>(kept) / chosen;  // 10% kept (+ random hits)
        QVERIFY2(kept_share > 0.06 && kept_share < 0.15, std::to_string(kept_share).c_str());
        const double action_rate = static_cast<double>(actions_masked) / actions;
        QVERIFY2(action_rate > 0.11 && action_rate < 0.19, std::to_string(action_rate).c_str());
        const double region_rate = static_cast<double>(regions_masked) / regions;
        QVERIFY2(region_rate > 0.12 && region_rate < 0.18, std::to_string(region_rate).c_str());
        // Another seed or epoch masks differently.
        bool differs = false;
        for (std::size_t index = 0; index < corpus_->sampleCount() && !differs; ++index)
            differs = !torch::equal(train::makeSample(*corpus_, index, 5, 0, samples_).text_ids,
                                    train::makeSample(*corpus_, index, 6, 0, samples_).text_ids);
        QVERIFY(differs);
    }

    void negativesComeFromOtherVideos() {
        auto options = samples_;
        options.mask_probability = 0.0;
        options.mismatch_probability = 1.0;
        for (std::size_t index = 0; index < corpus_->sampleCount(); ++index) {
            const auto sample = train::makeSample(*corpus_, index, 9, 0, options);
            QCOMPARE(sample.matched, std::int64_t{1});
            // The text equals some window's text of another video, none of its own.
            auto plain = samples_;
            plain.mask_probability = 0.0;
            plain.mismatch_probability = 0.0;
            bool own = false, other = false;
            for (std::size_t w = 0; w < corpus_->sampleCount(); ++w) {
                const auto text = train::makeSample(*corpus_, w, 9, 0, plain).text_ids;
                if (!torch::equal(text, sample.text_ids))
                    continue;
                (corpus_->windows()[w].video == corpus_->windows()[index].video ? own : other) =
                    true;
            }
            QVERIFY(other);
            QVERIFY(!own);
        }
    }

    void loaderIsDeterministic() {
        train::LoaderOptions one;
        one.batch_size = 3;
        one.seed = 4;
        one.workers = 1;
        auto three = one;
        three.workers = 3;
        three.prefetch = 2;
        train::PretrainingLoader a(*corpus_, samples_, one);
        train::PretrainingLoader b(*corpus_, samples_, three);
        std::vector<torch::Tensor> first;
        for (std::int64_t m = 0; m < 8; ++m) {
            const auto x = a.batch(m), y = b.batch(m);
            QCOMPARE(x.samples, std::int64_t{3});
            QVERIFY(torch::equal(x.inputs.text_ids, y.inputs.text_ids));
            QVERIFY(torch::equal(x.inputs.action_features, y.inputs.action_features));
            QVERIFY(torch::equal(x.targets.matched, y.targets.matched));
            first.push_back(x.inputs.text_ids);
        }
        QCOMPARE(a.position(), std::int64_t{8});
        // A jump (a resume) gives the same batch as the sequential run.
        train::PretrainingLoader c(*corpus_, samples_, one);
        QVERIFY(torch::equal(c.batch(5).inputs.text_ids, first[5]));
        QVERIFY(torch::equal(c.batch(6).inputs.text_ids, first[6]));
        // Every epoch visits each sample once; ranks split the stream without overlap.
        const auto n = static_cast<std::int64_t>(corpus_->sampleCount());
        train::LoaderOptions single = one;
        single.batch_size = n;
        std::vector<std::size_t> epoch0 =
            train::PretrainingLoader(*corpus_, samples_, single).sampleIndices(0);
        QCOMPARE(std::set<std::size_t>(epoch0.begin(), epoch0.end()).size(),
                 static_cast<std::size_t>(n));
        auto rank0 = one, rank1 = one;
        rank0.world_size = rank1.world_size = 2;
        rank1.rank = 1;
        rank0.batch_size = rank1.batch_size = 1;
        train::PretrainingLoader r0(*corpus_, samples_, rank0), r1(*corpus_, samples_, rank1);
        for (std::int64_t m = 0; m < n / 2; ++m) {
            QCOMPARE(r0.sampleIndices(m).front(), epoch0[static_cast<std::size_t>(2 * m)]);
            QCOMPARE(r1.sampleIndices(m).front(), epoch0[static_cast<std::size_t>(2 * m + 1)]);
        }
        // Another seed, another order.
        auto other = single;
        other.seed = 5;
        QVERIFY(train::PretrainingLoader(*corpus_, samples_, other).sampleIndices(0) != epoch0);
    }

    void badInputsAreSkippedWithWarnings() {
        const fs::path bad = fs::path(dir_.path().toStdString()) / "bad";
        fs::create_directories(bad / "videos");
        fs::create_directories(bad / "ground_truth");
        const auto videos = data_ / "videos";
        // Two good videos, then the bad ones.
        for (const auto* id : {"synth_00000", "synth_00001"}) {
            fs::copy_file(videos / (std::string(id) + ".mp4"),
                          bad / "videos" / (std::string(id) + ".mp4"));
            fs::copy_file(videos / (std::string(id) + ".srt"),
                          bad / "videos" / (std::string(id) + ".srt"));
            // Their ground-truth boxes give the regions' class distributions.
            fs::copy_file(data_ / "ground_truth" / (std::string(id) + ".json"),
                          bad / "ground_truth" / (std::string(id) + ".json"));
        }
        fs::copy_file(videos / "synth_00002.mp4", bad / "videos" / "no_narration.mp4");
        fs::copy_file(videos / "synth_00003.mp4", bad / "videos" / "empty_narration.mp4");
        std::ofstream(bad / "videos" / "empty_narration.srt") << "";
        fs::copy_file(videos / "synth_00004.mp4", bad / "videos" / "malformed.mp4");
        std::ofstream(bad / "videos" / "malformed.srt") << "1\nnot a time --> 00:00:02,000\nhi\n";
        std::ofstream(bad / "videos" / "not_a_video.mp4") << "this is no video";
        fs::copy_file(videos / "synth_00001.srt", bad / "videos" / "not_a_video.srt");

        std::vector<train::CorpusWarning> warnings;
        auto options = featureOptions();
        options.cache_folder = bad / "features";
        const auto found = train::findDataVideos(bad, warnings);
        auto sources = train::prepareSources(found, options, {}, CancelToken(), warnings);
        QVERIFY(sources.size() >= 2);  // the good ones (and the empty narration, if readable)
        // A corrupt cache entry of a good video.
        const auto corrupt = std::find_if(sources.begin(), sources.end(),
                                          [](const auto& s) { return s.id == "synth_00000"; });
        QVERIFY(corrupt != sources.end());
        std::ofstream(corrupt->feature_file, std::ios::trunc) << "garbage";
        const auto corpus =
            train::PretrainingCorpus::build(sources, *tokenizer_, *verbs_, {}, warnings);
        QCOMPARE(corpus.videos().size(), std::size_t{1});
        std::map<std::string, std::string> by_file;
        for (const auto& warning : warnings)
            by_file[fs::path(warning.file).filename().string()] = warning.message;
        QCOMPARE(warnings.size(), std::size_t{5});
        QVERIFY(by_file.count("no_narration.mp4"));
        QVERIFY(by_file.count("empty_narration.srt"));
        QVERIFY(by_file.count("malformed.srt"));
        QVERIFY(by_file.count("not_a_video.mp4"));
        QVERIFY(by_file.count(corrupt->feature_file.filename().string()));
        // Batches are full even from one video.
        train::LoaderOptions loader;
        loader.batch_size = 4;
        train::PretrainingLoader batches(corpus, samples_, loader);
        QCOMPARE(batches.batch(0).inputs.text_ids.size(0), std::int64_t{4});
        // Nothing usable at all is an error, not an empty run.
        std::vector<train::CorpusSource> none{sources.back()};
        none[0].segments.clear();
        bool threw = false;
        try {
            train::PretrainingCorpus::build(none, *tokenizer_, *verbs_, {}, warnings);
        } catch (const std::exception&) {
            threw = true;
        }
        QVERIFY(threw);
    }

    void pretrainCommandEndToEndAndResume() {
        const auto base = fs::path(dir_.path().toStdString());
        auto arguments = [&](const fs::path& out, bool resume) {
            QStringList extra{QStringLiteral("--batch-size"),
                              QStringLiteral("4"),
                              QStringLiteral("--lr"),
                              QStringLiteral("0.001"),
                              QStringLiteral("--seed"),
                              QStringLiteral("3"),
                              QStringLiteral("--checkpoint-every"),
                              QStringLiteral("2"),
                              QStringLiteral("--progress"),
                              QStringLiteral("json"),
                              QStringLiteral("--steps"),
                              QStringLiteral("6")};
            if (resume)
                extra << QStringLiteral("--resume");
            return pretrainArguments(out, extra);
        };
        auto run = [&](const fs::path& out, bool resume) {
            auto* process = runCli(arguments(out, resume));
            process->waitForFinished(300000);
            if (process->exitCode() != 0)
                qWarning() << process->readAllStandardError();
            [&] { QCOMPARE(process->exitCode(), 0); }();
            return jsonLines(process->readAllStandardOutput());
        };
        const auto whole_out = base / "run_whole";
        const auto whole = run(whole_out, false);
        const std::vector<std::string> step_keys{
            "step",       "loss", "loss_mlm",  "loss_action",   "loss_region",
            "loss_match", "lr",   "grad_norm", "samples_per_s", "eta_s"};
        std::vector<nlohmann::json> steps;
        std::set<std::string> events;
        for (const auto& line : whole) {
            if (line.contains("event")) {
                events.insert(line["event"].get<std::string>());
                if (line["event"] == "checkpoint")
                    QVERIFY(fs::is_directory(line["path"].get<std::string>()));
                continue;
            }
            for (const auto& key : step_keys)
                QVERIFY2(line.contains(key), key.c_str());
            steps.push_back(line);
        }
        QCOMPARE(steps.size(), std::size_t{6});
        QVERIFY(events.count("checkpoint") && events.count("finished"));
        QVERIFY(fs::is_regular_file(whole_out / "final" / "model.safetensors"));
        const auto metrics = readJsonLines(whole_out / "metrics.jsonl");
        QCOMPARE(metrics.size(), std::size_t{6});
        for (std::size_t i = 0; i < metrics.size(); ++i) {
            for (const auto& key : step_keys)
                QVERIFY2(metrics[i].contains(key), key.c_str());
            QCOMPARE(metrics[i]["loss"].get<double>(), steps[i]["loss"].get<double>());
        }

        // Killed (SIGKILL) once checkpoint-4 is written, then resumed: the same losses at every
        // step as the run never stopped. A kill that comes late (after checkpoint-6) is made
        // equivalent by removing what the run wrote after checkpoint-4.
        const auto split_out = base / "run_split";
        auto* killed = runCli(arguments(split_out, false));
        QByteArray pending;
        bool saw_checkpoint_4 = false;
        while (!saw_checkpoint_4 && killed->waitForReadyRead(300000)) {
            pending += killed->readAllStandardOutput();
            qsizetype end = 0;
            while ((end = pending.indexOf('\n')) >= 0) {
                const auto line = nlohmann::json::parse(pending.left(end).toStdString());
                pending.remove(0, end + 1);
                if (line.value("event", "") == "checkpoint" && line.value("step", 0) == 4)
                    saw_checkpoint_4 = true;
            }
        }
        QVERIFY(saw_checkpoint_4);
        killed->kill();
        killed->waitForFinished(60000);
        fs::remove_all(split_out / "checkpoint-6");
        fs::remove_all(split_out / "final");
        QVERIFY(fs::is_directory(split_out / "checkpoint-4"));
        const auto resumed = run(split_out, true);
        QVERIFY(std::any_of(resumed.begin(), resumed.end(), [](const auto& l) {
            return l.value("event", "") == "resumed" && l.value("step", 0) == 4;
        }));
        const auto split_metrics = readJsonLines(split_out / "metrics.jsonl");
        QCOMPARE(split_metrics.size(), std::size_t{6});
        for (std::size_t i = 0; i < 6; ++i) {
            QCOMPARE(split_metrics[i]["step"].get<std::int64_t>(), std::int64_t(i + 1));
            QCOMPARE(split_metrics[i]["loss"].get<double>(), metrics[i]["loss"].get<double>());
        }
    }

    void pretrainWithTwoLocalWorkers() {
        // --nproc 2: two Gloo workers on loopback; rank 0 alone prints, writes metrics and
        // checkpoints, and both finish.
        const auto base = fs::path(dir_.path().toStdString());
        const auto out = base / "run_nproc";
        auto* process = runCli(pretrainArguments(
            out, {QStringLiteral("--batch-size"), QStringLiteral("2"), QStringLiteral("--steps"),
                  QStringLiteral("3"), QStringLiteral("--nproc"), QStringLiteral("2"),
                  QStringLiteral("--progress"), QStringLiteral("json")}));
        process->waitForFinished(300000);
        const auto errors = process->readAllStandardError();
        QVERIFY2(process->exitCode() == 0, errors.constData());
        const auto lines = jsonLines(process->readAllStandardOutput());
        const auto steps = std::count_if(lines.begin(), lines.end(),
                                         [](const auto& l) { return !l.contains("event"); });
        QCOMPARE(steps, std::ptrdiff_t{3});
        const auto finished = std::count_if(lines.begin(), lines.end(), [](const auto& l) {
            return l.value("event", "") == "finished";
        });
        QCOMPARE(finished, std::ptrdiff_t{1});
        QCOMPARE(readJsonLines(out / "metrics.jsonl").size(), std::size_t{3});
        QVERIFY(fs::is_regular_file(out / "final" / "model.safetensors"));
    }

    void pretrainProgressBarShowsStepsAndLosses() {
        // --progress bar: one line on stderr redrawn in place (\r) with the bar, the step, the
        // four losses and the trainer's time left (which stays right after a resume); the
        // events are plain lines.
        const auto base = fs::path(dir_.path().toStdString());
        auto* process = runCli(pretrainArguments(
            base / "run_bar",
            {QStringLiteral("--batch-size"), QStringLiteral("2"), QStringLiteral("--steps"),
             QStringLiteral("2"), QStringLiteral("--progress"), QStringLiteral("bar")}));
        process->waitForFinished(300000);
        const auto errors = process->readAllStandardError();
        QVERIFY2(process->exitCode() == 0, errors.constData());
        const auto output = process->readAllStandardOutput();
        QVERIFY2(errors.contains("\r["), errors.constData());
        QVERIFY2(errors.contains("step 2/2 loss "), errors.constData());
        QVERIFY2(errors.contains("mlm ") && errors.contains("match ") && errors.contains(" s left"),
                 errors.constData());
        QVERIFY2((output + errors).contains("finished: "), (output + errors).constData());
    }

    void pretrainRefusesMissingActions() {
        auto* process =
            runCli({QStringLiteral("pretrain"), QStringLiteral("--data"),
                    QString::fromStdString(data_.string()), QStringLiteral("--out"),
                    QString::fromStdString(
                        (fs::path(dir_.path().toStdString()) / "no_actions").string())});
        process->waitForFinished(60000);
        QCOMPARE(process->exitCode(), 2);
        QVERIFY(process->readAllStandardError().contains("not implemented"));
    }
};

QTEST_GUILESS_MAIN(TestPretraining)
#include "test_pretraining.moc"
