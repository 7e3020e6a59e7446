// actbert edit ACTION --project PROJECT ...: scripted, journaled edits with undo and redo.
// Every edit prints "edit ID" once it is committed (and the ids of items it created).

#include <cmath>
#include <cstdlib>

#include "app/cli/cli_arguments.h"
#include "app/cli/cli_support.h"
#include "core/store/project.h"

namespace actbert::cli {
namespace {

// --frame F, or --time SECONDS converted with the item's video frame rate.
std::int64_t framePosition(const CliArguments& arguments, store::Project& project,
                           std::int64_t track_id) {
    if (arguments.isSet("frame")) {
        return arguments.integer("frame");
    }
    if (arguments.isSet("time")) {
        const auto video = project.videos().get(project.tracks().get(track_id).video_id);
        return video.frameAt(arguments.number("time"));
    }
    throw UsageError("--frame or --time is required");
}

void printItem(const store::Item& item) {
    printLine("item " + std::to_string(item.id) + "\t" + std::to_string(item.start_frame) + "-" +
              std::to_string(item.end_frame) + "\t" + std::to_string(item.start_s) + "-" +
              std::to_string(item.end_s) + "\t" + std::string(store::toString(item.review_state)) +
              "\t" + item.label);
}

int runEdit(const CliArguments& arguments) {
    const QString action = arguments.positional().front();
    store::Project project(arguments.text("project"), store::Project::OpenMode::OpenExisting);
    const char* user = std::getenv("USER");
    const std::string author =
        arguments.isSet("author") ? arguments.text("author") : (user != nullptr ? user : "unknown");
    const auto item_ids = [&] {
        std::vector<std::int64_t> ids;
        for (const auto& value : arguments.values("item")) {
            ids.push_back(value.toLongLong());
        }
        if (ids.empty()) {
            throw UsageError("--item ID is required");
        }
        return ids;
    };
    const auto track_id = [&] {
        if (!arguments.isSet("track")) {
            throw UsageError("--track ID is required");
        }
        return arguments.integer("track");
    };
    const std::string label = arguments.text("label");
    const std::string label_id = arguments.text("label-id");

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
        for (const char* name : {"start", "end"}) {
            if (!arguments.isSet(name)) {
                throw UsageError(std::string("create needs --") + name + " FRAME");
            }
        }
        command = store::EditCommand::create(track_id(), arguments.integer("start"),
                                             arguments.integer("end"), label, label_id);
    } else if (action == QStringLiteral("delete")) {
        command = store::EditCommand::remove(item_ids().front());
    } else if (action == QStringLiteral("move") || action == QStringLiteral("split")) {
        const auto item = project.items().get(item_ids().front());
        const auto frame = framePosition(arguments, project, item.track_id);
        if (action == QStringLiteral("split")) {
            command = store::EditCommand::split(item.id, frame);
        } else {
            const QString edge = arguments.value("edge");
            if (edge != QStringLiteral("start") && edge != QStringLiteral("end")) {
                throw UsageError("--edge must be start or end");
            }
            command = store::EditCommand::moveBoundary(
                item.id, edge == QStringLiteral("start") ? store::Edge::Start : store::Edge::End,
                frame, arguments.text("session"));
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
            item_ids(), store::parseReviewState(arguments.text("state")));
    } else if (action == QStringLiteral("accept-all")) {
        std::optional<double> minimum;
        if (arguments.isSet("min-confidence")) {
            minimum = arguments.number("min-confidence");
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

}  // namespace

const CliCommand& editCommand() {
    static const CliOption options[] = {
        textOption("project", "PROJECT", "The project file.").require(),
        integerOption("item", "ID", "Item id (repeat for merge and review)."),
        integerOption("track", "ID", "Track id."),
        integerOption("start", "FRAME", "create: first frame."),
        integerOption("end", "FRAME", "create: frame after the last one."),
        integerOption("frame", "FRAME", "move/split: frame position."),
        numberOption("time", "SECONDS", "move/split: position in seconds (converted to a frame)."),
        textOption("edge", "EDGE", "move: start or end."),
        textOption("session", "ID", "move: drag session; moves of one session undo together."),
        textOption("label", "TEXT", "create/relabel: the label or text."),
        textOption("label-id", "ID", "create/relabel: the vocabulary id of the label."),
        textOption("state", "STATE", "review: unreviewed, accepted, rejected or edited."),
        numberOption("min-confidence", "C", "accept-all: only items at least this confident."),
        textOption("author", "NAME", "Who makes the edit (default: $USER)."),
    };
    static const CliCommand command{
        .name = "edit",
        .summary = "Scripted journaled edits of a project, undo and redo",
        .usage = "edit ACTION --project PROJECT [options]",
        .options = options,
        .positional = {"ACTION", 1, 1},
        .run = runEdit,
        .description =
            "ACTION: create, delete, move, split, merge, relabel, review, accept-all, "
            "undo, redo, history or items. Every edit prints \"edit ID\" once it is "
            "committed (and the ids of items it created).",
    };
    return command;
}

}  // namespace actbert::cli
