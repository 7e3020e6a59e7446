#include "core/data/eaf_timeline.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/common/error.h"

namespace actbert::data {
namespace {

std::string at(const std::string& file, std::int64_t line) {
    return file + ", line " + std::to_string(line);
}

std::int64_t share(std::int64_t from, std::int64_t to, std::size_t part, std::size_t parts) {
    return from + std::llround(static_cast<double>(to - from) * static_cast<double>(part) /
                               static_cast<double>(parts));
}

// The annotation of `tier` that covers [start, end], for the child's parent reference.
std::string coveringAnnotation(const EafTier& tier, const std::map<std::string, EafSpan>& spans,
                               std::int64_t start_ms, std::int64_t end_ms) {
    for (const auto& annotation : tier.annotations) {
        const auto found = spans.find(annotation.id);
        if (found != spans.end() && found->second.start_ms <= start_ms &&
            found->second.end_ms >= end_ms) {
            return annotation.id;
        }
    }
    return {};
}

class Resolver {
public:
    Resolver(const EafTimeline& timeline, const std::string& file)
        : timeline_(timeline), file_(file) {
        for (std::size_t i = 0; i < timeline.slot_order.size(); ++i) {
            index_[timeline.slot_order[i]] = i;
        }
        for (const auto& [id, ms] : timeline.slot_ms) {
            if (ms) {
                ms_[id] = *ms;
            }
        }
    }

    std::map<std::string, EafSpan> run() {
        const auto order = eafTierOrder(timeline_, file_);
        std::map<std::string, const EafTier*> by_id;
        for (const auto& tier : timeline_.tiers) {
            by_id[tier.id] = &tier;
        }
        for (const auto t : order) {
            const EafTier& tier = timeline_.tiers[t];
            const EafTier* parent = tier.parent.empty() ? nullptr : by_id.at(tier.parent);
            placeSlots(tier);
            for (const auto& annotation : tier.annotations) {
                if (annotation.reference) {
                    continue;
                }
                EafSpan span{ms_.at(annotation.slot1), ms_.at(annotation.slot2), {}};
                if (parent != nullptr) {
                    span.parent = coveringAnnotation(*parent, spans_, span.start_ms, span.end_ms);
                }
                spans_[annotation.id] = span;
            }
            placeReferences(tier);
        }
        return spans_;
    }

private:
    std::size_t indexOf(const std::string& slot, const EafAnnotation& annotation) const {
        const auto found = index_.find(slot);
        if (found == index_.end()) {
            throw Error(at(file_, annotation.line) + ": annotation " + annotation.id +
                        " refers to an unknown time slot '" + slot + "'");
        }
        return found->second;
    }

    // The nearest slot with a time before (step -1) or after (+1) `index` in TIME_ORDER.
    std::optional<std::int64_t> nearestPlaced(std::size_t index, int step) const {
        for (auto i = static_cast<std::ptrdiff_t>(index) + step;
             i >= 0 && i < static_cast<std::ptrdiff_t>(timeline_.slot_order.size()); i += step) {
            const auto found = ms_.find(timeline_.slot_order[static_cast<std::size_t>(i)]);
            if (found != ms_.end()) {
                return found->second;
            }
        }
        return std::nullopt;
    }

    // The tier's slots in time order form chains (one annotation's end is the next one's
    // start); each run of unaligned slots shares the interval between its placed neighbours.
    void placeSlots(const EafTier& tier) {
        std::vector<const EafAnnotation*> annotations;
        for (const auto& annotation : tier.annotations) {
            if (!annotation.reference) {
                indexOf(annotation.slot1, annotation);
                indexOf(annotation.slot2, annotation);
                annotations.push_back(&annotation);
            }
        }
        std::stable_sort(annotations.begin(), annotations.end(), [&](auto* a, auto* b) {
            return index_.at(a->slot1) < index_.at(b->slot1) ||
                   (index_.at(a->slot1) == index_.at(b->slot1) &&
                    index_.at(a->slot2) < index_.at(b->slot2));
        });
        std::vector<std::string> chain;
        for (const auto* annotation : annotations) {
            for (const auto* slot : {&annotation->slot1, &annotation->slot2}) {
                if (chain.empty() || chain.back() != *slot) {
                    chain.push_back(*slot);
                }
            }
        }
        for (std::size_t i = 0; i < chain.size();) {
            if (ms_.contains(chain[i])) {
                ++i;
                continue;
            }
            std::size_t j = i;
            while (j < chain.size() && !ms_.contains(chain[j])) {
                ++j;
            }
            const auto before = i > 0 ? std::optional(ms_.at(chain[i - 1]))
                                      : nearestPlaced(index_.at(chain[i]), -1);
            const auto after = j < chain.size() ? std::optional(ms_.at(chain[j]))
                                                : nearestPlaced(index_.at(chain[j - 1]), +1);
            if (!before || !after) {
                throw Error(file_ + ": tier '" + tier.id + "': time slot '" + chain[i] +
                            "' is unaligned and no aligned slot " +
                            (before ? "follows" : "precedes") + " it");
            }
            for (std::size_t k = i; k < j; ++k) {
                ms_[chain[k]] = share(*before, *after, k - i + 1, j - i + 1);
            }
            i = j;
        }
    }

    void placeReferences(const EafTier& tier) {
        const auto constraint = timeline_.constraints.find(tier.type);
        const bool subdivision = constraint != timeline_.constraints.end() &&
                                 constraint->second == "Symbolic_Subdivision";
        // Children of one parent, in document order.
        std::map<std::string, std::vector<const EafAnnotation*>> children;
        std::vector<std::string> parents;
        for (const auto& annotation : tier.annotations) {
            if (!annotation.reference) {
                continue;
            }
            if (!spans_.contains(annotation.ref)) {
                throw Error(at(file_, annotation.line) + ": reference annotation " + annotation.id +
                            " refers to '" + annotation.ref +
                            "', which is no annotation of a parent tier");
            }
            if (!children.contains(annotation.ref)) {
                parents.push_back(annotation.ref);
            }
            children[annotation.ref].push_back(&annotation);
        }
        for (const auto& parent_id : parents) {
            const EafSpan parent = spans_.at(parent_id);
            auto siblings = subdivision ? previousOrder(children[parent_id]) : children[parent_id];
            for (std::size_t k = 0; k < siblings.size(); ++k) {
                EafSpan span{parent.start_ms, parent.end_ms, parent_id};
                if (subdivision) {
                    span.start_ms = share(parent.start_ms, parent.end_ms, k, siblings.size());
                    span.end_ms = share(parent.start_ms, parent.end_ms, k + 1, siblings.size());
                }
                spans_[siblings[k]->id] = span;
            }
        }
    }

    // Follows PREVIOUS_ANNOTATION from the one that has none; whatever the chain does not
    // reach (a broken chain) follows in document order.
    static std::vector<const EafAnnotation*> previousOrder(
        const std::vector<const EafAnnotation*>& siblings) {
        std::vector<const EafAnnotation*> ordered;
        std::set<const EafAnnotation*> used;
        std::string previous;
        for (bool found = true; found;) {
            found = false;
            for (const auto* sibling : siblings) {
                if (!used.contains(sibling) && sibling->previous == previous) {
                    ordered.push_back(sibling);
                    used.insert(sibling);
                    previous = sibling->id;
                    found = true;
                    break;
                }
            }
        }
        for (const auto* sibling : siblings) {
            if (!used.contains(sibling)) {
                ordered.push_back(sibling);
            }
        }
        return ordered;
    }

    const EafTimeline& timeline_;
    const std::string& file_;
    std::map<std::string, std::size_t> index_;
    std::map<std::string, std::int64_t> ms_;
    std::map<std::string, EafSpan> spans_;
};

}  // namespace

std::vector<std::size_t> eafTierOrder(const EafTimeline& timeline, const std::string& file) {
    std::map<std::string, std::size_t> by_id;
    for (std::size_t i = 0; i < timeline.tiers.size(); ++i) {
        by_id[timeline.tiers[i].id] = i;
    }
    std::vector<std::size_t> order;
    std::vector<int> state(timeline.tiers.size(), 0);  // 0 new, 1 visiting, 2 done
    const auto visit = [&](std::size_t tier, const auto& self) -> void {
        if (state[tier] == 2) {
            return;
        }
        if (state[tier] == 1) {
            throw Error(file + ": tier '" + timeline.tiers[tier].id +
                        "' is its own ancestor (PARENT_REF cycle)");
        }
        state[tier] = 1;
        const std::string& parent = timeline.tiers[tier].parent;
        if (!parent.empty()) {
            const auto found = by_id.find(parent);
            if (found == by_id.end()) {
                throw Error(at(file, timeline.tiers[tier].line) + ": tier '" +
                            timeline.tiers[tier].id + "' names the parent tier '" + parent +
                            "', which does not exist");
            }
            self(found->second, self);
        }
        state[tier] = 2;
        order.push_back(tier);
    };
    for (std::size_t i = 0; i < timeline.tiers.size(); ++i) {
        visit(i, visit);
    }
    return order;
}

std::map<std::string, EafSpan> resolveEafTimes(const EafTimeline& timeline,
                                               const std::string& file) {
    return Resolver(timeline, file).run();
}

}  // namespace actbert::data
