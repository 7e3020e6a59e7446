#include "ui/settings/studiotranslator.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>

namespace actbert::ui {

StudioTranslator::~StudioTranslator() {
    uninstall();
}

void StudioTranslator::uninstall() {
    for (auto& translator : installed_) {
        QCoreApplication::removeTranslator(translator.get());
    }
    installed_.clear();
}

bool StudioTranslator::install(const QString& language_code, const QString& directory) {
    uninstall();
    const QLocale locale = language_code.isEmpty() ? QLocale::system() : QLocale(language_code);
    if (locale.language() == QLocale::English || locale.language() == QLocale::C) {
        return true;
    }
    auto studio = std::make_unique<QTranslator>();
    if (!studio->load(locale, QStringLiteral("actbert"), QStringLiteral("_"), directory)) {
        return false;
    }
    QCoreApplication::installTranslator(studio.get());
    installed_.push_back(std::move(studio));
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        installed_.push_back(std::move(qt));
    }
    return true;
}

}  // namespace actbert::ui
