#include "core/features/grid_regions.h"

#include "core/common/error.h"

namespace actbert::features {

GridRegions::GridRegions(int rows, int cols, WholeFrameRegion whole)
    : rows_(rows), cols_(cols), whole_(whole) {
    if (rows < 1 || rows > 16 || cols < 1 || cols > 16) {
        throw Error("grid regions: rows and columns must be in [1, 16], got " +
                    std::to_string(rows) + "x" + std::to_string(cols));
    }
}

std::vector<Detection> GridRegions::detect(const cv::Mat& bgr_frame, double /*time_s*/) {
    const auto width = static_cast<float>(bgr_frame.cols);
    const auto height = static_cast<float>(bgr_frame.rows);
    std::vector<Detection> boxes;
    if (whole_ == WholeFrameRegion::Include) {
        boxes.push_back(Detection{0, 0, width, height, 1.0f, -1, {}});
    }
    for (int row = 0; row < rows_; ++row) {
        for (int col = 0; col < cols_; ++col) {
            boxes.push_back(Detection{width * col / cols_,
                                      height * row / rows_,
                                      width * (col + 1) / cols_,
                                      height * (row + 1) / rows_,
                                      1.0f,
                                      -1,
                                      {}});
        }
    }
    return boxes;
}

int GridRegions::maxBoxes() const {
    return rows_ * cols_ + (whole_ == WholeFrameRegion::Include ? 1 : 0);
}

std::string GridRegions::describe() const {
    return "grid " + std::to_string(rows_) + "x" + std::to_string(cols_) +
           (whole_ == WholeFrameRegion::Include ? "+frame" : "");
}

}  // namespace actbert::features
