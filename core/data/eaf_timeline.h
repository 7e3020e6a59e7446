#pragma once
// The times of an ELAN document's annotations, worked out as ELAN itself does. An ELAN file
// leaves many times implicit: the boundaries inside a Time_Subdivision (and often an
// Included_In) parent are unaligned time slots, and the annotations of symbolic tiers are
// REF_ANNOTATIONs with no slot at all. ELAN shows an unaligned slot by dividing the interval
// between the aligned slots around it (in its tier's chain of slots) evenly; a
// Symbolic_Association annotation spans its parent; Symbolic_Subdivision annotations share
// their parent's span evenly in PREVIOUS_ANNOTATION order. Parents are resolved before their
// children, so chains of dependent tiers work. Times are whole milliseconds, as in ELAN.
// Threading: plain values and a stateless function.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace actbert::data {

struct EafAnnotation {
    std::string id;
    bool reference = false;  // REF_ANNOTATION: `ref` and `previous` instead of slots
    std::string slot1;
    std::string slot2;
    std::string ref;
    std::string previous;
    std::string value;
    std::string cve_ref;
    std::int64_t line = 0;
};

struct EafTier {
    std::string id;
    std::string type;  // LINGUISTIC_TYPE_REF
    std::string parent;
    std::string participant;
    std::string annotator;
    std::vector<EafAnnotation> annotations;
    std::int64_t line = 0;
};

struct EafTimeline {
    std::vector<std::string> slot_order;  // TIME_ORDER, in document order
    std::map<std::string, std::optional<std::int64_t>> slot_ms;
    std::vector<EafTier> tiers;
    std::map<std::string, std::string> constraints;  // linguistic type id -> CONSTRAINTS
};

struct EafSpan {
    std::int64_t start_ms = 0;
    std::int64_t end_ms = 0;
    std::string parent;  // the parent tier's annotation this one lies in (empty: none)
};

// Tier ids, parents before children. Throws actbert::Error (starting with `file`) for an
// unknown parent tier or a cycle.
std::vector<std::size_t> eafTierOrder(const EafTimeline& timeline, const std::string& file);

// Every annotation's span by id. Throws actbert::Error naming `file` and the line for a slot
// or parent that does not exist, or a slot that nothing aligned bounds.
std::map<std::string, EafSpan> resolveEafTimes(const EafTimeline& timeline,
                                               const std::string& file);

}  // namespace actbert::data
