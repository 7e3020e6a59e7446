#pragma once
// Plain values stored in a project: videos, tracks, items, and their enums.
// Threading: plain values, safe to copy across threads.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace actbert::store {

enum class TrackKind { ActionSegmentation, Steps, Captions, Regions, Free };
enum class TrackSource { Human, Model };
enum class ReviewState { Unreviewed, Accepted, Rejected, Edited };

// Stable names used in the database, file formats and the CLI.
std::string_view toString(TrackKind kind);
std::string_view toString(TrackSource source);
std::string_view toString(ReviewState state);
// Throw actbert::Error naming the unknown value.
TrackKind parseTrackKind(std::string_view name);
TrackSource parseTrackSource(std::string_view name);
ReviewState parseReviewState(std::string_view name);

// A frame rate or time base as an exact fraction.
struct Rational {
    std::int64_t num = 0;
    std::int64_t den = 1;
    double value() const { return den == 0 ? 0.0 : static_cast<double>(num) / den; }
    std::string toString() const;  // "30000/1001"
    bool operator==(const Rational&) const = default;
};
// Parses "30000/1001" or "25"; throws actbert::Error on anything else.
Rational parseRational(std::string_view text);

// A stretch of an item's text that starts at a known time: subtitle inline timestamps
// (auto-generated captions time every word this way). The texts of an item's chunks, joined,
// are its label; the first chunk starts at the item's start.
struct TimedText {
    double start_s = 0.0;
    std::string text;
    bool operator==(const TimedText&) const = default;
};

struct Video {
    std::int64_t id = 0;
    std::string key;  // data-set id (e.g. a YouTube id) or file name; unique per project
    std::string path;
    std::string content_hash;
    double duration_s = 0.0;  // 0: unknown
    Rational fps{30, 1};
    bool fps_assumed = true;  // true until the real video was probed
    Rational time_base{1, 30};
    std::int64_t frame_count = 0;
    std::string frame_index_summary = "{}";  // JSON written by core/video
    std::string subset;                      // training / validation / testing
    std::string task_id;                     // recipe type, COIN task id, CrossTask task
    std::string task_name;
    std::string url;
    std::string attributes = "{}";  // any further data-set fields, JSON object

    // Frame index of a time, by this video's frame rate.
    std::int64_t frameAt(double time_s) const;
    double secondsAt(std::int64_t frame) const;
};

struct Track {
    std::int64_t id = 0;
    std::int64_t video_id = 0;
    std::string name;
    TrackKind kind = TrackKind::Free;
    TrackSource source = TrackSource::Human;
    std::string model_name;
    std::string checkpoint_hash;
    std::string settings = "{}";  // model settings, JSON object
    std::optional<std::int64_t> model_run_id;
    // The track this one depends on (an ELAN tier's parent, same video) and the kind of
    // dependency (ELAN's constraint: Time_Subdivision, Included_In, Symbolic_Subdivision,
    // Symbolic_Association); absent / empty for an independent track.
    std::optional<std::int64_t> parent_track_id;
    std::string parent_constraint;
};

struct Item {
    std::int64_t id = 0;
    std::int64_t track_id = 0;
    std::int64_t start_frame = 0;  // first frame covered
    std::int64_t end_frame = 0;    // one past the last frame covered
    double start_s = 0.0;
    double end_s = 0.0;
    bool whole_video = false;  // a per-video text (MSR-VTT) rather than a timed segment
    std::string label;         // action or step label, or caption text
    std::string label_id;      // the vocabulary's id for the label (COIN step id, ...)
    std::string external_id;   // the annotation's id in the file it came from
    std::optional<double> confidence;
    ReviewState review_state = ReviewState::Unreviewed;
    std::string author;
    std::string speaker;  // who says it (WebVTT voice, ELAN participant); empty: unknown
    // The external_id of the item of the parent track this one depends on (ELAN's parent
    // annotation); a text reference because it names the annotation in its source file.
    std::string parent_ref;
    std::vector<TimedText> word_times;  // empty unless the source timed parts of the text

    bool operator==(const Item&) const = default;
};

}  // namespace actbert::store
