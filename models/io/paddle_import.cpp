#include "models/io/paddle_import.h"

#include <torch/torch.h>

#include <map>
#include <regex>
#include <set>
#include <stdexcept>

namespace actbert::models::io {
namespace {

const std::map<std::string, std::string>& fixedNames() {
    static const std::map<std::string, std::string> names{
        {"bert.embeddings.word_embeddings", "actbert.text_embeddings.word_embeddings"},
        {"bert.embeddings.position_embeddings", "actbert.text_embeddings.position_embeddings"},
        {"bert.embeddings.token_type_embeddings", "actbert.text_embeddings.token_type_embeddings"},
        {"bert.embeddings.LayerNorm", "actbert.text_embeddings.layer_norm"},
        {"bert.v_embeddings.image_embeddings", "actbert.region_embeddings.feature_projection"},
        {"bert.v_embeddings.image_location_embeddings", "actbert.region_embeddings.box_projection"},
        {"bert.v_embeddings.LayerNorm", "actbert.region_embeddings.layer_norm"},
        {"bert.a_embeddings.action_embeddings", "actbert.action_embeddings.feature_projection"},
        {"bert.a_embeddings.LayerNorm", "actbert.action_embeddings.layer_norm"},
        {"bert.t_pooler.dense", "actbert.text_pooler.dense"},
        {"bert.v_pooler.dense", "actbert.region_pooler.dense"},
        {"bert.a_pooler.dense", "actbert.action_pooler.dense"},
        {"cls.predictions.transform.dense", "heads.text_transform.dense"},
        {"cls.predictions.transform.LayerNorm", "heads.text_transform.layer_norm"},
        {"cls.seq_relationship", "heads.matching"},
        {"cls.imagePredictions.transform.dense", "heads.region_transform.dense"},
        {"cls.imagePredictions.transform.LayerNorm", "heads.region_transform.layer_norm"},
        {"cls.imagePredictions.decoder", "heads.region_decoder"},
        {"cls.actionPredictions.transform.dense", "heads.action_transform.dense"},
        {"cls.actionPredictions.transform.LayerNorm", "heads.action_transform.layer_norm"},
        {"cls.actionPredictions.decoder", "heads.action_decoder"},
    };
    return names;
}

const std::map<std::string, std::string>& layerParts() {
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
    return parts;
}

const std::map<std::string, std::string>& connectionParts() {
    static const std::map<std::string, std::string> parts{
        {"ent_attention.query1", "region_query"},
        {"ent_attention.key1", "region_key"},
        {"ent_attention.value1", "region_value"},
        {"ent_attention.query2", "text_query"},
        {"ent_attention.key2", "text_key"},
        {"ent_attention.value2", "text_value"},
        {"ent_attention.query3", "action_query"},
        {"ent_attention.key3", "action_key"},
        {"ent_attention.value3", "action_value"},
        {"ent_attention.key_at", "key_at"},
        {"ent_attention.value_at", "value_at"},
        {"ent_attention.key_av", "key_av"},
        {"ent_attention.value_av", "value_av"},
        {"ent_output.dense1", "region_output.dense"},
        {"ent_output.LayerNorm1", "region_output.layer_norm"},
        {"ent_output.dense2", "text_output.dense"},
        {"ent_output.LayerNorm2", "text_output.layer_norm"},
        {"ent_output.dense3", "action_output.dense"},
        {"ent_output.LayerNorm3", "action_output.layer_norm"},
        {"v_intermediate.dense", "region_feed_forward.intermediate"},
        {"v_output.dense", "region_feed_forward.output"},
        {"v_output.LayerNorm", "region_feed_forward.layer_norm"},
        {"t_intermediate.dense", "text_feed_forward.intermediate"},
        {"t_output.dense", "text_feed_forward.output"},
        {"t_output.LayerNorm", "text_feed_forward.layer_norm"},
        {"a_intermediate.dense", "action_feed_forward.intermediate"},
        {"a_output.dense", "action_feed_forward.output"},
        {"a_output.LayerNorm", "action_feed_forward.layer_norm"},
    };
    return parts;
}

std::string stripPrefix(const std::string& name) {
    return name.rfind("backbone.", 0) == 0 ? name.substr(9) : name;
}

bool isEmbeddingTable(const std::string& our_name) {
    return our_name.find("_embeddings.word_embeddings.") != std::string::npos ||
           our_name.find("_embeddings.position_embeddings.") != std::string::npos ||
           our_name.find("_embeddings.token_type_embeddings.") != std::string::npos;
}

const torch::Tensor& requireArray(const PickledArrays& arrays, const std::string& path,
                                  const std::string& name, std::int64_t dims) {
    for (const auto& prefix : {std::string("backbone."), std::string()}) {
        const auto found = arrays.arrays.find(prefix + name);
        if (found != arrays.arrays.end()) {
            if (found->second.dim() != dims) {
                throw std::runtime_error(path + ": '" + prefix + name + "' should have " +
                                         std::to_string(dims) + " dimensions");
            }
            return found->second;
        }
    }
    throw std::runtime_error(path + ": '" + name +
                             "' is missing: not a PaddleVideo ActBERT checkpoint?");
}

std::int64_t countLayers(const PickledArrays& arrays, const std::string& stack) {
    const std::regex pattern("(backbone\\.)?bert\\.encoder\\." + stack + "\\.(\\d+)\\..*");
    std::set<std::int64_t> ids;
    for (const auto& [name, tensor] : arrays.arrays) {
        std::smatch match;
        if (std::regex_match(name, match, pattern)) {
            ids.insert(std::stoll(match[2].str()));
        }
    }
    return static_cast<std::int64_t>(ids.size());
}

ActBertConfig configFromArrays(const PickledArrays& arrays, const std::string& path,
                               ActBertConfig config) {
    config.tangle = TangleVariant::additive;
    config.visual_embeddings = VisualEmbeddings::paddlevideo;
    const auto& words = requireArray(arrays, path, "bert.embeddings.word_embeddings.weight", 2);
    config.vocab_size = words.size(0);
    config.text.hidden_size = words.size(1);
    config.max_position_embeddings =
        requireArray(arrays, path, "bert.embeddings.position_embeddings.weight", 2).size(0);
    config.type_vocab_size =
        requireArray(arrays, path, "bert.embeddings.token_type_embeddings.weight", 2).size(0);
    const auto& region = requireArray(arrays, path, "bert.v_embeddings.image_embeddings.weight", 2);
    config.region_feature_size = region.size(0);
    config.region.hidden_size = region.size(1);
    const auto& action =
        requireArray(arrays, path, "bert.a_embeddings.action_embeddings.weight", 2);
    config.action_feature_size = action.size(0);
    config.action.hidden_size = action.size(1);
    config.text.num_layers = countLayers(arrays, "layer");
    config.region.num_layers = countLayers(arrays, "v_layer");
    config.action.num_layers = countLayers(arrays, "a_layer");
    const auto tangled = countLayers(arrays, "c_layer");
    if (tangled != config.tangledLayerCount()) {
        throw std::runtime_error(path + ": the checkpoint has " + std::to_string(tangled) +
                                 " tangled layers but the config places " +
                                 std::to_string(config.tangledLayerCount()) +
                                 " (give a config whose *_tangle_ids match)");
    }
    if (tangled > 0) {
        const auto prefix = std::string("bert.encoder.c_layer.0.");
        config.tangle_hidden_size =
            requireArray(arrays, path, prefix + "ent_attention.query1.weight", 2).size(1);
        config.text.intermediate_size =
            requireArray(arrays, path, prefix + "t_intermediate.dense.weight", 2).size(1);
        config.region.intermediate_size =
            requireArray(arrays, path, prefix + "v_intermediate.dense.weight", 2).size(1);
        config.action.intermediate_size =
            requireArray(arrays, path, prefix + "a_intermediate.dense.weight", 2).size(1);
    }
    config.object_classes =
        requireArray(arrays, path, "cls.imagePredictions.decoder.weight", 2).size(1);
    config.action_classes =
        requireArray(arrays, path, "cls.actionPredictions.decoder.weight", 2).size(1);
    try {
        config.validate();
    } catch (const std::invalid_argument& error) {
        throw std::runtime_error(path + ": " + error.what());
    }
    return config;
}

}  // namespace

std::string ourNameForPaddle(const std::string& paddle_name) {
    const auto name = stripPrefix(paddle_name);
    const auto dot = name.rfind('.');
    if (dot == std::string::npos) {
        return "";
    }
    const auto owner = name.substr(0, dot);
    const auto kind = name.substr(dot + 1);
    if (kind != "weight" && kind != "bias") {
        if (name == "cls.predictions.decoder_bias") {
            return "heads.text_decoder_bias";
        }
        return "";
    }
    if (const auto found = fixedNames().find(owner); found != fixedNames().end()) {
        return found->second + "." + kind;
    }
    static const std::regex layer(R"(bert\.encoder\.(layer|v_layer|a_layer|c_layer)\.(\d+)\.(.+))");
    std::smatch match;
    if (!std::regex_match(owner, match, layer)) {
        return "";
    }
    const auto stack = match[1].str();
    const auto index = match[2].str();
    const auto& parts = stack == "c_layer" ? connectionParts() : layerParts();
    const auto part = parts.find(match[3].str());
    if (part == parts.end()) {
        return "";
    }
    const std::string our_stack = stack == "layer"     ? "text_layers"
                                  : stack == "v_layer" ? "region_layers"
                                  : stack == "a_layer" ? "action_layers"
                                                       : "tangled_layers";
    return "actbert." + our_stack + "." + index + "." + part->second + "." + kind;
}

PaddleImport importPaddle(const std::string& path, const ActBertConfig& base) {
    const auto arrays = readPickledArrays(path);
    PaddleImport result;
    result.config = configFromArrays(arrays, path, base);
    result.model = ActBertPretraining(result.config);
    auto parameters = result.model->named_parameters(/*recurse=*/true);
    std::set<std::string> filled;
    torch::NoGradGuard no_grad;
    for (const auto& [name, array] : arrays.arrays) {
        const auto target = ourNameForPaddle(name);
        if (target.empty()) {
            const bool tied = stripPrefix(name) == "cls.predictions.decoder_weight";
            result.report.skipped.push_back(
                name + (tied ? " (tied to the word embeddings)" : " (no place in ActBERT)"));
            continue;
        }
        auto* parameter = parameters.find(target);
        if (parameter == nullptr) {
            throw std::runtime_error(path + ": '" + name + "' maps to " + target +
                                     ", which this config does not have");
        }
        // Paddle's Linear stores [in, out]; LibTorch's is [out, in].
        auto value = array.dim() == 2 && !isEmbeddingTable(target) ? array.t() : array;
        if (value.sizes() != parameter->sizes()) {
            throw std::runtime_error(path + ": '" + name + "' has shape " +
                                     c10::str(array.sizes()) + " but " + target + " needs " +
                                     c10::str(parameter->sizes()));
        }
        if (!value.is_floating_point()) {
            throw std::runtime_error(path + ": '" + name + "' is not floating point");
        }
        if (!filled.insert(target).second) {
            throw std::runtime_error(path + ": two arrays map to " + target);
        }
        parameter->copy_(value.to(torch::kFloat32));
        result.report.used.push_back(name + " -> " + target);
    }
    for (const auto& key : arrays.other_keys) {
        result.report.skipped.push_back(key + " (not an array)");
    }
    for (const auto& item : parameters) {
        if (filled.count(item.key()) != 0) {
            continue;
        }
        if (item.key().rfind("heads.", 0) != 0) {
            throw std::runtime_error(path + ": no array for " + item.key() +
                                     ": not a complete PaddleVideo ActBERT checkpoint");
        }
        result.report.missed.push_back(item.key());
    }
    result.model->eval();
    return result;
}

}  // namespace actbert::models::io
