// One edit system: the studio edits through the project store's planner and journal whether
// a project is open or not (then a temporary one), so the same edit script must leave the
// same items in both modes, undo/redo must work alike, and a German user's corrections must
// write exactly what an English user's write (no translated word is stored as data).

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include "core/store/project.h"
#include "ui/player/decoderframesource.h"
#include "ui/project/projectsession.h"
#include "ui/settings/studioactions.h"
#include "ui/settings/studiotranslator.h"
#include "ui/studioflow.h"
#include "ui/timeline/timelinemodel.h"
#include "ui/timeline/timelinetext.h"
#include "ui/timeline/timelineview.h"
#include "uitests.h"

using namespace actbert::ui;
namespace store = actbert::store;

namespace {

const QString kAvi = QStringLiteral(ACTBERT_SHARED_DATA_DIR "/videos/paddle_example.avi");

struct Studio {
    QTemporaryDir dir;
    QSettings settings{dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat};
    StudioFlow flow{DecoderFrameSource::opener(), settings, AudioMode::Off};

    const TimelineModel& model() const { return *flow.timeline()->model(); }
    std::int64_t idAt(int track, int index) const {
        return model().items(track).at(static_cast<std::size_t>(index)).id;
    }
    void trigger(ActionId id) { flow.actions().action(id)->trigger(); }
};

// Everything the store holds about the open video's tracks and items, ids left out (they
// are the store's business), one line per track and per item.
QStringList storeContents(Studio& studio) {
    store::Project& project = studio.flow.session()->project();
    QStringList lines;
    for (const store::Video& video : project.videos().list()) {
        for (const store::Track& track : project.tracks().forVideo(video.id)) {
            lines.append(
                QStringLiteral("track '%1' %2")
                    .arg(QString::fromStdString(track.name),
                         QString::fromStdString(std::string(store::toString(track.kind)))));
            for (const store::Item& item : project.items().forTrack(track.id)) {
                lines.append(QStringLiteral("  [%1, %2) '%3' id '%4' %5 conf %6 by '%7'")
                                 .arg(item.start_frame)
                                 .arg(item.end_frame)
                                 .arg(QString::fromStdString(item.label),
                                      QString::fromStdString(item.label_id),
                                      QString::fromStdString(
                                          std::string(store::toString(item.review_state))))
                                 .arg(item.confidence ? QString::number(*item.confidence)
                                                      : QStringLiteral("-"))
                                 .arg(QString::fromStdString(item.author)));
            }
        }
    }
    return lines;
}

// What the timeline shows of the action track: start, end, stored label, review state.
QStringList shownItems(const Studio& studio, int track) {
    QStringList lines;
    for (const TimelineItem& item : studio.model().items(track)) {
        lines.append(QStringLiteral("[%1, %2) '%3' %4")
                         .arg(item.start_frame)
                         .arg(item.end_frame)
                         .arg(item.label)
                         .arg(static_cast<int>(item.review)));
    }
    return lines;
}

// The store after each step of the script, to compare modes and check undo/redo.
struct ScriptResult {
    QStringList after_edits;
    QStringList after_undo;
    QStringList after_redo;
    QStringList at_end;
    QStringList shown_at_end;
};

// A user's corrections on a fresh video: split twice, drag a boundary (once too far), relabel,
// accept, create an unlabelled step, merge, undo and redo, delete. Every request goes the way
// the studio's keys and mouse send it (the view's request signals and the actions).
ScriptResult runScript(Studio& studio) {
    ScriptResult result;
    TimelineView* view = studio.flow.timeline();
    const TimelineModel& model = studio.model();
    if (model.trackCount() != 3 || model.items(0).size() != 1) {
        qWarning("unexpected default tracks");
        return result;
    }
    view->setPlayheadFrame(40);
    view->splitAtPlayhead();
    view->setPlayheadFrame(90);
    view->splitAtPlayhead();
    Q_EMIT view->edgeMoveRequested(0, studio.idAt(0, 0), Edge::End, 50);
    Q_EMIT view->relabelRequested(0, studio.idAt(0, 1), QStringLiteral("stir"));
    view->selectItem(0, studio.idAt(0, 0));
    view->acceptSelected();
    Q_EMIT view->createRequested(1, 10, 30, QString());  // no label typed
    view->selectItem(0, studio.idAt(0, 1));
    view->mergeSelectedWithNext();
    result.after_edits = storeContents(studio);
    // Dragged past its neighbour, a boundary stops where the neighbour keeps one frame.
    Q_EMIT view->edgeMoveRequested(0, studio.idAt(0, 0), Edge::End, 500);
    studio.trigger(ActionId::Undo);
    result.after_undo = storeContents(studio);
    studio.trigger(ActionId::Redo);
    result.after_redo = storeContents(studio);
    view->selectItem(0, studio.idAt(0, 1));
    view->deleteSelected();
    result.at_end = storeContents(studio);
    result.shown_at_end = shownItems(studio, 0);
    return result;
}

}  // namespace

class TestEdits : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sameScriptGivesTheSameItemsWithAndWithoutAProject() {
        ScriptResult without_project;
        {
            Studio studio;
            QVERIFY(studio.flow.openVideo(kAvi));
            QVERIFY(studio.flow.session() != nullptr && studio.flow.session()->isTemporary());
            without_project = runScript(studio);
        }
        ScriptResult with_project;
        {
            Studio studio;
            QVERIFY(studio.flow.openProject(studio.dir.filePath(QStringLiteral("p.actbert")),
                                            ProjectOpenMode::CreateNew));
            QVERIFY(studio.flow.openVideo(kAvi));
            QVERIFY(!studio.flow.session()->isTemporary());
            with_project = runScript(studio);
        }
        QVERIFY(!without_project.at_end.isEmpty());
        QCOMPARE(without_project.after_edits, with_project.after_edits);
        QCOMPARE(without_project.at_end, with_project.at_end);
        QCOMPARE(without_project.shown_at_end, with_project.shown_at_end);

        // The script's result, spelled out: the store's rules applied in both modes.
        // The deleted item's frames went to the previous one, still without a label.
        const QStringList expected_actions = {
            QStringLiteral("[0, 131) '' %1").arg(static_cast<int>(ReviewState::Edited))};
        QCOMPARE(with_project.shown_at_end, expected_actions);
        // Before the delete: [0,130) accepted, [130,131) 'stir' after the clamped drag.
        QVERIFY(with_project.after_redo.contains(
            QStringLiteral("  [0, 130) '' id '' edited conf - by 'studio'")));
        QVERIFY(with_project.after_redo.contains(
            QStringLiteral("  [130, 131) 'stir' id '' edited conf - by 'studio'")));
        // Undo took the too-far drag back, redo brought it again: one journal, both modes.
        QCOMPARE(with_project.after_undo, with_project.after_edits);
        QCOMPARE(without_project.after_undo, without_project.after_edits);
        QCOMPARE(without_project.after_redo, with_project.after_redo);
        QVERIFY(with_project.after_redo != with_project.after_edits);
        // The new step has no label (shown as "unlabelled"), not the English word.
        QVERIFY(with_project.at_end.contains(
            QStringLiteral("  [10, 30) '' id '' accepted conf - by 'studio'")));
    }

    void undoAndRedoWorkWithoutAProject() {
        Studio studio;
        QVERIFY(studio.flow.openVideo(kAvi));
        TimelineView* view = studio.flow.timeline();
        const QStringList fresh = storeContents(studio);
        view->setPlayheadFrame(60);
        view->splitAtPlayhead();
        QCOMPARE(studio.model().items(0).size(), std::size_t{2});
        QVERIFY(studio.flow.session()->project().journal().canUndo());
        studio.trigger(ActionId::Undo);
        QCOMPARE(studio.model().items(0).size(), std::size_t{1});
        QCOMPARE(storeContents(studio), fresh);
        studio.trigger(ActionId::Redo);
        QCOMPARE(studio.model().items(0).size(), std::size_t{2});
        QCOMPARE(studio.model().items(0)[1].start_frame, std::int64_t{60});
        // The bulk accept, a project-only feature before, now works here too (same rules).
        Q_EMIT view->createRequested(2, 0, 20, QStringLiteral("now we pour"));
        view->setCurrentTrack(2);
        QVERIFY(studio.flow.bulkAcceptCurrentTrack(std::nullopt));
    }

    void germanCorrectionsWriteWhatEnglishCorrectionsWrite() {
        ScriptResult english;
        {
            Studio studio;
            QVERIFY(studio.flow.openVideo(kAvi));
            english = runScript(studio);
            QCOMPARE(displayTrackName(studio.model().track(0)), QStringLiteral("Actions"));
        }
        StudioTranslator translator;
        QVERIFY(
            translator.install(QStringLiteral("de"), QStringLiteral(ACTBERT_STUDIO_BINARY_DIR)));
        ScriptResult german;
        {
            Studio studio;
            QVERIFY(studio.flow.openVideo(kAvi));
            // The German user reads German names...
            QCOMPARE(displayTrackName(studio.model().track(0)), QStringLiteral("Handlungen"));
            QCOMPARE(displayLabel(studio.model().items(0).front().label),
                     QStringLiteral("unbeschriftet"));
            german = runScript(studio);
        }
        translator.uninstall();
        // ...and writes the same data, word for word.
        QVERIFY(!english.at_end.isEmpty());
        QCOMPARE(german.after_edits, english.after_edits);
        QCOMPARE(german.after_redo, english.after_redo);
        QCOMPARE(german.at_end, english.at_end);
        QVERIFY(english.at_end.contains(
            QStringLiteral("track 'action_segmentation' action_segmentation")));
    }
};

int runEditTests(int argc, char** argv) {
    TestEdits test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_edits.moc"
