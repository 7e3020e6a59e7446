#include "models/io/safetensors.h"

#include <torch/torch.h>

#include <algorithm>
#include <array>
#include <bit>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <tuple>

#include "models/io/atomic_file_writer.h"

namespace actbert::models::io {
namespace {

// The format is little-endian; tensors are written from memory as they are.
static_assert(std::endian::native == std::endian::little,
              "safetensors I/O assumes a little-endian host");

constexpr const char* kMetadataKey = "__metadata__";
// Deeper JSON than a valid header needs (object -> entry -> shape array) is refused early.
constexpr int kMaxJsonDepth = 4;
constexpr std::size_t kMaxRank = 64;

struct DtypeInfo {
    const char* name;
    torch::ScalarType type;
    std::uint64_t size_bytes;
};

constexpr std::array<DtypeInfo, 10> kDtypes{{
    {"F32", torch::kFloat32, 4},
    {"F16", torch::kFloat16, 2},
    {"BF16", torch::kBFloat16, 2},
    {"F64", torch::kFloat64, 8},
    {"I64", torch::kInt64, 8},
    {"I32", torch::kInt32, 4},
    {"I16", torch::kInt16, 2},
    {"I8", torch::kInt8, 1},
    {"U8", torch::kUInt8, 1},
    {"BOOL", torch::kBool, 1},
}};

const DtypeInfo* dtypeByName(const std::string& name) {
    for (const auto& info : kDtypes) {
        if (name == info.name) {
            return &info;
        }
    }
    return nullptr;
}

const DtypeInfo* dtypeByType(torch::ScalarType type) {
    for (const auto& info : kDtypes) {
        if (type == info.type) {
            return &info;
        }
    }
    return nullptr;
}

[[noreturn]] void fail(const std::string& path, const std::string& problem) {
    throw std::runtime_error(path + ": " + problem);
}

// Number of bytes of a tensor with this shape; false when it overflows 64 bits.
bool checkedByteCount(const std::vector<std::int64_t>& shape, std::uint64_t item_bytes,
                      std::uint64_t& bytes) {
    std::uint64_t count = item_bytes;
    for (const auto dim : shape) {
        const auto extent = static_cast<std::uint64_t>(dim);
        if (extent != 0 && count > std::numeric_limits<std::uint64_t>::max() / extent) {
            return false;
        }
        count *= extent;
    }
    bytes = count;
    return true;
}

std::uint64_t readUnsigned(const nlohmann::json& value, const std::string& path,
                           const std::string& what) {
    if (!value.is_number_unsigned()) {
        fail(path, what + " must be a non-negative integer");
    }
    return value.get<std::uint64_t>();
}

SafetensorsEntry parseEntry(const std::string& path, const std::string& name,
                            const nlohmann::json& value, std::uint64_t data_bytes) {
    const std::string where = "tensor '" + name + "'";
    if (!value.is_object()) {
        fail(path, where + ": header entry is not a JSON object");
    }
    for (const auto& [key, ignored] : value.items()) {
        if (key != "dtype" && key != "shape" && key != "data_offsets") {
            fail(path, where + ": unexpected header field '" + key + "'");
        }
    }
    if (!value.contains("dtype") || !value["dtype"].is_string()) {
        fail(path, where + ": missing or non-string \"dtype\"");
    }
    SafetensorsEntry entry;
    entry.dtype = value["dtype"].get<std::string>();
    const DtypeInfo* dtype = dtypeByName(entry.dtype);
    if (dtype == nullptr) {
        fail(path, where + ": unsupported dtype '" + entry.dtype +
                       "' (supported: F32 F16 BF16 F64 I64 I32 I16 I8 U8 BOOL)");
    }
    if (!value.contains("shape") || !value["shape"].is_array()) {
        fail(path, where + ": missing or non-array \"shape\"");
    }
    if (value["shape"].size() > kMaxRank) {
        fail(path, where + ": shape has more than " + std::to_string(kMaxRank) + " dimensions");
    }
    for (const auto& dim : value["shape"]) {
        const auto extent = readUnsigned(dim, path, where + ": every shape dimension");
        if (extent > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            fail(path, where + ": shape dimension too large");
        }
        entry.shape.push_back(static_cast<std::int64_t>(extent));
    }
    const auto& offsets = value.contains("data_offsets") ? value["data_offsets"] : nlohmann::json();
    if (!offsets.is_array() || offsets.size() != 2) {
        fail(path, where + ": \"data_offsets\" must be an array [begin, end]");
    }
    entry.begin_byte = readUnsigned(offsets[0], path, where + ": data_offsets begin");
    entry.end_byte = readUnsigned(offsets[1], path, where + ": data_offsets end");
    if (entry.begin_byte > entry.end_byte) {
        fail(path, where + ": data_offsets begin " + std::to_string(entry.begin_byte) +
                       " is after end " + std::to_string(entry.end_byte));
    }
    if (entry.end_byte > data_bytes) {
        fail(path, where + ": data_offsets end " + std::to_string(entry.end_byte) +
                       " is beyond the " + std::to_string(data_bytes) +
                       " data bytes the file holds (truncated file?)");
    }
    std::uint64_t expected_bytes = 0;
    if (!checkedByteCount(entry.shape, dtype->size_bytes, expected_bytes)) {
        fail(path, where + ": shape is too large (its byte count overflows)");
    }
    if (expected_bytes != entry.end_byte - entry.begin_byte) {
        fail(path, where + ": shape and dtype need " + std::to_string(expected_bytes) +
                       " bytes but data_offsets span " +
                       std::to_string(entry.end_byte - entry.begin_byte));
    }
    return entry;
}

nlohmann::json parseHeaderJson(const std::string& path, const std::string& text) {
    // Duplicate keys would let two readers disagree on a file's content: refuse them.
    std::vector<std::set<std::string>> open_objects;
    const auto callback = [&](int depth, nlohmann::json::parse_event_t event,
                              nlohmann::json& parsed) {
        if (depth > kMaxJsonDepth) {
            fail(path, "header JSON is nested deeper than a safetensors header can be");
        }
        switch (event) {
            case nlohmann::json::parse_event_t::object_start:
                open_objects.emplace_back();
                break;
            case nlohmann::json::parse_event_t::object_end:
                if (!open_objects.empty()) {
                    open_objects.pop_back();
                }
                break;
            case nlohmann::json::parse_event_t::key:
                if (!open_objects.empty() &&
                    !open_objects.back().insert(parsed.get<std::string>()).second) {
                    fail(path, "header JSON repeats the key '" + parsed.get<std::string>() + "'");
                }
                break;
            default:
                break;
        }
        return true;
    };
    try {
        return nlohmann::json::parse(text, callback);
    } catch (const nlohmann::json::exception& error) {
        fail(path, std::string("header is not valid JSON: ") + error.what());
    }
}

struct ParsedFile {
    SafetensorsIndex index;
    std::uint64_t data_start_byte = 0;
};

ParsedFile parseHeader(const std::string& path, std::ifstream& in) {
    std::error_code error;
    const std::uint64_t file_bytes = std::filesystem::file_size(path, error);
    if (error) {
        fail(path, "cannot read file size: " + error.message());
    }
    if (file_bytes < 8) {
        fail(path, "too short for a safetensors file (" + std::to_string(file_bytes) +
                       " bytes; the header length alone takes 8)");
    }
    std::array<unsigned char, 8> length_bytes{};
    if (!in.read(reinterpret_cast<char*>(length_bytes.data()), 8)) {
        fail(path, "cannot read the header length");
    }
    std::uint64_t header_bytes = 0;
    for (int i = 7; i >= 0; --i) {
        header_bytes = (header_bytes << 8) | length_bytes[static_cast<std::size_t>(i)];
    }
    if (header_bytes > kMaxSafetensorsHeaderBytes) {
        fail(path, "header length " + std::to_string(header_bytes) + " exceeds the limit of " +
                       std::to_string(kMaxSafetensorsHeaderBytes) + " bytes");
    }
    if (header_bytes > file_bytes - 8) {
        fail(path, "header length " + std::to_string(header_bytes) + " is beyond the end of the " +
                       std::to_string(file_bytes) + "-byte file (truncated file?)");
    }
    if (header_bytes < 2) {
        fail(path, "header is too short to be a JSON object");
    }
    std::string text(header_bytes, '\0');
    if (!in.read(text.data(), static_cast<std::streamsize>(header_bytes))) {
        fail(path, "cannot read the header");
    }
    if (text.front() != '{') {
        fail(path, "header does not start with '{'");
    }
    const nlohmann::json header = parseHeaderJson(path, text);
    if (!header.is_object()) {
        fail(path, "header is not a JSON object");
    }
    ParsedFile parsed;
    parsed.data_start_byte = 8 + header_bytes;
    const std::uint64_t data_bytes = file_bytes - parsed.data_start_byte;
    for (const auto& [name, value] : header.items()) {
        if (name == kMetadataKey) {
            if (!value.is_object()) {
                fail(path, "\"__metadata__\" is not a JSON object");
            }
            for (const auto& [key, text_value] : value.items()) {
                if (!text_value.is_string()) {
                    fail(path, "metadata value of '" + key + "' is not a string");
                }
                parsed.index.metadata[key] = text_value.get<std::string>();
            }
            continue;
        }
        parsed.index.entries[name] = parseEntry(path, name, value, data_bytes);
    }
    // Tensors must tile the data section exactly: no overlap (two names aliasing bytes), no holes
    // and nothing after the last tensor (room for a second, hidden payload).
    std::vector<std::tuple<std::uint64_t, std::uint64_t, std::string>> spans;
    for (const auto& [name, entry] : parsed.index.entries) {
        spans.emplace_back(entry.begin_byte, entry.end_byte, name);
    }
    std::sort(spans.begin(), spans.end());
    std::uint64_t covered = 0;
    for (const auto& [begin, end, name] : spans) {
        if (begin < covered) {
            fail(path, "tensor '" + name + "' overlaps the previous tensor's bytes");
        }
        if (begin > covered) {
            fail(path, "unused bytes " + std::to_string(covered) + ".." + std::to_string(begin) +
                           " before tensor '" + name + "'");
        }
        covered = end;
    }
    if (covered != data_bytes) {
        fail(path,
             std::to_string(data_bytes - covered) + " trailing bytes after the last tensor's data");
    }
    return parsed;
}

std::ifstream openForReading(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        fail(path, "cannot open for reading");
    }
    return in;
}

}  // namespace

void saveSafetensors(const std::string& path, const std::map<std::string, torch::Tensor>& tensors,
                     const std::map<std::string, std::string>& metadata) {
    nlohmann::json header = nlohmann::json::object();
    if (!metadata.empty()) {
        header[kMetadataKey] = nlohmann::json::object();
        for (const auto& [key, value] : metadata) {
            header[kMetadataKey][key] = value;
        }
    }
    std::vector<torch::Tensor> ordered;  // CPU, contiguous, in the order of their offsets
    std::uint64_t offset = 0;
    for (const auto& [name, tensor] : tensors) {
        if (name.empty() || name == kMetadataKey) {
            fail(path, "cannot save a tensor named '" + name + "'");
        }
        if (!tensor.defined()) {
            fail(path, "tensor '" + name + "' is undefined");
        }
        const DtypeInfo* dtype = dtypeByType(tensor.scalar_type());
        if (dtype == nullptr) {
            fail(path, "tensor '" + name + "' has dtype " +
                           std::string(c10::toString(tensor.scalar_type())) +
                           ", which safetensors files here do not support");
        }
        auto cpu = tensor.detach().to(torch::kCPU).contiguous();
        const auto bytes = static_cast<std::uint64_t>(cpu.numel()) * dtype->size_bytes;
        header[name] = {{"dtype", dtype->name},
                        {"shape", cpu.sizes().vec()},
                        {"data_offsets", {offset, offset + bytes}}};
        offset += bytes;
        ordered.push_back(std::move(cpu));
    }
    std::string text;
    try {
        text = header.dump();
    } catch (const nlohmann::json::exception& error) {
        fail(path, std::string("cannot encode the header (names and metadata must be UTF-8): ") +
                       error.what());
    }
    // Pad with spaces so the data starts 8-byte aligned, as the reference writer does.
    while ((text.size() % 8) != 0) {
        text.push_back(' ');
    }
    std::array<unsigned char, 8> length_bytes{};
    for (std::size_t i = 0; i < 8; ++i) {
        length_bytes[i] = static_cast<unsigned char>((text.size() >> (8 * i)) & 0xff);
    }
    AtomicFileWriter writer(path);
    writer.append(length_bytes.data(), length_bytes.size());
    writer.append(text.data(), text.size());
    for (const auto& tensor : ordered) {
        writer.append(tensor.data_ptr(), static_cast<std::size_t>(tensor.nbytes()));
    }
    writer.commit();
}

SafetensorsIndex inspectSafetensors(const std::string& path) {
    auto in = openForReading(path);
    return parseHeader(path, in).index;
}

SafetensorsContents loadSafetensors(const std::string& path) {
    auto in = openForReading(path);
    ParsedFile parsed = parseHeader(path, in);
    SafetensorsContents contents;
    contents.metadata = std::move(parsed.index.metadata);
    for (const auto& [name, entry] : parsed.index.entries) {
        const DtypeInfo* dtype = dtypeByName(entry.dtype);
        // Sizes were checked against the file above, so this allocation is bounded by its size.
        auto tensor = torch::empty(entry.shape, torch::TensorOptions().dtype(dtype->type));
        const std::uint64_t bytes = entry.end_byte - entry.begin_byte;
        in.seekg(static_cast<std::streamoff>(parsed.data_start_byte + entry.begin_byte));
        if (bytes > 0 &&
            !in.read(static_cast<char*>(tensor.data_ptr()), static_cast<std::streamsize>(bytes))) {
            fail(path,
                 "cannot read the data of tensor '" + name + "' (file changed or truncated?)");
        }
        if (dtype->type == torch::kBool) {
            const auto* values = static_cast<const unsigned char*>(tensor.data_ptr());
            if (std::any_of(values, values + bytes, [](unsigned char v) { return v > 1; })) {
                fail(path, "tensor '" + name + "' has BOOL bytes other than 0 and 1");
            }
        }
        contents.tensors.emplace(name, std::move(tensor));
    }
    return contents;
}

}  // namespace actbert::models::io
