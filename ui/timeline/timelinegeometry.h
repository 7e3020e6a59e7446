#pragma once
// Where things are on the timeline: the mapping between frames and pixels, shared by the
// painter and the mouse handling so a click lands exactly where an item was drawn.
// Threading: plain value.

#include <QRect>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace actbert::ui {

struct TimelineGeometry {
    static constexpr int kHeaderWidthPx = 150;
    static constexpr int kRulerHeightPx = 26;
    static constexpr int kTrackHeightPx = 32;
    // Closest zoom: one frame is this wide, enough to grab either edge of a one-frame item.
    static constexpr double kMaxPixelsPerFrame = 48.0;

    double pixels_per_frame = 1.0;
    double scroll_px = 0.0;  // pixels of the timeline scrolled out on the left
    int width_px = 0;        // whole viewport, headers included
    int height_px = 0;

    int laneWidthPx() const { return std::max(1, width_px - kHeaderWidthPx); }
    double xForFrame(double frame) const {
        return kHeaderWidthPx + frame * pixels_per_frame - scroll_px;
    }
    // The frame whose interval [frame, frame + 1) contains x.
    std::int64_t frameAtX(double x) const {
        return static_cast<std::int64_t>(
            std::floor((x - kHeaderWidthPx + scroll_px) / pixels_per_frame));
    }
    // The frame boundary nearest to x (where an item edge dropped at x lands).
    std::int64_t boundaryAtX(double x) const {
        return static_cast<std::int64_t>(
            std::llround((x - kHeaderWidthPx + scroll_px) / pixels_per_frame));
    }
    double firstVisibleFrame() const { return scroll_px / pixels_per_frame; }
    double lastVisibleFrame() const { return (scroll_px + laneWidthPx()) / pixels_per_frame; }
    int trackTopPx(int track_index) const { return kRulerHeightPx + track_index * kTrackHeightPx; }
    // -1 for the ruler, -2 below the last track (caller checks the count).
    int trackAtY(int y) const {
        return y < kRulerHeightPx ? -1 : (y - kRulerHeightPx) / kTrackHeightPx;
    }
};

}  // namespace actbert::ui
