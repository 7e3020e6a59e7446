#pragma once
// What the timeline widget reads: the project's tracks and their items, plus the video's
// length. The implementation adapts the project store (a temporary one without a project) and
// emit the signals after every change so the widget repaints.
// Threading: GUI thread only; implementations must not block (the store answers from its
// in-memory copy, never by a query per paint).

#include <QObject>

#include <cstdint>
#include <vector>

#include "ui/timeline/timelinetypes.h"

namespace actbert::ui {

class TimelineModel : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    ~TimelineModel() override = default;

    virtual int trackCount() const = 0;
    virtual const TimelineTrack& track(int track_index) const = 0;
    // Sorted by start_frame, then id. Items of a partition track do not overlap.
    virtual const std::vector<TimelineItem>& items(int track_index) const = 0;
    virtual std::int64_t frameCount() const = 0;
    virtual double framesPerSecond() const = 0;

    // Index into items(track_index) of the item with this id, or -1.
    int indexOfItem(int track_index, std::int64_t item_id) const;
    // Index of the item covering `frame` on the track (the last one when several do), or -1.
    int indexAtFrame(int track_index, std::int64_t frame) const;

Q_SIGNALS:
    // The set of tracks (or the video) changed: everything is re-read.
    void tracksReset();
    // Items of one track changed.
    void itemsChanged(int track_index);
};

}  // namespace actbert::ui
