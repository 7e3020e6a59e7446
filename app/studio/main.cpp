// actbert-studio: builds the main window and hands over to Qt's event loop.

#include <QApplication>

#include "ui/mainwindow.h"

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("ActBERT Studio"));
    QApplication::setOrganizationName(QStringLiteral("ActBERT Studio"));
    actbert::ui::MainWindow window;
    window.show();
    return QApplication::exec();
}
