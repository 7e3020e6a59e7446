#pragma once
// What `actbert-studio --open V --seek-frame N --screenshot PNG --quit` does after the window
// is up: open the video, wait until frame N is on screen, save the window as PNG and quit.
// Lets tests and users' scripts drive the real studio. Failures are printed and end the
// program with a non-zero status when --quit was given.
// Threading: GUI thread only.

#include <QObject>
#include <QString>
#include <QTimer>

#include <cstdint>
#include <optional>

namespace actbert::ui {

class StudioFlow;

struct StartupOptions {
    QString video_path;
    std::optional<std::int64_t> seek_frame;
    QString screenshot_path;
    bool quit = false;
    int timeout_ms = 60'000;  // give up waiting for the frame after this long
};

class StartupScript : public QObject {
    Q_OBJECT
public:
    // The flow must outlive the script.
    StartupScript(StudioFlow& flow, StartupOptions options, QObject* parent = nullptr);
    // Starts once the event loop runs.
    void start();

Q_SIGNALS:
    // The script is done; `exit_code` is what the program should return.
    void finished(int exit_code);

private:
    void onFrame(std::int64_t index);
    void fail(const QString& message);
    void finish();

    StudioFlow& flow_;
    StartupOptions options_;
    QTimer timeout_;
    bool done_ = false;
};

}  // namespace actbert::ui
