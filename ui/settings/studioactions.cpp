#include "ui/settings/studioactions.h"

#include <QSettings>
#include <QWidget>

namespace actbert::ui {

namespace {

struct ActionSpec {
    ActionId id;
    const char* key;
    const char* text;       // translated with StudioActions' context
    const char* shortcuts;  // portable text, ";" between alternatives
};

// The order follows ActionId.
constexpr std::array<ActionSpec, static_cast<std::size_t>(ActionId::Count)> kSpecs{{
    {ActionId::PlayPause, "play_pause",
     QT_TRANSLATE_NOOP("actbert::ui::StudioActions", "Play / pause"), "Space"},
    {ActionId::PlayReverse, "play_reverse",
     QT_TRANSLATE_NOOP("actbert::ui::StudioActions", "Play backwards (repeat: faster)"), "J"},
    {ActionId::Pause, "pause", QT_TRANSLATE_NOOP("actbert::ui::StudioActions", "Pause"), "K"},
    {ActionId::PlayForward, "play_forward",
     QT_TRANSLATE_NOOP("actbert::ui::StudioActions", "Play forwards (repeat: faster)"), "L"},
    {ActionId::StepForward, "step_forward",
     QT_TRANSLATE_NOOP("actbert::ui::StudioActions", "Next frame"), "Right;."},
    {ActionId::StepBackward, "step_backward",
     QT_TRANSLATE_NOOP("actbert::ui::StudioActions", "Previous frame"), "Left;,"},
    {ActionId::JumpForward, "jump_forward",
     QT_TRANSLATE_NOOP("actbert::ui::StudioActions", "One second forwards"), "Shift+Right"},
    {ActionId::JumpBackward, "jump_backward",
     QT_TRANSLATE_NOOP("actbert::ui::StudioActions", "One second backwards"), "Shift+Left"},
    {ActionId::SetIn, "set_in", QT_TRANSLATE_NOOP("actbert::ui::StudioActions", "Set in point"),
     "I"},
    {ActionId::SetOut, "set_out", QT_TRANSLATE_NOOP("actbert::ui::StudioActions", "Set out point"),
     "O"},
    {ActionId::Split, "split", QT_TRANSLATE_NOOP("actbert::ui::StudioActions", "Split at playhead"),
     "B"},
    {ActionId::PreviousBoundary, "previous_boundary",
     QT_TRANSLATE_NOOP("actbert::ui::StudioActions", "Previous boundary"), "Alt+Left"},
    {ActionId::NextBoundary, "next_boundary",
     QT_TRANSLATE_NOOP("actbert::ui::StudioActions", "Next boundary"), "Alt+Right"},
    {ActionId::NextLowConfidence, "next_low_confidence",
     QT_TRANSLATE_NOOP("actbert::ui::StudioActions", "Next low-confidence item"), "N"},
    {ActionId::PreviousLowConfidence, "previous_low_confidence",
     QT_TRANSLATE_NOOP("actbert::ui::StudioActions", "Previous low-confidence item"), "Shift+N"},
    {ActionId::Merge, "merge",
     QT_TRANSLATE_NOOP("actbert::ui::StudioActions", "Merge with next item"), "M"},
    {ActionId::Delete, "delete", QT_TRANSLATE_NOOP("actbert::ui::StudioActions", "Delete item"),
     "Del"},
    {ActionId::Relabel, "relabel", QT_TRANSLATE_NOOP("actbert::ui::StudioActions", "Relabel item"),
     "F2"},
    {ActionId::Accept, "accept", QT_TRANSLATE_NOOP("actbert::ui::StudioActions", "Accept item"),
     "A"},
    {ActionId::Reject, "reject", QT_TRANSLATE_NOOP("actbert::ui::StudioActions", "Reject item"),
     "R"},
    {ActionId::BulkAccept, "bulk_accept",
     QT_TRANSLATE_NOOP("actbert::ui::StudioActions", "Accept all unreviewed items of the track..."),
     "Shift+A"},
    {ActionId::CreateFromInOut, "create",
     QT_TRANSLATE_NOOP("actbert::ui::StudioActions", "Create item from in to out"), "C"},
    {ActionId::PreviousTrack, "previous_track",
     QT_TRANSLATE_NOOP("actbert::ui::StudioActions", "Previous track"), "Up"},
    {ActionId::NextTrack, "next_track",
     QT_TRANSLATE_NOOP("actbert::ui::StudioActions", "Next track"), "Down"},
    {ActionId::ZoomIn, "zoom_in", QT_TRANSLATE_NOOP("actbert::ui::StudioActions", "Zoom in"),
     "Ctrl+=;="},
    {ActionId::ZoomOut, "zoom_out", QT_TRANSLATE_NOOP("actbert::ui::StudioActions", "Zoom out"),
     "Ctrl+-;-"},
    {ActionId::ZoomToFit, "zoom_fit",
     QT_TRANSLATE_NOOP("actbert::ui::StudioActions", "Zoom to whole video"), "Ctrl+0"},
    {ActionId::ZoomToFrames, "zoom_frames",
     QT_TRANSLATE_NOOP("actbert::ui::StudioActions", "Zoom to single frames"), "Ctrl+1"},
    {ActionId::GoToFrame, "go_to_frame",
     QT_TRANSLATE_NOOP("actbert::ui::StudioActions", "Go to frame or time..."), "Ctrl+G"},
    {ActionId::Undo, "undo", QT_TRANSLATE_NOOP("actbert::ui::StudioActions", "Undo"), "Ctrl+Z"},
    {ActionId::Redo, "redo", QT_TRANSLATE_NOOP("actbert::ui::StudioActions", "Redo"),
     "Ctrl+Shift+Z;Ctrl+Y"},
    {ActionId::ToggleRegions, "toggle_regions",
     QT_TRANSLATE_NOOP("actbert::ui::StudioActions", "Show region boxes"), "Shift+R"},
    {ActionId::ToggleCaption, "toggle_caption",
     QT_TRANSLATE_NOOP("actbert::ui::StudioActions", "Show caption"), "Shift+C"},
    {ActionId::ToggleStep, "toggle_step",
     QT_TRANSLATE_NOOP("actbert::ui::StudioActions", "Show current step"), "Shift+S"},
}};

const ActionSpec& spec(ActionId id) {
    return kSpecs[static_cast<std::size_t>(id)];
}

QList<QKeySequence> parseShortcuts(const QString& text) {
    QList<QKeySequence> result;
    for (const QString& part : text.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        result.append(QKeySequence::fromString(part, QKeySequence::PortableText));
    }
    return result;
}

QString formatShortcuts(const QList<QKeySequence>& shortcuts) {
    QStringList parts;
    for (const auto& sequence : shortcuts) {
        parts.append(sequence.toString(QKeySequence::PortableText));
    }
    return parts.join(QLatin1Char(';'));
}

}  // namespace

StudioActions::StudioActions(QSettings& settings, QObject* parent)
    : QObject(parent), settings_(settings) {
    for (std::size_t i = 0; i < actions_.size(); ++i) {
        const auto id = static_cast<ActionId>(i);
        Q_ASSERT(kSpecs[i].id == id);
        auto* action = new QAction(this);
        // Shortcuts must work wherever focus is in the window, not only on the timeline.
        action->setShortcutContext(Qt::WindowShortcut);
        action->setAutoRepeat(id != ActionId::PlayPause);
        actions_[i] = action;
        const QString stored = settings_
                                   .value(QStringLiteral("shortcuts/") + key(id),
                                          QString::fromLatin1(kSpecs[i].shortcuts))
                                   .toString();
        action->setShortcuts(parseShortcuts(stored));
    }
    for (const ActionId id :
         {ActionId::ToggleRegions, ActionId::ToggleCaption, ActionId::ToggleStep}) {
        action(id)->setCheckable(true);
        action(id)->setChecked(true);
    }
    retranslate();
}

QString StudioActions::key(ActionId id) {
    return QString::fromLatin1(spec(id).key);
}

QList<QKeySequence> StudioActions::defaultShortcuts(ActionId id) const {
    return parseShortcuts(QString::fromLatin1(spec(id).shortcuts));
}

void StudioActions::setShortcuts(ActionId id, const QList<QKeySequence>& shortcuts) {
    action(id)->setShortcuts(shortcuts);
    settings_.setValue(QStringLiteral("shortcuts/") + key(id), formatShortcuts(shortcuts));
}

void StudioActions::resetToDefaults() {
    for (std::size_t i = 0; i < actions_.size(); ++i) {
        const auto id = static_cast<ActionId>(i);
        settings_.remove(QStringLiteral("shortcuts/") + key(id));
        action(id)->setShortcuts(defaultShortcuts(id));
    }
}

ActionId StudioActions::conflictFor(const QKeySequence& sequence, ActionId except) const {
    for (std::size_t i = 0; i < actions_.size(); ++i) {
        const auto id = static_cast<ActionId>(i);
        if (id != except && !sequence.isEmpty() && actions_[i]->shortcuts().contains(sequence)) {
            return id;
        }
    }
    return ActionId::Count;
}

void StudioActions::addTo(QWidget* widget) const {
    for (QAction* action : actions_) {
        widget->addAction(action);
    }
}

void StudioActions::retranslate() {
    for (std::size_t i = 0; i < actions_.size(); ++i) {
        actions_[i]->setText(tr(kSpecs[i].text));
    }
}

}  // namespace actbert::ui
