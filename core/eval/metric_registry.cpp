#include "core/eval/metric_registry.h"

#include <array>

#include "core/eval/localisation_scoring.h"
#include "core/eval/qa_scoring.h"
#include "core/eval/retrieval_scoring.h"
#include "core/eval/segmentation_scoring.h"

namespace actbert::eval {

namespace {

constexpr std::array kMetrics = {
    MetricDescriptor{
        "retrieval",
        "--predictions JSON {\"scores\": [[query x gallery]], \"truth\": [column per query]} "
        "(truth optional: the diagonal)",
        "R@1/5/10 (r1, r5, r10), median rank (median_rank), mean rank (mean_rank); ties rank "
        "the true item last",
        GroundTruthUse::kNone, false, &scoreRetrieval},
    MetricDescriptor{
        "segmentation",
        "--predictions JSON {\"videos\": {\"ID\": [label per frame]}}; --ground-truth the same "
        "JSON or MS-TCN's groundTruth folder (ID.txt, one label per line)",
        "frame accuracy (frame_accuracy), edit score (edit), F1@10/25/50 (f1_10, f1_25, f1_50)",
        GroundTruthUse::kRequired, true, &scoreSegmentation},
    MetricDescriptor{
        "localisation",
        "--predictions JSON {\"videos\": {\"ID\": {\"task\": T, \"scores\": [[per step] per "
        "second]}}}; --ground-truth CrossTask's folder (tasks_primary.txt, annotations/) or "
        "JSON {\"videos\": {\"ID\": {\"task\", \"duration_s\", \"steps\": [[step, start_s, "
        "end_s]]}}}",
        "CrossTask recall, mean over tasks (recall) and per task (recall_per_task)",
        GroundTruthUse::kRequired, false, &scoreLocalisation},
    MetricDescriptor{
        "qa",
        "--predictions JSON {\"answers\": {\"VIDEO_KEY\": index}}; --ground-truth the MSR-VTT "
        "multiple-choice file (tab-separated: key, 5 candidates, answer) or the same JSON",
        "multiple-choice accuracy (accuracy)", GroundTruthUse::kRequired, false, &scoreQa},
};

}  // namespace

std::span<const MetricDescriptor> metricRegistry() {
    return kMetrics;
}

const MetricDescriptor* findMetric(std::string_view task) {
    for (const auto& metric : kMetrics) {
        if (task == metric.task) {
            return &metric;
        }
    }
    return nullptr;
}

}  // namespace actbert::eval
