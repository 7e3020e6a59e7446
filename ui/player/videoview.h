#pragma once
// Paints the frame on screen, letterboxed to keep its aspect ratio, then each enabled
// overlay. It holds the frame it shows (a shared QImage) and never decodes.
// Threading: GUI thread only.

#include <QWidget>

#include <memory>
#include <vector>

#include "ui/overlays/videooverlay.h"
#include "ui/player/framesource.h"

namespace actbert::ui {

class VideoView : public QWidget {
    Q_OBJECT
public:
    explicit VideoView(QWidget* parent = nullptr);

    // Returns the overlay's handle for setOverlayEnabled; overlays paint in the order added.
    int addOverlay(std::unique_ptr<VideoOverlay> overlay, bool enabled = true);
    bool overlayEnabled(int handle) const;
    const DecodedFrame& frame() const { return frame_; }
    // Where the frame is drawn at the widget's current size.
    QRectF videoRect() const;

public Q_SLOTS:
    void setFrame(const actbert::ui::DecodedFrame& frame);
    void clearFrame();
    void setOverlayEnabled(int handle, bool enabled);

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    struct Layer {
        std::unique_ptr<VideoOverlay> overlay;
        bool enabled = true;
    };
    DecodedFrame frame_;
    std::vector<Layer> layers_;
};

}  // namespace actbert::ui
