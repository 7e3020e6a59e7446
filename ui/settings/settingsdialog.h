#pragma once
// Settings: the interface language and the keyboard bindings. Bindings are edited in a
// table (one key sequence editor per action), checked for conflicts, and saved through
// StudioActions; the language is saved for the next start.
// Threading: GUI thread only.

#include <QDialog>

#include <vector>

class QComboBox;
class QKeySequenceEdit;
class QLabel;
class QSettings;

namespace actbert::ui {

class StudioActions;

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    // Both must outlive the dialog.
    SettingsDialog(StudioActions& actions, QSettings& settings, QWidget* parent = nullptr);

    // Language codes offered ("" = the system's), in display order.
    static QStringList languageCodes();
    static QString languageKey() { return QStringLiteral("language"); }
    QComboBox* languageBox() const { return language_; }
    QKeySequenceEdit* shortcutEditor(int action_index) const;

    // Validates and saves; false (with the reason shown) on a conflict.
    bool apply();

private:
    void resetShortcuts();

    StudioActions& actions_;
    QSettings& settings_;
    QComboBox* language_ = nullptr;
    QLabel* problem_ = nullptr;
    std::vector<QKeySequenceEdit*> editors_;
};

}  // namespace actbert::ui
