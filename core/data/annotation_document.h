#pragma once
// The in-memory form every annotation format is read into and written from: videos with
// tracks of timed segments, plus task step lists and label vocabularies. Readers fill it
// completely (and validate) before anything touches a project, so a bad file changes nothing.
// Threading: plain values.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/store/catalog_repository.h"
#include "core/store/store_types.h"

namespace actbert::data {

using TimedText = store::TimedText;

struct SegmentRecord {
    double start_s = 0.0;
    double end_s = 0.0;
    // Given when the file states frames (our own exports); otherwise derived from the fps.
    std::optional<std::int64_t> start_frame;
    std::optional<std::int64_t> end_frame;
    bool whole_video = false;
    std::string label;  // label or text
    std::string label_id;
    std::string external_id;
    std::optional<double> confidence;
    store::ReviewState review_state = store::ReviewState::Unreviewed;
    std::string author;
    std::string origin;  // where in the file it came from ("line 12", "/database/x/...")
    // Kept by the project as the item's speaker, parent_ref and word_times.
    std::string speaker;            // WebVTT <v Speaker>, ELAN tier PARTICIPANT
    std::string parent_id;          // ELAN: the annotation this one depends on
    std::vector<TimedText> chunks;  // empty unless the file timed parts of the text
};

struct TrackRecord {
    std::string name;
    store::TrackKind kind = store::TrackKind::Free;
    store::TrackSource source = store::TrackSource::Human;
    std::string model_name;
    std::string checkpoint_hash;
    std::string settings = "{}";
    std::vector<SegmentRecord> segments;
    // ELAN: the parent tier and the linguistic type's constraint (empty: independent tier);
    // kept (the project's parent_track_id and parent_constraint) so an export writes the tier
    // hierarchy back.
    std::string parent;
    std::string constraint;
};

struct VideoRecord {
    std::string key;
    double duration_s = 0.0;  // 0: unknown
    std::optional<store::Rational> fps;
    std::optional<store::Rational> time_base;
    std::string subset;
    std::string task_id;
    std::string task_name;
    std::string url;
    std::string attributes = "{}";
    std::vector<TrackRecord> tracks;
    std::string origin;
};

struct AnnotationDocument {
    std::string source;  // file name(s), for messages
    std::vector<VideoRecord> videos;
    std::vector<store::TaskDefinition> tasks;
    std::vector<std::pair<std::string, std::vector<store::VocabularyLabel>>> vocabularies;
    std::vector<std::string> warnings;  // things the reader skipped, for the user to see

    std::size_t segmentCount() const;
};

}  // namespace actbert::data
