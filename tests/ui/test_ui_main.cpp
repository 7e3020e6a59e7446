// Runs every GUI test class of the studio under one QApplication (offscreen platform).

#include <QApplication>
#include <QStandardPaths>

#include "uitests.h"

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("ActBERT Studio Tests"));
    QApplication::setApplicationName(QStringLiteral("test_ui"));
    // The per-user frame-index cache goes to Qt's test location, not the user's own.
    QStandardPaths::setTestModeEnabled(true);
    int failures = 0;
    failures += runTimelineTests(argc, argv);
    failures += runPlayerTests(argc, argv);
    failures += runStudioTests(argc, argv);
    failures += runImportExportTests(argc, argv);
    failures += runJobsUiTests(argc, argv);
    failures += runEditTests(argc, argv);
    return failures == 0 ? 0 : 1;
}
