// The timeline as a user drives it: real TimelineView widgets, QTest mouse and key events,
// edits going through the planner and an undo stack into a memory model.

#include <QAbstractItemView>
#include <QCompleter>
#include <QImage>
#include <QLineEdit>
#include <QMainWindow>
#include <QPainter>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <QWheelEvent>

#include <memory>

#include "ui/settings/studioactions.h"
#include "ui/timeline/memorytimelinemodel.h"
#include "ui/timeline/timelinechangecommand.h"
#include "ui/timeline/timelineeditcontroller.h"
#include "ui/timeline/timelineview.h"
#include "uitests.h"

using namespace actbert::ui;

namespace {

TimelineItem item(std::int64_t id, std::int64_t start, std::int64_t end, const QString& label,
                  double confidence = -1.0) {
    TimelineItem result;
    result.id = id;
    result.start_frame = start;
    result.end_frame = end;
    result.label = label;
    result.confidence = confidence;
    return result;
}

// A window with a timeline wired the way the studio wires it: view -> controller -> undo
// stack -> model -> view, and the studio's keyboard actions.
struct Fixture {
    QTemporaryDir settings_dir;
    std::unique_ptr<QSettings> settings;
    QMainWindow window;
    MemoryTimelineModel model;
    QUndoStack undo;
    TimelineView* view = nullptr;
    std::unique_ptr<StudioActions> actions;
    std::unique_ptr<TimelineEditController> controller;

    Fixture() {
        settings = std::make_unique<QSettings>(settings_dir.filePath(QStringLiteral("s.ini")),
                                               QSettings::IniFormat);
        model.setVideo(200, 25.0);
        TimelineTrack segments{1,
                               QStringLiteral("Actions"),
                               TrackLayout::Partition,
                               {QStringLiteral("pour water"), QStringLiteral("stir"),
                                QStringLiteral("pour milk"), QStringLiteral("cut")}};
        TimelineTrack captions{2, QStringLiteral("Captions"), TrackLayout::Free, {}};
        model.setTracks({segments, captions}, {{item(1, 0, 50, QStringLiteral("pour water"), 0.9),
                                                item(2, 50, 120, QStringLiteral("stir"), 0.3),
                                                item(3, 120, 200, QStringLiteral("cut"), 0.8)},
                                               {item(10, 20, 60, QStringLiteral("now we pour"))}});
        view = new TimelineView(&window);
        view->setModel(&model);
        window.setCentralWidget(view);
        actions = std::make_unique<StudioActions>(*settings);
        actions->addTo(&window);
        controller = std::make_unique<TimelineEditController>(
            model, [this] { return model.allocateItemId(); },
            [this](const TimelineChange& change) {
                undo.push(new TimelineChangeCommand(model, change));
            });
        controller->attach(view);
        QObject::connect(view, &TimelineView::seekRequested, view, &TimelineView::setPlayheadFrame);
        QObject::connect(actions->action(ActionId::Split), &QAction::triggered, view,
                         &TimelineView::splitAtPlayhead);
        QObject::connect(actions->action(ActionId::Merge), &QAction::triggered, view,
                         &TimelineView::mergeSelectedWithNext);
        QObject::connect(actions->action(ActionId::Relabel), &QAction::triggered, view,
                         &TimelineView::startRelabel);
        QObject::connect(actions->action(ActionId::SetIn), &QAction::triggered, view,
                         &TimelineView::setInPoint);
        QObject::connect(actions->action(ActionId::SetOut), &QAction::triggered, view,
                         &TimelineView::setOutPoint);
        QObject::connect(actions->action(ActionId::ZoomIn), &QAction::triggered, view,
                         &TimelineView::zoomIn);
        QObject::connect(actions->action(ActionId::ZoomToFit), &QAction::triggered, view,
                         &TimelineView::zoomToFit);
        QObject::connect(actions->action(ActionId::Undo), &QAction::triggered, &undo,
                         &QUndoStack::undo);
        QObject::connect(actions->action(ActionId::Redo), &QAction::triggered, &undo,
                         &QUndoStack::redo);
        window.resize(1000 + TimelineGeometry::kHeaderWidthPx, 200);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        view->setFocus();
    }

    const TimelineItem& at(int track, int index) const {
        return model.items(track)[static_cast<std::size_t>(index)];
    }
};

}  // namespace

class TestTimeline : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void wholeVideoFitsWhenOpened() {
        Fixture f;
        const double lane = f.view->viewport()->width() - TimelineGeometry::kHeaderWidthPx;
        QCOMPARE(f.view->pixelsPerFrame(), lane / 200.0);
        // The last item's right edge is at the right end of the lane.
        const QRect last = f.view->itemRect(0, 3);
        QVERIFY(std::abs(last.right() + 1 - f.view->viewport()->width()) <= 1);
    }

    void draggingABoundaryMovesTheNeighbourAndUndoRestoresBoth() {
        Fixture f;
        const QRect first = f.view->itemRect(0, 1);
        const QPoint grab(first.right() + 1, first.center().y());
        const double ppf = f.view->pixelsPerFrame();
        const QPoint drop(grab.x() + static_cast<int>(std::lround(20 * ppf)), grab.y());
        QWidget* viewport = f.view->viewport();
        QTest::mousePress(viewport, Qt::LeftButton, Qt::NoModifier, grab);
        QTest::mouseMove(viewport, drop);
        QTest::mouseRelease(viewport, Qt::LeftButton, Qt::NoModifier, drop);
        QCOMPARE(f.at(0, 0).end_frame, std::int64_t{70});
        QCOMPARE(f.at(0, 1).start_frame, std::int64_t{70});
        QCOMPARE(f.at(0, 1).end_frame, std::int64_t{120});
        QCOMPARE(f.undo.count(), 1);

        QTest::keyClick(&f.window, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(f.at(0, 0).end_frame, std::int64_t{50});
        QCOMPARE(f.at(0, 1).start_frame, std::int64_t{50});
        QTest::keyClick(&f.window, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(f.at(0, 0).end_frame, std::int64_t{70});
        QCOMPARE(f.at(0, 1).start_frame, std::int64_t{70});
    }

    void aBoundaryCannotSwallowItsNeighbour() {
        Fixture f;
        const QRect first = f.view->itemRect(0, 1);
        const QPoint grab(first.right() + 1, first.center().y());
        const QPoint far_right(f.view->viewport()->width() - 2, grab.y());
        QTest::mousePress(f.view->viewport(), Qt::LeftButton, Qt::NoModifier, grab);
        QTest::mouseMove(f.view->viewport(), far_right);
        QTest::mouseRelease(f.view->viewport(), Qt::LeftButton, Qt::NoModifier, far_right);
        // "stir" keeps its last frame; the partition still covers the video without gaps.
        QCOMPARE(f.at(0, 0).end_frame, std::int64_t{119});
        QCOMPARE(f.at(0, 1).start_frame, std::int64_t{119});
        QCOMPARE(f.at(0, 1).end_frame, std::int64_t{120});
    }

    void draggedEdgeSnapsToTheBoundaryOfAnotherTrack() {
        Fixture f;
        // Caption ends at 60; drop the action boundary 2 px beside it.
        const QRect first = f.view->itemRect(0, 1);
        const QPoint grab(first.right() + 1, first.center().y());
        const double ppf = f.view->pixelsPerFrame();
        const int x60 = TimelineGeometry::kHeaderWidthPx + static_cast<int>(std::lround(60 * ppf));
        const QPoint drop(x60 + 2, grab.y());
        QTest::mousePress(f.view->viewport(), Qt::LeftButton, Qt::NoModifier, grab);
        QTest::mouseMove(f.view->viewport(), drop);
        QTest::mouseRelease(f.view->viewport(), Qt::LeftButton, Qt::NoModifier, drop);
        QCOMPARE(f.at(0, 0).end_frame, std::int64_t{60});
    }

    void splitAtPlayheadWithBThenMergeWithM() {
        Fixture f;
        f.view->setPlayheadFrame(80);
        QTest::keyClick(&f.window, Qt::Key_B);
        QCOMPARE(f.model.items(0).size(), std::size_t{4});
        QCOMPARE(f.at(0, 1).end_frame, std::int64_t{80});
        QCOMPARE(f.at(0, 2).start_frame, std::int64_t{80});
        QCOMPARE(f.at(0, 2).label, QStringLiteral("stir"));

        // Select the left half by clicking it, then merge it with the right half.
        const QRect left = f.view->itemRect(0, f.at(0, 1).id);
        QTest::mouseClick(f.view->viewport(), Qt::LeftButton, Qt::NoModifier, left.center());
        QCOMPARE(f.view->selectedItemId(), f.at(0, 1).id);
        QTest::keyClick(&f.window, Qt::Key_M);
        QCOMPARE(f.model.items(0).size(), std::size_t{3});
        QCOMPARE(f.at(0, 1).start_frame, std::int64_t{50});
        QCOMPARE(f.at(0, 1).end_frame, std::int64_t{120});

        // Undo both: the original three items are back.
        f.undo.undo();
        f.undo.undo();
        QCOMPARE(f.model.items(0).size(), std::size_t{3});
        QCOMPARE(f.at(0, 1).id, std::int64_t{2});
        QCOMPARE(f.at(0, 1).end_frame, std::int64_t{120});
        QCOMPARE(f.at(0, 1).confidence, 0.3);
    }

    void splittingOnAnItemsFirstFrameDoesNothing() {
        Fixture f;
        f.view->setPlayheadFrame(50);
        QTest::keyClick(&f.window, Qt::Key_B);
        QCOMPARE(f.model.items(0).size(), std::size_t{3});
        QCOMPARE(f.undo.count(), 0);
    }

    void relabelWithTypeAhead() {
        Fixture f;
        const QRect stir = f.view->itemRect(0, 2);
        QTest::mouseClick(f.view->viewport(), Qt::LeftButton, Qt::NoModifier, stir.center());
        QTest::keyClick(&f.window, Qt::Key_F2);
        QLineEdit* editor = f.view->relabelEditor();
        QVERIFY(editor->isVisible());
        editor->clear();
        // "milk" matches the middle of "pour milk": the completer offers it.
        QTest::keyClicks(editor, QStringLiteral("milk"));
        QCompleter* completer = editor->completer();
        QVERIFY(completer != nullptr);
        QCOMPARE(completer->completionCount(), 1);
        QCOMPARE(completer->currentCompletion(), QStringLiteral("pour milk"));
        // Picking the offered label in the popup, Return takes it, a second Return commits.
        QVERIFY(completer->popup()->isVisible());
        completer->popup()->setCurrentIndex(completer->completionModel()->index(0, 0));
        QTest::keyClick(completer->popup(), Qt::Key_Return);
        QCOMPARE(editor->text(), QStringLiteral("pour milk"));
        QTest::keyClick(editor, Qt::Key_Return);
        QVERIFY(!editor->isVisible());
        QCOMPARE(f.at(0, 1).label, QStringLiteral("pour milk"));
        QCOMPARE(f.at(0, 1).review, ReviewState::Accepted);
        f.undo.undo();
        QCOMPARE(f.at(0, 1).label, QStringLiteral("stir"));
    }

    void ctrlWheelZoomsAroundTheCursorDownToSingleFrames() {
        Fixture f;
        const double fitted = f.view->pixelsPerFrame();
        const QPoint at(TimelineGeometry::kHeaderWidthPx + 500, 60);
        const std::int64_t frame_under_cursor =
            static_cast<std::int64_t>((500 + f.view->scrollPx()) / fitted);
        for (int i = 0; i < 30; ++i) {
            QWheelEvent wheel(at, f.view->viewport()->mapToGlobal(at), QPoint(), QPoint(0, 120),
                              Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase, false);
            QApplication::sendEvent(f.view->viewport(), &wheel);
        }
        QCOMPARE(f.view->pixelsPerFrame(), TimelineGeometry::kMaxPixelsPerFrame);
        // The frame under the cursor stayed under it.
        const double frame_now = (500 + f.view->scrollPx()) / f.view->pixelsPerFrame();
        QCOMPARE(static_cast<std::int64_t>(frame_now), frame_under_cursor);
        // Zoomed in, a click on the ruler lands on exactly the frame drawn there.
        const int x = TimelineGeometry::kHeaderWidthPx + 10 * 48 + 24;
        QTest::mouseClick(f.view->viewport(), Qt::LeftButton, Qt::NoModifier, QPoint(x, 5));
        QCOMPARE(f.view->playheadFrame(),
                 static_cast<std::int64_t>(
                     (x - TimelineGeometry::kHeaderWidthPx + f.view->scrollPx()) / 48));
        QTest::keyClick(&f.window, Qt::Key_0, Qt::ControlModifier);
        QCOMPARE(f.view->pixelsPerFrame(), fitted);
        QTest::keyClick(&f.window, Qt::Key_Equal);
        QVERIFY(f.view->pixelsPerFrame() > fitted);
    }

    void deleteOnAPartitionGivesTheTimeToTheNeighbour() {
        Fixture f;
        f.view->selectItem(0, 2);
        f.view->deleteSelected();
        QCOMPARE(f.model.items(0).size(), std::size_t{2});
        QCOMPARE(f.at(0, 0).end_frame, std::int64_t{120});
        f.undo.undo();
        QCOMPARE(f.model.items(0).size(), std::size_t{3});
    }

    void createFromInAndOutCarvesThePartition() {
        Fixture f;
        f.view->setPlayheadFrame(60);
        QTest::keyClick(&f.window, Qt::Key_I);
        f.view->setPlayheadFrame(69);
        QTest::keyClick(&f.window, Qt::Key_O);
        f.view->createFromInOut();
        // stir [50,120) -> [50,60) new [60,70) [70,120)
        QCOMPARE(f.model.items(0).size(), std::size_t{5});
        QCOMPARE(f.at(0, 2).start_frame, std::int64_t{60});
        QCOMPARE(f.at(0, 2).end_frame, std::int64_t{70});
        QCOMPARE(f.at(0, 3).start_frame, std::int64_t{70});
    }

    void lowConfidenceNavigationAndReview() {
        Fixture f;
        f.view->selectLowConfidence(SearchDirection::Forward);
        QCOMPARE(f.view->selectedItemId(), std::int64_t{2});
        QCOMPARE(f.view->playheadFrame(), std::int64_t{50});
        f.view->acceptSelected();
        QCOMPARE(f.at(0, 1).review, ReviewState::Accepted);
    }

    void remappedShortcutIsUsedAndRemembered() {
        Fixture f;
        f.actions->setShortcuts(ActionId::Split, {QKeySequence(Qt::Key_X)});
        f.view->setPlayheadFrame(80);
        QTest::keyClick(&f.window, Qt::Key_B);
        QCOMPARE(f.model.items(0).size(), std::size_t{3});
        QTest::keyClick(&f.window, Qt::Key_X);
        QCOMPARE(f.model.items(0).size(), std::size_t{4});
        StudioActions reloaded(*f.settings);
        QCOMPARE(reloaded.action(ActionId::Split)->shortcut(), QKeySequence(Qt::Key_X));
        QCOMPARE(reloaded.conflictFor(QKeySequence(Qt::Key_X), ActionId::Merge), ActionId::Split);
    }

    void paintsAHundredThousandItems() {
        MemoryTimelineModel model;
        const std::int64_t frames = 1'000'000;
        model.setVideo(frames, 30.0);
        std::vector<TimelineItem> items;
        for (std::int64_t i = 0; i < 100'000; ++i) {
            items.push_back(
                item(i + 1, i * 10, i * 10 + 10, QStringLiteral("a%1").arg(i % 7), 0.5));
        }
        model.setTracks({TimelineTrack{1, QStringLiteral("Actions"), TrackLayout::Partition, {}}},
                        {items});
        TimelineView view;
        view.setModel(&model);
        view.resize(1200, 150);
        QImage whole(view.viewport()->size(), QImage::Format_ARGB32);
        view.viewport()->render(&whole);
        // Zoomed in on the middle, the item under the playhead is drawn where itemRect says.
        view.setPlayheadFrame(500'005);
        view.zoomToFrames();
        const QRect rect = view.itemRect(0, 50'001);
        QVERIFY(rect.intersects(view.viewport()->rect()));
        QImage zoomed(view.viewport()->size(), QImage::Format_ARGB32);
        view.viewport()->render(&zoomed);
        const QPoint inside = rect.center() + QPoint(0, 8);
        QVERIFY(zoomed.pixelColor(inside) != view.palette().color(QPalette::Base));
    }
};

int runTimelineTests(int argc, char** argv) {
    TestTimeline test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_timeline.moc"
