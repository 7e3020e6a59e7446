#include "core/store/store_types.h"

#include <array>
#include <charconv>
#include <cmath>
#include <utility>

#include "core/common/error.h"

namespace actbert::store {
namespace {

constexpr std::array<std::pair<TrackKind, std::string_view>, 5> kTrackKinds{{
    {TrackKind::ActionSegmentation, "action_segmentation"},
    {TrackKind::Steps, "steps"},
    {TrackKind::Captions, "captions"},
    {TrackKind::Regions, "regions"},
    {TrackKind::Free, "free"},
}};
constexpr std::array<std::pair<TrackSource, std::string_view>, 2> kTrackSources{{
    {TrackSource::Human, "human"},
    {TrackSource::Model, "model"},
}};
constexpr std::array<std::pair<ReviewState, std::string_view>, 4> kReviewStates{{
    {ReviewState::Unreviewed, "unreviewed"},
    {ReviewState::Accepted, "accepted"},
    {ReviewState::Rejected, "rejected"},
    {ReviewState::Edited, "edited"},
}};

template <typename Enum, std::size_t N>
std::string_view nameOf(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum value) {
    for (const auto& [candidate, name] : table) {
        if (candidate == value) {
            return name;
        }
    }
    return "?";
}

template <typename Enum, std::size_t N>
Enum valueOf(const std::array<std::pair<Enum, std::string_view>, N>& table, std::string_view name,
             const char* what) {
    std::string known;
    for (const auto& [value, candidate] : table) {
        if (candidate == name) {
            return value;
        }
        known += (known.empty() ? "" : ", ") + std::string(candidate);
    }
    throw Error("unknown " + std::string(what) + " '" + std::string(name) + "' (expected one of " +
                known + ")");
}

std::int64_t parseInteger(std::string_view text, std::string_view whole) {
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) {
        throw Error("invalid rational number '" + std::string(whole) + "'");
    }
    return value;
}

}  // namespace

std::string_view toString(TrackKind kind) {
    return nameOf(kTrackKinds, kind);
}
std::string_view toString(TrackSource source) {
    return nameOf(kTrackSources, source);
}
std::string_view toString(ReviewState state) {
    return nameOf(kReviewStates, state);
}
TrackKind parseTrackKind(std::string_view name) {
    return valueOf(kTrackKinds, name, "track kind");
}
TrackSource parseTrackSource(std::string_view name) {
    return valueOf(kTrackSources, name, "track source");
}
ReviewState parseReviewState(std::string_view name) {
    return valueOf(kReviewStates, name, "review state");
}

std::string Rational::toString() const {
    return std::to_string(num) + "/" + std::to_string(den);
}

Rational parseRational(std::string_view text) {
    const auto slash = text.find('/');
    Rational rational;
    if (slash == std::string_view::npos) {
        rational = {parseInteger(text, text), 1};
    } else {
        rational = {parseInteger(text.substr(0, slash), text),
                    parseInteger(text.substr(slash + 1), text)};
    }
    if (rational.num <= 0 || rational.den <= 0) {
        throw Error("rational number '" + std::string(text) + "' must be positive");
    }
    return rational;
}

std::int64_t Video::frameAt(double time_s) const {
    return std::llround(time_s * fps.value());
}

double Video::secondsAt(std::int64_t frame) const {
    return static_cast<double>(frame) * static_cast<double>(fps.den) / static_cast<double>(fps.num);
}

}  // namespace actbert::store
