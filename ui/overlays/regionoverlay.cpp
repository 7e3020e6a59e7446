#include "ui/overlays/regionoverlay.h"

#include <QFontMetrics>
#include <QPainter>

namespace actbert::ui {

void RegionOverlay::paint(QPainter& painter, const OverlayContext& context) const {
    if (!lookup_ || context.frame_index < 0) {
        return;
    }
    const QFontMetrics metrics = painter.fontMetrics();
    for (const RegionBox& region : lookup_(context.frame_index)) {
        const QRectF rect = context.toWidget(region.box_px);
        const QColor colour =
            QColor::fromHsv(static_cast<int>(qHash(region.label) % 360U), 220, 255);
        painter.setPen(QPen(colour, 2));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(rect);
        const QString text =
            region.score >= 0
                ? QStringLiteral("%1 %2").arg(region.label).arg(region.score, 0, 'f', 2)
                : region.label;
        const QRectF label_rect(rect.left(), rect.top() - metrics.height() - 2,
                                metrics.horizontalAdvance(text) + 6, metrics.height() + 2);
        painter.fillRect(label_rect, colour);
        painter.setPen(Qt::black);
        painter.drawText(label_rect, Qt::AlignCenter, text);
    }
}

}  // namespace actbert::ui
