#include "ui/player/videoview.h"

#include <QPainter>

namespace actbert::ui {

VideoView::VideoView(QWidget* parent) : QWidget(parent) {
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(160, 90);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

int VideoView::addOverlay(std::unique_ptr<VideoOverlay> overlay, bool enabled) {
    layers_.push_back(Layer{std::move(overlay), enabled});
    update();
    return static_cast<int>(layers_.size()) - 1;
}

bool VideoView::overlayEnabled(int handle) const {
    return handle >= 0 && handle < static_cast<int>(layers_.size()) &&
           layers_[static_cast<std::size_t>(handle)].enabled;
}

void VideoView::setOverlayEnabled(int handle, bool enabled) {
    if (handle >= 0 && handle < static_cast<int>(layers_.size())) {
        layers_[static_cast<std::size_t>(handle)].enabled = enabled;
        update();
    }
}

void VideoView::setFrame(const DecodedFrame& frame) {
    frame_ = frame;
    update();
}

void VideoView::clearFrame() {
    frame_ = {};
    update();
}

QRectF VideoView::videoRect() const {
    if (frame_.image.isNull()) {
        return {};
    }
    const QSizeF scaled = QSizeF(frame_.image.size()).scaled(size(), Qt::KeepAspectRatio);
    return {(width() - scaled.width()) / 2.0, (height() - scaled.height()) / 2.0, scaled.width(),
            scaled.height()};
}

void VideoView::paintEvent(QPaintEvent* /*event*/) {
    QPainter painter(this);
    painter.fillRect(rect(), Qt::black);
    if (frame_.image.isNull()) {
        painter.setPen(Qt::gray);
        painter.drawText(rect(), Qt::AlignCenter, tr("No video"));
        return;
    }
    const QRectF target = videoRect();
    // At 1:1 the frame is copied untouched; scaled, it is filtered for a clean picture.
    painter.setRenderHint(QPainter::SmoothPixmapTransform, target.size() != frame_.image.size());
    painter.drawImage(target, frame_.image);
    OverlayContext context;
    context.frame_index = frame_.index;
    context.time_s = frame_.time_s;
    context.frame_size = frame_.image.size();
    context.video_rect = target;
    for (const Layer& layer : layers_) {
        if (layer.enabled) {
            painter.save();
            layer.overlay->paint(painter, context);
            painter.restore();
        }
    }
}

}  // namespace actbert::ui
