// actbert edit ACTION --project PROJECT ...: scripted, journaled edits with undo and redo.
// Every edit prints "edit ID" once it is committed (and the ids of items it created).

#include <cmath>
#include <cstdlib>

#include "app/cli/cli_support.h"
#include "core/store/project.h"

namespace actbert::cli {
namespace {

std::int64_t parseId(const QString& text, const char* what) {
    bool ok = false;
    const qlonglong value = text.toLongLong(&ok);
    if (!ok) {
        throw UsageError(std::string("--") + what + " expects an id, got '" + toStd(text) + "'");
    }
    return value;
}

// --frame F, or --time SECONDS converted with the item's video frame rate.
std::int64_t framePosition(const QCommandLineParser& parser, store::Project& project,
                           std::int64_t track_id, const QString& frame_name,
                           const QString& time_name) {
    if (parser.isSet(frame_name)) {
        return parseId(parser.value(frame_name), "frame");
    }
    if (parser.isSet(time_name)) {
        const auto video = project.videos().get(project.tracks().get(track_id).video_id);
        return video.frameAt(parseDoubleOption(parser, time_name));
    }
    throw UsageError("--" + toStd(frame_name) + " or --" + toStd(time_name) + " is required");
}

void printItem(const store::Item& item) {
    printLine("item " + std::to_string(item.id) + "\t" + std::to_string(item.start_frame) + "-" +
              std::to_string(item.end_frame) + "\t" + std::to_string(item.start_s) + "-" +
              std::to_string(item.end_s) + "\t" + std::string(store::toString(item.review_state)) +
              "\t" + item.label);
}

}  // namespace

int runEdit(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.addPositionalArgument(
        QStringLiteral("action"),
        QStringLiteral("create, delete, move, split, merge, relabel, review, accept-all, undo, "
                       "redo, history or items"));
    const auto option = [&](const char* name, const char* help, const char* value = nullptr) {
        QCommandLineOption added(QString::fromLatin1(name), QString::fromLatin1(help),
                                 value ? QString::fromLatin1(value) : QString());
        parser.addOption(added);
    };
    option("project", "The project file.", "PROJECT");
    option("item", "Item id (repeat for merge and review).", "ID");
    option("track", "Track id.", "ID");
    option("start", "create: first frame.", "FRAME");
    option("end", "create: frame after the last one.", "FRAME");
    option("frame", "move/split: frame position.", "FRAME");
    option("time", "move/split: position in seconds (converted to a frame).", "SECONDS");
    option("edge", "move: start or end.", "EDGE");
    option("session", "move: drag session; moves of one session undo together.", "ID");
    option("label", "create/relabel: the label or text.", "TEXT");
    option("label-id", "create/relabel: the vocabulary id of the label.", "ID");
    option("state", "review: unreviewed, accepted, rejected or edited.", "STATE");
    option("min-confidence", "accept-all: only items at least this confident.", "C");
    option("author", "Who makes the edit (default: $USER).", "NAME");
    if (!parseCommandLine(parser, arguments,
                          QStringLiteral("edit ACTION --project PROJECT [options]"))) {
        return kExitOk;
    }
    const QString action = requirePositional(parser, 1, QStringLiteral("ACTION")).front();
    if (!parser.isSet(QStringLiteral("project"))) {
        throw UsageError("--project PROJECT is required");
    }
    store::Project project(toStd(parser.value(QStringLiteral("project"))),
                           store::Project::OpenMode::OpenExisting);
    const char* user = std::getenv("USER");
    const std::string author = parser.isSet(QStringLiteral("author"))
                                   ? toStd(parser.value(QStringLiteral("author")))
                                   : (user != nullptr ? user : "unknown");
    const auto item_ids = [&] {
        std::vector<std::int64_t> ids;
        for (const auto& value : parser.values(QStringLiteral("item"))) {
            ids.push_back(parseId(value, "item"));
        }
        if (ids.empty()) {
            throw UsageError("--item ID is required");
        }
        return ids;
    };
    const auto track_id = [&] {
        if (!parser.isSet(QStringLiteral("track"))) {
            throw UsageError("--track ID is required");
        }
        return parseId(parser.value(QStringLiteral("track")), "track");
    };
    const std::string label = toStd(parser.value(QStringLiteral("label")));
    const std::string label_id = toStd(parser.value(QStringLiteral("label-id")));

    if (action == QStringLiteral("undo") || action == QStringLiteral("redo")) {
        const bool undo = action == QStringLiteral("undo");
        const auto id = undo ? project.journal().undo() : project.journal().redo();
        printLine(id ? std::string(undo ? "undone" : "redone") + " edit " + std::to_string(*id)
                     : std::string("nothing to ") + (undo ? "undo" : "redo"));
        return kExitOk;
    }
    if (action == QStringLiteral("history")) {
        for (const auto& entry : project.journal().history(1000)) {
            printLine("edit " + std::to_string(entry.id) + (entry.undone ? " (undone)" : "") +
                      "\t" + entry.author + "\t" + entry.description);
        }
        return kExitOk;
    }
    if (action == QStringLiteral("items")) {
        for (const auto& item : project.items().forTrack(track_id())) {
            printItem(item);
        }
        return kExitOk;
    }
    store::EditCommand command;
    if (action == QStringLiteral("create")) {
        command = store::EditCommand::create(
            track_id(), parseId(parser.value(QStringLiteral("start")), "start"),
            parseId(parser.value(QStringLiteral("end")), "end"), label, label_id);
    } else if (action == QStringLiteral("delete")) {
        command = store::EditCommand::remove(item_ids().front());
    } else if (action == QStringLiteral("move") || action == QStringLiteral("split")) {
        const auto item = project.items().get(item_ids().front());
        const auto frame = framePosition(parser, project, item.track_id, QStringLiteral("frame"),
                                         QStringLiteral("time"));
        if (action == QStringLiteral("split")) {
            command = store::EditCommand::split(item.id, frame);
        } else {
            const QString edge = parser.value(QStringLiteral("edge"));
            if (edge != QStringLiteral("start") && edge != QStringLiteral("end")) {
                throw UsageError("--edge must be start or end");
            }
            command = store::EditCommand::moveBoundary(
                item.id, edge == QStringLiteral("start") ? store::Edge::Start : store::Edge::End,
                frame, toStd(parser.value(QStringLiteral("session"))));
        }
    } else if (action == QStringLiteral("merge")) {
        const auto ids = item_ids();
        if (ids.size() != 2) {
            throw UsageError("merge needs two --item options");
        }
        command = store::EditCommand::merge(ids[0], ids[1]);
    } else if (action == QStringLiteral("relabel")) {
        command = store::EditCommand::relabel(item_ids().front(), label, label_id);
    } else if (action == QStringLiteral("review")) {
        command = store::EditCommand::setReviewState(
            item_ids(), store::parseReviewState(toStd(parser.value(QStringLiteral("state")))));
    } else if (action == QStringLiteral("accept-all")) {
        std::optional<double> minimum;
        if (parser.isSet(QStringLiteral("min-confidence"))) {
            minimum = parseDoubleOption(parser, QStringLiteral("min-confidence"));
        }
        command = store::EditCommand::bulkAccept(track_id(), minimum);
    } else {
        throw UsageError("unknown edit action '" + toStd(action) + "' (see `actbert edit --help`)");
    }
    const auto outcome = project.journal().apply(command, author);
    if (outcome.edit_id == 0) {
        printLine("nothing changed");
        return kExitOk;
    }
    printLine("edit " + std::to_string(outcome.edit_id) + (outcome.merged ? " (merged)" : ""));
    for (const auto id : outcome.created_item_ids) {
        printLine("created item " + std::to_string(id));
    }
    return kExitOk;
}

}  // namespace actbert::cli
