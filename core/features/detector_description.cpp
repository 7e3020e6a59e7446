#include "core/features/detector_description.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "core/common/error.h"

namespace actbert::features {
namespace {

constexpr std::uintmax_t kMaxDescriptionBytes = 1 << 20;
constexpr std::uintmax_t kMaxClassFileBytes = 16 << 20;
constexpr int kMaxClasses = 100'000;

std::string readSmallFile(const std::filesystem::path& path, std::uintmax_t max_bytes,
                          const char* what) {
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    if (error) {
        throw Error(path.string() + ": cannot read " + what + ": " + error.message());
    }
    if (size > max_bytes) {
        throw Error(path.string() + ": " + what + " is " + std::to_string(size) +
                    " bytes, more than the " + std::to_string(max_bytes) + " allowed");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(path.string() + ": cannot open " + what);
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

DetectorDescription DetectorDescription::load(const std::filesystem::path& json_path) {
    const auto text = readSmallFile(json_path, kMaxDescriptionBytes, "detector description");
    return parse(text, json_path.parent_path(), json_path.string());
}

DetectorDescription DetectorDescription::parse(const std::string& json_text,
                                               const std::filesystem::path& base_folder,
                                               const std::string& origin) {
    const auto fail = [&](const std::string& problem) -> Error {
        return Error(origin + ": detector description: " + problem);
    };
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(json_text);
    } catch (const nlohmann::json::parse_error& error) {
        throw fail(std::string("not valid JSON (") + error.what() + ")");
    }
    if (!json.is_object()) {
        throw fail("expected a JSON object");
    }
    DetectorDescription d;
    try {
        if (!json.contains("model") || !json["model"].is_string()) {
            throw fail("'model' (path to the .onnx file) is missing");
        }
        const auto resolve = [&](const std::string& value) {
            const std::filesystem::path path(value);
            return path.is_absolute() ? path : base_folder / path;
        };
        d.model_path = resolve(json["model"].get<std::string>());
        if (json.contains("classes")) {
            d.classes_path = resolve(json["classes"].get<std::string>());
        }
        const std::string kind = json.value("kind", std::string("nanodet"));
        if (kind == "nanodet") {
            d.head = DetectorHead::NanoDet;
        } else if (kind == "yolo") {
            d.head = DetectorHead::Yolo;
        } else {
            throw fail("'kind' is '" + kind + "', expected 'nanodet' or 'yolo'");
        }
        if (json.contains("input")) {
            const auto input = json["input"].get<std::vector<int>>();
            if (input.size() != 2) {
                throw fail("'input' must be [width, height]");
            }
            d.input_width = input[0];
            d.input_height = input[1];
        }
        if (json.contains("mean")) {
            d.mean = json["mean"].get<std::array<double, 3>>();
        }
        if (json.contains("std")) {
            d.std = json["std"].get<std::array<double, 3>>();
        }
        d.strides = json.value("strides", d.strides);
        d.reg_max = json.value("reg_max", d.reg_max);
        d.threshold = json.value("threshold", d.threshold);
        d.max_boxes = json.value("max_boxes", d.max_boxes);
        d.nms_iou = json.value("nms_iou", d.nms_iou);
        d.resize = json.value("letterbox", true) ? Resize::Letterbox : Resize::Stretch;
    } catch (const nlohmann::json::exception& error) {
        throw fail(std::string("a field has the wrong type (") + error.what() + ")");
    }
    if (d.input_width < 16 || d.input_width > 4096 || d.input_height < 16 ||
        d.input_height > 4096) {
        throw fail("'input' must be between 16 and 4096 pixels per side");
    }
    for (const double s : d.std) {
        if (!(s > 0)) {
            throw fail("'std' values must be positive");
        }
    }
    if (d.head == DetectorHead::NanoDet) {
        if (d.strides.empty() || d.strides.size() > 8) {
            throw fail("'strides' must list 1 to 8 strides");
        }
        for (const int stride : d.strides) {
            if (stride < 1 || stride > 256) {
                throw fail("'strides' values must be in [1, 256]");
            }
        }
        if (d.reg_max < 1 || d.reg_max > 64) {
            throw fail("'reg_max' must be in [1, 64]");
        }
    }
    if (!(d.threshold >= 0 && d.threshold <= 1)) {
        throw fail("'threshold' must be in [0, 1]");
    }
    if (!(d.nms_iou > 0 && d.nms_iou <= 1)) {
        throw fail("'nms_iou' must be in (0, 1]");
    }
    if (d.max_boxes < 1 || d.max_boxes > 100) {
        throw fail("'max_boxes' must be in [1, 100]");
    }
    if (!std::filesystem::is_regular_file(d.model_path)) {
        throw fail("model file " + d.model_path.string() + " does not exist");
    }
    if (!d.classes_path.empty() && !std::filesystem::is_regular_file(d.classes_path)) {
        throw fail("classes file " + d.classes_path.string() + " does not exist");
    }
    return d;
}

std::vector<std::string> loadClassNames(const std::filesystem::path& path) {
    std::istringstream in(readSmallFile(path, kMaxClassFileBytes, "class names"));
    std::vector<std::string> names;
    std::string line;
    while (std::getline(in, line)) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) {
            line.pop_back();
        }
        if (!line.empty()) {
            names.push_back(line);
        }
        if (names.size() > kMaxClasses) {
            throw Error(path.string() + ": more than " + std::to_string(kMaxClasses) +
                        " class names");
        }
    }
    if (names.empty()) {
        throw Error(path.string() + ": no class names in the file");
    }
    return names;
}

}  // namespace actbert::features
