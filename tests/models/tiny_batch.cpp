#include "tests/models/tiny_batch.h"

#include <torch/torch.h>

namespace actbert::tests {

models::ActBertInputs randomInputs(const models::ActBertConfig& config, std::int64_t batch,
                                   std::int64_t tokens, std::int64_t actions,
                                   std::int64_t regions) {
    models::ActBertInputs inputs;
    inputs.text_ids = torch::randint(1, config.vocab_size, {batch, tokens}, torch::kLong);
    inputs.text_mask = torch::ones({batch, tokens});
    inputs.action_features = torch::randn({batch, actions, config.action_feature_size});
    inputs.action_mask = torch::ones({batch, actions});
    inputs.region_features = torch::randn({batch, regions, config.region_feature_size});
    // Boxes: x1, y1 in [0, 0.5), x2, y2 in [0.5, 1), area from them.
    const auto low = torch::rand({batch, regions, 2}) * 0.5;
    const auto high = torch::rand({batch, regions, 2}) * 0.5 + 0.5;
    const auto size = high - low;
    const auto area = (size.select(2, 0) * size.select(2, 1)).unsqueeze(2);
    inputs.region_boxes = torch::cat({low, high, area}, /*dim=*/2);
    inputs.region_mask = torch::ones({batch, regions});
    return inputs;
}

models::ActBertInputs sliceSample(const models::ActBertInputs& inputs, std::int64_t index) {
    const auto slice = [&](const torch::Tensor& tensor) {
        return tensor.defined() ? tensor.narrow(0, index, 1) : tensor;
    };
    models::ActBertInputs sample = inputs;
    sample.text_ids = slice(inputs.text_ids);
    sample.text_mask = slice(inputs.text_mask);
    sample.text_segment_ids = slice(inputs.text_segment_ids);
    sample.action_features = slice(inputs.action_features);
    sample.action_mask = slice(inputs.action_mask);
    sample.action_position_ids = slice(inputs.action_position_ids);
    sample.action_segment_ids = slice(inputs.action_segment_ids);
    sample.region_features = slice(inputs.region_features);
    sample.region_boxes = slice(inputs.region_boxes);
    sample.region_mask = slice(inputs.region_mask);
    sample.region_position_ids = slice(inputs.region_position_ids);
    sample.region_segment_ids = slice(inputs.region_segment_ids);
    return sample;
}

models::ActBertConfig tinyWithoutDropout(models::TangleVariant variant) {
    auto config = models::ActBertConfig::tiny();
    config.tangle = variant;
    for (auto* stream : {&config.text, &config.region, &config.action}) {
        stream->hidden_dropout = 0;
        stream->attention_dropout = 0;
    }
    config.tangle_attention_dropout = 0;
    return config;
}

}  // namespace actbert::tests
