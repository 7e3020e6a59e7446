// actbert score TASK ...: metrics of a task's predictions against its ground truth, as the
// task's benchmark defines them. One function per task (cmd_score_<task>.cpp).

#include <iostream>

#include "app/cli/cli_support.h"

namespace actbert::cli {

int runScoreCaptioning(const QStringList& arguments);

int runScore(const QStringList& arguments) {
    static const QString kUsage = QStringLiteral(
        "score captioning --predictions FILE "
        "--ground-truth FILE [--json]");
    if (arguments.isEmpty() || arguments.front() == QStringLiteral("-h") ||
        arguments.front() == QStringLiteral("--help")) {
        printLine("Usage: actbert " + toStd(kUsage));
        printLine("Tasks: captioning (BLEU-1..4, METEOR, ROUGE-L, CIDEr as coco-caption)");
        if (arguments.isEmpty()) {
            throw UsageError("name a task: captioning");
        }
        return kExitOk;
    }
    const QString task = arguments.front();
    if (task == QStringLiteral("captioning")) {
        return runScoreCaptioning(arguments.mid(1));
    }
    throw UsageError("unknown task \"" + toStd(task) + "\" (known: captioning)");
}

}  // namespace actbert::cli
