#pragma once
// What the user reads for stored names and labels. The store keeps them language-neutral
// (an empty label, a default track named by its kind's stable name) so that a German
// user's corrections write the same data as an English user's; translation happens here,
// when showing them, and nowhere on the way into the store.
// Threading: GUI thread (reads the installed translators).

#include <QString>

#include "ui/timeline/timelinetypes.h"

namespace actbert::ui {

// The track's stored name, or the translated name of its kind for a default track.
QString displayTrackName(const TimelineTrack& track);
// The stored label, or a translated "unlabelled" for an empty one.
QString displayLabel(const QString& stored_label);

}  // namespace actbert::ui
