#include "core/store/catalog_repository.h"

#include "core/store/change_notifier.h"
#include "core/store/sqlite_database.h"
#include "core/store/transaction.h"

namespace actbert::store {

CatalogRepository::CatalogRepository(SqliteDatabase& database, ChangeNotifier& notifier)
    : database_(database), notifier_(notifier) {}

void CatalogRepository::addLabels(const std::string& vocabulary,
                                  const std::vector<VocabularyLabel>& labels) {
    Transaction transaction(database_, notifier_);
    database_.prepare("INSERT OR IGNORE INTO vocabularies(name) VALUES(?)")
        .bind(1, vocabulary)
        .run();
    Statement id_query = database_.prepare("SELECT id FROM vocabularies WHERE name=?");
    id_query.bind(1, vocabulary).step();
    const std::int64_t vocabulary_id = id_query.int64(0);
    id_query.reset();
    Statement insert = database_.prepare(
        "INSERT INTO vocabulary_labels(vocabulary_id, label_id, label) VALUES(?,?,?) "
        "ON CONFLICT(vocabulary_id, label_id) DO UPDATE SET label=excluded.label");
    for (const auto& label : labels) {
        insert.bind(1, vocabulary_id).bind(2, label.label_id).bind(3, label.label).run();
    }
    notifier_.noteStructureChanged();
    transaction.commit();
}

std::vector<VocabularyLabel> CatalogRepository::labels(const std::string& vocabulary) {
    Statement query = database_.prepare(
        "SELECT l.label_id, l.label FROM vocabulary_labels l JOIN vocabularies v "
        "ON v.id = l.vocabulary_id WHERE v.name=? ORDER BY l.rowid");
    query.bind(1, vocabulary);
    std::vector<VocabularyLabel> labels;
    while (query.step()) {
        labels.push_back({query.text(0), query.text(1)});
    }
    return labels;
}

std::vector<std::string> CatalogRepository::vocabularies() {
    Statement query = database_.prepare("SELECT name FROM vocabularies ORDER BY name");
    std::vector<std::string> names;
    while (query.step()) {
        names.push_back(query.text(0));
    }
    return names;
}

void CatalogRepository::putTask(const TaskDefinition& task) {
    Transaction transaction(database_, notifier_);
    database_.prepare("DELETE FROM tasks WHERE dataset=? AND task_id=?")
        .bind(1, task.dataset)
        .bind(2, task.task_id)
        .run();
    database_.prepare("INSERT INTO tasks(dataset, task_id, name, url) VALUES(?,?,?,?)")
        .bind(1, task.dataset)
        .bind(2, task.task_id)
        .bind(3, task.name)
        .bind(4, task.url)
        .run();
    const std::int64_t row = database_.lastInsertRowId();
    Statement insert = database_.prepare(
        "INSERT INTO task_steps(task_row, step_index, step_id, name) VALUES(?,?,?,?)");
    for (std::size_t index = 0; index < task.steps.size(); ++index) {
        insert.bind(1, row)
            .bind(2, static_cast<std::int64_t>(index))
            .bind(3, task.steps[index].step_id)
            .bind(4, task.steps[index].name)
            .run();
    }
    notifier_.noteStructureChanged();
    transaction.commit();
}

std::optional<TaskDefinition> CatalogRepository::task(const std::string& dataset,
                                                      const std::string& task_id) {
    for (auto& candidate : tasks(dataset)) {
        if (candidate.task_id == task_id) {
            return candidate;
        }
    }
    return std::nullopt;
}

std::vector<TaskDefinition> CatalogRepository::tasks(const std::string& dataset) {
    Statement query =
        database_.prepare("SELECT id, task_id, name, url FROM tasks WHERE dataset=? ORDER BY id");
    query.bind(1, dataset);
    std::vector<std::pair<std::int64_t, TaskDefinition>> rows;
    while (query.step()) {
        rows.push_back(
            {query.int64(0), {dataset, query.text(1), query.text(2), query.text(3), {}}});
    }
    std::vector<TaskDefinition> result;
    Statement steps = database_.prepare(
        "SELECT step_id, name FROM task_steps WHERE task_row=? ORDER BY step_index");
    for (auto& [row, task] : rows) {
        steps.bind(1, row);
        while (steps.step()) {
            task.steps.push_back({steps.text(0), steps.text(1)});
        }
        steps.reset();
        result.push_back(std::move(task));
    }
    return result;
}

std::vector<std::string> CatalogRepository::datasets() {
    Statement query = database_.prepare("SELECT DISTINCT dataset FROM tasks ORDER BY dataset");
    std::vector<std::string> names;
    while (query.step()) {
        names.push_back(query.text(0));
    }
    return names;
}

}  // namespace actbert::store
