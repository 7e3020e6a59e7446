// pretrain_eval: masked-word prediction of verbs and objects on a held-out data set, for the
// pretraining experiment (bench/train/pretrain_experiment.sh). Not a test.
//
//   pretrain_eval --run OUT --data DIR --actions CKPT --regions-net CKPT --features DIR
//                 [--checkpoint FOLDER] [--random-init]
//
// For every narrated window of the held-out videos and every word of its text that is an action
// verb (core/text's VerbExtractor) or names an object class of the region source, all pieces
// of that word are replaced by [MASK] and the model predicts them; a word is right when every
// piece is. Conditions: the model with the window's action and region features, and the same
// model with the visual streams removed (features zeroed and masked out, so attention cannot
// use them). Prints one JSON object.

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "core/common/progress.h"
#include "core/text/verb_extractor.h"
#include "core/text/wordnet_lexicon.h"
#include "core/text/wordpiece_tokenizer.h"
#include "core/train/pretraining/pretraining_corpus.h"
#include "core/train/pretraining/pretraining_inputs.h"
#include "core/train/pretraining/pretraining_sample.h"
#include "models/actbert/actbert_pretraining.h"
#include "models/io/safetensors.h"

namespace fs = std::filesystem;
using namespace actbert;

namespace {

struct Word {
    std::string text;
    std::vector<std::int32_t> pieces;
};

// Words of a segment from its WordPiece pieces (a word starts at a piece without "##").
std::vector<Word> wordsOf(const text::WordPieceTokenizer& tokenizer, const std::string& segment) {
    std::vector<Word> words;
    for (const auto& piece : tokenizer.tokenizeToPieces(segment)) {
        const bool continuation = piece.rfind("##", 0) == 0;
        if (!continuation || words.empty())
            words.push_back({});
        words.back().text += continuation ? piece.substr(2) : piece;
        words.back().pieces.push_back(tokenizer.vocabulary().idOf(piece));
    }
    return words;
}

models::ActBertPretraining loadFolder(const fs::path& folder) {
    std::ifstream in(folder / "config.json");
    const auto json = nlohmann::json::parse(in);
    models::ActBertPretraining model(models::ActBertConfig::fromJson(json["model"]));
    const auto contents = models::io::loadSafetensors((folder / "model.safetensors").string());
    torch::NoGradGuard no_grad;
    for (auto& item : model->named_parameters())
        item.value().copy_(contents.tensors.at(item.key()));
    return model;
}

struct Tally {
    std::int64_t right = 0, total = 0;
    double accuracy() const { return total ? static_cast<double>(right) / total : 0.0; }
};

}  // namespace

int main(int argc, char** argv) {
    std::map<std::string, std::string> args;
    bool random_init = false;
    for (int i = 1; i < argc; ++i) {
        const std::string key = argv[i];
        if (key == "--random-init") {
            random_init = true;
        } else if (i + 1 < argc) {
            args[key] = argv[++i];
        }
    }
    for (const auto* key : {"--run", "--data", "--actions", "--regions-net", "--features"})
        if (!args.count(key)) {
            std::cerr << "usage: pretrain_eval --run OUT --data DIR --actions CKPT --regions-net "
                         "CKPT --features DIR [--checkpoint FOLDER] [--random-init]\n";
            return 2;
        }
    torch::set_num_threads(1);
    const fs::path run = args["--run"];
    const fs::path folder =
        args.count("--checkpoint") ? fs::path(args["--checkpoint"]) : run / "final";
    auto model = loadFolder(folder);
    if (random_init) {  // same architecture, fresh initialisation
        torch::manual_seed(12345);
        model = models::ActBertPretraining(model->config());
    }
    model->eval();
    const text::WordPieceTokenizer tokenizer(text::Vocabulary::load(run / "vocab.txt"));
    const text::VerbExtractor verbs(std::make_shared<const text::WordNetLexicon>(
        text::WordNetLexicon::load(text::WordNetLexicon::kDefaultDirectory)));

    std::vector<train::CorpusWarning> warnings;
    const auto videos = train::findDataVideos(args["--data"], warnings);
    train::FeatureOptions features;
    features.cache_folder = args["--features"];
    features.actions_checkpoint = args["--actions"];
    features.regions_net = args["--regions-net"];
    const auto sources = train::prepareSources(videos, features, {}, CancelToken(), warnings);
    const auto corpus = train::PretrainingCorpus::build(sources, tokenizer, verbs, {}, warnings);
    std::set<std::string> objects;
    for (auto name : corpus.objectClasses()) {
        std::replace(name.begin(), name.end(), '_', ' ');
        objects.insert(name);
    }

    train::SampleOptions plain;
    plain.mask_probability = 0.0;
    plain.mismatch_probability = 0.0;
    plain.vocab_size = static_cast<std::int64_t>(tokenizer.vocabulary().size());
    plain.cls_id = tokenizer.clsId();
    plain.sep_id = tokenizer.sepId();
    plain.pad_id = tokenizer.padId();
    plain.mask_id = tokenizer.maskId();
    const std::int64_t max_tokens =
        std::min<std::int64_t>(48, model->config().max_position_embeddings);

    std::map<std::string, Tally> tallies;  // "<condition>/<kind>"
    torch::NoGradGuard no_grad;
    for (std::size_t index = 0; index < corpus.sampleCount(); ++index) {
        const auto& window = corpus.windows()[index];
        const auto& video = corpus.videos()[window.video];
        const auto& source = *std::find_if(sources.begin(), sources.end(),
                                           [&](const auto& s) { return s.id == video.id; });
        auto batch = train::collate({train::makeSample(corpus, index, 0, 0, plain)}, plain.pad_id);
        // The window's text with the span of each word.
        std::vector<std::int64_t> ids{plain.cls_id};
        struct Target {
            std::size_t begin;
            std::vector<std::int32_t> pieces;
            std::string kind;
        };
        std::vector<Target> targets;
        for (const auto segment : window.segments) {
            const auto& text = source.segments[segment].text;
            std::set<std::string> surfaces;
            for (const auto& verb : verbs.extract(text))
                surfaces.insert(verb.surface);
            for (const auto& word : wordsOf(tokenizer, text)) {
                if (static_cast<std::int64_t>(ids.size() + word.pieces.size()) + 1 > max_tokens)
                    break;
                const std::string kind = surfaces.count(word.text)  ? "verb"
                                         : objects.count(word.text) ? "object"
                                                                    : "";
                if (!kind.empty())
                    targets.push_back({ids.size(), word.pieces, kind});
                ids.insert(ids.end(), word.pieces.begin(), word.pieces.end());
            }
            if (static_cast<std::int64_t>(ids.size()) + 1 > max_tokens)
                break;
            ids.push_back(plain.sep_id);
        }
        if (ids.back() != plain.sep_id)
            ids.push_back(plain.sep_id);
        for (const auto& target : targets) {
            auto masked = ids;
            for (std::size_t k = 0; k < target.pieces.size(); ++k)
                masked[target.begin + k] = plain.mask_id;
            auto inputs = batch.inputs;
            inputs.text_ids = torch::tensor(masked, torch::kLong).unsqueeze(0);
            inputs.text_mask = torch::ones_like(inputs.text_ids, torch::kFloat);
            for (const auto* condition : {"visual", "text_only"}) {
                auto in = inputs;
                if (std::string(condition) == "text_only") {
                    in.action_features = torch::zeros_like(in.action_features);
                    in.action_mask = torch::zeros_like(in.action_mask);
                    in.region_features = torch::zeros_like(in.region_features);
                    in.region_boxes = torch::zeros_like(in.region_boxes);
                    in.region_mask = torch::zeros_like(in.region_mask);
                }
                const auto predicted = model->forward(in).scores.text.argmax(-1)[0];
                bool right = true;
                for (std::size_t k = 0; k < target.pieces.size(); ++k)
                    right = right && predicted[static_cast<std::int64_t>(target.begin + k)]
                                             .item<std::int64_t>() == target.pieces[k];
                auto& tally = tallies[std::string(condition) + "/" + target.kind];
                tally.total += 1;
                tally.right += right ? 1 : 0;
            }
        }
    }
    nlohmann::json report{{"checkpoint", folder.string()},
                          {"init", random_init ? "random" : "trained"},
                          {"windows", corpus.sampleCount()}};
    for (const auto& [key, tally] : tallies)
        report[key] = {{"accuracy", tally.accuracy()}, {"words", tally.total}};
    std::cout << report.dump() << '\n';
    return 0;
}
