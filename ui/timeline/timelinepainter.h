#pragma once
// Paints the timeline: ruler, track headers, items, in/out range, drag preview and playhead.
// Only what is visible is touched: items are found by binary search on their start frame,
// and when zoomed out so far that items are thinner than a pixel, one item per pixel column
// is drawn (the search jumps to the next column), so a paint costs O(width * log items).
// Threading: GUI thread only.

#include <QCoreApplication>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

#include "ui/timeline/timelinegeometry.h"
#include "ui/timeline/timelinemodel.h"

class QPainter;

namespace actbert::ui {

struct TimelinePaintState {
    std::int64_t playhead_frame = 0;
    int current_track = 0;
    int selected_track = -1;
    std::int64_t selected_item_id = -1;
    std::optional<std::int64_t> in_frame;
    std::optional<std::int64_t> out_frame;
    // An edge being dragged: where it would land if released now.
    int drag_track = -1;
    std::optional<std::int64_t> drag_frame;
};

class TimelinePainter {
    Q_DECLARE_TR_FUNCTIONS(actbert::ui::TimelinePainter)
public:
    // max_length_frames[i]: the longest item of track i, so overlapping items that start
    // left of the view but reach into it are found by the binary search.
    void paint(QPainter& painter, const TimelineModel& model, const TimelineGeometry& geometry,
               const TimelinePaintState& state,
               const std::vector<std::int64_t>& max_length_frames) const;

    // Ruler step: frames between labelled ticks so labels stay at least ~90 px apart.
    static std::int64_t rulerStepFrames(double pixels_per_frame, double frames_per_second);
    static QString timeCode(std::int64_t frame, double frames_per_second);

private:
    void paintRuler(QPainter& painter, const TimelineModel& model,
                    const TimelineGeometry& geometry) const;
    void paintTrack(QPainter& painter, const TimelineModel& model, const TimelineGeometry& geometry,
                    const TimelinePaintState& state, int track_index,
                    std::int64_t max_length_frames) const;
    void paintHeaders(QPainter& painter, const TimelineModel& model,
                      const TimelineGeometry& geometry, const TimelinePaintState& state) const;
};

}  // namespace actbert::ui
