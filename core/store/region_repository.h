#pragma once
// Region boxes per frame (detections, learned regions, hand-drawn boxes) in a regions track.
// Threading: as Project (one thread at a time per Project).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace actbert::store {

class SqliteDatabase;
class ChangeNotifier;

struct RegionBox {
    std::int64_t id = 0;
    std::int64_t track_id = 0;
    std::int64_t frame = 0;
    double x = 0, y = 0, width = 0, height = 0;  // pixels of the decoded frame
    std::string class_label;
    std::optional<double> score;
    std::int64_t object_id = -1;  // the same object across frames; -1 when not tracked
    bool operator==(const RegionBox&) const = default;
};

class RegionRepository {
public:
    RegionRepository(SqliteDatabase& database, ChangeNotifier& notifier);

    // Adds all boxes in one transaction.
    void add(const std::vector<RegionBox>& boxes);
    // Boxes with first_frame <= frame < end_frame, by frame.
    std::vector<RegionBox> inFrames(std::int64_t track_id, std::int64_t first_frame,
                                    std::int64_t end_frame);

private:
    SqliteDatabase& database_;
    ChangeNotifier& notifier_;
};

}  // namespace actbert::store
