#include "core/store/region_repository.h"

#include "core/common/error.h"
#include "core/store/change_notifier.h"
#include "core/store/sqlite_database.h"
#include "core/store/transaction.h"

namespace actbert::store {

RegionRepository::RegionRepository(SqliteDatabase& database, ChangeNotifier& notifier)
    : database_(database), notifier_(notifier) {}

void RegionRepository::add(const std::vector<RegionBox>& boxes) {
    Transaction transaction(database_, notifier_);
    Statement insert = database_.prepare(
        "INSERT INTO regions(track_id, frame, x, y, width, height, class_label, score, "
        "object_id) VALUES(?,?,?,?,?,?,?,?,?)");
    for (const auto& box : boxes) {
        insert.bind(1, box.track_id)
            .bind(2, box.frame)
            .bind(3, box.x)
            .bind(4, box.y)
            .bind(5, box.width)
            .bind(6, box.height)
            .bind(7, box.class_label)
            .bind(8, box.score)
            .bind(9, box.object_id)
            .run();
        notifier_.noteItemsChanged(box.track_id);
    }
    transaction.commit();
}

std::vector<RegionBox> RegionRepository::inFrames(std::int64_t track_id, std::int64_t first_frame,
                                                  std::int64_t end_frame) {
    Statement query = database_.prepare(
        "SELECT id, track_id, frame, x, y, width, height, class_label, score, object_id "
        "FROM regions WHERE track_id=? AND frame >= ? AND frame < ? ORDER BY frame, id");
    query.bind(1, track_id).bind(2, first_frame).bind(3, end_frame);
    std::vector<RegionBox> boxes;
    while (query.step()) {
        boxes.push_back({query.int64(0), query.int64(1), query.int64(2), query.real(3),
                         query.real(4), query.real(5), query.real(6), query.text(7),
                         query.optionalReal(8), query.int64(9)});
    }
    return boxes;
}

}  // namespace actbert::store
