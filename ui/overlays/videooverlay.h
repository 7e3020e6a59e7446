#pragma once
// One layer drawn over the video: region boxes, the current caption, the current step, and
// later attention heatmaps. The video view paints its enabled overlays in order after the
// frame, handing each the frame's geometry on screen, so an overlay only maps frame pixels
// to the widget and draws.
// Threading: GUI thread only; paint() must not block (data is looked up in memory).

#include <QRectF>
#include <QSize>
#include <QString>

#include <cstdint>

class QPainter;

namespace actbert::ui {

struct OverlayContext {
    std::int64_t frame_index = -1;
    double time_s = 0.0;
    QSize frame_size;   // the decoded frame, in pixels
    QRectF video_rect;  // where the frame is drawn in the widget
    // Maps a point in frame pixels to widget coordinates.
    QPointF toWidget(const QPointF& frame_point) const {
        return {video_rect.x() + frame_point.x() * video_rect.width() / frame_size.width(),
                video_rect.y() + frame_point.y() * video_rect.height() / frame_size.height()};
    }
    QRectF toWidget(const QRectF& frame_rect) const {
        return {toWidget(frame_rect.topLeft()), toWidget(frame_rect.bottomRight())};
    }
};

class VideoOverlay {
public:
    virtual ~VideoOverlay() = default;
    virtual void paint(QPainter& painter, const OverlayContext& context) const = 0;
};

}  // namespace actbert::ui
