#pragma once
// Text of the timeline item under the playhead, drawn over the video: the current caption
// as a subtitle at the bottom, or the current step's name as a badge at the top. Reads the
// first track of the given kind from the current TimelineModel, so edits show at once.
// Threading: GUI thread only.

#include <functional>

#include "ui/overlays/videooverlay.h"
#include "ui/timeline/timelinetypes.h"

namespace actbert::ui {

class TimelineModel;

enum class TextPlacement { BottomSubtitle, TopBadge };

class TrackTextOverlay : public VideoOverlay {
public:
    // Asks for the current model at each paint (the studio switches models when a project
    // video opens); a null model draws nothing.
    using ModelGetter = std::function<const TimelineModel*()>;
    TrackTextOverlay(ModelGetter model, TrackKind kind, TextPlacement placement);

    void paint(QPainter& painter, const OverlayContext& context) const override;
    // The text shown at `frame_index`, empty when no item covers it.
    QString textAt(std::int64_t frame_index) const;

private:
    ModelGetter model_;
    TrackKind kind_;
    TextPlacement placement_;
};

}  // namespace actbert::ui
