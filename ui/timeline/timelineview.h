#pragma once
// The multi-track timeline: ruler, playhead, track headers, zoom from the whole video down
// to single frames (Ctrl+wheel or the zoom slots), horizontal scroll, and editing by mouse
// and keyboard. The view never changes the model itself: every edit goes out as a request
// signal; a StoreTimelineEditor turns requests into journaled edits of the project store (a
// temporary one when no project is open) and the model's signals bring the result back.
// Threading: GUI thread only.

#include <QAbstractScrollArea>

#include <cstdint>
#include <optional>
#include <vector>

#include "ui/timeline/timelinegeometry.h"
#include "ui/timeline/timelinepainter.h"
#include "ui/timeline/timelinetypes.h"

class QLineEdit;

namespace actbert::ui {

class TimelineModel;

enum class SearchDirection { Forward, Backward };

class TimelineView : public QAbstractScrollArea {
    Q_OBJECT
public:
    explicit TimelineView(QWidget* parent = nullptr);

    // The model must outlive the view (or be replaced first).
    void setModel(const TimelineModel* model);
    const TimelineModel* model() const { return model_; }

    std::int64_t playheadFrame() const { return state_.playhead_frame; }
    double pixelsPerFrame() const { return geometry_.pixels_per_frame; }
    double scrollPx() const { return geometry_.scroll_px; }
    int currentTrack() const { return state_.current_track; }
    int selectedTrack() const { return state_.selected_track; }
    std::int64_t selectedItemId() const { return state_.selected_item_id; }
    std::optional<std::int64_t> inFrame() const { return state_.in_frame; }
    std::optional<std::int64_t> outFrame() const { return state_.out_frame; }
    // Where an item of the given track lies on screen (viewport coordinates); empty if none.
    QRect itemRect(int track_index, std::int64_t item_id) const;
    // Pixel distance within which a dragged edge snaps to a boundary or the playhead.
    static constexpr int kSnapDistancePx = 6;
    QLineEdit* relabelEditor() const { return relabel_editor_; }

public Q_SLOTS:
    void setPlayheadFrame(std::int64_t frame);
    void setCurrentTrack(int track_index);
    void selectItem(int track_index, std::int64_t item_id);
    void zoomIn();
    void zoomOut();
    void zoomToFit();
    // Zoom so that one frame is as wide as it can be, centred on the playhead.
    void zoomToFrames();
    void setPixelsPerFrame(double pixels_per_frame, double anchor_x);
    void setInPoint();
    void setOutPoint();
    // Requests: each emits the matching signal for the current track / selection.
    void splitAtPlayhead();
    void mergeSelectedWithNext();
    void deleteSelected();
    void acceptSelected();
    void rejectSelected();
    void createFromInOut();
    void startRelabel();
    void seekToBoundary(SearchDirection direction);
    void selectLowConfidence(SearchDirection direction, double threshold = 0.5);

Q_SIGNALS:
    void seekRequested(std::int64_t frame);
    void edgeMoveRequested(int track_index, std::int64_t item_id, Edge edge, std::int64_t frame);
    void splitRequested(int track_index, std::int64_t frame);
    void mergeRequested(int track_index, std::int64_t item_id);
    void deleteRequested(int track_index, std::int64_t item_id);
    void relabelRequested(int track_index, std::int64_t item_id, const QString& label);
    void reviewRequested(int track_index, std::int64_t item_id, ReviewState state);
    void createRequested(int track_index, std::int64_t start_frame, std::int64_t end_frame,
                         const QString& label);
    void selectionChanged(int track_index, std::int64_t item_id);
    void zoomChanged(double pixels_per_frame);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;
    QSize sizeHint() const override;
    // Every track stays visible: the splitter may not squeeze the timeline below its tracks.
    QSize minimumSizeHint() const override;

private:
    struct EdgeHit {
        int track_index = -1;
        std::int64_t item_id = -1;
        Edge edge = Edge::Start;
    };
    struct Drag {
        enum class Kind { None, Scrub, Edge } kind = Kind::None;
        EdgeHit edge;
    };

    void onTracksReset();
    void onItemsChanged(int track_index);
    void recomputeMaxLength(int track_index);
    double minPixelsPerFrame() const;
    void updateScrollRange();
    void ensurePlayheadVisible();
    std::optional<EdgeHit> edgeAt(const QPoint& pos) const;
    std::int64_t snapBoundary(double x, int track_index, std::int64_t item_id) const;
    const TimelineItem* selectedItem() const;
    void finishRelabel();

    const TimelineModel* model_ = nullptr;
    TimelineGeometry geometry_;
    TimelinePaintState state_;
    TimelinePainter painter_;
    std::vector<std::int64_t> max_length_frames_;
    Drag drag_;
    bool fitted_ = true;  // stays fitted to the whole video across resizes until zoomed
    QLineEdit* relabel_editor_ = nullptr;
};

}  // namespace actbert::ui
