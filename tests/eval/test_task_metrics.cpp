// Segmentation, step localisation, retrieval and QA metrics: small cases computed by hand,
// and agreement with independent implementations written here in Python (numpy), run with
// Debian's python3.

#include <QTest>

#include <cmath>
#include <random>

#include <nlohmann/json.hpp>

#include "core/eval/edit_score.h"
#include "core/eval/frame_accuracy.h"
#include "core/eval/qa_accuracy.h"
#include "core/eval/retrieval_ranks.h"
#include "core/eval/segment_f1.h"
#include "core/eval/step_assignment.h"
#include "core/eval/step_recall.h"
#include "eval/eval_test_support.h"

namespace eval = actbert::eval;
using Labels = std::vector<int>;
using Matrix = std::vector<std::vector<double>>;
using Intervals = std::vector<eval::StepInterval>;

namespace {

constexpr int kBg = 0;

nlohmann::json python(const char* script, const nlohmann::json& input) {
    const auto result =
        actbert::eval::testing::runPython(script, QByteArray::fromStdString(input.dump()));
    if (result.exit_code != 0) {
        qWarning("python failed: %s", qPrintable(result.err));
        return nullptr;
    }
    return nlohmann::json::parse(result.out.toStdString());
}

bool near(double a, double b) {
    return std::abs(a - b) < 1e-9;
}

// Scores that make step k clearly best at seconds[k] and uniform elsewhere: [seconds][steps].
Matrix peakScores(int seconds, const std::vector<int>& peaks) {
    Matrix scores(seconds, std::vector<double>(peaks.size(), 0.0));
    for (std::size_t k = 0; k < peaks.size(); ++k) {
        scores[peaks[k]][k] = 10.0;
    }
    return scores;
}

// Runs of random labels (background 0 included), like a segmentation output.
Labels randomRuns(std::mt19937& random, int frames, int classes) {
    Labels labels;
    std::uniform_int_distribution<int> label(0, classes - 1);
    std::uniform_int_distribution<int> length(1, 6);
    while (static_cast<int>(labels.size()) < frames) {
        const int l = label(random);
        for (int n = length(random); n > 0 && static_cast<int>(labels.size()) < frames; --n) {
            labels.push_back(l);
        }
    }
    return labels;
}

// MS-TCN's metrics from their definitions (segments as runs without background; edit by
// Levenshtein over segment labels; greedy IoU matching in time order), frame accuracy pooled.
const char* const kPythonSegmentation = R"(
import json, sys
import numpy as np
c = json.load(sys.stdin)
bg = c["background"]
def segs(x):
    out, s = [], 0
    for i in range(1, len(x) + 1):
        if i == len(x) or x[i] != x[s]:
            if x[s] != bg: out.append((x[s], s, i))
            s = i
    return out
def lev(a, b):
    d = np.zeros((len(a) + 1, len(b) + 1)); d[:, 0] = np.arange(len(a) + 1); d[0, :] = np.arange(len(b) + 1)
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i, j] = min(d[i-1, j] + 1, d[i, j-1] + 1, d[i-1, j-1] + (a[i-1] != b[j-1]))
    return d[-1, -1]
right = total = 0; edits = []; counts = {t: [0, 0, 0] for t in (0.1, 0.25, 0.5)}
for p, y in c["videos"]:
    p, y = np.array(p), np.array(y)
    right += int((p == y).sum()); total += len(y)
    if len(y) == 0: continue
    P, Y = segs(list(p)), segs(list(y))
    edits.append(1.0 if max(len(P), len(Y)) == 0 else 1 - lev([s[0] for s in P], [s[0] for s in Y]) / max(len(P), len(Y)))
    for t in counts:
        hit = [False] * len(Y)
        for (l, s, e) in P:
            iou = [(min(e, ye) - max(s, ys)) / (max(e, ye) - min(s, ys)) if yl == l else 0.0 for (yl, ys, ye) in Y]
            j = int(np.argmax(iou)) if iou else -1
            if j >= 0 and iou[j] >= t and not hit[j]: hit[j] = True; counts[t][0] += 1
            else: counts[t][1] += 1
        counts[t][2] += len(Y) - sum(hit)
def f1(tp, fp, fn):
    if tp == 0: return 0.0
    pr, rc = tp / (tp + fp), tp / (tp + fn)
    return 2 * pr * rc / (pr + rc)
print(json.dumps({"acc": right / total, "edit": float(np.mean(edits)),
                  "f1": [f1(*counts[t]) for t in (0.1, 0.25, 0.5)]}))
)";

// Pessimistic ranks (the true item after every equal score) and PaddleVideo's summary.
const char* const kPythonRetrieval = R"(
import json, sys
import numpy as np
c = json.load(sys.stdin)
s = np.array(c["scores"]); t = np.array(c["truth"])
true = s[np.arange(len(t)), t][:, None]
ranks = (s > true).sum(1) + (s == true).sum(1) - 1
print(json.dumps({"ranks": ranks.tolist(), "r1": float((ranks < 1).mean()),
                  "r5": float((ranks < 5).mean()), "r10": float((ranks < 10).mean()),
                  "median": float(np.floor(np.median(ranks) + 1)), "mean": float(ranks.mean() + 1)}))
)";

// CrossTask by brute force: the in-order choice of one distinct second per step of least
// cost -log_softmax, then the truth matrix Y and recall per task pooled over videos.
const char* const kPythonCrossTask = R"(
import json, sys, math, itertools
import numpy as np
c = json.load(sys.stdin)
hits, annotated, chosen_all = {}, {}, []
for v in c["videos"]:
    s = np.array(v["scores"], dtype=float)
    logp = s - s.max(1, keepdims=True); logp = logp - np.log(np.exp(logp).sum(1, keepdims=True))
    T, K = s.shape
    best = min(itertools.combinations(range(T), K), key=lambda ts: -sum(logp[t, k] for k, t in enumerate(ts)))
    chosen_all.append(list(best))
    Y = np.zeros((T, K))
    for (k, a, b) in v["truth"]:
        Y[int(math.floor(a)):int(math.ceil(b)), k] = 1
    X = np.zeros((T, K)); X[list(best), range(K)] = 1
    hits[v["task"]] = hits.get(v["task"], 0) + (X * Y).sum()
    annotated[v["task"]] = annotated.get(v["task"], 0) + (Y.sum(0) > 0).sum()
per = {t: hits[t] / annotated[t] for t in hits if annotated[t] > 0}
print(json.dumps({"chosen": chosen_all, "per_task": per, "recall": float(np.mean(list(per.values())))}))
)";

// The assignment's dynamic program with the documented tie order, for costs with many ties.
const char* const kPythonTieDp = R"(
import json, sys
c = json.load(sys.stdin)
out = []
for X in c:
    T, K = len(X), len(X[0]); S = 2 * K + 1; inf = float("inf")
    cost = lambda t, s: 0 if s % 2 == 0 else X[t][(s - 1) // 2]
    D = [[inf] * S for _ in range(T)]; B = [[-1] * S for _ in range(T)]
    D[0][0] = 0; D[0][1] = cost(0, 1)
    for t in range(1, T):
        for s in range(S):
            cands = [s, s - 1] if s % 2 == 0 else [s - 1, s - 2 if s >= 3 else -1]
            for p in cands:
                if p >= 0 and D[t-1][p] < D[t][s]: D[t][s] = D[t-1][p]; B[t][s] = p
            D[t][s] += cost(t, s)
    s = S - 2 if D[T-1][S-2] < D[T-1][S-1] else S - 1
    chosen = [0] * K
    for t in range(T - 1, -1, -1):
        if s % 2 == 1: chosen[(s - 1) // 2] = t
        if t > 0: s = B[t][s]
    out.append(chosen)
print(json.dumps(out))
)";

}  // namespace

class TestTaskMetrics : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void frameAccuracyPoolsFramesBackgroundIncluded() {
        const std::vector<eval::VideoLabels> videos = {
            {"a", {1, 1, 2, 2}, {1, 2, 2, 2}}, {"b", {kBg, kBg}, {kBg, 1}}, {"empty", {}, {}}};
        const auto pooled = eval::frameAccuracy(videos);
        // 3 + 1 of 6 frames; a mean of per-video accuracies would be 0.625.
        QCOMPARE(pooled.correct_frames, std::int64_t(4));
        QCOMPARE(pooled.total_frames, std::int64_t(6));
        QVERIFY(near(pooled.accuracy(), 4.0 / 6.0));
        QCOMPARE(eval::frameAccuracy(std::vector<eval::VideoLabels>{}).accuracy(), 0.0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 eval::frameAccuracy(Labels{1, 2}, Labels{1}));
    }

    void segmentsSkipBackgroundRuns() {
        const auto segments = eval::labelSegments(Labels{1, 1, 0, 1, 2, 2, 0}, kBg);
        QCOMPARE(segments.size(), std::size_t(3));
        QCOMPARE(segments[1].label, 1);
        QCOMPARE(segments[1].start, 3);
        QCOMPARE(segments[1].end, 4);
        QCOMPARE(segments[2].end, 6);
        QCOMPARE(eval::labelSegments(Labels{0, 0, 1}, std::nullopt).size(), std::size_t(2));
    }

    void editScoreByHand() {
        // Segments [1, 2, 1] against [1, 2]: one deletion of 3 -> 2/3.
        QVERIFY(near(eval::editScore(Labels{1, 1, 2, 2, 0, 1}, Labels{1, 1, 1, 2, 2, 2}, kBg),
                     2.0 / 3.0));
        // All-background truth with one predicted segment: 0; both without segments: 1.
        QVERIFY(near(eval::editScore(Labels{0, 1, 0}, Labels{0, 0, 0}, kBg), 0.0));
        QVERIFY(near(eval::editScore(Labels{0, 0}, Labels{0, 0}, kBg), 1.0));
        // Without a background class, label 0's runs are segments too.
        QVERIFY(near(eval::editScore(Labels{0, 0, 1}, Labels{0, 1, 1}, std::nullopt), 1.0));
        QVERIFY(near(eval::editScore(Labels{0, 1, 1}, Labels{1, 1, 1}, std::nullopt), 0.5));
        // The mean over videos leaves videos without frames out.
        const std::vector<eval::VideoLabels> videos = {
            {"a", {1, 1, 2, 2, 0, 1}, {1, 1, 1, 2, 2, 2}}, {"empty", {}, {}}, {"bg", {0}, {0}}};
        QVERIFY(near(eval::meanEditScore(videos, kBg), (2.0 / 3.0 + 1.0) / 2.0));
    }

    void f1ByHand() {
        // Truth segments 1:[0,4) 2:[6,10); predicted 1:[0,1) (IoU 1/4) and 2:[6,10) (IoU 1).
        const Labels truth = {1, 1, 1, 1, 0, 0, 2, 2, 2, 2};
        const Labels predicted = {1, 0, 0, 0, 0, 0, 2, 2, 2, 2};
        const std::vector<eval::VideoLabels> videos = {{"a", predicted, truth}};
        const auto f1 = eval::f1AtOverlaps(videos, kBg);
        QVERIFY(near(f1[0], 1.0));
        QVERIFY(near(f1[1], 1.0));  // IoU 0.25 >= 0.25
        // At 0.5: TP 1, FP 1, FN 1 -> P = R = 1/2.
        QVERIFY(near(f1[2], 0.5));
        const auto counts = eval::segmentMatches(predicted, truth, 0.5, kBg);
        QCOMPARE(counts.true_positives, std::int64_t(1));
        QCOMPARE(counts.false_positives, std::int64_t(1));
        QCOMPARE(counts.false_negatives, std::int64_t(1));
    }

    void f1MatchesEachTrueSegmentOnce() {
        // Two predicted pieces of one true segment: the second is a false positive.
        const auto counts = eval::segmentMatches(Labels{1, 1, 0, 1}, Labels{1, 1, 1, 1}, 0.1, kBg);
        QCOMPARE(counts.true_positives, std::int64_t(1));
        QCOMPARE(counts.false_positives, std::int64_t(1));
        QCOMPARE(counts.false_negatives, std::int64_t(0));
        QVERIFY(near(counts.f1(), 2.0 / 3.0));
        // The predicted segment goes to the true one of highest IoU (4/7 over 2/7).
        const auto best = eval::segmentMatches(Labels{1, 1, 1, 1, 1, 1, 1},
                                               Labels{1, 1, 0, 1, 1, 1, 1}, 0.5, kBg);
        QCOMPARE(best.true_positives, std::int64_t(1));
        QCOMPARE(best.false_negatives, std::int64_t(1));
        // A true label never predicted is only a false negative.
        const auto missed = eval::segmentMatches(Labels{0, 0, 0}, Labels{0, 3, 0}, 0.1, kBg);
        QCOMPARE(missed.false_negatives, std::int64_t(1));
        QCOMPARE(missed.f1(), 0.0);
    }

    void f1SumsCountsOverVideosAndSurvivesAllBackground() {
        const std::vector<eval::VideoLabels> videos = {
            {"right", {1, 1}, {1, 1}}, {"all_bg", {0, 2, 2, 0}, {0, 0, 0, 0}}, {"empty", {}, {}}};
        // TP 1, FP 1, FN 0 summed: P 1/2, R 1 -> 2/3 (a mean of per-video F1 would be 1/2).
        const auto f1 = eval::f1AtOverlaps(videos, kBg);
        for (double value : f1) {
            QVERIFY(near(value, 2.0 / 3.0));
        }
        const std::vector<eval::VideoLabels> only_bg = {{"bg", {0, 0}, {0, 0}}};
        QCOMPARE(eval::f1AtOverlaps(only_bg, kBg)[0], 0.0);
        QVERIFY(near(eval::meanEditScore(only_bg, kBg), 1.0));
    }

    void segmentationAgreesWithPython() {
        std::mt19937 random(7);
        std::vector<eval::VideoLabels> videos;
        nlohmann::json input = {{"background", kBg}, {"videos", nlohmann::json::array()}};
        for (int v = 0; v < 12; ++v) {
            const int frames = v == 0 ? 0 : 5 + 7 * v;
            eval::VideoLabels video{"v" + std::to_string(v), randomRuns(random, frames, 4),
                                    randomRuns(random, frames, 4)};
            if (v == 1) {
                video.truth.assign(frames, kBg);  // all background
            }
            input["videos"].push_back({video.predicted, video.truth});
            videos.push_back(std::move(video));
        }
        const auto reference = python(kPythonSegmentation, input);
        QVERIFY(!reference.is_null());
        QVERIFY(near(eval::frameAccuracy(videos).accuracy(), reference["acc"].get<double>()));
        QVERIFY(near(eval::meanEditScore(videos, kBg), reference["edit"].get<double>()));
        const auto f1 = eval::f1AtOverlaps(videos, kBg);
        for (int i = 0; i < 3; ++i) {
            QVERIFY2(near(f1[i], reference["f1"][i].get<double>()), qPrintable(QString::number(i)));
        }
        QVERIFY(f1[0] > 0.0 && f1[0] < 1.0);
    }

    void retrievalRanksWithTies() {
        // The 4x4 case of design/tasks.md: query 3's true score ties with another item.
        const Matrix scores = {
            {0.9, 0.1, 0.2, 0.3}, {0.1, 0.8, 0.2, 0.3}, {0.1, 0.9, 0.5, 0.3}, {0.1, 0.2, 0.7, 0.7}};
        const std::vector<int> truth = {0, 1, 2, 3};
        const auto ranks = eval::truthRanks(scores, truth);
        QCOMPARE(ranks, (std::vector<int>{0, 0, 1, 1}));
        const auto metrics = eval::retrievalMetrics(ranks);
        // One rank per query: R@1 = 2/4, where counting the tied entry as a row gives 2/5.
        QVERIFY(near(metrics.r1, 0.5));
        QVERIFY(near(metrics.r5, 1.0));
        QCOMPARE(metrics.median_rank, 1.0);  // floor(0.5 + 1)
        QVERIFY(near(metrics.mean_rank, 1.5));
        QCOMPARE(eval::truthRank(std::vector<double>{1, 1, 1}, 0), 2);  // constant row: last
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 eval::truthRank(std::vector<double>{1, 2}, 2));
    }

    void retrievalSummaryByHand() {
        auto metrics = eval::retrievalMetrics(std::vector<int>{0, 1, 2, 5});
        QCOMPARE(metrics.median_rank, 2.0);  // floor(1.5 + 1)
        QVERIFY(near(metrics.mean_rank, 3.0));
        metrics = eval::retrievalMetrics(std::vector<int>{0, 3, 7});
        QCOMPARE(metrics.median_rank, 4.0);
        QVERIFY(near(metrics.mean_rank, 10.0 / 3.0 + 1));
        QVERIFY(near(metrics.r5, 2.0 / 3.0));
        metrics = eval::retrievalMetrics(std::vector<int>{9, 10});
        QVERIFY(near(metrics.r10, 0.5));
        QCOMPARE(eval::retrievalMetrics(std::vector<int>{}).queries, 0);
    }

    void retrievalAgreesWithPython() {
        std::mt19937 random(3);
        std::uniform_int_distribution<int> tenth(0, 9);  // coarse scores: many ties
        Matrix scores(40, std::vector<double>(25));
        std::vector<int> truth;
        for (std::size_t q = 0; q < scores.size(); ++q) {
            for (auto& s : scores[q]) {
                s = tenth(random) / 10.0;
            }
            truth.push_back(static_cast<int>(q % 25));
        }
        const auto reference = python(kPythonRetrieval, {{"scores", scores}, {"truth", truth}});
        QVERIFY(!reference.is_null());
        const auto ranks = eval::truthRanks(scores, truth);
        QVERIFY(nlohmann::json(ranks) == reference["ranks"]);
        const auto metrics = eval::retrievalMetrics(ranks);
        QVERIFY(near(metrics.r1, reference["r1"].get<double>()));
        QVERIFY(near(metrics.r5, reference["r5"].get<double>()));
        QVERIFY(near(metrics.r10, reference["r10"].get<double>()));
        QVERIFY(near(metrics.median_rank, reference["median"].get<double>()));
        QVERIFY(near(metrics.mean_rank, reference["mean"].get<double>()));
    }

    void qaAccuracy() {
        QVERIFY(near(eval::multipleChoiceAccuracy(std::vector<int>{0, 2, 4, 1},
                                                  std::vector<int>{0, 2, 3, 1}),
                     0.75));
        QCOMPARE(eval::multipleChoiceAccuracy(std::vector<int>{}, std::vector<int>{}), 0.0);
        QVERIFY_THROWS_EXCEPTION(
            std::invalid_argument,
            eval::multipleChoiceAccuracy(std::vector<int>{0}, std::vector<int>{}));
    }

    void assignmentKeepsStepOrder() {
        // Step 0 is cheapest at second 0, step 1 right after it (no background between).
        QCOMPARE(eval::assignStepSeconds({{0.1, 5}, {5, 0.2}, {0.3, 5}, {5, 5}}),
                 (std::vector<int>{0, 1}));
        // Step 1's best second (0) comes before step 0's: order wins, 0.1 + 0.2 at 1, 2.
        QCOMPARE(eval::assignStepSeconds({{5, 0.1}, {0.1, 5}, {5, 0.2}}), (std::vector<int>{1, 2}));
        // As many seconds as steps: one each, in order.
        QCOMPARE(eval::assignStepSeconds({{9, 0}, {0, 9}}), (std::vector<int>{0, 1}));
        // Free background: a step goes to its cheapest second even far from the others.
        QCOMPARE(eval::assignStepSeconds({{1, 1}, {0, 1}, {1, 1}, {1, 1}, {1, 1}, {1, 0}}),
                 (std::vector<int>{1, 5}));
        // Equal costs: the earliest seconds (stay in background wins ties).
        QCOMPARE(eval::assignStepSeconds(Matrix(5, std::vector<double>(2, 0.0))),
                 (std::vector<int>{0, 1}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 eval::assignStepSeconds({{0, 0, 0}, {0, 0, 0}}));
        QVERIFY(eval::assignStepSeconds({}).empty());
    }

    void logSoftmaxRowsSumToOne() {
        const auto log_p = eval::logSoftmaxPerSecond({{1000.0, 1000.0}, {0.0, std::log(3.0)}});
        QVERIFY(near(log_p[0][0], std::log(0.5)));
        QVERIFY(near(log_p[1][0], std::log(0.25)));
        QVERIFY(near(log_p[1][1], std::log(0.75)));
    }

    void stepRecallCountsByHand() {
        // Step 0 true at seconds {1, 2} (floor 1.2 .. ceil 3.0), step 1 at {5, 6}, step 2 never
        // annotated; chosen 2 (hit), 4 (miss), 7.
        const Intervals truth = {{0, 1.2, 3.0}, {1, 5.0, 6.5}};
        auto counts = eval::stepRecallCounts(std::vector<int>{2, 4, 7}, truth, 8);
        QCOMPARE(counts.hits, 1);
        QCOMPARE(counts.annotated, 2);
        // The end is exclusive after ceil: second 3 is outside [1.0, 3.0].
        counts = eval::stepRecallCounts(std::vector<int>{3}, Intervals{{0, 1.0, 3.0}}, 8);
        QCOMPARE(counts.hits, 0);
        // An interval past the video's last second does not make the step annotated.
        counts = eval::stepRecallCounts(std::vector<int>{7}, Intervals{{0, 10.0, 12.0}}, 8);
        QCOMPARE(counts.annotated, 0);
    }

    void stepRecallPoolsPerTaskThenMeans() {
        std::vector<eval::LocalisationVideo> videos;
        // Task A: video 1 hits 1 of 2 annotated steps, video 2 hits 3 of 3 -> 4/5 (pooled, not
        // the 0.75 mean of videos). Task B: 0 of 1. Task C: nothing annotated, left out.
        videos.push_back({"a1", "A", 2, peakScores(6, {1, 3}), {{0, 1, 2}, {1, 4, 5}}});
        videos.push_back(
            {"a2", "A", 3, peakScores(6, {0, 2, 4}), {{0, 0, 1}, {1, 2, 3}, {2, 4, 5}}});
        videos.push_back({"b1", "B", 2, peakScores(4, {0, 1}), {{1, 3, 4}}});
        videos.push_back({"c1", "C", 1, peakScores(3, {1}), {}});
        const auto recall = eval::stepRecall(videos);
        QVERIFY(near(recall.per_task.at("A"), 0.8));
        QVERIFY(near(recall.per_task.at("B"), 0.0));
        QCOMPARE(recall.per_task.count("C"), std::size_t(0));
        QCOMPARE(recall.unannotated_tasks, std::vector<std::string>{"C"});
        QVERIFY(near(recall.recall, 0.4));
        // Too short for its steps, or a row of the wrong width: an error naming the video.
        videos.push_back({"short", "B", 3, peakScores(2, {0, 1}), {}});
        try {
            eval::stepRecall(videos);
            QFAIL("a video shorter than its steps was scored");
        } catch (const std::invalid_argument& error) {
            QVERIFY(std::string(error.what()).find("short") != std::string::npos);
        }
    }

    void stepRecallAgreesWithPython() {
        std::mt19937 random(11);
        std::normal_distribution<double> score(0.0, 2.0);
        std::uniform_real_distribution<double> where(0.0, 9.0);
        std::vector<eval::LocalisationVideo> videos;
        nlohmann::json input = {{"videos", nlohmann::json::array()}};
        for (int v = 0; v < 14; ++v) {
            eval::LocalisationVideo video;
            video.id = "v" + std::to_string(v);
            video.task = v % 3 == 0 ? "23521" : (v % 3 == 1 ? "59684" : "71781");
            video.steps = 2 + v % 3;
            const int seconds = 5 + v % 5;
            video.scores.assign(seconds, std::vector<double>(video.steps));
            for (auto& row : video.scores) {
                for (auto& s : row) {
                    s = score(random);
                }
            }
            nlohmann::json truth = nlohmann::json::array();
            for (int k = 0; k < video.steps; ++k) {
                if ((v + k) % 4 == 3) {
                    continue;  // a step without annotation
                }
                const double start = where(random);
                video.truth.push_back({k, start, start + 1.5});
                truth.push_back({k, start, start + 1.5});
            }
            input["videos"].push_back(
                {{"task", video.task}, {"scores", video.scores}, {"truth", truth}});
            videos.push_back(std::move(video));
        }
        const auto reference = python(kPythonCrossTask, input);
        QVERIFY(!reference.is_null());
        for (std::size_t v = 0; v < videos.size(); ++v) {
            auto costs = eval::logSoftmaxPerSecond(videos[v].scores);
            for (auto& row : costs) {
                for (auto& c : row) {
                    c = -c;
                }
            }
            QVERIFY(nlohmann::json(eval::assignStepSeconds(costs)) == reference["chosen"][v]);
        }
        const auto recall = eval::stepRecall(videos);
        QCOMPARE(recall.per_task.size(), reference["per_task"].size());
        for (const auto& [task, value] : recall.per_task) {
            QVERIFY2(near(value, reference["per_task"][task].get<double>()), task.c_str());
        }
        QVERIFY(near(recall.recall, reference["recall"].get<double>()));
    }

    void assignmentTieOrderAgreesWithPython() {
        std::mt19937 random(5);
        std::uniform_int_distribution<int> small(0, 2);  // many equal costs
        std::vector<Matrix> cases;
        for (int i = 0; i < 30; ++i) {
            const int steps = 1 + i % 4;
            Matrix costs(steps + i % 5, std::vector<double>(steps));
            for (auto& row : costs) {
                for (auto& c : row) {
                    c = small(random);
                }
            }
            cases.push_back(costs);
        }
        const auto reference = python(kPythonTieDp, cases);
        QVERIFY(!reference.is_null());
        for (std::size_t i = 0; i < cases.size(); ++i) {
            QVERIFY(nlohmann::json(eval::assignStepSeconds(cases[i])) == reference[i]);
        }
    }
};

namespace actbert::eval::testing {
int runTaskMetricTests(int argc, char** argv) {
    TestTaskMetrics test;
    return QTest::qExec(&test, argc, argv);
}
}  // namespace actbert::eval::testing

#include "test_task_metrics.moc"
