#pragma once
// The safetensors checkpoint format, written and read by our own code:
// 8-byte little-endian header length N, N bytes of JSON
// `{"__metadata__": {string: string}, name: {"dtype", "shape", "data_offsets": [begin, end]}}`,
// then the raw little-endian tensor bytes, offsets relative to the end of the header.
// Reading never trusts the file: every length, offset, dtype and shape is checked before any
// allocation, so a truncated, corrupt or hostile file gives an error naming the file and the
// problem, never a crash or an allocation larger than the file.
// Threading: free functions, safe from any thread (different threads writing the same path
// race only on which complete file wins).

#include <torch/types.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace actbert::models::io {

struct SafetensorsContents {
    std::map<std::string, torch::Tensor> tensors;  // CPU, contiguous
    std::map<std::string, std::string> metadata;   // the header's "__metadata__" (string -> string)
};

// What the header says about one tensor, without its data.
struct SafetensorsEntry {
    std::string dtype;  // "F32", "BF16", ...
    std::vector<std::int64_t> shape;
    std::uint64_t begin_byte = 0;  // relative to the start of the data section
    std::uint64_t end_byte = 0;
};

struct SafetensorsIndex {
    std::map<std::string, SafetensorsEntry> entries;
    std::map<std::string, std::string> metadata;
};

// Largest header accepted, as in the reference implementation.
inline constexpr std::uint64_t kMaxSafetensorsHeaderBytes = 100ull * 1024 * 1024;

// Writes atomically (temp file in the same folder, fsync, rename). Supported dtypes: F32 F16 BF16
// F64 I64 I32 I16 I8 U8 BOOL. Tensors on any device are copied to the CPU first.
// Throws std::runtime_error naming the file on failure (unsupported dtype, empty or reserved
// tensor name, I/O error); the previous file, if any, is then untouched.
void saveSafetensors(const std::string& path, const std::map<std::string, torch::Tensor>& tensors,
                     const std::map<std::string, std::string>& metadata = {});

// Validates everything (header length and size limits, JSON, duplicate keys, dtypes, shapes vs
// offsets, offsets in bounds and non-overlapping, no holes and no trailing bytes beyond the data,
// BOOL bytes 0 or 1) and never trusts the file. Throws std::runtime_error naming the file.
SafetensorsContents loadSafetensors(const std::string& path);

// Reads and validates only the header (same checks as loadSafetensors except the BOOL bytes).
SafetensorsIndex inspectSafetensors(const std::string& path);

}  // namespace actbert::models::io
