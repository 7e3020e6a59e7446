#include "core/store/model_run_repository.h"

#include <chrono>

#include "core/common/error.h"
#include "core/store/change_notifier.h"
#include "core/store/sqlite_database.h"

namespace actbert::store {
namespace {

std::int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

const char* statusName(RunStatus status) {
    switch (status) {
        case RunStatus::Running:
            return "running";
        case RunStatus::Finished:
            return "finished";
        case RunStatus::Failed:
            return "failed";
        case RunStatus::Cancelled:
            return "cancelled";
    }
    return "failed";
}

RunStatus parseStatus(const std::string& name) {
    for (RunStatus status :
         {RunStatus::Running, RunStatus::Finished, RunStatus::Failed, RunStatus::Cancelled}) {
        if (name == statusName(status)) {
            return status;
        }
    }
    throw Error("unknown model run status '" + name + "'");
}

}  // namespace

ModelRunRepository::ModelRunRepository(SqliteDatabase& database, ChangeNotifier& notifier)
    : database_(database), notifier_(notifier) {}

std::int64_t ModelRunRepository::start(const std::string& model_name,
                                       const std::string& checkpoint_hash,
                                       const std::string& settings_json) {
    database_
        .prepare(
            "INSERT INTO model_runs(model_name, checkpoint_hash, settings, started_ms) "
            "VALUES(?,?,?,?)")
        .bind(1, model_name)
        .bind(2, checkpoint_hash)
        .bind(3, settings_json)
        .bind(4, nowMs())
        .run();
    notifier_.noteStructureChanged();
    if (!database_.inTransaction()) {
        notifier_.publishPending();
    }
    return database_.lastInsertRowId();
}

void ModelRunRepository::finish(std::int64_t run_id, RunStatus status) {
    Statement statement =
        database_.prepare("UPDATE model_runs SET finished_ms=?, status=? WHERE id=?");
    statement.bind(1, nowMs()).bind(2, statusName(status)).bind(3, run_id).run();
    if (database_.changes() != 1) {
        throw Error(database_.path().string() + ": no model run " + std::to_string(run_id));
    }
}

std::vector<ModelRun> ModelRunRepository::list() {
    Statement query = database_.prepare(
        "SELECT id, model_name, checkpoint_hash, settings, started_ms, finished_ms, status "
        "FROM model_runs ORDER BY id");
    std::vector<ModelRun> runs;
    while (query.step()) {
        ModelRun run;
        run.id = query.int64(0);
        run.model_name = query.text(1);
        run.checkpoint_hash = query.text(2);
        run.settings = query.text(3);
        run.started_ms = query.int64(4);
        if (!query.isNull(5)) {
            run.finished_ms = query.int64(5);
        }
        run.status = parseStatus(query.text(6));
        runs.push_back(std::move(run));
    }
    return runs;
}

}  // namespace actbert::store
