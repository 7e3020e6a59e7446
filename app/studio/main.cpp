// actbert-studio: parses the command line, installs the chosen language, builds the studio
// and hands over to Qt's event loop.
//   actbert-studio [--project P] [--open VIDEO] [--seek-frame N] [--screenshot PNG] [--quit]
//                  [--demo DIR]

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QSettings>
#include <QTextStream>

#include <memory>

#include "app/studio/studiosources.h"
#include "models/common/build_info.h"
#include "ui/demolauncher.h"
#include "ui/jobs/jobbridge.h"
#include "ui/mainwindow.h"
#include "ui/settings/settingsdialog.h"
#include "ui/settings/studiotranslator.h"
#include "ui/startupscript.h"
#include "ui/studioflow.h"

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("ActBERT Studio"));
    QApplication::setOrganizationName(QStringLiteral("ActBERT Studio"));
    QApplication::setApplicationVersion(
        QString::fromStdString(actbert::models::describeBuild(actbert::models::buildInfo())));
    QSettings settings;
    actbert::ui::StudioTranslator translator;
    translator.install(settings.value(actbert::ui::SettingsDialog::languageKey()).toString());

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Frame-exact video annotation studio for ActBERT"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption project({QStringLiteral("project")},
                                     QApplication::translate("main", "Open the project file P."),
                                     QStringLiteral("P"));
    const QCommandLineOption open({QStringLiteral("open")},
                                  QApplication::translate("main", "Open the video file VIDEO."),
                                  QStringLiteral("VIDEO"));
    const QCommandLineOption seek({QStringLiteral("seek-frame")},
                                  QApplication::translate("main", "Show frame N of the video."),
                                  QStringLiteral("N"));
    const QCommandLineOption screenshot(
        {QStringLiteral("screenshot")},
        QApplication::translate("main", "Save a picture of the window as PNG once ready."),
        QStringLiteral("PNG"));
    const QCommandLineOption quit({QStringLiteral("quit")},
                                  QApplication::translate("main", "Quit when done."));
    const QCommandLineOption demo(
        {QStringLiteral("demo")},
        QApplication::translate("main", "Open the demo data set in DIR (made there if missing)."),
        QStringLiteral("DIR"));
    parser.addOptions({project, open, seek, screenshot, quit, demo});
    parser.process(app);

    QTextStream err(stderr);
    actbert::ui::StartupOptions options;
    options.video_path = parser.value(open);
    options.screenshot_path = parser.value(screenshot);
    options.quit = parser.isSet(quit);
    if (parser.isSet(seek)) {
        bool ok = false;
        options.seek_frame = parser.value(seek).toLongLong(&ok);
        if (!ok || *options.seek_frame < 0) {
            err << "actbert-studio: --seek-frame needs a frame number, not '" << parser.value(seek)
                << "'\n";
            return 2;
        }
    }

    actbert::ui::StudioFlow flow(actbert::studio::videoOpener(), settings);
    flow.window()->show();
    if (parser.isSet(project)) {
        QString problem;
        if (!flow.openProject(parser.value(project), actbert::ui::ProjectOpenMode::OpenOrCreate,
                              &problem)) {
            err << "actbert-studio: " << problem << '\n';
            if (options.quit) {
                return 1;
            }
        }
    }
    int exit_code = 0;
    std::unique_ptr<actbert::ui::StartupScript> script;
    const auto run_script = [&](const actbert::ui::StartupOptions& script_options) {
        script = std::make_unique<actbert::ui::StartupScript>(flow, script_options);
        QObject::connect(script.get(), &actbert::ui::StartupScript::finished, &app, [&](int code) {
            exit_code = code;
            QApplication::quit();
        });
        QMetaObject::invokeMethod(
            script.get(), [&script] { script->start(); }, Qt::QueuedConnection);
    };
    // The demo is prepared off the GUI thread; the script runs once its project is open.
    std::unique_ptr<actbert::ui::DemoLauncher> demo_launcher;
    if (parser.isSet(demo)) {
        demo_launcher =
            std::make_unique<actbert::ui::DemoLauncher>(flow.jobBridge(), flow.window());
        const auto give_up = [&](const QString& message) {
            err << "actbert-studio: " << message << '\n';
            err.flush();
            if (options.quit) {
                exit_code = 1;
                QApplication::quit();
            } else {
                QMessageBox::critical(flow.window(), QApplication::translate("main", "Demo"),
                                      message);
            }
        };
        QObject::connect(
            demo_launcher.get(), &actbert::ui::DemoLauncher::ready, &app,
            [&, give_up](const QString& project_path, const QString& first_video) {
                QString problem;
                if (!flow.openProject(project_path, actbert::ui::ProjectOpenMode::OpenExisting,
                                      &problem)) {
                    give_up(problem);
                    return;
                }
                actbert::ui::StartupOptions demo_options = options;
                demo_options.video_path = first_video;
                run_script(demo_options);
            });
        QObject::connect(
            demo_launcher.get(), &actbert::ui::DemoLauncher::failed, &app,
            [give_up](const QString& message) {
                give_up(
                    QApplication::translate("main", "Cannot prepare the demo: %1").arg(message));
            });
        QObject::connect(
            demo_launcher.get(), &actbert::ui::DemoLauncher::cancelled, &app,
            [give_up] { give_up(QApplication::translate("main", "The demo was cancelled")); });
        demo_launcher->start(parser.value(demo));
    } else {
        run_script(options);
    }
    const int loop_code = QApplication::exec();
    return exit_code != 0 ? exit_code : loop_code;
}
