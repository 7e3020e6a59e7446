#include "models/io/bert_import.h"

#include <torch/torch.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "models/io/safetensors.h"

namespace actbert::models::io {
namespace {

// Our name for a BERT tensor name (prefix "bert." already removed), or nullopt with a reason.
std::optional<std::string> ourName(const std::string& name, std::string& why_not) {
    static const std::map<std::string, std::string> fixed{
        {"embeddings.word_embeddings.weight", "actbert.text_embeddings.word_embeddings.weight"},
        {"embeddings.position_embeddings.weight",
         "actbert.text_embeddings.position_embeddings.weight"},
        {"embeddings.token_type_embeddings.weight",
         "actbert.text_embeddings.token_type_embeddings.weight"},
        {"embeddings.LayerNorm.weight", "actbert.text_embeddings.layer_norm.weight"},
        {"embeddings.LayerNorm.gamma", "actbert.text_embeddings.layer_norm.weight"},
        {"embeddings.LayerNorm.bias", "actbert.text_embeddings.layer_norm.bias"},
        {"embeddings.LayerNorm.beta", "actbert.text_embeddings.layer_norm.bias"},
        {"cls.predictions.transform.dense.weight", "heads.text_transform.dense.weight"},
        {"cls.predictions.transform.dense.bias", "heads.text_transform.dense.bias"},
        {"cls.predictions.transform.LayerNorm.weight", "heads.text_transform.layer_norm.weight"},
        {"cls.predictions.transform.LayerNorm.gamma", "heads.text_transform.layer_norm.weight"},
        {"cls.predictions.transform.LayerNorm.bias", "heads.text_transform.layer_norm.bias"},
        {"cls.predictions.transform.LayerNorm.beta", "heads.text_transform.layer_norm.bias"},
        {"cls.predictions.bias", "heads.text_decoder_bias"},
    };
    if (const auto found = fixed.find(name); found != fixed.end()) {
        return found->second;
    }
    static const std::regex layer(R"(encoder\.layer\.(\d+)\.(.+)\.(weight|bias|gamma|beta))");
    static const std::map<std::string, std::string> parts{
        {"attention.self.query", "query"},
        {"attention.self.key", "key"},
        {"attention.self.value", "value"},
        {"attention.output.dense", "attention_output.dense"},
        {"attention.output.LayerNorm", "attention_output.layer_norm"},
        {"intermediate.dense", "feed_forward.intermediate"},
        {"output.dense", "feed_forward.output"},
        {"output.LayerNorm", "feed_forward.layer_norm"},
    };
    std::smatch match;
    if (std::regex_match(name, match, layer)) {
        const auto part = parts.find(match[2].str());
        if (part != parts.end()) {
            std::string kind = match[3].str();
            kind = kind == "gamma" ? "weight" : kind == "beta" ? "bias" : kind;
            return "actbert.text_layers." + match[1].str() + "." + part->second + "." + kind;
        }
    }
    if (name.rfind("pooler.", 0) == 0) {
        why_not = "BERT's tanh pooler; ActBERT pools with its own ReLU pooler";
    } else if (name == "cls.predictions.decoder.weight") {
        why_not = "tied to the word embeddings";
    } else if (name.rfind("cls.seq_relationship", 0) == 0) {
        why_not = "next-sentence head; ActBERT's matching head differs";
    } else if (name == "embeddings.position_ids") {
        why_not = "a constant buffer";
    } else {
        why_not = "not part of BERT's text stream";
    }
    return std::nullopt;
}

std::int64_t readInt(const nlohmann::json& json, const char* key, std::int64_t fallback,
                     const std::string& path) {
    if (!json.contains(key)) {
        return fallback;
    }
    if (!json.at(key).is_number_integer() || json.at(key).get<std::int64_t>() <= 0) {
        throw std::runtime_error(path + ": \"" + key + "\" must be a positive integer");
    }
    return json.at(key).get<std::int64_t>();
}

}  // namespace

HfBertConfig readHfBertConfig(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        throw std::runtime_error(path + ": cannot open the BERT config");
    }
    std::stringstream text;
    text << in.rdbuf();
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(text.str());
    } catch (const nlohmann::json::exception& error) {
        throw std::runtime_error(path + ": not valid JSON: " + error.what());
    }
    if (!json.is_object()) {
        throw std::runtime_error(path + ": a BERT config must be a JSON object");
    }
    HfBertConfig config;
    config.hidden_size = readInt(json, "hidden_size", config.hidden_size, path);
    config.num_hidden_layers = readInt(json, "num_hidden_layers", config.num_hidden_layers, path);
    config.num_attention_heads =
        readInt(json, "num_attention_heads", config.num_attention_heads, path);
    config.intermediate_size = readInt(json, "intermediate_size", config.intermediate_size, path);
    config.vocab_size = readInt(json, "vocab_size", config.vocab_size, path);
    config.max_position_embeddings =
        readInt(json, "max_position_embeddings", config.max_position_embeddings, path);
    config.type_vocab_size = readInt(json, "type_vocab_size", config.type_vocab_size, path);
    if (json.contains("layer_norm_eps")) {
        if (!json.at("layer_norm_eps").is_number() ||
            json.at("layer_norm_eps").get<double>() <= 0) {
            throw std::runtime_error(path + ": \"layer_norm_eps\" must be a positive number");
        }
        config.layer_norm_eps = json.at("layer_norm_eps").get<double>();
    }
    if (json.contains("hidden_act") && (!json.at("hidden_act").is_string() ||
                                        json.at("hidden_act").get<std::string>() != "gelu")) {
        throw std::runtime_error(path +
                                 ": only BERTs with the exact \"gelu\" activation are supported");
    }
    return config;
}

ActBertConfig configForBert(const HfBertConfig& bert, ActBertConfig base) {
    const auto base_layers = base.text.num_layers;
    base.vocab_size = bert.vocab_size;
    base.max_position_embeddings = bert.max_position_embeddings;
    base.type_vocab_size = bert.type_vocab_size;
    base.layer_norm_eps = bert.layer_norm_eps;
    base.text.hidden_size = bert.hidden_size;
    base.text.num_heads = bert.num_attention_heads;
    base.text.intermediate_size = bert.intermediate_size;
    base.text.num_layers = bert.num_hidden_layers;
    for (auto& id : base.text_tangle_ids) {
        // Keep each tangled layer's distance from the top of the text stack.
        id = std::max<std::int64_t>(0, bert.num_hidden_layers - (base_layers - id));
    }
    base.validate();
    return base;
}

ImportReport importBert(const std::string& path, ActBertPretraining& model) {
    const auto contents = loadSafetensors(path);
    auto parameters = model->named_parameters(/*recurse=*/true);
    ImportReport report;
    std::map<std::string, torch::Tensor> updates;
    for (const auto& [full_name, tensor] : contents.tensors) {
        std::string name = full_name;
        if (name.rfind("bert.", 0) == 0) {
            name = name.substr(5);
        }
        std::string why_not;
        const auto target = ourName(name, why_not);
        if (!target) {
            report.skipped.push_back(full_name + " (" + why_not + ")");
            continue;
        }
        const auto* parameter = parameters.find(*target);
        if (parameter == nullptr) {
            report.skipped.push_back(full_name + " (no layer " + *target +
                                     " in this config: more BERT layers than text layers)");
            continue;
        }
        if (tensor.sizes() != parameter->sizes()) {
            throw std::runtime_error(path + ": tensor '" + full_name + "' has shape " +
                                     c10::str(tensor.sizes()) + " but " + *target + " is " +
                                     c10::str(parameter->sizes()) +
                                     " (does config.json match the weights?)");
        }
        if (!tensor.is_floating_point()) {
            throw std::runtime_error(path + ": tensor '" + full_name + "' is not floating point");
        }
        if (!updates.emplace(*target, tensor).second) {
            throw std::runtime_error(path + ": two tensors map to " + *target);
        }
        report.used.push_back(full_name + " -> " + *target);
    }
    for (const auto& item : parameters) {
        const bool text_part = item.key().rfind("actbert.text_embeddings.", 0) == 0 ||
                               item.key().rfind("actbert.text_layers.", 0) == 0;
        if (text_part && updates.count(item.key()) == 0) {
            report.missed.push_back(item.key());
        }
    }
    torch::NoGradGuard no_grad;
    for (const auto& [name, tensor] : updates) {
        auto& parameter = *parameters.find(name);
        parameter.copy_(tensor.to(parameter.options()));
    }
    return report;
}

}  // namespace actbert::models::io
