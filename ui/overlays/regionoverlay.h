#pragma once
// Region boxes with class and score for the frame on screen (detector output or annotated
// regions). The boxes come from a lookup the integration provides (the project store's
// regions track, or detections held in memory).
// Threading: GUI thread only.

#include <QRectF>
#include <QString>

#include <cstdint>
#include <functional>
#include <vector>

#include "ui/overlays/videooverlay.h"

namespace actbert::ui {

struct RegionBox {
    QRectF box_px;  // in frame pixels
    QString label;
    double score = -1.0;  // negative: no score (a human box)
};

class RegionOverlay : public VideoOverlay {
public:
    using Lookup = std::function<std::vector<RegionBox>(std::int64_t frame_index)>;
    explicit RegionOverlay(Lookup lookup) : lookup_(std::move(lookup)) {}

    void paint(QPainter& painter, const OverlayContext& context) const override;

private:
    Lookup lookup_;
};

}  // namespace actbert::ui
