#pragma once
// Installs the studio's translation (and Qt's own, for standard dialogs) for a language
// code ("de", "zh_CN"; empty = the system's). The studio's .qm files are embedded under
// ":/i18n" by the build (qt_add_translations); tests pass the build folder instead.
// Threading: GUI thread, before widgets are created (texts are read at construction).

#include <QString>
#include <QTranslator>

#include <memory>
#include <vector>

namespace actbert::ui {

class StudioTranslator {
public:
    StudioTranslator() = default;
    ~StudioTranslator();
    StudioTranslator(const StudioTranslator&) = delete;
    StudioTranslator& operator=(const StudioTranslator&) = delete;

    // Returns false when no studio translation exists for the language (English is built
    // in and always succeeds).
    bool install(const QString& language_code, const QString& directory = QStringLiteral(":/i18n"));
    void uninstall();

private:
    std::vector<std::unique_ptr<QTranslator>> installed_;
};

}  // namespace actbert::ui
