#pragma once
// Every keyboard action of the studio, with the default bindings of studio-ux.md (Space,
// J/K/L, Left/Right and ,/., Shift+arrows, I/O, B, Alt+arrows, N/Shift+N, ...). Bindings
// are remappable: overrides are kept in QSettings under "shortcuts/<key>". The actions are
// plain QActions; the flow connects them to the player and the timeline.
// Threading: GUI thread only.

#include <QAction>
#include <QKeySequence>
#include <QList>
#include <QObject>
#include <QString>

#include <array>

class QSettings;
class QWidget;

namespace actbert::ui {

enum class ActionId {
    PlayPause,
    PlayReverse,
    Pause,
    PlayForward,
    StepForward,
    StepBackward,
    JumpForward,
    JumpBackward,
    SetIn,
    SetOut,
    Split,
    PreviousBoundary,
    NextBoundary,
    NextLowConfidence,
    PreviousLowConfidence,
    Merge,
    Delete,
    Relabel,
    Accept,
    Reject,
    BulkAccept,
    CreateFromInOut,
    PreviousTrack,
    NextTrack,
    ZoomIn,
    ZoomOut,
    ZoomToFit,
    ZoomToFrames,
    GoToFrame,
    Undo,
    Redo,
    ToggleRegions,
    ToggleCaption,
    ToggleStep,
    Count
};

class StudioActions : public QObject {
    Q_OBJECT
public:
    // Reads overrides from `settings` (which must outlive this object).
    StudioActions(QSettings& settings, QObject* parent = nullptr);

    QAction* action(ActionId id) const { return actions_[static_cast<std::size_t>(id)]; }
    // Stable name used in the settings file ("play_pause").
    static QString key(ActionId id);
    QList<QKeySequence> defaultShortcuts(ActionId id) const;
    // Saves the binding and applies it at once; an empty list unbinds the action.
    void setShortcuts(ActionId id, const QList<QKeySequence>& shortcuts);
    void resetToDefaults();
    // The action already bound to `sequence`, other than `except`; Count when none.
    ActionId conflictFor(const QKeySequence& sequence, ActionId except) const;
    // Adds every action to `widget` so the shortcuts work while it (or a child) has focus.
    void addTo(QWidget* widget) const;
    // Re-applies translated texts after the language changed.
    void retranslate();

private:
    QSettings& settings_;
    std::array<QAction*, static_cast<std::size_t>(ActionId::Count)> actions_{};
};

}  // namespace actbert::ui
