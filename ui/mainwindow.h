#pragma once
// The studio's top-level window: hosts the panels; wiring lives in separate objects.
// Threading: GUI thread only.

#include <QMainWindow>

namespace actbert::ui {

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
};

}  // namespace actbert::ui
