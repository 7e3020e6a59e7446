#pragma once
// One region found in a frame: its box, how sure the detector is, and the detector's class
// distribution (the masked-object target of pretraining).
// Threading: plain data.

#include <vector>

namespace actbert::features {

struct Detection {
    // Box corners in frame pixels (x to the right, y down), x1 <= x2, y1 <= y2.
    float x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    float score = 0;    // confidence of the best class, in [0, 1]
    int class_id = -1;  // index into the detector's class names; -1 when it has no classes
    // Per-class scores normalised to sum to 1 (empty for detectors without classes).
    std::vector<float> class_distribution;

    float width() const { return x2 - x1; }
    float height() const { return y2 - y1; }
    float area() const { return width() * height(); }
};

// Intersection over union of two boxes; 0 when either is empty.
float intersectionOverUnion(const Detection& a, const Detection& b);

// Greedy per-class non-maximum suppression: keeps boxes by falling score, dropping those that
// overlap a kept box of the same class by more than `iou_threshold`, then keeps at most
// `max_boxes`. Returns the kept boxes by falling score.
std::vector<Detection> suppressNonMaxima(std::vector<Detection> candidates, float iou_threshold,
                                         int max_boxes);

}  // namespace actbert::features
