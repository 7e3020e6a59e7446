#pragma once
// One edit of one track as a replacement: the items before and after. Every user action
// on the timeline (drag, split, merge, relabel, delete, review, create) becomes one change,
// so undo is "apply the change backwards" and a store adapter maps it onto one command.
// Threading: plain value.

#include <QString>

#include <vector>

#include "ui/timeline/timelinetypes.h"

namespace actbert::ui {

enum class ChangeDirection { Forward, Backward };

struct TimelineChange {
    int track_index = -1;
    std::vector<TimelineItem> before;  // items removed (by id) when applied forward
    std::vector<TimelineItem> after;   // items inserted when applied forward
    QString description;               // shown in the undo history ("Split 'pour'")
};

}  // namespace actbert::ui
