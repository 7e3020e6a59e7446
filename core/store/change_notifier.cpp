#include "core/store/change_notifier.h"

#include <algorithm>

namespace actbert::store {

int ChangeNotifier::subscribe(Listener listener) {
    listeners_.emplace_back(next_id_, std::move(listener));
    return next_id_++;
}

void ChangeNotifier::unsubscribe(int id) {
    std::erase_if(listeners_, [id](const auto& entry) { return entry.first == id; });
}

void ChangeNotifier::publishPending() {
    if (pending_.track_ids.empty() && !pending_.structure_changed) {
        return;
    }
    ChangeEvent event = std::move(pending_);
    pending_ = {};
    publish(std::move(event));
}

void ChangeNotifier::publishExternal() {
    ChangeEvent event;
    event.external = true;
    event.structure_changed = true;
    publish(std::move(event));
}

void ChangeNotifier::publish(ChangeEvent event) {
    event.revision = ++revision_;
    // A listener may unsubscribe itself; iterate over a copy.
    const auto listeners = listeners_;
    for (const auto& [id, listener] : listeners) {
        listener(event);
    }
}

}  // namespace actbert::store
