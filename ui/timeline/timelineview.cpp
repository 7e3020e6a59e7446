#include "ui/timeline/timelineview.h"

#include <QAction>
#include <QCompleter>
#include <QLineEdit>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

#include "ui/timeline/timelinemodel.h"

namespace actbert::ui {

namespace {

constexpr double kZoomStep = 1.5;
constexpr int kEdgeGrabPx = 5;

}  // namespace

TimelineView::TimelineView(QWidget* parent) : QAbstractScrollArea(parent) {
    setFocusPolicy(Qt::StrongFocus);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    viewport()->setMouseTracking(true);
    horizontalScrollBar()->setSingleStep(20);

    relabel_editor_ = new QLineEdit(viewport());
    relabel_editor_->hide();
    relabel_editor_->setPlaceholderText(tr("Label"));
    auto* cancel = new QAction(relabel_editor_);
    cancel->setShortcut(Qt::Key_Escape);
    cancel->setShortcutContext(Qt::WidgetShortcut);
    relabel_editor_->addAction(cancel);
    connect(cancel, &QAction::triggered, this, [this] {
        relabel_editor_->hide();
        setFocus();
    });
    connect(relabel_editor_, &QLineEdit::returnPressed, this, &TimelineView::finishRelabel);
}

void TimelineView::setModel(const TimelineModel* model) {
    if (model_ != nullptr) {
        disconnect(model_, nullptr, this, nullptr);
    }
    model_ = model;
    if (model_ != nullptr) {
        connect(model_, &TimelineModel::tracksReset, this, &TimelineView::onTracksReset);
        connect(model_, &TimelineModel::itemsChanged, this, &TimelineView::onItemsChanged);
    }
    onTracksReset();
}

QSize TimelineView::sizeHint() const {
    const int tracks = model_ != nullptr ? model_->trackCount() : 4;
    return {800, TimelineGeometry::kRulerHeightPx + tracks * TimelineGeometry::kTrackHeightPx +
                     horizontalScrollBar()->sizeHint().height() + 2 * frameWidth()};
}

QSize TimelineView::minimumSizeHint() const {
    return {TimelineGeometry::kHeaderWidthPx + 150, sizeHint().height()};
}

void TimelineView::onTracksReset() {
    max_length_frames_.assign(model_ != nullptr ? model_->trackCount() : 0, 0);
    for (int t = 0; t < static_cast<int>(max_length_frames_.size()); ++t) {
        recomputeMaxLength(t);
    }
    state_.current_track = std::clamp(state_.current_track, 0,
                                      std::max(0, static_cast<int>(max_length_frames_.size()) - 1));
    state_.selected_track = -1;
    state_.selected_item_id = -1;
    if (fitted_) {
        geometry_.pixels_per_frame = minPixelsPerFrame();
    }
    updateScrollRange();
    updateGeometry();
    viewport()->update();
}

void TimelineView::onItemsChanged(int track_index) {
    recomputeMaxLength(track_index);
    viewport()->update();
}

void TimelineView::recomputeMaxLength(int track_index) {
    std::int64_t longest = 0;
    for (const auto& item : model_->items(track_index)) {
        longest = std::max(longest, item.lengthFrames());
    }
    max_length_frames_[static_cast<std::size_t>(track_index)] = longest;
}

double TimelineView::minPixelsPerFrame() const {
    const std::int64_t frames = model_ != nullptr ? model_->frameCount() : 0;
    const double lane = std::max(1, viewport()->width() - TimelineGeometry::kHeaderWidthPx);
    return std::min(TimelineGeometry::kMaxPixelsPerFrame,
                    frames > 0 ? lane / static_cast<double>(frames) : 1.0);
}

void TimelineView::updateScrollRange() {
    geometry_.width_px = viewport()->width();
    geometry_.height_px = viewport()->height();
    const std::int64_t frames = model_ != nullptr ? model_->frameCount() : 0;
    const double total_px = static_cast<double>(frames) * geometry_.pixels_per_frame;
    const double max_scroll = std::max(0.0, total_px - geometry_.laneWidthPx());
    auto* bar = horizontalScrollBar();
    const QSignalBlocker blocker(bar);
    bar->setRange(0, static_cast<int>(std::min(max_scroll, 2.0e9)));
    bar->setPageStep(geometry_.laneWidthPx());
    geometry_.scroll_px = std::clamp(geometry_.scroll_px, 0.0, static_cast<double>(bar->maximum()));
    bar->setValue(static_cast<int>(std::lround(geometry_.scroll_px)));
}

void TimelineView::resizeEvent(QResizeEvent* event) {
    QAbstractScrollArea::resizeEvent(event);
    if (fitted_) {
        geometry_.pixels_per_frame = minPixelsPerFrame();
    }
    updateScrollRange();
}

void TimelineView::scrollContentsBy(int /*dx*/, int /*dy*/) {
    geometry_.scroll_px = horizontalScrollBar()->value();
    viewport()->update();
}

void TimelineView::paintEvent(QPaintEvent* /*event*/) {
    QPainter painter(viewport());
    if (model_ == nullptr) {
        painter.drawText(viewport()->rect(), Qt::AlignCenter, tr("No video open"));
        return;
    }
    geometry_.width_px = viewport()->width();
    geometry_.height_px = viewport()->height();
    painter_.paint(painter, *model_, geometry_, state_, max_length_frames_);
}

void TimelineView::setPlayheadFrame(std::int64_t frame) {
    const std::int64_t last =
        model_ != nullptr ? std::max<std::int64_t>(0, model_->frameCount() - 1) : 0;
    frame = std::clamp<std::int64_t>(frame, 0, last);
    if (frame == state_.playhead_frame) {
        return;
    }
    state_.playhead_frame = frame;
    ensurePlayheadVisible();
    viewport()->update();
}

void TimelineView::ensurePlayheadVisible() {
    const double x = geometry_.xForFrame(static_cast<double>(state_.playhead_frame));
    const double lane_left = TimelineGeometry::kHeaderWidthPx;
    const double lane_right = lane_left + geometry_.laneWidthPx();
    if (x < lane_left || x + geometry_.pixels_per_frame > lane_right) {
        // Page so the playhead lands a quarter into the lane, like editors do while playing.
        geometry_.scroll_px =
            static_cast<double>(state_.playhead_frame) * geometry_.pixels_per_frame -
            geometry_.laneWidthPx() / 4.0;
        updateScrollRange();
    }
}

void TimelineView::setCurrentTrack(int track_index) {
    if (model_ == nullptr || model_->trackCount() == 0) {
        return;
    }
    state_.current_track = std::clamp(track_index, 0, model_->trackCount() - 1);
    viewport()->update();
}

void TimelineView::selectItem(int track_index, std::int64_t item_id) {
    state_.selected_track = track_index;
    state_.selected_item_id = item_id;
    if (track_index >= 0) {
        state_.current_track = track_index;
    }
    viewport()->update();
    Q_EMIT selectionChanged(track_index, item_id);
}

const TimelineItem* TimelineView::selectedItem() const {
    if (model_ == nullptr || state_.selected_track < 0 ||
        state_.selected_track >= model_->trackCount()) {
        return nullptr;
    }
    const int index = model_->indexOfItem(state_.selected_track, state_.selected_item_id);
    return index < 0 ? nullptr
                     : &model_->items(state_.selected_track)[static_cast<std::size_t>(index)];
}

void TimelineView::setPixelsPerFrame(double pixels_per_frame, double anchor_x) {
    const double clamped =
        std::clamp(pixels_per_frame, minPixelsPerFrame(), TimelineGeometry::kMaxPixelsPerFrame);
    const double anchor_frame =
        (anchor_x - TimelineGeometry::kHeaderWidthPx + geometry_.scroll_px) /
        geometry_.pixels_per_frame;
    geometry_.pixels_per_frame = clamped;
    geometry_.scroll_px = anchor_frame * clamped - (anchor_x - TimelineGeometry::kHeaderWidthPx);
    fitted_ = clamped <= minPixelsPerFrame();
    updateScrollRange();
    viewport()->update();
    Q_EMIT zoomChanged(clamped);
}

void TimelineView::zoomIn() {
    setPixelsPerFrame(geometry_.pixels_per_frame * kZoomStep,
                      geometry_.xForFrame(static_cast<double>(state_.playhead_frame)));
}

void TimelineView::zoomOut() {
    setPixelsPerFrame(geometry_.pixels_per_frame / kZoomStep,
                      geometry_.xForFrame(static_cast<double>(state_.playhead_frame)));
}

void TimelineView::zoomToFit() {
    setPixelsPerFrame(minPixelsPerFrame(), TimelineGeometry::kHeaderWidthPx);
}

void TimelineView::zoomToFrames() {
    setPixelsPerFrame(TimelineGeometry::kMaxPixelsPerFrame,
                      geometry_.xForFrame(static_cast<double>(state_.playhead_frame)));
    ensurePlayheadVisible();
}

void TimelineView::wheelEvent(QWheelEvent* event) {
    const double steps = event->angleDelta().y() / 120.0;
    if (event->modifiers() & Qt::ControlModifier) {
        setPixelsPerFrame(geometry_.pixels_per_frame * std::pow(kZoomStep, steps),
                          event->position().x());
    } else {
        auto* bar = horizontalScrollBar();
        const double delta = event->angleDelta().x() != 0 ? event->angleDelta().x() / 120.0 : steps;
        bar->setValue(bar->value() - static_cast<int>(delta * bar->pageStep() / 8));
    }
    event->accept();
}

QRect TimelineView::itemRect(int track_index, std::int64_t item_id) const {
    if (model_ == nullptr || track_index < 0 || track_index >= model_->trackCount()) {
        return {};
    }
    const int index = model_->indexOfItem(track_index, item_id);
    if (index < 0) {
        return {};
    }
    const TimelineItem& item = model_->items(track_index)[static_cast<std::size_t>(index)];
    const double x0 = geometry_.xForFrame(static_cast<double>(item.start_frame));
    const double x1 = geometry_.xForFrame(static_cast<double>(item.end_frame));
    return QRectF(x0, geometry_.trackTopPx(track_index) + 3, x1 - x0,
                  TimelineGeometry::kTrackHeightPx - 6)
        .toAlignedRect();
}

std::optional<TimelineView::EdgeHit> TimelineView::edgeAt(const QPoint& pos) const {
    const int track_index = geometry_.trackAtY(pos.y());
    if (model_ == nullptr || track_index < 0 || track_index >= model_->trackCount() ||
        pos.x() < TimelineGeometry::kHeaderWidthPx) {
        return std::nullopt;
    }
    const std::int64_t frame = geometry_.boundaryAtX(pos.x());
    const auto& items = model_->items(track_index);
    const std::int64_t reach = max_length_frames_[static_cast<std::size_t>(track_index)];
    auto it = std::lower_bound(
        items.begin(), items.end(), frame - reach - 1,
        [](const TimelineItem& item, std::int64_t f) { return item.start_frame < f; });
    std::optional<EdgeHit> best;
    double best_distance = kEdgeGrabPx + 1;
    for (; it != items.end() && it->start_frame <= frame + 1; ++it) {
        for (const Edge edge : {Edge::End, Edge::Start}) {
            const auto f = edge == Edge::Start ? it->start_frame : it->end_frame;
            const double distance = std::abs(geometry_.xForFrame(static_cast<double>(f)) - pos.x());
            // On a shared boundary the item whose body is under the cursor wins, so the
            // grab matches what the user aimed at; ties go to the right item's start.
            if (distance <= kEdgeGrabPx && distance < best_distance + 1e-9) {
                best_distance = distance;
                best = EdgeHit{track_index, it->id, edge};
            }
        }
    }
    return best;
}

std::int64_t TimelineView::snapBoundary(double x, int track_index, std::int64_t item_id) const {
    std::int64_t best = std::max<std::int64_t>(0, geometry_.boundaryAtX(x));
    double best_distance = kSnapDistancePx + 1;
    const auto consider = [&](std::int64_t frame) {
        const double distance = std::abs(geometry_.xForFrame(static_cast<double>(frame)) - x);
        if (distance < best_distance) {
            best_distance = distance;
            best = frame;
        }
    };
    consider(state_.playhead_frame);
    if (state_.in_frame) {
        consider(*state_.in_frame);
    }
    if (state_.out_frame) {
        consider(*state_.out_frame);
    }
    const std::int64_t lo = geometry_.boundaryAtX(x - kSnapDistancePx);
    const std::int64_t hi = geometry_.boundaryAtX(x + kSnapDistancePx);
    for (int t = 0; t < model_->trackCount(); ++t) {
        // The dragged boundary itself (and its partition neighbour) must not attract it.
        if (t == track_index) {
            continue;
        }
        const auto& items = model_->items(t);
        auto it = std::lower_bound(
            items.begin(), items.end(), lo - max_length_frames_[static_cast<std::size_t>(t)],
            [](const TimelineItem& item, std::int64_t f) { return item.start_frame < f; });
        for (; it != items.end() && it->start_frame <= hi; ++it) {
            consider(it->start_frame);
            consider(it->end_frame);
        }
    }
    return best;
}

void TimelineView::mousePressEvent(QMouseEvent* event) {
    setFocus(Qt::MouseFocusReason);
    relabel_editor_->hide();
    if (model_ == nullptr || event->button() != Qt::LeftButton) {
        return;
    }
    const QPoint pos = event->position().toPoint();
    const int track_index = geometry_.trackAtY(pos.y());
    if (track_index == -1 && pos.x() >= TimelineGeometry::kHeaderWidthPx) {
        drag_.kind = Drag::Kind::Scrub;
        Q_EMIT seekRequested(
            std::clamp<std::int64_t>(geometry_.frameAtX(pos.x()), 0, model_->frameCount() - 1));
        return;
    }
    if (track_index < 0 || track_index >= model_->trackCount()) {
        return;
    }
    setCurrentTrack(track_index);
    if (const auto edge = edgeAt(pos)) {
        drag_.kind = Drag::Kind::Edge;
        drag_.edge = *edge;
        state_.drag_track = edge->track_index;
        selectItem(edge->track_index, edge->item_id);
        return;
    }
    if (pos.x() < TimelineGeometry::kHeaderWidthPx) {
        return;
    }
    const int index = model_->indexAtFrame(track_index, geometry_.frameAtX(pos.x()));
    selectItem(track_index,
               index < 0 ? -1 : model_->items(track_index)[static_cast<std::size_t>(index)].id);
}

void TimelineView::mouseMoveEvent(QMouseEvent* event) {
    const QPoint pos = event->position().toPoint();
    if (drag_.kind == Drag::Kind::Scrub && model_ != nullptr) {
        Q_EMIT seekRequested(
            std::clamp<std::int64_t>(geometry_.frameAtX(pos.x()), 0, model_->frameCount() - 1));
        return;
    }
    if (drag_.kind == Drag::Kind::Edge) {
        state_.drag_frame = snapBoundary(pos.x(), drag_.edge.track_index, drag_.edge.item_id);
        viewport()->update();
        return;
    }
    viewport()->setCursor(edgeAt(pos) ? Qt::SizeHorCursor : Qt::ArrowCursor);
}

void TimelineView::mouseReleaseEvent(QMouseEvent* event) {
    if (drag_.kind == Drag::Kind::Edge) {
        const std::int64_t frame =
            snapBoundary(event->position().x(), drag_.edge.track_index, drag_.edge.item_id);
        state_.drag_frame.reset();
        state_.drag_track = -1;
        viewport()->update();
        Q_EMIT edgeMoveRequested(drag_.edge.track_index, drag_.edge.item_id, drag_.edge.edge,
                                 frame);
    }
    drag_ = Drag{};
}

void TimelineView::mouseDoubleClickEvent(QMouseEvent* event) {
    mousePressEvent(event);
    drag_ = Drag{};
    state_.drag_frame.reset();
    if (selectedItem() != nullptr) {
        startRelabel();
    }
}

void TimelineView::setInPoint() {
    state_.in_frame = state_.playhead_frame;
    viewport()->update();
}

void TimelineView::setOutPoint() {
    // The out point is exclusive: marking O on a frame includes that frame.
    state_.out_frame = state_.playhead_frame + 1;
    viewport()->update();
}

void TimelineView::splitAtPlayhead() {
    if (model_ != nullptr && model_->trackCount() > 0) {
        Q_EMIT splitRequested(state_.current_track, state_.playhead_frame);
    }
}

void TimelineView::mergeSelectedWithNext() {
    if (const TimelineItem* item = selectedItem()) {
        Q_EMIT mergeRequested(state_.selected_track, item->id);
    }
}

void TimelineView::deleteSelected() {
    if (const TimelineItem* item = selectedItem()) {
        const int track_index = state_.selected_track;
        const std::int64_t id = item->id;
        selectItem(-1, -1);
        Q_EMIT deleteRequested(track_index, id);
    }
}

void TimelineView::acceptSelected() {
    if (const TimelineItem* item = selectedItem()) {
        Q_EMIT reviewRequested(state_.selected_track, item->id, ReviewState::Accepted);
    }
}

void TimelineView::rejectSelected() {
    if (const TimelineItem* item = selectedItem()) {
        Q_EMIT reviewRequested(state_.selected_track, item->id, ReviewState::Rejected);
    }
}

void TimelineView::createFromInOut() {
    if (model_ == nullptr || model_->trackCount() == 0 || !state_.in_frame || !state_.out_frame) {
        return;
    }
    const auto& vocabulary = model_->track(state_.current_track).vocabulary;
    Q_EMIT createRequested(state_.current_track, std::min(*state_.in_frame, *state_.out_frame),
                           std::max(*state_.in_frame, *state_.out_frame),
                           vocabulary.isEmpty() ? QString() : vocabulary.front());
}

void TimelineView::startRelabel() {
    const TimelineItem* item = selectedItem();
    if (item == nullptr) {
        return;
    }
    auto* completer =
        new QCompleter(model_->track(state_.selected_track).vocabulary, relabel_editor_);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    delete relabel_editor_->completer();
    relabel_editor_->setCompleter(completer);
    const QRect rect = itemRect(state_.selected_track, item->id);
    const int x = std::clamp(rect.x(), TimelineGeometry::kHeaderWidthPx,
                             std::max(TimelineGeometry::kHeaderWidthPx, viewport()->width() - 200));
    relabel_editor_->setGeometry(x, rect.y(), std::max(200, std::min(rect.width(), 400)),
                                 rect.height());
    relabel_editor_->setText(item->label);
    relabel_editor_->selectAll();
    relabel_editor_->show();
    relabel_editor_->setFocus();
}

void TimelineView::finishRelabel() {
    const TimelineItem* item = selectedItem();
    const QString label = relabel_editor_->text();
    relabel_editor_->hide();
    setFocus();
    if (item != nullptr) {
        Q_EMIT relabelRequested(state_.selected_track, item->id, label);
    }
}

void TimelineView::seekToBoundary(SearchDirection direction) {
    if (model_ == nullptr || model_->trackCount() == 0) {
        return;
    }
    const auto& items = model_->items(state_.current_track);
    const std::int64_t here = state_.playhead_frame;
    std::optional<std::int64_t> target;
    // Boundaries are item starts and ends; the nearest one strictly past the playhead.
    for (const auto& item : items) {
        for (const std::int64_t f : {item.start_frame, item.end_frame}) {
            const bool past = direction == SearchDirection::Forward ? f > here : f < here;
            if (past && f < model_->frameCount() &&
                (!target || (direction == SearchDirection::Forward ? f < *target : f > *target))) {
                target = f;
            }
        }
    }
    if (target) {
        Q_EMIT seekRequested(*target);
    }
}

void TimelineView::selectLowConfidence(SearchDirection direction, double threshold) {
    if (model_ == nullptr || model_->trackCount() == 0) {
        return;
    }
    const int track_index = state_.current_track;
    const auto& items = model_->items(track_index);
    const std::int64_t here = state_.playhead_frame;
    const auto low = [&](const TimelineItem& item) {
        return item.confidence >= 0 && item.confidence < threshold &&
               item.review == ReviewState::Unreviewed;
    };
    const TimelineItem* found = nullptr;
    if (direction == SearchDirection::Forward) {
        auto it = std::find_if(items.begin(), items.end(), [&](const TimelineItem& item) {
            return item.start_frame > here && low(item);
        });
        found = it == items.end() ? nullptr : &*it;
    } else {
        auto it = std::find_if(items.rbegin(), items.rend(), [&](const TimelineItem& item) {
            return item.start_frame < here && low(item);
        });
        found = it == items.rend() ? nullptr : &*it;
    }
    if (found != nullptr) {
        selectItem(track_index, found->id);
        Q_EMIT seekRequested(found->start_frame);
    }
}

}  // namespace actbert::ui
