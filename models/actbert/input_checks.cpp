#include "models/actbert/input_checks.h"

#include <torch/torch.h>

#include <stdexcept>
#include <string>

namespace actbert::models {
namespace {

[[noreturn]] void reject(const std::string& problem) {
    throw std::invalid_argument("ActBERT input: " + problem);
}

std::string shapeText(const torch::Tensor& tensor) {
    std::string text = "[";
    for (std::int64_t i = 0; i < tensor.dim(); ++i) {
        text += (i ? ", " : "") + std::to_string(tensor.size(i));
    }
    return text + "]";
}

// Requires `tensor` of shape [batch, length] (and ids in [0, limit) when limit > 0).
torch::Tensor checkIds(const torch::Tensor& tensor, const char* name, std::int64_t batch,
                       std::int64_t length, std::int64_t limit, torch::Device device) {
    if (tensor.dim() != 2 || tensor.size(0) != batch || tensor.size(1) != length) {
        reject(std::string(name) + " has shape " + shapeText(tensor) + ", expected [" +
               std::to_string(batch) + ", " + std::to_string(length) + "]");
    }
    if (tensor.is_floating_point() || tensor.is_complex()) {
        reject(std::string(name) + " must hold integers");
    }
    if (limit > 0 && tensor.numel() > 0) {
        const auto low = tensor.min().item<std::int64_t>();
        const auto high = tensor.max().item<std::int64_t>();
        if (low < 0 || high >= limit) {
            reject(std::string(name) + " holds ids in [" + std::to_string(low) + ", " +
                   std::to_string(high) + "] but must be in [0, " + std::to_string(limit) + ")");
        }
    }
    return tensor.to(device, torch::kLong);
}

torch::Tensor checkMask(const torch::Tensor& mask, const char* name, std::int64_t batch,
                        std::int64_t length, torch::Device device) {
    if (!mask.defined()) {
        return torch::ones({batch, length}, torch::TensorOptions().device(device));
    }
    if (mask.dim() != 2 || mask.size(0) != batch || mask.size(1) != length) {
        reject(std::string(name) + " has shape " + shapeText(mask) + ", expected [" +
               std::to_string(batch) + ", " + std::to_string(length) + "]");
    }
    return mask.to(device, torch::kFloat32);
}

torch::Tensor checkFeatures(const torch::Tensor& features, const char* name, std::int64_t batch,
                            std::int64_t width, torch::Device device) {
    if (!features.defined()) {
        reject(std::string(name) + " is missing (only a text-only forward goes without it)");
    }
    if (features.dim() != 3 || features.size(0) != batch || features.size(2) != width) {
        reject(std::string(name) + " has shape " + shapeText(features) + ", expected [" +
               std::to_string(batch) + ", length, " + std::to_string(width) + "]");
    }
    if (!features.is_floating_point()) {
        reject(std::string(name) + " must be floating point");
    }
    return features.to(device, torch::kFloat32);
}

torch::Tensor idsOrDefault(const torch::Tensor& ids, const char* name, std::int64_t batch,
                           std::int64_t length, std::int64_t limit, torch::Device device) {
    if (!ids.defined()) {
        return torch::zeros({batch, length},
                            torch::TensorOptions().device(device).dtype(torch::kLong));
    }
    return checkIds(ids, name, batch, length, limit, device);
}

}  // namespace

ActBertInputs prepareInputs(const ActBertInputs& inputs, const ActBertConfig& config,
                            StreamSelection streams, torch::Device device) {
    if (!inputs.text_ids.defined() || inputs.text_ids.dim() != 2) {
        reject("text_ids must be a [batch, tokens] tensor of token ids");
    }
    const auto batch = inputs.text_ids.size(0);
    const auto tokens = inputs.text_ids.size(1);
    if (batch == 0 || tokens == 0) {
        reject("text_ids is empty (" + shapeText(inputs.text_ids) + ")");
    }
    if (tokens > config.max_position_embeddings) {
        reject(std::to_string(tokens) + " text tokens exceed max_position_embeddings " +
               std::to_string(config.max_position_embeddings));
    }
    ActBertInputs prepared;
    prepared.text_ids =
        checkIds(inputs.text_ids, "text_ids", batch, tokens, config.vocab_size, device);
    prepared.text_mask = checkMask(inputs.text_mask, "text_mask", batch, tokens, device);
    prepared.text_segment_ids = idsOrDefault(inputs.text_segment_ids, "text_segment_ids", batch,
                                             tokens, config.type_vocab_size, device);
    if (streams == StreamSelection::text_only) {
        return prepared;
    }

    prepared.action_features = checkFeatures(inputs.action_features, "action_features", batch,
                                             config.action_feature_size, device);
    const auto actions = prepared.action_features.size(1);
    if (actions == 0) {
        reject("action_features holds no actions (at least one clip is needed)");
    }
    prepared.action_mask = checkMask(inputs.action_mask, "action_mask", batch, actions, device);
    if (inputs.action_position_ids.defined()) {
        prepared.action_position_ids = checkIds(inputs.action_position_ids, "action_position_ids",
                                                batch, actions, config.max_clip_positions, device);
    } else {
        if (config.visual_embeddings == VisualEmbeddings::paper &&
            actions > config.max_clip_positions) {
            reject(std::to_string(actions) + " actions exceed max_clip_positions " +
                   std::to_string(config.max_clip_positions));
        }
        prepared.action_position_ids =
            torch::arange(actions, torch::TensorOptions().device(device).dtype(torch::kLong))
                .unsqueeze(0)
                .expand({batch, actions});
    }
    prepared.action_segment_ids = idsOrDefault(inputs.action_segment_ids, "action_segment_ids",
                                               batch, actions, config.type_vocab_size, device);

    prepared.region_features = checkFeatures(inputs.region_features, "region_features", batch,
                                             config.region_feature_size, device);
    const auto regions = prepared.region_features.size(1);
    prepared.region_boxes =
        checkFeatures(inputs.region_boxes, "region_boxes", batch, config.region_box_size, device);
    if (prepared.region_boxes.size(1) != regions) {
        reject("region_boxes has " + std::to_string(prepared.region_boxes.size(1)) +
               " regions but region_features has " + std::to_string(regions));
    }
    prepared.region_mask = checkMask(inputs.region_mask, "region_mask", batch, regions, device);
    prepared.region_position_ids = idsOrDefault(inputs.region_position_ids, "region_position_ids",
                                                batch, regions, config.max_clip_positions, device);
    prepared.region_segment_ids = idsOrDefault(inputs.region_segment_ids, "region_segment_ids",
                                               batch, regions, config.type_vocab_size, device);
    return prepared;
}

}  // namespace actbert::models
