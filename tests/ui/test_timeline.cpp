// The timeline as a user drives it: real TimelineView widgets, QTest mouse and key events,
// edits going through the store's editor, planner and journal into a (temporary) project, as
// in the studio with or without a project.

#include <QAbstractItemView>
#include <QCompleter>
#include <QImage>
#include <QLineEdit>
#include <QMainWindow>
#include <QPainter>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>

#include <memory>

#include "core/store/project.h"
#include "ui/project/storetimelineeditor.h"
#include "ui/project/storetimelinemodel.h"
#include "ui/settings/studioactions.h"
#include "ui/timeline/timelineview.h"
#include "uitests.h"

using namespace actbert::ui;

namespace {

namespace store = actbert::store;

// A project of one video (`frames` long at `fps`) in a temporary folder.
struct TimelineStore {
    QTemporaryDir dir;
    std::unique_ptr<store::Project> project;
    std::int64_t video_id = 0;

    TimelineStore(std::int64_t frames, int fps) {
        project = std::make_unique<store::Project>(
            dir.filePath(QStringLiteral("t.actbert")).toStdString(),
            store::Project::OpenMode::CreateNew);
        store::Video video;
        video.key = "clip";
        video.fps = store::Rational{fps, 1};
        video.time_base = store::Rational{1, fps};
        video.fps_assumed = false;
        video.frame_count = frames;
        video_id = project->videos().add(video);
    }
    std::int64_t addTrack(const std::string& name, store::TrackKind kind) {
        store::Track track;
        track.video_id = video_id;
        track.name = name;
        track.kind = kind;
        return project->tracks().add(track);
    }
    store::Item item(std::int64_t track_id, std::int64_t start, std::int64_t end,
                     const std::string& label, std::optional<double> confidence = {}) {
        const store::Video video = project->videos().get(video_id);
        store::Item result;
        result.track_id = track_id;
        result.start_frame = start;
        result.end_frame = end;
        result.start_s = video.secondsAt(start);
        result.end_s = video.secondsAt(end);
        result.label = label;
        result.confidence = confidence;
        return result;
    }
};

// A window with a timeline wired the way the studio wires it: view -> editor -> journal ->
// store -> model -> view, and the studio's keyboard actions. The store is declared before the
// window so the view goes first.
struct Fixture {
    QTemporaryDir settings_dir;
    std::unique_ptr<QSettings> settings;
    TimelineStore data{200, 25};
    std::unique_ptr<StoreTimelineModel> model;
    std::unique_ptr<StoreTimelineEditor> editor;
    QMainWindow window;
    TimelineView* view = nullptr;
    std::unique_ptr<StudioActions> actions;

    Fixture() {
        settings = std::make_unique<QSettings>(settings_dir.filePath(QStringLiteral("s.ini")),
                                               QSettings::IniFormat);
        const std::int64_t segments =
            data.addTrack("Actions", store::TrackKind::ActionSegmentation);
        const std::int64_t captions = data.addTrack("Captions", store::TrackKind::Captions);
        // Ids 1, 2, 3 (the tests name them) and 4 for the caption.
        QCOMPARE(data.project->items().insert(data.item(segments, 0, 50, "pour water", 0.9)),
                 std::int64_t{1});
        QCOMPARE(data.project->items().insert(data.item(segments, 50, 120, "stir", 0.3)),
                 std::int64_t{2});
        QCOMPARE(data.project->items().insert(data.item(segments, 120, 200, "cut", 0.8)),
                 std::int64_t{3});
        QCOMPARE(data.project->items().insert(data.item(captions, 20, 60, "now we pour")),
                 std::int64_t{4});
        model = std::make_unique<StoreTimelineModel>(*data.project, data.video_id, 200, 25.0);
        editor = std::make_unique<StoreTimelineEditor>(*data.project, *model);
        view = new TimelineView(&window);
        view->setModel(model.get());
        window.setCentralWidget(view);
        actions = std::make_unique<StudioActions>(*settings);
        actions->addTo(&window);
        editor->attach(view);
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
        QObject::connect(actions->action(ActionId::Undo), &QAction::triggered, editor.get(),
                         [this] { editor->undo(); });
        QObject::connect(actions->action(ActionId::Redo), &QAction::triggered, editor.get(),
                         [this] { editor->redo(); });
        window.resize(1000 + TimelineGeometry::kHeaderWidthPx, 200);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        view->setFocus();
    }

    const TimelineItem& at(int track, int index) const {
        return model->items(track)[static_cast<std::size_t>(index)];
    }
    std::size_t count(int track) const { return model->items(track).size(); }
    // Undo steps in the journal (undone ones included).
    std::size_t steps() const { return data.project->journal().history().size(); }
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
        QCOMPARE(f.steps(), std::size_t{1});

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
        QCOMPARE(f.count(0), std::size_t{4});
        QCOMPARE(f.at(0, 1).end_frame, std::int64_t{80});
        QCOMPARE(f.at(0, 2).start_frame, std::int64_t{80});
        QCOMPARE(f.at(0, 2).label, QStringLiteral("stir"));

        // Select the left half by clicking it, then merge it with the right half.
        const QRect left = f.view->itemRect(0, f.at(0, 1).id);
        QTest::mouseClick(f.view->viewport(), Qt::LeftButton, Qt::NoModifier, left.center());
        QCOMPARE(f.view->selectedItemId(), f.at(0, 1).id);
        QTest::keyClick(&f.window, Qt::Key_M);
        QCOMPARE(f.count(0), std::size_t{3});
        QCOMPARE(f.at(0, 1).start_frame, std::int64_t{50});
        QCOMPARE(f.at(0, 1).end_frame, std::int64_t{120});

        // Undo both: the original three items are back.
        QVERIFY(f.editor->undo());
        QVERIFY(f.editor->undo());
        QCOMPARE(f.count(0), std::size_t{3});
        QCOMPARE(f.at(0, 1).id, std::int64_t{2});
        QCOMPARE(f.at(0, 1).end_frame, std::int64_t{120});
        QCOMPARE(f.at(0, 1).confidence, 0.3);
    }

    void splittingOnAnItemsFirstFrameDoesNothing() {
        Fixture f;
        f.view->setPlayheadFrame(50);
        QTest::keyClick(&f.window, Qt::Key_B);
        QCOMPARE(f.count(0), std::size_t{3});
        QCOMPARE(f.steps(), std::size_t{0});
    }

    void relabelWithTypeAhead() {
        Fixture f;
        const QRect stir = f.view->itemRect(0, 2);
        QTest::mouseClick(f.view->viewport(), Qt::LeftButton, Qt::NoModifier, stir.center());
        QTest::keyClick(&f.window, Qt::Key_F2);
        QLineEdit* editor = f.view->relabelEditor();
        QVERIFY(editor->isVisible());
        editor->clear();
        // "wat" matches the middle of "pour water": the completer offers it.
        QTest::keyClicks(editor, QStringLiteral("wat"));
        QCompleter* completer = editor->completer();
        QVERIFY(completer != nullptr);
        QCOMPARE(completer->completionCount(), 1);
        QCOMPARE(completer->currentCompletion(), QStringLiteral("pour water"));
        // Picking the offered label in the popup, Return takes it, a second Return commits.
        QVERIFY(completer->popup()->isVisible());
        completer->popup()->setCurrentIndex(completer->completionModel()->index(0, 0));
        QTest::keyClick(completer->popup(), Qt::Key_Return);
        QCOMPARE(editor->text(), QStringLiteral("pour water"));
        QTest::keyClick(editor, Qt::Key_Return);
        QVERIFY(!editor->isVisible());
        QCOMPARE(f.at(0, 1).label, QStringLiteral("pour water"));
        QVERIFY(f.at(0, 1).review == ReviewState::Edited);
        QVERIFY(f.editor->undo());
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
        QCOMPARE(f.count(0), std::size_t{2});
        QCOMPARE(f.at(0, 0).end_frame, std::int64_t{120});
        QVERIFY(f.editor->undo());
        QCOMPARE(f.count(0), std::size_t{3});
    }

    void createFromInAndOutCarvesThePartition() {
        Fixture f;
        f.view->setPlayheadFrame(60);
        QTest::keyClick(&f.window, Qt::Key_I);
        f.view->setPlayheadFrame(69);
        QTest::keyClick(&f.window, Qt::Key_O);
        f.view->createFromInOut();
        // stir [50,120) -> [50,60) new [60,70) [70,120)
        QCOMPARE(f.count(0), std::size_t{5});
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
        QVERIFY(f.at(0, 1).review == ReviewState::Accepted);
    }

    void remappedShortcutIsUsedAndRemembered() {
        Fixture f;
        f.actions->setShortcuts(ActionId::Split, {QKeySequence(Qt::Key_X)});
        f.view->setPlayheadFrame(80);
        QTest::keyClick(&f.window, Qt::Key_B);
        QCOMPARE(f.count(0), std::size_t{3});
        QTest::keyClick(&f.window, Qt::Key_X);
        QCOMPARE(f.count(0), std::size_t{4});
        StudioActions reloaded(*f.settings);
        QCOMPARE(reloaded.action(ActionId::Split)->shortcut(), QKeySequence(Qt::Key_X));
        QCOMPARE(reloaded.conflictFor(QKeySequence(Qt::Key_X), ActionId::Merge), ActionId::Split);
    }

    void paintsAHundredThousandItems() {
        const std::int64_t frames = 1'000'000;
        TimelineStore data(frames, 30);
        const std::int64_t track = data.addTrack("Actions", store::TrackKind::ActionSegmentation);
        std::vector<store::Item> items;
        for (std::int64_t i = 0; i < 100'000; ++i) {
            items.push_back(
                data.item(track, i * 10, i * 10 + 10, "a" + std::to_string(i % 7), 0.5));
        }
        auto transaction = data.project->beginTransaction();
        data.project->items().insertMany(items);  // ids 1..100000, in order
        transaction->commit();
        StoreTimelineModel model(*data.project, data.video_id, frames, 30.0);
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
