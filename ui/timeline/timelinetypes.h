#pragma once
// Plain values the timeline shows: tracks and their items. The timeline never owns the
// truth; a TimelineModel (backed by the project store, or by memory in tests) does.
// Threading: plain values, copy freely between threads.

#include <QString>
#include <QStringList>

#include <cstdint>

namespace actbert::ui {

enum class ReviewState { Unreviewed, Accepted, Rejected };

// Partition tracks (action segmentation) cover the video without gaps, so moving a shared
// boundary moves both neighbours; free tracks hold independent intervals.
enum class TrackLayout { Free, Partition };

enum class ItemEdge { Start, End };

// What a track holds; overlays pick their track by kind (the caption overlay shows the
// Captions track, the step overlay the Steps track).
enum class TrackKind { Segmentation, Steps, Captions, Regions, Free };

struct TimelineItem {
    std::int64_t id = 0;
    std::int64_t start_frame = 0;  // first frame of the item
    std::int64_t end_frame = 0;    // one past the last frame (half-open interval)
    QString label;
    double confidence = -1.0;  // in [0, 1]; negative when the item has no confidence (human)
    ReviewState review = ReviewState::Unreviewed;

    std::int64_t lengthFrames() const { return end_frame - start_frame; }
    bool contains(std::int64_t frame) const { return frame >= start_frame && frame < end_frame; }
};

struct TimelineTrack {
    std::int64_t id = 0;
    QString name;
    TrackLayout layout = TrackLayout::Free;
    QStringList vocabulary;
    TrackKind kind = TrackKind::Free;  // labels offered when relabelling, in display order
};

}  // namespace actbert::ui
