#include "models/actbert/actbert_model.h"

#include <ATen/autocast_mode.h>
#include <torch/torch.h>
#include <torch/version.h>

#include <stdexcept>

#include "models/actbert/input_checks.h"

namespace actbert::models {
namespace {

// Turns CUDA autocast on for one forward pass and restores the previous state after it.
class AutocastScope {
public:
    AutocastScope(Precision precision, torch::Device device) {
        if (precision == Precision::float32) {
            return;
        }
        if (!device.is_cuda()) {
            throw std::invalid_argument(
                "mixed precision (bf16/fp16 autocast) is offered on CUDA devices only; "
                "run in float32 on the CPU");
        }
        const auto dtype = precision == Precision::bfloat16 ? at::kBFloat16 : at::kHalf;
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
        previous_enabled_ = at::autocast::is_autocast_enabled(at::kCUDA);
        previous_dtype_ = at::autocast::get_autocast_dtype(at::kCUDA);
        at::autocast::set_autocast_dtype(at::kCUDA, dtype);
        at::autocast::set_autocast_enabled(at::kCUDA, true);
#else
        previous_enabled_ = at::autocast::is_enabled();
        previous_dtype_ = at::autocast::get_autocast_gpu_dtype();
        at::autocast::set_autocast_gpu_dtype(dtype);
        at::autocast::set_enabled(true);
#endif
        active_ = true;
    }
    ~AutocastScope() {
        if (!active_) {
            return;
        }
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
        at::autocast::set_autocast_enabled(at::kCUDA, previous_enabled_);
        at::autocast::set_autocast_dtype(at::kCUDA, previous_dtype_);
#else
        at::autocast::set_enabled(previous_enabled_);
        at::autocast::set_autocast_gpu_dtype(previous_dtype_);
#endif
        at::autocast::clear_cache();
    }
    AutocastScope(const AutocastScope&) = delete;
    AutocastScope& operator=(const AutocastScope&) = delete;

private:
    bool active_ = false;
    bool previous_enabled_ = false;
    at::ScalarType previous_dtype_ = at::kFloat;
};

std::string indexed(const char* prefix, std::size_t index) {
    return std::string(prefix) + "." + std::to_string(index);
}

}  // namespace

ActBertModelImpl::ActBertModelImpl(const ActBertConfig& config) : config_(config) {
    config_.validate();
    text_embeddings = register_module("text_embeddings", TextEmbeddings(config_));
    region_embeddings = register_module("region_embeddings", RegionEmbeddings(config_));
    action_embeddings = register_module("action_embeddings", ActionEmbeddings(config_));
    text_layers = register_module("text_layers", torch::nn::ModuleList());
    region_layers = register_module("region_layers", torch::nn::ModuleList());
    action_layers = register_module("action_layers", torch::nn::ModuleList());
    tangled_layers = register_module("tangled_layers", torch::nn::ModuleList());
    for (std::int64_t i = 0; i < config_.text.num_layers; ++i) {
        text_layers->push_back(BertLayer(config_.text, config_.layer_norm_eps));
    }
    for (std::int64_t i = 0; i < config_.region.num_layers; ++i) {
        region_layers->push_back(BertLayer(config_.region, config_.layer_norm_eps));
    }
    for (std::int64_t i = 0; i < config_.action.num_layers; ++i) {
        action_layers->push_back(BertLayer(config_.action, config_.layer_norm_eps));
    }
    for (std::int64_t i = 0; i < config_.tangledLayerCount(); ++i) {
        tangled_layers->push_back(TangledLayer(config_));
    }
    const auto pooled = config_.tangle_hidden_size;
    text_pooler = register_module("text_pooler", Pooler(config_.text.hidden_size, pooled));
    region_pooler = register_module("region_pooler", Pooler(config_.region.hidden_size, pooled));
    action_pooler = register_module("action_pooler", Pooler(config_.action.hidden_size, pooled));
    initializeWeights();
}

void ActBertModelImpl::initializeWeights() {
    torch::NoGradGuard no_grad;
    for (auto& module : modules(/*include_self=*/false)) {
        if (auto* linear = module->as<torch::nn::Linear>()) {
            linear->weight.normal_(0.0, 0.02);
            linear->bias.zero_();
        } else if (auto* embedding = module->as<torch::nn::Embedding>()) {
            embedding->weight.normal_(0.0, 0.02);
        } else if (auto* norm = module->as<torch::nn::LayerNorm>()) {
            norm->weight.fill_(1.0);
            norm->bias.zero_();
        }
    }
    if (action_embeddings->act_token.defined()) {
        action_embeddings->act_token.normal_(0.0, 0.02);
        region_embeddings->region_token.normal_(0.0, 0.02);
    }
}

torch::Device ActBertModelImpl::device() const {
    return text_embeddings->word_embeddings->weight.device();
}

ActBertOutputs ActBertModelImpl::forward(const ActBertInputs& inputs,
                                         const ForwardOptions& options) {
    const auto prepared = prepareInputs(inputs, config_, options.streams, device());
    AutocastScope autocast(options.precision, device());
    return options.streams == StreamSelection::text_only ? runTextOnly(prepared, options.capture)
                                                         : runAll(prepared, options.capture);
}

ActBertOutputs ActBertModelImpl::runTextOnly(const ActBertInputs& inputs,
                                             AttentionCapture capture) {
    ActBertOutputs outputs;
    // [batch, tokens, text_hidden]
    auto text = text_embeddings(inputs.text_ids, inputs.text_segment_ids);
    const auto text_mask = additiveAttentionMask(inputs.text_mask, text.scalar_type());
    for (std::size_t i = 0; i < text_layers->size(); ++i) {
        auto result = text_layers[i]->as<BertLayer>()->forward(text, text_mask, capture);
        text = result.hidden;
        if (capture == AttentionCapture::probabilities) {
            outputs.attentions.push_back({indexed("text", i), result.probabilities});
        }
    }
    outputs.text_sequence = text;
    outputs.text_pooled = text_pooler(text);
    return outputs;
}

ActBertOutputs ActBertModelImpl::runAll(const ActBertInputs& inputs, AttentionCapture capture) {
    ActBertOutputs outputs;
    const bool keep = capture == AttentionCapture::probabilities;
    TangledStreams streams;
    // [batch, tokens, text_hidden]
    streams.text = text_embeddings(inputs.text_ids, inputs.text_segment_ids);
    // [batch, actions, action_hidden]
    streams.action = action_embeddings(inputs.action_features, inputs.action_position_ids,
                                       inputs.action_segment_ids);
    // [batch, 1 + regions, region_hidden]
    auto region = region_embeddings(inputs.region_features, inputs.region_boxes, inputs.region_mask,
                                    inputs.region_position_ids, inputs.region_segment_ids);
    streams.region = region.embedded;
    const auto dtype = streams.text.scalar_type();
    TangledMasks masks{additiveAttentionMask(inputs.text_mask, dtype),
                       additiveAttentionMask(region.mask, dtype),
                       additiveAttentionMask(inputs.action_mask, dtype)};

    std::size_t text_done = 0;
    std::size_t region_done = 0;
    std::size_t action_done = 0;
    const auto run_stack = [&](torch::nn::ModuleList& stack, const char* name, std::size_t& done,
                               std::size_t until, torch::Tensor& hidden,
                               const torch::Tensor& mask) {
        for (; done < until; ++done) {
            auto result = stack[done]->as<BertLayer>()->forward(hidden, mask, capture);
            hidden = result.hidden;
            if (keep) {
                outputs.attentions.push_back({indexed(name, done), result.probabilities});
            }
        }
    };
    for (std::size_t k = 0; k < tangled_layers->size(); ++k) {
        run_stack(region_layers, "region", region_done,
                  static_cast<std::size_t>(config_.region_tangle_ids[k]), streams.region,
                  masks.region);
        run_stack(action_layers, "action", action_done,
                  static_cast<std::size_t>(config_.action_tangle_ids[k]), streams.action,
                  masks.action);
        run_stack(text_layers, "text", text_done,
                  static_cast<std::size_t>(config_.text_tangle_ids[k]), streams.text, masks.text);
        auto tangled = tangled_layers[k]->as<TangledLayer>()->forward(streams, masks, capture);
        streams = tangled.streams;
        if (keep) {
            const std::string prefix = indexed("tangle", k) + ".";
            outputs.attentions.push_back({prefix + "text", tangled.text_probabilities});
            outputs.attentions.push_back({prefix + "region", tangled.region_probabilities});
            outputs.attentions.push_back({prefix + "action", tangled.action_probabilities});
            outputs.attentions.push_back(
                {prefix + "action_to_text", tangled.action_to_text_probabilities});
            outputs.attentions.push_back(
                {prefix + "action_to_region", tangled.action_to_region_probabilities});
        }
    }
    run_stack(region_layers, "region", region_done, region_layers->size(), streams.region,
              masks.region);
    run_stack(action_layers, "action", action_done, action_layers->size(), streams.action,
              masks.action);
    run_stack(text_layers, "text", text_done, text_layers->size(), streams.text, masks.text);

    outputs.text_sequence = streams.text;
    outputs.region_sequence = streams.region;
    outputs.action_sequence = streams.action;
    outputs.region_mask = region.mask;
    outputs.text_pooled = text_pooler(streams.text);
    outputs.region_pooled = region_pooler(streams.region);
    outputs.action_pooled = action_pooler(streams.action);
    return outputs;
}

}  // namespace actbert::models
