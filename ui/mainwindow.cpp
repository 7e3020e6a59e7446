#include "ui/mainwindow.h"

namespace actbert::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(tr("ActBERT Studio"));
    resize(1280, 800);
}

}  // namespace actbert::ui
