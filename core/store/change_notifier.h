#pragma once
// Tells interested parties (the studio's timeline, caches) that the project changed, without
// Qt: a revision counter plus a list of callbacks. Writes through this Project call the
// listeners right after their transaction commits; changes made by other connections (another
// process, another thread's Project) are noticed by Project::pollExternalChanges().
// Threading: listeners run on the thread that committed. Subscribe/unsubscribe from the
// Project's own thread; a listener that needs the GUI thread must post to it itself.

#include <cstdint>
#include <functional>
#include <set>
#include <vector>

namespace actbert::store {

struct ChangeEvent {
    std::uint64_t revision = 0;
    std::set<std::int64_t> track_ids;  // tracks whose items changed
    bool structure_changed = false;    // videos, tracks, vocabularies added or removed
    bool external = false;             // made by another connection; everything may have changed
};

class ChangeNotifier {
public:
    using Listener = std::function<void(const ChangeEvent&)>;

    // Returns an id for unsubscribe().
    int subscribe(Listener listener);
    void unsubscribe(int id);

    // Bumps with every committed change seen by this connection.
    std::uint64_t revision() const { return revision_; }

    void noteItemsChanged(std::int64_t track_id) { pending_.track_ids.insert(track_id); }
    void noteStructureChanged() { pending_.structure_changed = true; }
    void publishPending();
    void discardPending() { pending_ = {}; }
    void publishExternal();

private:
    void publish(ChangeEvent event);

    std::uint64_t revision_ = 0;
    ChangeEvent pending_;
    int next_id_ = 1;
    std::vector<std::pair<int, Listener>> listeners_;
};

}  // namespace actbert::store
