#include "ui/overlays/tracktextoverlay.h"

#include <QPainter>

#include <algorithm>

#include "ui/timeline/timelinemodel.h"

namespace actbert::ui {

TrackTextOverlay::TrackTextOverlay(ModelGetter model, TrackKind kind, TextPlacement placement)
    : model_(std::move(model)), kind_(kind), placement_(placement) {}

QString TrackTextOverlay::textAt(std::int64_t frame_index) const {
    const TimelineModel* model = model_ ? model_() : nullptr;
    if (model == nullptr) {
        return {};
    }
    for (int t = 0; t < model->trackCount(); ++t) {
        if (model->track(t).kind != kind_) {
            continue;
        }
        const int index = model->indexAtFrame(t, frame_index);
        return index < 0 ? QString() : model->items(t)[static_cast<std::size_t>(index)].label;
    }
    return {};
}

void TrackTextOverlay::paint(QPainter& painter, const OverlayContext& context) const {
    const QString text = textAt(context.frame_index);
    if (text.isEmpty()) {
        return;
    }
    QFont font = painter.font();
    // Subtitles scale with the picture, like a player's, but stay readable when small.
    font.setPixelSize(std::max(12, static_cast<int>(context.video_rect.height() / 18)));
    painter.setFont(font);
    const QFontMetrics metrics(font);
    const QRectF area = context.video_rect.adjusted(12, 8, -12, -8);
    const QRectF bounds =
        metrics.boundingRect(area.toRect(), Qt::TextWordWrap | Qt::AlignHCenter, text);
    QRectF box = bounds.adjusted(-8, -4, 8, 4);
    if (placement_ == TextPlacement::BottomSubtitle) {
        box.moveBottom(area.bottom());
        box.moveLeft(area.center().x() - box.width() / 2);
    } else {
        box.moveTopLeft(area.topLeft());
    }
    painter.fillRect(box, QColor(0, 0, 0, 170));
    painter.setPen(placement_ == TextPlacement::BottomSubtitle ? Qt::white : QColor(255, 220, 120));
    painter.drawText(box, Qt::TextWordWrap | Qt::AlignCenter, text);
}

}  // namespace actbert::ui
