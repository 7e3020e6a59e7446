#include "core/eval/qa_scoring.h"

#include <map>

#include "core/eval/qa_accuracy.h"
#include "core/eval/score_files.h"

namespace actbert::eval {

namespace {

constexpr int kCandidates = 5;

// {"answers": {"KEY": index}}, index an integer in [0, 5).
std::map<std::string, int> readAnswersJson(const std::filesystem::path& path,
                                           const std::string& what) {
    const auto json = readJsonFile(path, what);
    if (!json.is_object() || !json.contains("answers") || !json["answers"].is_object()) {
        throwFileError(path, what, "expected {\"answers\": {\"VIDEO_KEY\": index, ...}}");
    }
    std::map<std::string, int> answers;
    for (const auto& [key, value] : json["answers"].items()) {
        if (!value.is_number_integer() || value.get<long long>() < 0 ||
            value.get<long long>() >= kCandidates) {
            throwFileError(path, what, "the answer of \"" + key + "\" is not an index in [0, 5)");
        }
        answers[key] = value.get<int>();
    }
    if (answers.empty()) {
        throwFileError(path, what, "no answers");
    }
    return answers;
}

// MSR-VTT MC: tab-separated rows "key, 5 candidate sentences, answer index (0-based)". A
// first row whose answer field is not a number is a header.
std::map<std::string, int> readMsrvttMc(const std::filesystem::path& path) {
    const auto lines = readTextLines(path, "ground-truth");
    std::map<std::string, int> answers;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].empty()) {
            continue;
        }
        const auto fields = splitFields(lines[i], '\t');
        const std::string where = "line " + std::to_string(i + 1) + ": ";
        if (fields.size() != 2 + kCandidates) {
            throwFileError(path, "ground-truth",
                           where +
                               "expected 7 tab-separated fields (video key, 5 candidates, "
                               "answer index), found " +
                               std::to_string(fields.size()));
        }
        long long answer = 0;
        if (!parseInteger(fields.back(), answer)) {
            if (i == 0) {
                continue;
            }
            throwFileError(path, "ground-truth", where + "the answer index is not a number");
        }
        if (answer < 0 || answer >= kCandidates) {
            throwFileError(path, "ground-truth",
                           where + "answer index " + fields.back() + " outside [0, 5)");
        }
        if (!answers.emplace(fields.front(), static_cast<int>(answer)).second) {
            throwFileError(path, "ground-truth",
                           where + "a second question for video key \"" + fields.front() + "\"");
        }
    }
    if (answers.empty()) {
        throwFileError(path, "ground-truth", "no question");
    }
    return answers;
}

}  // namespace

ScoreReport scoreQa(const ScoreRequest& request) {
    const auto chosen = readAnswersJson(request.predictions, "predictions");
    const auto& truth_path = *request.ground_truth;
    const auto truth = truth_path.extension() == ".json"
                           ? readAnswersJson(truth_path, "ground-truth")
                           : readMsrvttMc(truth_path);
    std::vector<int> chosen_list;
    std::vector<int> truth_list;
    for (const auto& [key, answer] : truth) {
        const auto found = chosen.find(key);
        if (found == chosen.end()) {
            throwFileError(request.predictions, "predictions",
                           "no answer for video key \"" + key + "\" of " + truth_path.string());
        }
        chosen_list.push_back(found->second);
        truth_list.push_back(answer);
    }
    for (const auto& [key, answer] : chosen) {
        if (!truth.count(key)) {
            throwFileError(request.predictions, "predictions",
                           "video key \"" + key + "\" is not a question of " + truth_path.string());
        }
    }
    const double accuracy = multipleChoiceAccuracy(chosen_list, truth_list);
    ScoreReport report;
    report.values = {{"accuracy", accuracy}, {"questions", truth_list.size()}};
    report.lines = {std::to_string(truth_list.size()) + " questions, " +
                        std::to_string(kCandidates) + " candidates each",
                    "  accuracy  " + formatFixed(100 * accuracy, 2)};
    return report;
}

}  // namespace actbert::eval
