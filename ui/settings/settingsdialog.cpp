#include "ui/settings/settingsdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QKeySequenceEdit>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QTableWidget>
#include <QVBoxLayout>

#include "ui/settings/studioactions.h"

namespace actbert::ui {

QStringList SettingsDialog::languageCodes() {
    return {QString(), QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("zh_CN")};
}

SettingsDialog::SettingsDialog(StudioActions& actions, QSettings& settings, QWidget* parent)
    : QDialog(parent), actions_(actions), settings_(settings) {
    setWindowTitle(tr("Settings"));
    language_ = new QComboBox(this);
    // Language names are written in their own language so anyone can find theirs.
    const QStringList names{tr("System language"), QStringLiteral("English"),
                            QStringLiteral("Deutsch"), QStringLiteral("简体中文")};
    const QStringList codes = languageCodes();
    for (int i = 0; i < codes.size(); ++i) {
        language_->addItem(names[i], codes[i]);
    }
    language_->setCurrentIndex(
        std::max(0, static_cast<int>(codes.indexOf(settings_.value(languageKey()).toString()))));
    auto* form = new QFormLayout;
    form->addRow(tr("Language (applies after a restart):"), language_);

    const int count = static_cast<int>(ActionId::Count);
    auto* table = new QTableWidget(count, 2, this);
    table->setHorizontalHeaderLabels({tr("Action"), tr("Shortcut")});
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    table->verticalHeader()->hide();
    for (int i = 0; i < count; ++i) {
        QAction* action = actions_.action(static_cast<ActionId>(i));
        auto* name = new QTableWidgetItem(action->text());
        name->setFlags(Qt::ItemIsEnabled);
        table->setItem(i, 0, name);
        auto* editor = new QKeySequenceEdit(action->shortcut(), table);
        table->setCellWidget(i, 1, editor);
        editors_.push_back(editor);
    }
    problem_ = new QLabel(this);
    problem_->setStyleSheet(QStringLiteral("color: #b00020"));
    auto* buttons = new QDialogButtonBox(
        QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (apply()) {
            accept();
        }
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            &SettingsDialog::resetShortcuts);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(table, 1);
    layout->addWidget(problem_);
    layout->addWidget(buttons);
    resize(560, 640);
}

QKeySequenceEdit* SettingsDialog::shortcutEditor(int action_index) const {
    return editors_.at(static_cast<std::size_t>(action_index));
}

void SettingsDialog::resetShortcuts() {
    for (std::size_t i = 0; i < editors_.size(); ++i) {
        const auto defaults = actions_.defaultShortcuts(static_cast<ActionId>(i));
        editors_[i]->setKeySequence(defaults.isEmpty() ? QKeySequence() : defaults.front());
    }
}

bool SettingsDialog::apply() {
    // Two actions on one key would make one of them unreachable: refuse and say which.
    for (std::size_t i = 0; i < editors_.size(); ++i) {
        const QKeySequence sequence = editors_[i]->keySequence();
        for (std::size_t j = i + 1; j < editors_.size() && !sequence.isEmpty(); ++j) {
            if (editors_[j]->keySequence() == sequence) {
                problem_->setText(tr("%1 is bound to both '%2' and '%3'")
                                      .arg(sequence.toString(QKeySequence::NativeText),
                                           actions_.action(static_cast<ActionId>(i))->text(),
                                           actions_.action(static_cast<ActionId>(j))->text()));
                return false;
            }
        }
    }
    for (std::size_t i = 0; i < editors_.size(); ++i) {
        const auto id = static_cast<ActionId>(i);
        const QKeySequence sequence = editors_[i]->keySequence();
        QList<QKeySequence> shortcuts = actions_.action(id)->shortcuts();
        // The editor shows the first binding; alternatives (Left and ",") are kept.
        if (shortcuts.isEmpty() || shortcuts.front() != sequence) {
            if (sequence.isEmpty()) {
                shortcuts.clear();
            } else if (shortcuts.isEmpty()) {
                shortcuts.append(sequence);
            } else {
                shortcuts.front() = sequence;
            }
            actions_.setShortcuts(id, shortcuts);
        }
    }
    settings_.setValue(languageKey(), language_->currentData().toString());
    problem_->clear();
    return true;
}

}  // namespace actbert::ui
