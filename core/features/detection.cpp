#include "core/features/detection.h"

#include <algorithm>

namespace actbert::features {

float intersectionOverUnion(const Detection& a, const Detection& b) {
    const float ix = std::max(0.0f, std::min(a.x2, b.x2) - std::max(a.x1, b.x1));
    const float iy = std::max(0.0f, std::min(a.y2, b.y2) - std::max(a.y1, b.y1));
    const float intersection = ix * iy;
    const float union_area = a.area() + b.area() - intersection;
    return union_area > 0 ? intersection / union_area : 0.0f;
}

std::vector<Detection> suppressNonMaxima(std::vector<Detection> candidates, float iou_threshold,
                                         int max_boxes) {
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Detection& a, const Detection& b) { return a.score > b.score; });
    std::vector<Detection> kept;
    for (auto& candidate : candidates) {
        if (static_cast<int>(kept.size()) >= max_boxes) {
            break;
        }
        const bool overlaps = std::any_of(kept.begin(), kept.end(), [&](const Detection& k) {
            return k.class_id == candidate.class_id &&
                   intersectionOverUnion(k, candidate) > iou_threshold;
        });
        if (!overlaps) {
            kept.push_back(std::move(candidate));
        }
    }
    return kept;
}

}  // namespace actbert::features
