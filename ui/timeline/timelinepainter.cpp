#include "ui/timeline/timelinepainter.h"

#include <QPainter>
#include <QPalette>

#include <algorithm>
#include <array>
#include <cmath>

#include "ui/timeline/timelinetext.h"

namespace actbert::ui {

namespace {

QColor itemColour(const TimelineItem& item) {
    // Stable hue per label, so the same action has the same colour everywhere.
    const int hue = static_cast<int>(qHash(item.label) % 360U);
    if (item.review == ReviewState::Rejected) {
        return QColor(150, 150, 150);
    }
    // Confidence is shown as colour intensity: pale = unsure, saturated = sure. Human items
    // (no confidence) are fully saturated.
    const double confidence = item.confidence < 0 ? 1.0 : std::clamp(item.confidence, 0.0, 1.0);
    return QColor::fromHsv(hue, 40 + static_cast<int>(confidence * 175.0),
                           245 - static_cast<int>(confidence * 45.0));
}

}  // namespace

std::int64_t TimelinePainter::rulerStepFrames(double pixels_per_frame, double frames_per_second) {
    const double min_step_frames = 90.0 / pixels_per_frame;
    const auto fps = std::max<std::int64_t>(1, std::llround(frames_per_second));
    // Frame steps under a second, then whole-second steps.
    const std::array<std::int64_t, 4> frame_steps{1, 2, 5, 10};
    for (auto step : frame_steps) {
        if (step < fps && step >= min_step_frames) {
            return step;
        }
    }
    const std::array<std::int64_t, 12> second_steps{1,  2,   5,   10,  15,   30,
                                                    60, 120, 300, 600, 1800, 3600};
    for (auto seconds : second_steps) {
        if (static_cast<double>(seconds * fps) >= min_step_frames) {
            return seconds * fps;
        }
    }
    return static_cast<std::int64_t>(std::ceil(min_step_frames / (3600.0 * fps))) * 3600 * fps;
}

QString TimelinePainter::timeCode(std::int64_t frame, double frames_per_second) {
    const double fps = frames_per_second > 0 ? frames_per_second : 25.0;
    const auto fps_whole = std::max<std::int64_t>(1, std::llround(fps));
    const auto total_s = static_cast<std::int64_t>(std::floor(static_cast<double>(frame) / fps));
    const std::int64_t frames_in_second =
        frame - static_cast<std::int64_t>(std::llround(static_cast<double>(total_s) * fps));
    const std::int64_t hours = total_s / 3600;
    const std::int64_t minutes = (total_s / 60) % 60;
    const std::int64_t seconds = total_s % 60;
    const QString clock =
        hours > 0 ? QStringLiteral("%1:%2:%3")
                        .arg(hours)
                        .arg(minutes, 2, 10, QLatin1Char('0'))
                        .arg(seconds, 2, 10, QLatin1Char('0'))
                  : QStringLiteral("%1:%2").arg(minutes).arg(seconds, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1.%2").arg(clock).arg(
        std::clamp<std::int64_t>(frames_in_second, 0, fps_whole - 1), fps_whole >= 100 ? 3 : 2, 10,
        QLatin1Char('0'));
}

void TimelinePainter::paint(QPainter& painter, const TimelineModel& model,
                            const TimelineGeometry& geometry, const TimelinePaintState& state,
                            const std::vector<std::int64_t>& max_length_frames) const {
    const QPalette palette;
    painter.fillRect(QRect(0, 0, geometry.width_px, geometry.height_px), palette.base());
    painter.save();
    painter.setClipRect(
        QRect(TimelineGeometry::kHeaderWidthPx, 0, geometry.laneWidthPx(), geometry.height_px));
    // The in/out range sits under the items so they stay readable.
    if (state.in_frame && state.out_frame && *state.out_frame > *state.in_frame) {
        const double x0 = geometry.xForFrame(static_cast<double>(*state.in_frame));
        const double x1 = geometry.xForFrame(static_cast<double>(*state.out_frame));
        painter.fillRect(QRectF(x0, 0, x1 - x0, geometry.height_px), QColor(80, 140, 255, 40));
    }
    for (int t = 0; t < model.trackCount(); ++t) {
        if (geometry.trackTopPx(t) > geometry.height_px) {
            break;
        }
        const std::int64_t max_len =
            t < static_cast<int>(max_length_frames.size()) ? max_length_frames[t] : 0;
        paintTrack(painter, model, geometry, state, t, max_len);
    }
    paintRuler(painter, model, geometry);
    const auto mark = [&](std::optional<std::int64_t> frame, const QColor& colour) {
        if (frame) {
            const double x = geometry.xForFrame(static_cast<double>(*frame));
            painter.setPen(QPen(colour, 1, Qt::DashLine));
            painter.drawLine(QPointF(x, 0), QPointF(x, geometry.height_px));
        }
    };
    mark(state.in_frame, QColor(40, 90, 220));
    mark(state.out_frame, QColor(40, 90, 220));
    if (state.drag_frame && state.drag_track >= 0) {
        const double x = geometry.xForFrame(static_cast<double>(*state.drag_frame));
        painter.setPen(QPen(QColor(255, 140, 0), 2));
        const int top = geometry.trackTopPx(state.drag_track);
        painter.drawLine(QPointF(x, top), QPointF(x, top + TimelineGeometry::kTrackHeightPx));
    }
    // The playhead covers the whole frame it shows when a frame is wider than a line.
    const double x0 = geometry.xForFrame(static_cast<double>(state.playhead_frame));
    const double frame_w = std::max(1.0, geometry.pixels_per_frame);
    if (frame_w > 3.0) {
        painter.fillRect(QRectF(x0, 0, frame_w, geometry.height_px), QColor(220, 30, 30, 50));
    }
    painter.setPen(QPen(QColor(220, 30, 30), 1));
    painter.drawLine(QPointF(x0, 0), QPointF(x0, geometry.height_px));
    painter.restore();
    paintHeaders(painter, model, geometry, state);
}

void TimelinePainter::paintRuler(QPainter& painter, const TimelineModel& model,
                                 const TimelineGeometry& geometry) const {
    const QPalette palette;
    painter.fillRect(QRect(0, 0, geometry.width_px, TimelineGeometry::kRulerHeightPx),
                     palette.window());
    const double fps = model.framesPerSecond();
    const std::int64_t step = rulerStepFrames(geometry.pixels_per_frame, fps);
    const std::int64_t minor = step >= 5 ? step / 5 : 1;
    const auto first = static_cast<std::int64_t>(std::floor(geometry.firstVisibleFrame()));
    const auto last = std::min<std::int64_t>(
        model.frameCount(), static_cast<std::int64_t>(std::ceil(geometry.lastVisibleFrame())));
    const int bottom = TimelineGeometry::kRulerHeightPx;
    painter.setPen(palette.color(QPalette::WindowText));
    if (minor * geometry.pixels_per_frame >= 4.0) {
        for (std::int64_t f = (first / minor) * minor; f <= last; f += minor) {
            const double x = geometry.xForFrame(static_cast<double>(f));
            painter.drawLine(QPointF(x, bottom - 4), QPointF(x, bottom));
        }
    }
    for (std::int64_t f = (first / step) * step; f <= last; f += step) {
        const double x = geometry.xForFrame(static_cast<double>(f));
        painter.drawLine(QPointF(x, bottom - 10), QPointF(x, bottom));
        painter.drawText(QPointF(x + 3, bottom - 12), timeCode(f, fps));
    }
    painter.drawLine(0, bottom, geometry.width_px, bottom);
}

void TimelinePainter::paintTrack(QPainter& painter, const TimelineModel& model,
                                 const TimelineGeometry& geometry, const TimelinePaintState& state,
                                 int track_index, std::int64_t max_length_frames) const {
    const int top = geometry.trackTopPx(track_index);
    const int height = TimelineGeometry::kTrackHeightPx;
    if (track_index == state.current_track) {
        painter.fillRect(
            QRect(TimelineGeometry::kHeaderWidthPx, top, geometry.laneWidthPx(), height),
            QColor(120, 160, 255, 25));
    }
    painter.setPen(QColor(200, 200, 200));
    painter.drawLine(0, top + height - 1, geometry.width_px, top + height - 1);

    const auto& items = model.items(track_index);
    const double first_frame = geometry.firstVisibleFrame();
    const double last_frame = geometry.lastVisibleFrame();
    const auto search_from = static_cast<std::int64_t>(std::floor(first_frame)) - max_length_frames;
    auto it = std::lower_bound(
        items.begin(), items.end(), search_from,
        [](const TimelineItem& item, std::int64_t f) { return item.start_frame < f; });
    const QFontMetrics metrics = painter.fontMetrics();
    double last_column_x = -1e9;
    while (it != items.end() && static_cast<double>(it->start_frame) <= last_frame) {
        const TimelineItem& item = *it;
        if (static_cast<double>(item.end_frame) < first_frame) {
            ++it;
            continue;
        }
        const double x0 = geometry.xForFrame(static_cast<double>(item.start_frame));
        const double x1 = geometry.xForFrame(static_cast<double>(item.end_frame));
        const QRectF rect(x0, top + 3, std::max(1.0, x1 - x0), height - 6);
        painter.fillRect(rect, itemColour(item));
        const bool selected =
            track_index == state.selected_track && item.id == state.selected_item_id;
        if (rect.width() >= 3.0 || selected) {
            painter.setPen(selected ? QPen(QColor(20, 20, 20), 2) : QPen(QColor(90, 90, 90)));
            painter.drawRect(rect);
        }
        if (item.review == ReviewState::Rejected && rect.width() >= 3.0) {
            painter.fillRect(rect, QBrush(QColor(80, 80, 80), Qt::BDiagPattern));
        } else if (item.approved() && rect.width() >= 6.0) {
            painter.fillRect(QRectF(x0, top + height - 6, rect.width(), 2), QColor(30, 140, 60));
        }
        if (rect.width() > 24.0) {
            painter.setPen(QColor(20, 20, 20));
            const QRectF text_rect = rect.adjusted(4, 0, -3, 0);
            painter.drawText(text_rect, Qt::AlignVCenter | Qt::AlignLeft,
                             metrics.elidedText(displayLabel(item.label), Qt::ElideRight,
                                                static_cast<int>(text_rect.width())));
        }
        last_column_x = std::floor(x1);
        ++it;
        // Zoomed out, many items share a pixel column: skip to the first item starting in
        // the next column instead of painting the ones hidden under this one.
        if (geometry.pixels_per_frame < 1.0 && it != items.end() &&
            geometry.xForFrame(static_cast<double>(it->start_frame)) < last_column_x + 1.0) {
            const auto next_column_frame = static_cast<std::int64_t>(
                std::ceil(static_cast<double>(geometry.frameAtX(last_column_x + 1.0) + 1)));
            it = std::lower_bound(
                it, items.end(), next_column_frame,
                [](const TimelineItem& i, std::int64_t f) { return i.start_frame < f; });
        }
    }
}

void TimelinePainter::paintHeaders(QPainter& painter, const TimelineModel& model,
                                   const TimelineGeometry& geometry,
                                   const TimelinePaintState& state) const {
    const QPalette palette;
    const int width = TimelineGeometry::kHeaderWidthPx;
    painter.fillRect(QRect(0, 0, width, geometry.height_px), palette.window());
    painter.setPen(palette.color(QPalette::WindowText));
    painter.drawText(QRect(6, 0, width - 8, TimelineGeometry::kRulerHeightPx),
                     Qt::AlignVCenter | Qt::AlignLeft,
                     timeCode(state.playhead_frame, model.framesPerSecond()));
    for (int t = 0; t < model.trackCount(); ++t) {
        const QRect rect(0, geometry.trackTopPx(t), width, TimelineGeometry::kTrackHeightPx);
        if (t == state.current_track) {
            painter.fillRect(rect, palette.highlight());
            painter.setPen(palette.color(QPalette::HighlightedText));
        } else {
            painter.setPen(palette.color(QPalette::WindowText));
        }
        const TimelineTrack& track = model.track(t);
        const QString suffix = track.isPartition() ? tr(" (partition)") : QString();
        painter.drawText(rect.adjusted(6, 0, -4, 0), Qt::AlignVCenter | Qt::AlignLeft,
                         painter.fontMetrics().elidedText(displayTrackName(track) + suffix,
                                                          Qt::ElideRight, width - 10));
    }
    painter.setPen(QColor(160, 160, 160));
    painter.drawLine(width - 1, 0, width - 1, geometry.height_px);
}

}  // namespace actbert::ui
