#include "ui/timeline/timelinetext.h"

#include <QCoreApplication>

namespace actbert::ui {

QString displayTrackName(const TimelineTrack& track) {
    if (track.name.toStdString() != store::toString(track.kind)) {
        return track.name;
    }
    // The literals are spelled out so that lupdate finds them.
    switch (track.kind) {
        case TrackKind::ActionSegmentation:
            return QCoreApplication::translate("actbert::ui::TimelineText", "Actions");
        case TrackKind::Steps:
            return QCoreApplication::translate("actbert::ui::TimelineText", "Steps");
        case TrackKind::Captions:
            return QCoreApplication::translate("actbert::ui::TimelineText", "Captions");
        case TrackKind::Regions:
            return QCoreApplication::translate("actbert::ui::TimelineText", "Regions");
        case TrackKind::Free:
            return QCoreApplication::translate("actbert::ui::TimelineText", "Free");
    }
    return track.name;
}

QString displayLabel(const QString& stored_label) {
    return stored_label.isEmpty()
               ? QCoreApplication::translate("actbert::ui::TimelineText", "unlabelled")
               : stored_label;
}

}  // namespace actbert::ui
