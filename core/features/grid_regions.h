#pragma once
// The "no detector" region source: fixed boxes from a regular grid, optionally with the whole
// frame as one more region. The boxes carry no class distribution. Used as is, or as the
// cells a learned-regions module aggregates.
// Threading: immutable after construction; safe from any thread.

#include "core/features/detector.h"

namespace actbert::features {

enum class WholeFrameRegion { Include, Exclude };

class GridRegions : public Detector {
public:
    // rows x cols cells (each in [1, 16]). The default 2x2 + whole frame gives the paper's
    // five regions per frame.
    GridRegions(int rows = 2, int cols = 2, WholeFrameRegion whole = WholeFrameRegion::Include);

    std::vector<Detection> detect(const cv::Mat& bgr_frame, double time_s) override;
    const std::vector<std::string>& classNames() const override { return no_classes_; }
    int maxBoxes() const override;
    std::string describe() const override;

private:
    int rows_;
    int cols_;
    WholeFrameRegion whole_;
    std::vector<std::string> no_classes_;
};

}  // namespace actbert::features
