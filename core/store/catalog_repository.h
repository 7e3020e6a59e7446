#pragma once
// Label vocabularies (COIN steps, a verb vocabulary, ...) and per-task step lists (CrossTask,
// COIN): the fixed label sets annotators pick from and models predict.
// Threading: as Project (one thread at a time per Project).

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace actbert::store {

class SqliteDatabase;
class ChangeNotifier;

struct VocabularyLabel {
    std::string label_id;
    std::string label;
    bool operator==(const VocabularyLabel&) const = default;
};

struct TaskStep {
    std::string step_id;
    std::string name;
    bool operator==(const TaskStep&) const = default;
};

struct TaskDefinition {
    std::string dataset;  // "crosstask", "coin", ...
    std::string task_id;
    std::string name;
    std::string url;
    std::vector<TaskStep> steps;  // in order; index 0 is step 1
    bool operator==(const TaskDefinition&) const = default;
};

class CatalogRepository {
public:
    CatalogRepository(SqliteDatabase& database, ChangeNotifier& notifier);

    // Adds labels to the named vocabulary (created when missing); an existing label_id keeps
    // its row and gets the new label text.
    void addLabels(const std::string& vocabulary, const std::vector<VocabularyLabel>& labels);
    std::vector<VocabularyLabel> labels(const std::string& vocabulary);
    std::vector<std::string> vocabularies();

    // Creates or replaces the task (dataset, task_id) with its steps.
    void putTask(const TaskDefinition& task);
    std::optional<TaskDefinition> task(const std::string& dataset, const std::string& task_id);
    std::vector<TaskDefinition> tasks(const std::string& dataset);
    std::vector<std::string> datasets();

private:
    SqliteDatabase& database_;
    ChangeNotifier& notifier_;
};

}  // namespace actbert::store
