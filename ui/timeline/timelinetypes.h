#pragma once
// Plain values the timeline shows: tracks and their items. The timeline never owns the
// truth; a TimelineModel over the project store does (a temporary store when no project is
// open). Kinds, review states and edges are the store's own enums, not copies, so there is
// one set of rules and one vocabulary from the database to the screen.
// Names and labels are stored language-neutral (see timelinetext.h for what is shown).
// Threading: plain values, copy freely between threads.

#include <QString>
#include <QStringList>

#include <cstdint>

#include "core/store/edit_command.h"
#include "core/store/store_types.h"

namespace actbert::ui {

using store::Edge;
using store::ReviewState;
using store::TrackKind;

struct TimelineItem {
    std::int64_t id = 0;
    std::int64_t start_frame = 0;  // first frame of the item
    std::int64_t end_frame = 0;    // one past the last frame (half-open interval)
    QString label;                 // as stored: empty means unlabelled
    double confidence = -1.0;      // in [0, 1]; negative when the item has no confidence (human)
    ReviewState review = ReviewState::Unreviewed;

    std::int64_t lengthFrames() const { return end_frame - start_frame; }
    bool contains(std::int64_t frame) const { return frame >= start_frame && frame < end_frame; }
    // Accepted, or changed by a human (as good as accepted on screen).
    bool approved() const {
        return review == ReviewState::Accepted || review == ReviewState::Edited;
    }
};

struct TimelineTrack {
    std::int64_t id = 0;
    QString name;  // as stored; the default tracks are named by their kind's stable name
    TrackKind kind = TrackKind::Free;
    QStringList vocabulary;  // labels offered when relabelling, in display order

    // Action segmentation covers the video without gaps, so moving a shared boundary moves
    // both neighbours; other tracks hold independent intervals.
    bool isPartition() const { return kind == TrackKind::ActionSegmentation; }
};

}  // namespace actbert::ui
