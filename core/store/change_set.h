#pragma once
// The row-level effect of one edit: each touched item before and after (absent = did not
// exist). Undo applies it backwards, redo forwards; both first check that the rows still look
// the way the journal expects, so an undo can never clobber changes made outside the journal.
// Threading: a plain value; apply() runs on the Project's thread inside its transaction.

#include <optional>
#include <string>
#include <vector>

#include "core/store/store_types.h"

namespace actbert::store {

class ItemRepository;

struct ItemChange {
    std::optional<Item> before;
    std::optional<Item> after;
};

class ChangeSet {
public:
    enum class Direction { Forward, Backward };

    void add(std::optional<Item> before, std::optional<Item> after);
    const std::vector<ItemChange>& changes() const { return changes_; }
    bool empty() const { return changes_.empty(); }

    // Writes the change; newly created items get their ids filled in (so redo reuses them).
    // Throws actbert::Error when an item no longer matches the expected state.
    void apply(ItemRepository& items, Direction direction);

    // `later` applied after this one, as one change (for merged boundary drags).
    void absorb(const ChangeSet& later);

    std::string toJson() const;
    static ChangeSet fromJson(const std::string& json);

private:
    std::vector<ItemChange> changes_;
};

}  // namespace actbert::store
