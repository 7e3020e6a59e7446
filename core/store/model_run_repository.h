#pragma once
// Model runs: which model, checkpoint and settings produced which tracks, and how it ended.
// Threading: as Project (one thread at a time per Project).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace actbert::store {

class SqliteDatabase;
class ChangeNotifier;

enum class RunStatus { Running, Finished, Failed, Cancelled };

struct ModelRun {
    std::int64_t id = 0;
    std::string model_name;
    std::string checkpoint_hash;
    std::string settings = "{}";  // JSON object
    std::int64_t started_ms = 0;  // Unix time
    std::optional<std::int64_t> finished_ms;
    RunStatus status = RunStatus::Running;
};

class ModelRunRepository {
public:
    ModelRunRepository(SqliteDatabase& database, ChangeNotifier& notifier);

    std::int64_t start(const std::string& model_name, const std::string& checkpoint_hash,
                       const std::string& settings_json);
    void finish(std::int64_t run_id, RunStatus status);
    std::vector<ModelRun> list();

private:
    SqliteDatabase& database_;
    ChangeNotifier& notifier_;
};

}  // namespace actbert::store
