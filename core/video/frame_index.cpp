#include "core/video/frame_index.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>

#include <nlohmann/json.hpp>

#include "core/common/atomic_file.h"
#include "core/common/error.h"

namespace actbert::video {

namespace {

static_assert(std::endian::native == std::endian::little,
              "the frame index file is written in the host's (little-endian) byte order");

constexpr char kMagic[8] = {'A', 'B', 'F', 'I', 'D', 'X', '\0', '\1'};
constexpr std::uint32_t kVersion = 1;
// magic, version, stream, tb num, tb den, origin, method, source size, count
constexpr std::size_t kHeaderBytes = 8 + 4 + 4 + 4 + 4 + 8 + 4 + 8 + 8;
constexpr std::size_t kEntryBytes = 8 + 8 + 8 + 1;  // pts, dts, pos, key
constexpr std::size_t kChecksumBytes = 8;

std::uint64_t fnv1a(const char* data, std::size_t size) {
    std::uint64_t hash = 1469598103934665603ull;
    for (std::size_t i = 0; i < size; ++i) {
        hash ^= static_cast<unsigned char>(data[i]);
        hash *= 1099511628211ull;
    }
    return hash;
}

template <typename T>
void put(std::string& out, T value) {
    char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    out.append(bytes, sizeof(T));
}

template <typename T>
T take(const std::string& in, std::size_t& offset) {
    T value;
    std::memcpy(&value, in.data() + offset, sizeof(T));
    offset += sizeof(T);
    return value;
}

}  // namespace

FrameIndex::FrameIndex(int stream_index, Rational time_base, double origin_s, IndexMethod method,
                       std::vector<FrameEntry> frames, std::int64_t source_size_bytes)
    : stream_index_(stream_index),
      time_base_(time_base),
      origin_s_(origin_s),
      method_(method),
      source_size_bytes_(source_size_bytes),
      frames_(std::move(frames)) {
    if (time_base_.num <= 0 || time_base_.den <= 0) {
        throw Error("frame index: invalid time base " + std::to_string(time_base_.num) + "/" +
                    std::to_string(time_base_.den));
    }
    const double seconds_per_tick = time_base_.toDouble();
    for (std::size_t i = 0; i < frames_.size(); ++i) {
        FrameEntry& frame = frames_[i];
        if (frame.pts == kNoTimestamp) {
            throw Error("frame index: frame " + std::to_string(i) + " has no timestamp");
        }
        if (i > 0 && frame.pts <= frames_[i - 1].pts) {
            throw Error("frame index: timestamps are not increasing at frame " + std::to_string(i));
        }
        frame.time_s = static_cast<double>(frame.pts) * seconds_per_tick - origin_s_;
        if (frame.is_key) {
            key_positions_.push_back(static_cast<std::int64_t>(i));
        }
    }
}

std::int64_t FrameIndex::frameAtTime(double time_s) const {
    if (frames_.empty()) {
        return -1;
    }
    // A tiny tolerance so that a time printed with microsecond precision maps back to its frame.
    const double probe = time_s + 1e-7;
    const auto after =
        std::upper_bound(frames_.begin(), frames_.end(), probe,
                         [](double t, const FrameEntry& frame) { return t < frame.time_s; });
    if (after == frames_.begin()) {
        return 0;
    }
    return static_cast<std::int64_t>(std::distance(frames_.begin(), after)) - 1;
}

std::optional<std::int64_t> FrameIndex::frameWithPts(std::int64_t pts) const {
    const auto found = std::lower_bound(
        frames_.begin(), frames_.end(), pts,
        [](const FrameEntry& frame, std::int64_t value) { return frame.pts < value; });
    if (found == frames_.end() || found->pts != pts) {
        return std::nullopt;
    }
    return static_cast<std::int64_t>(std::distance(frames_.begin(), found));
}

std::int64_t FrameIndex::keyFrameAtOrBefore(std::int64_t index) const {
    const auto after = std::upper_bound(key_positions_.begin(), key_positions_.end(), index);
    if (after == key_positions_.begin()) {
        return -1;
    }
    return *std::prev(after);
}

std::int64_t FrameIndex::keyFrameCount() const {
    return static_cast<std::int64_t>(key_positions_.size());
}

double FrameIndex::measuredFps() const {
    if (frames_.size() < 2) {
        return 0.0;
    }
    const double span_s = frames_.back().time_s - frames_.front().time_s;
    return span_s > 0.0 ? static_cast<double>(frames_.size() - 1) / span_s : 0.0;
}

double FrameIndex::durationS() const {
    if (frames_.empty()) {
        return 0.0;
    }
    const double fps = measuredFps();
    const double last_frame_s = fps > 0.0 ? 1.0 / fps : 0.0;
    return frames_.back().time_s - frames_.front().time_s + last_frame_s;
}

std::string FrameIndex::summaryJson() const {
    const nlohmann::json summary = {
        {"frame_count", size()},
        {"key_frame_count", keyFrameCount()},
        {"method", toString(method_)},
        {"time_base", std::to_string(time_base_.num) + "/" + std::to_string(time_base_.den)},
        {"origin_s", origin_s_},
        {"first_pts", frames_.empty() ? 0 : frames_.front().pts},
        {"last_pts", frames_.empty() ? 0 : frames_.back().pts},
        {"measured_fps", measuredFps()},
        {"duration_s", durationS()}};
    return summary.dump();
}

void FrameIndex::save(const std::filesystem::path& path) const {
    std::string out;
    out.reserve(kHeaderBytes + frames_.size() * kEntryBytes + kChecksumBytes);
    out.append(kMagic, sizeof(kMagic));
    put<std::uint32_t>(out, kVersion);
    put<std::int32_t>(out, stream_index_);
    put<std::int32_t>(out, time_base_.num);
    put<std::int32_t>(out, time_base_.den);
    put<double>(out, origin_s_);
    put<std::uint32_t>(out, method_ == IndexMethod::PacketScan ? 0u : 1u);
    put<std::int64_t>(out, source_size_bytes_);
    put<std::int64_t>(out, static_cast<std::int64_t>(frames_.size()));
    for (const FrameEntry& frame : frames_) {
        put<std::int64_t>(out, frame.pts);
        put<std::int64_t>(out, frame.dts);
        put<std::int64_t>(out, frame.pos);
        put<std::uint8_t>(out, frame.is_key ? 1 : 0);
    }
    put<std::uint64_t>(out, fnv1a(out.data(), out.size()));
    writeFileAtomically(path, out);
}

FrameIndex FrameIndex::load(const std::filesystem::path& path) {
    const std::string name = "frame index '" + path.string() + "'";
    std::error_code error;
    const auto file_size = std::filesystem::file_size(path, error);
    if (error) {
        throw Error("cannot read " + name + ": " + error.message());
    }
    if (file_size < kHeaderBytes + kChecksumBytes) {
        throw Error(name + " is truncated (" + std::to_string(file_size) + " bytes)");
    }
    // Check the declared size before reading everything, so a huge file is refused cheaply.
    std::ifstream in(path, std::ios::binary);
    std::string header(kHeaderBytes, '\0');
    if (!in.read(header.data(), static_cast<std::streamsize>(header.size()))) {
        throw Error("cannot read " + name);
    }
    if (std::memcmp(header.data(), kMagic, sizeof(kMagic)) != 0) {
        throw Error(name + " is not a frame index file");
    }
    std::size_t offset = sizeof(kMagic);
    const auto version = take<std::uint32_t>(header, offset);
    if (version != kVersion) {
        throw Error(name + " has version " + std::to_string(version) + ", expected " +
                    std::to_string(kVersion) + " (rebuild the index)");
    }
    const auto stream_index = take<std::int32_t>(header, offset);
    const Rational time_base{take<std::int32_t>(header, offset),
                             take<std::int32_t>(header, offset)};
    const auto origin_s = take<double>(header, offset);
    const auto method = take<std::uint32_t>(header, offset);
    const auto source_size = take<std::int64_t>(header, offset);
    const auto count = take<std::int64_t>(header, offset);
    if (count < 0 ||
        static_cast<std::uint64_t>(count) >
            (file_size - kHeaderBytes - kChecksumBytes) / kEntryBytes ||
        kHeaderBytes + static_cast<std::uint64_t>(count) * kEntryBytes + kChecksumBytes !=
            file_size) {
        throw Error(name + " is truncated or corrupt: it declares " + std::to_string(count) +
                    " frames but has " + std::to_string(file_size) + " bytes");
    }
    if (method > 1 || stream_index < 0 || !std::isfinite(origin_s)) {
        throw Error(name + " is corrupt (bad header fields)");
    }
    std::string content = header;
    content.resize(file_size);
    if (!in.read(content.data() + kHeaderBytes,
                 static_cast<std::streamsize>(file_size - kHeaderBytes))) {
        throw Error("cannot read " + name + ": it changed while reading");
    }
    std::size_t checksum_offset = file_size - kChecksumBytes;
    const auto stored_checksum = take<std::uint64_t>(content, checksum_offset);
    if (stored_checksum != fnv1a(content.data(), file_size - kChecksumBytes)) {
        throw Error(name + " is corrupt (checksum mismatch)");
    }
    std::vector<FrameEntry> frames(static_cast<std::size_t>(count));
    for (FrameEntry& frame : frames) {
        frame.pts = take<std::int64_t>(content, offset);
        frame.dts = take<std::int64_t>(content, offset);
        frame.pos = take<std::int64_t>(content, offset);
        frame.is_key = take<std::uint8_t>(content, offset) != 0;
    }
    try {
        return FrameIndex(stream_index, time_base, origin_s,
                          method == 0 ? IndexMethod::PacketScan : IndexMethod::DecodeScan,
                          std::move(frames), source_size);
    } catch (const Error& invalid) {
        throw Error(name + " is corrupt: " + invalid.what());
    }
}

const char* toString(IndexMethod method) {
    return method == IndexMethod::PacketScan ? "packet-scan" : "decode-scan";
}

}  // namespace actbert::video
