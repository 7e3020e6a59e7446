#include "models/actbert/actbert_config.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

namespace actbert::models {
namespace {

using nlohmann::json;

void require(bool condition, const std::string& problem) {
    if (!condition) {
        throw std::invalid_argument("invalid ActBERT config: " + problem);
    }
}

void validateStream(const StreamConfig& stream, const std::string& name) {
    require(stream.hidden_size > 0, name + ".hidden_size must be positive");
    require(stream.num_heads > 0, name + ".num_heads must be positive");
    require(stream.hidden_size % stream.num_heads == 0,
            name + ".hidden_size (" + std::to_string(stream.hidden_size) +
                ") must be a multiple of " + name + ".num_heads (" +
                std::to_string(stream.num_heads) + ")");
    require(stream.intermediate_size > 0, name + ".intermediate_size must be positive");
    require(stream.num_layers >= 0, name + ".num_layers must not be negative");
    require(stream.hidden_dropout >= 0 && stream.hidden_dropout < 1,
            name + ".hidden_dropout must be in [0, 1)");
    require(stream.attention_dropout >= 0 && stream.attention_dropout < 1,
            name + ".attention_dropout must be in [0, 1)");
}

void validateTangleIds(const std::vector<std::int64_t>& ids, std::int64_t num_layers,
                       const std::string& name) {
    std::int64_t previous = 0;
    for (const auto id : ids) {
        require(id >= previous, name + " must be non-decreasing and not negative");
        require(id <= num_layers, name + " entry " + std::to_string(id) + " exceeds the " +
                                      std::to_string(num_layers) + " layers of that stream");
        previous = id;
    }
}

json streamToJson(const StreamConfig& stream) {
    return {{"hidden_size", stream.hidden_size},
            {"num_heads", stream.num_heads},
            {"intermediate_size", stream.intermediate_size},
            {"num_layers", stream.num_layers},
            {"hidden_dropout", stream.hidden_dropout},
            {"attention_dropout", stream.attention_dropout}};
}

void checkKeys(const json& object, const std::set<std::string>& known, const std::string& where) {
    require(object.is_object(), where + " must be a JSON object");
    for (const auto& [key, ignored] : object.items()) {
        require(known.count(key) != 0, "unknown field '" + where + "." + key + "'");
    }
}

template <typename T>
void readField(const json& object, const char* key, T& value, const std::string& where) {
    if (!object.contains(key)) {
        return;
    }
    const auto& field = object.at(key);
    if constexpr (std::is_same_v<T, std::int64_t>) {
        require(field.is_number_integer(), where + "." + key + " must be an integer");
    } else if constexpr (std::is_same_v<T, double>) {
        require(field.is_number(), where + "." + key + " must be a number");
    } else if constexpr (std::is_same_v<T, std::vector<std::int64_t>>) {
        require(
            field.is_array() && std::all_of(field.begin(), field.end(),
                                            [](const json& v) { return v.is_number_integer(); }),
            where + "." + key + " must be an array of integers");
    } else {
        require(field.is_string(), where + "." + key + " must be a string");
    }
    value = field.get<T>();
}

StreamConfig streamFromJson(const json& object, StreamConfig stream, const std::string& name) {
    checkKeys(object,
              {"hidden_size", "num_heads", "intermediate_size", "num_layers", "hidden_dropout",
               "attention_dropout"},
              name);
    readField(object, "hidden_size", stream.hidden_size, name);
    readField(object, "num_heads", stream.num_heads, name);
    readField(object, "intermediate_size", stream.intermediate_size, name);
    readField(object, "num_layers", stream.num_layers, name);
    readField(object, "hidden_dropout", stream.hidden_dropout, name);
    readField(object, "attention_dropout", stream.attention_dropout, name);
    return stream;
}

}  // namespace

std::string toString(TangleVariant variant) {
    return variant == TangleVariant::stacked ? "stacked" : "additive";
}

ActBertConfig ActBertConfig::tiny() {
    ActBertConfig config;
    config.vocab_size = 120;
    config.max_position_embeddings = 64;
    config.text = {32, 4, 64, 3, 0.1, 0.1};
    config.region = {48, 4, 48, 2, 0.1, 0.1};
    config.action = {32, 4, 64, 3, 0.1, 0.1};
    config.action_feature_size = 24;
    config.region_feature_size = 20;
    config.max_clip_positions = 16;
    config.tangle_hidden_size = 40;
    config.tangle_num_heads = 4;
    config.text_tangle_ids = {1, 2};
    config.region_tangle_ids = {0, 1};
    config.action_tangle_ids = {0, 1};
    config.action_classes = 11;
    config.object_classes = 13;
    return config;
}

ActBertConfig ActBertConfig::paddleVideo() {
    ActBertConfig config;
    config.tangle = TangleVariant::additive;
    config.visual_embeddings = VisualEmbeddings::paddlevideo;
    return config;
}

void ActBertConfig::validate() const {
    require(vocab_size > 0, "vocab_size must be positive");
    require(max_position_embeddings > 0, "max_position_embeddings must be positive");
    require(type_vocab_size > 0, "type_vocab_size must be positive");
    require(layer_norm_eps > 0, "layer_norm_eps must be positive");
    validateStream(text, "text");
    validateStream(region, "region");
    validateStream(action, "action");
    require(action_feature_size > 0, "action_feature_size must be positive");
    require(region_feature_size > 0, "region_feature_size must be positive");
    require(region_box_size == 5, "region_box_size must be 5 (x1, y1, x2, y2, area)");
    require(max_clip_positions > 0, "max_clip_positions must be positive");
    require(tangle_hidden_size > 0 && tangle_num_heads > 0 &&
                tangle_hidden_size % tangle_num_heads == 0,
            "tangle_hidden_size must be a positive multiple of tangle_num_heads");
    require(tangle_attention_dropout >= 0 && tangle_attention_dropout < 1,
            "tangle_attention_dropout must be in [0, 1)");
    require(text_tangle_ids.size() == region_tangle_ids.size() &&
                text_tangle_ids.size() == action_tangle_ids.size(),
            "text_tangle_ids, region_tangle_ids and action_tangle_ids must have the same length "
            "(one entry per tangled layer)");
    validateTangleIds(text_tangle_ids, text.num_layers, "text_tangle_ids");
    validateTangleIds(region_tangle_ids, region.num_layers, "region_tangle_ids");
    validateTangleIds(action_tangle_ids, action.num_layers, "action_tangle_ids");
    require(action_classes > 0, "action_classes must be positive");
    require(object_classes > 0, "object_classes must be positive");
}

nlohmann::json ActBertConfig::toJson() const {
    return {{"vocab_size", vocab_size},
            {"max_position_embeddings", max_position_embeddings},
            {"type_vocab_size", type_vocab_size},
            {"layer_norm_eps", layer_norm_eps},
            {"text", streamToJson(text)},
            {"region", streamToJson(region)},
            {"action", streamToJson(action)},
            {"action_feature_size", action_feature_size},
            {"region_feature_size", region_feature_size},
            {"region_box_size", region_box_size},
            {"max_clip_positions", max_clip_positions},
            {"visual_embeddings",
             visual_embeddings == VisualEmbeddings::paper ? "paper" : "paddlevideo"},
            {"tangle_hidden_size", tangle_hidden_size},
            {"tangle_num_heads", tangle_num_heads},
            {"tangle_attention_dropout", tangle_attention_dropout},
            {"text_tangle_ids", text_tangle_ids},
            {"region_tangle_ids", region_tangle_ids},
            {"action_tangle_ids", action_tangle_ids},
            {"tangle", toString(tangle)},
            {"action_classes", action_classes},
            {"object_classes", object_classes},
            {"fusion", fusion == MatchingFusion::multiply ? "multiply" : "sum"}};
}

ActBertConfig ActBertConfig::fromJson(const nlohmann::json& object) {
    ActBertConfig config;
    const std::string where = "config";
    checkKeys(object,
              {"vocab_size",
               "max_position_embeddings",
               "type_vocab_size",
               "layer_norm_eps",
               "text",
               "region",
               "action",
               "action_feature_size",
               "region_feature_size",
               "region_box_size",
               "max_clip_positions",
               "visual_embeddings",
               "tangle_hidden_size",
               "tangle_num_heads",
               "tangle_attention_dropout",
               "text_tangle_ids",
               "region_tangle_ids",
               "action_tangle_ids",
               "tangle",
               "action_classes",
               "object_classes",
               "fusion"},
              where);
    readField(object, "vocab_size", config.vocab_size, where);
    readField(object, "max_position_embeddings", config.max_position_embeddings, where);
    readField(object, "type_vocab_size", config.type_vocab_size, where);
    readField(object, "layer_norm_eps", config.layer_norm_eps, where);
    if (object.contains("text")) {
        config.text = streamFromJson(object.at("text"), config.text, "text");
    }
    if (object.contains("region")) {
        config.region = streamFromJson(object.at("region"), config.region, "region");
    }
    if (object.contains("action")) {
        config.action = streamFromJson(object.at("action"), config.action, "action");
    }
    readField(object, "action_feature_size", config.action_feature_size, where);
    readField(object, "region_feature_size", config.region_feature_size, where);
    readField(object, "region_box_size", config.region_box_size, where);
    readField(object, "max_clip_positions", config.max_clip_positions, where);
    std::string text_value;
    if (object.contains("visual_embeddings")) {
        readField(object, "visual_embeddings", text_value, where);
        require(text_value == "paper" || text_value == "paddlevideo",
                "visual_embeddings must be \"paper\" or \"paddlevideo\"");
        config.visual_embeddings =
            text_value == "paper" ? VisualEmbeddings::paper : VisualEmbeddings::paddlevideo;
    }
    readField(object, "tangle_hidden_size", config.tangle_hidden_size, where);
    readField(object, "tangle_num_heads", config.tangle_num_heads, where);
    readField(object, "tangle_attention_dropout", config.tangle_attention_dropout, where);
    readField(object, "text_tangle_ids", config.text_tangle_ids, where);
    readField(object, "region_tangle_ids", config.region_tangle_ids, where);
    readField(object, "action_tangle_ids", config.action_tangle_ids, where);
    if (object.contains("tangle")) {
        readField(object, "tangle", text_value, where);
        require(text_value == "stacked" || text_value == "additive",
                "tangle must be \"stacked\" or \"additive\"");
        config.tangle = text_value == "stacked" ? TangleVariant::stacked : TangleVariant::additive;
    }
    readField(object, "action_classes", config.action_classes, where);
    readField(object, "object_classes", config.object_classes, where);
    if (object.contains("fusion")) {
        readField(object, "fusion", text_value, where);
        require(text_value == "multiply" || text_value == "sum",
                "fusion must be \"multiply\" or \"sum\"");
        config.fusion = text_value == "multiply" ? MatchingFusion::multiply : MatchingFusion::sum;
    }
    config.validate();
    return config;
}

std::string ActBertConfig::toJsonString() const {
    return toJson().dump(2);
}

ActBertConfig ActBertConfig::fromJsonString(const std::string& text) {
    json object;
    try {
        object = json::parse(text);
    } catch (const json::exception& error) {
        throw std::invalid_argument(std::string("invalid ActBERT config: not valid JSON: ") +
                                    error.what());
    }
    return fromJson(object);
}

}  // namespace actbert::models
