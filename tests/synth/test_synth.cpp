// Tests of the synthetic video generator: the world is rich enough, random draws are exact,
// the MP4s decode (ffprobe/ffmpeg) with the expected streams and durations, the ground truth is
// consistent with the frames, narration (Opus) is audible where the subtitles say, output is
// deterministic, and bad settings or cancellation are handled.

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/common/error.h"
#include "core/synth/dataset_generator.h"
#include "core/synth/det_math.h"
#include "core/synth/synth_baselines.h"
#include "core/synth/synth_random.h"
#include "core/synth/task_library.h"
#include "core/video/audio_decoder.h"
#include "core/video/video_decoder.h"

namespace fs = std::filesystem;
using actbert::synth::SynthRandom;
using actbert::synth::TaskLibrary;

namespace {

std::string readAll(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

nlohmann::json readJson(const fs::path& path) {
    return nlohmann::json::parse(readAll(path));
}

// Runs a program, returns stdout; fails the test on a non-zero exit.
QByteArray run(const QString& program, const QStringList& arguments, int* exit_code = nullptr) {
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(300000)) {
        qWarning() << "timed out:" << program << arguments;
        return {};
    }
    if (exit_code) {
        *exit_code = process.exitCode();
    } else if (process.exitCode() != 0) {
        qWarning() << program << arguments << "failed:" << process.readAllStandardError();
    }
    return process.readAllStandardOutput();
}

std::vector<float> decodeAudio(const fs::path& video) {
    const QByteArray raw =
        run(QStringLiteral("ffmpeg"),
            {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-i"),
             QString::fromStdString(video.string()), QStringLiteral("-vn"), QStringLiteral("-f"),
             QStringLiteral("f32le"), QStringLiteral("-ac"), QStringLiteral("1"),
             QStringLiteral("-ar"), QStringLiteral("24000"), QStringLiteral("-")});
    std::vector<float> samples(static_cast<std::size_t>(raw.size()) / sizeof(float));
    std::memcpy(samples.data(), raw.constData(), samples.size() * sizeof(float));
    return samples;
}

// framemd5 of every decoded video and audio frame, without the header comments.
QByteArray frameMd5(const fs::path& video) {
    const QByteArray out = run(QStringLiteral("ffmpeg"),
                               {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-i"),
                                QString::fromStdString(video.string()), QStringLiteral("-f"),
                                QStringLiteral("framemd5"), QStringLiteral("-")});
    QByteArray body;
    for (const QByteArray& line : out.split('\n')) {
        if (!line.startsWith('#')) {
            body += line + '\n';
        }
    }
    return body;
}

double rms(const std::vector<float>& samples, std::size_t begin, std::size_t end) {
    double sum = 0.0;
    end = std::min(end, samples.size());
    for (std::size_t i = begin; i < end; ++i) {
        sum += static_cast<double>(samples[i]) * samples[i];
    }
    return end > begin ? std::sqrt(sum / static_cast<double>(end - begin)) : 0.0;
}

actbert::synth::SynthSettings smallSettings(int videos, std::uint64_t seed) {
    actbert::synth::SynthSettings settings;
    settings.video_count = videos;
    settings.seed = seed;
    settings.difficulty = 0.5;
    return settings;
}

}  // namespace

class TestSynth : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    fs::path data_;
    std::vector<actbert::synth::GeneratedVideo> videos_;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        data_ = fs::path(dir_.path().toStdString()) / "data";
        videos_ = actbert::synth::generateDataset(smallSettings(4, 7), data_, nullptr,
                                                  actbert::CancelToken());
        QCOMPARE(videos_.size(), std::size_t{4});
    }

    void libraryIsRichAndCrossTaskLike() {
        const TaskLibrary library = TaskLibrary::builtin();
        QVERIFY(library.tasks().size() >= 12);
        std::set<std::string> verbs;
        std::set<std::string> classes;
        for (const auto& task : library.tasks()) {
            bool has_optional = false;
            bool has_free_order = false;
            for (std::size_t i = 0; i < task.steps.size(); ++i) {
                const auto& step = task.steps[i];
                verbs.insert(step.verb);
                classes.insert(step.object);
                if (!step.target.empty()) {
                    classes.insert(step.target);
                }
                if (!library.toolOf(step).empty()) {
                    classes.insert(library.toolOf(step));
                }
                has_optional |= step.optional;
                has_free_order |= i > 0 && step.after.empty();
            }
            QVERIFY2(has_optional || has_free_order, task.key.c_str());
        }
        QVERIFY2(verbs.size() >= 15, std::to_string(verbs.size()).c_str());
        QVERIFY2(classes.size() >= 25, std::to_string(classes.size()).c_str());
    }

    void randomDrawsAreExactAndWellDistributed() {
        // The standard fixes mt19937_64's output; our distributions build on it.
        QCOMPARE(SynthRandom(5489).next(), std::uint64_t{14514284786278117030ULL});
        SynthRandom random(42);
        double sum = 0.0;
        double sum2 = 0.0;
        std::map<std::int64_t, int> counts;
        const int n = 40000;
        for (int i = 0; i < n; ++i) {
            const double x = random.normal(0.0, 1.0);
            sum += x;
            sum2 += x * x;
            ++counts[random.uniformInt(3, 7)];
        }
        QVERIFY(std::abs(sum / n) < 0.03);
        QVERIFY(std::abs(sum2 / n - 1.0) < 0.05);
        QCOMPARE(counts.size(), std::size_t{5});
        for (const auto& [value, count] : counts) {
            QVERIFY(value >= 3 && value <= 7);
            QVERIFY(std::abs(count - n / 5) < n / 50);
        }
        for (double x = -20.0; x < 20.0; x += 0.37) {
            QVERIFY(std::abs(actbert::synth::detSin(x) - std::sin(x)) < 1e-9);
        }
        for (double x = 1e-6; x < 1e6; x *= 3.7) {
            QVERIFY(std::abs(actbert::synth::detLog(x) - std::log(x)) < 1e-9);
        }
    }

    void videosDecodeWithExpectedStreamsAndDuration() {
        for (const auto& video : videos_) {
            const QByteArray out =
                run(QStringLiteral("ffprobe"),
                    {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-count_frames"),
                     QStringLiteral("-show_streams"), QStringLiteral("-show_format"),
                     QStringLiteral("-of"), QStringLiteral("json"),
                     QString::fromStdString(video.video_path.string())});
            const auto probe = nlohmann::json::parse(out.toStdString());
            bool has_video = false;
            bool has_audio = false;
            for (const auto& stream : probe["streams"]) {
                if (stream["codec_type"] == "video") {
                    has_video = true;
                    QCOMPARE(stream["codec_name"].get<std::string>(), std::string("h264"));
                    QCOMPARE(stream["width"].get<int>(), 320);
                    QCOMPARE(stream["height"].get<int>(), 240);
                    QCOMPARE(stream["r_frame_rate"].get<std::string>(), std::string("15/1"));
                    QCOMPARE(std::stoi(stream["nb_read_frames"].get<std::string>()),
                             video.frame_count);
                } else if (stream["codec_type"] == "audio") {
                    has_audio = true;
                    QCOMPARE(stream["codec_name"].get<std::string>(), std::string("opus"));
                    const double audio_s = std::stod(stream["duration"].get<std::string>());
                    QVERIFY2(std::abs(audio_s - video.duration_s) < 0.1,
                             std::to_string(audio_s).c_str());
                }
            }
            QVERIFY(has_video);
            QVERIFY(has_audio);
            const double duration_s = std::stod(probe["format"]["duration"].get<std::string>());
            QVERIFY2(std::abs(duration_s - video.duration_s) < 0.1,
                     std::to_string(duration_s).c_str());
            QVERIFY(video.duration_s > 10.0);
        }
    }

    void projectDecoderReadsEveryFrameAndTheNarration() {
        const auto& video = videos_.back();
        const auto truth = readJson(video.ground_truth_path);
        actbert::video::VideoDecoder decoder(video.video_path);
        QCOMPARE(decoder.frameCount(), std::int64_t{video.frame_count});
        // Random access agrees with ffmpeg's own decode of the same frame.
        const QByteArray raw =
            run(QStringLiteral("ffmpeg"),
                {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-i"),
                 QString::fromStdString(video.video_path.string()), QStringLiteral("-f"),
                 QStringLiteral("rawvideo"), QStringLiteral("-pix_fmt"), QStringLiteral("rgb24"),
                 QStringLiteral("-")});
        const qsizetype frame_bytes = qsizetype{320} * 240 * 3;
        QCOMPARE(raw.size(), frame_bytes * video.frame_count);
        for (const int index : {video.frame_count - 1, 0, video.frame_count / 2, 7}) {
            const auto frame = decoder.frameAt(index);
            QCOMPARE(frame.width, 320);
            QCOMPARE(frame.height, 240);
            double difference = 0.0;
            const auto* reference =
                reinterpret_cast<const unsigned char*>(raw.constData()) + frame_bytes * index;
            for (int y = 0; y < 240; ++y) {
                for (int x = 0; x < 320 * 3; ++x) {
                    difference +=
                        std::abs(static_cast<int>(frame.row(y)[x]) - reference[y * 320 * 3 + x]);
                }
            }
            QVERIFY2(difference / static_cast<double>(frame_bytes) < 3.0,
                     std::to_string(index).c_str());
        }
        actbert::video::AudioDecoder audio(video.video_path, {24000, 1});
        const auto& line = truth["narration"][0];
        const auto chunk = audio.read(line["start_s"].get<double>(), line["end_s"].get<double>());
        QVERIFY(rms(chunk.samples, 0, chunk.samples.size()) > 0.03);
    }

    void groundTruthIsConsistentWithFrames() {
        const TaskLibrary library = TaskLibrary::builtin();
        for (const auto& video : videos_) {
            const auto truth = readJson(video.ground_truth_path);
            const int frames = truth["frame_count"].get<int>();
            QCOMPARE(frames, video.frame_count);
            const auto labels = truth["frame_labels"].get<std::vector<int>>();
            QCOMPARE(static_cast<int>(labels.size()), frames);
            // Steps: in time order, disjoint, labels equal to their step id inside, 0 between.
            std::vector<int> expected(static_cast<std::size_t>(frames), 0);
            int previous_end = 0;
            const auto& task = library.tasks()[truth["task"]["index"].get<std::size_t>()];
            std::vector<int> order;
            for (const auto& step : truth["steps"]) {
                const int start = step["start_frame"].get<int>();
                const int end = step["end_frame"].get<int>();
                QVERIFY(start >= previous_end && end > start && end <= frames);
                previous_end = end;
                for (int f = start; f < end; ++f) {
                    expected[static_cast<std::size_t>(f)] = step["step_id"].get<int>();
                }
                const auto s = step["task_step"].get<std::size_t>();
                QCOMPARE(task.step_ids[s], step["step_id"].get<int>());
                QCOMPARE(step["label"].get<std::string>(), library.stepLabel(task.steps[s]));
                order.push_back(static_cast<int>(s));
            }
            QCOMPARE(labels, expected);
            QCOMPARE(labels.front(), 0);  // starts and ends with background
            QCOMPARE(labels.back(), 0);
            // The task's partial order holds and no required step is missing.
            for (std::size_t i = 0; i < order.size(); ++i) {
                for (const int before : task.steps[static_cast<std::size_t>(order[i])].after) {
                    const auto it = std::find(order.begin(), order.end(), before);
                    QVERIFY(it == order.end() ||
                            it < order.begin() + static_cast<std::ptrdiff_t>(i));
                }
            }
            for (std::size_t s = 0; s < task.steps.size(); ++s) {
                if (!task.steps[s].optional) {
                    QVERIFY(std::find(order.begin(), order.end(), static_cast<int>(s)) !=
                            order.end());
                }
            }
            // Boxes inside the frame, one list per frame, the hand visible most of the time.
            const auto& boxes = truth["boxes"];
            QCOMPARE(static_cast<int>(boxes.size()), frames);
            int hand_frames = 0;
            const int hand_class = static_cast<int>(library.classIndex("hand"));
            for (const auto& frame_boxes : boxes) {
                for (const auto& b : frame_boxes) {
                    QVERIFY(b[2] >= 0 && b[3] >= 0 && b[2] < b[4] && b[3] < b[5] && b[4] <= 320 &&
                            b[5] <= 240);
                    hand_frames += b[1].get<int>() == hand_class ? 1 : 0;
                }
            }
            QVERIFY(hand_frames > frames / 2);
        }
    }

    void boxesSitOnTheirObjects() {
        // Where a box says an object is, the decoded pixels have that object's colours.
        const TaskLibrary library = TaskLibrary::builtin();
        const auto& video = videos_.front();
        const auto truth = readJson(video.ground_truth_path);
        const QByteArray raw =
            run(QStringLiteral("ffmpeg"),
                {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-i"),
                 QString::fromStdString(video.video_path.string()), QStringLiteral("-f"),
                 QStringLiteral("rawvideo"), QStringLiteral("-pix_fmt"), QStringLiteral("bgr24"),
                 QStringLiteral("-")});
        QCOMPARE(raw.size(), qsizetype{320} * 240 * 3 * video.frame_count);
        int checked = 0;
        int matched = 0;
        for (int f = 0; f < video.frame_count; f += 5) {
            const auto& boxes = truth["boxes"][static_cast<std::size_t>(f)];
            for (const auto& b : boxes) {
                const int x1 = b[2], y1 = b[3], x2 = b[4], y2 = b[5];
                if (b[0].get<int>() < 0 || x2 - x1 < 12 || y2 - y1 < 12) {
                    continue;
                }
                bool alone = true;
                for (const auto& o : boxes) {
                    if (&o != &b && o[2] < x2 && x1 < o[4] && o[3] < y2 && y1 < o[5]) {
                        alone = false;
                    }
                }
                if (!alone) {
                    continue;
                }
                // Mean colour of the box's central quarter.
                double mean[3] = {0, 0, 0};
                int n = 0;
                for (int y = y1 + (y2 - y1) * 3 / 8; y < y1 + (y2 - y1) * 5 / 8; ++y) {
                    for (int x = x1 + (x2 - x1) * 3 / 8; x < x1 + (x2 - x1) * 5 / 8; ++x) {
                        const auto* p = reinterpret_cast<const unsigned char*>(raw.constData()) +
                                        ((static_cast<qsizetype>(f) * 240 + y) * 320 + x) * 3;
                        for (int c = 0; c < 3; ++c) {
                            mean[c] += p[c];
                        }
                        ++n;
                    }
                }
                const auto& cls = library.classes()[b[1].get<std::size_t>()];
                auto distance = [&](actbert::synth::Colour colour) {
                    return (std::abs(mean[0] / n - colour.b) + std::abs(mean[1] / n - colour.g) +
                            std::abs(mean[2] / n - colour.r)) /
                           3.0;
                };
                ++checked;
                matched += std::min(distance(cls.primary), distance(cls.secondary)) < 40.0 ? 1 : 0;
            }
        }
        QVERIFY2(checked > 20, std::to_string(checked).c_str());
        QVERIFY2(matched > checked * 8 / 10,
                 (std::to_string(matched) + "/" + std::to_string(checked)).c_str());
    }

    void narrationIsAudibleWhereTheSubtitlesSayAndNowhereElse() {
        for (const auto& video : videos_) {
            const auto truth = readJson(video.ground_truth_path);
            const auto samples = decodeAudio(video.video_path);
            QVERIFY(!samples.empty());
            const double rate = static_cast<double>(samples.size()) / video.duration_s;
            QVERIFY(std::abs(rate - 24000.0) < 500.0);
            std::vector<bool> spoken(samples.size(), false);
            double speech = 0.0;
            int lines = 0;
            for (const auto& line : truth["narration"]) {
                const auto begin =
                    static_cast<std::size_t>(line["start_s"].get<double>() * 24000.0);
                const auto end = static_cast<std::size_t>(line["end_s"].get<double>() * 24000.0);
                speech += rms(samples, begin, end);
                ++lines;
                for (std::size_t i = begin; i < end && i < spoken.size(); ++i) {
                    spoken[i] = true;
                }
            }
            QVERIFY(lines >= 2);
            speech /= lines;
            double quiet = 0.0;
            std::size_t quiet_count = 0;
            // Silence: away from any line by 0.1 s (codec smearing).
            for (std::size_t i = 2400; i + 2400 < samples.size(); ++i) {
                if (!spoken[i - 2400] && !spoken[i] && !spoken[i + 2400]) {
                    quiet += static_cast<double>(samples[i]) * samples[i];
                    ++quiet_count;
                }
            }
            QVERIFY(quiet_count > 24000);
            quiet = std::sqrt(quiet / static_cast<double>(quiet_count));
            QVERIFY2(speech > 0.03, std::to_string(speech).c_str());
            QVERIFY2(speech > 5.0 * quiet,
                     (std::to_string(speech) + " vs " + std::to_string(quiet)).c_str());
            // The SRT carries the same lines at the same times.
            const std::string srt = readAll(video.subtitle_path);
            for (const auto& line : truth["narration"]) {
                QVERIFY(srt.find(line["text"].get<std::string>()) != std::string::npos);
            }
        }
    }

    void datasetFilesFollowThePublishedLayouts() {
        const auto coin = readJson(data_ / "coin.json");
        const auto youcook = readJson(data_ / "youcook2.json");
        const auto splits = readJson(data_ / "splits.json");
        std::size_t in_splits = 0;
        for (const auto& [name, ids] : splits.items()) {
            in_splits += ids.size();
        }
        QCOMPARE(in_splits, videos_.size());
        for (const auto& video : videos_) {
            const auto truth = readJson(video.ground_truth_path);
            const auto& entry = coin["database"][video.video_id];
            QCOMPARE(entry["annotation"].size(), truth["steps"].size());
            for (std::size_t i = 0; i < entry["annotation"].size(); ++i) {
                QCOMPARE(entry["annotation"][i]["id"].get<std::string>(),
                         std::to_string(truth["steps"][i]["step_id"].get<int>()));
                QCOMPARE(entry["annotation"][i]["segment"][0].get<double>(),
                         truth["steps"][i]["start_s"].get<double>());
            }
            QCOMPARE(youcook["database"][video.video_id]["annotations"].size(),
                     truth["steps"].size());
            const std::string csv = readAll(data_ / "howto100m" / (video.video_id + ".csv"));
            QVERIFY(csv.rfind("start,end,text\n", 0) == 0);
            const std::string crosstask =
                readAll(data_ / "crosstask" / "annotations" /
                        (std::to_string(truth["task"]["index"].get<int>()) + "_" + video.video_id +
                         ".csv"));
            QCOMPARE(static_cast<std::size_t>(std::count(crosstask.begin(), crosstask.end(), '\n')),
                     truth["steps"].size());
            QCOMPARE(truth["question"]["candidates"].size(), std::size_t{5});
            const int answer = truth["question"]["answer"].get<int>();
            QCOMPARE(truth["question"]["candidates"][static_cast<std::size_t>(answer)]
                         .get<std::string>(),
                     truth["description"].get<std::string>());
        }
        // CrossTask's primary task file: blocks of five lines and a blank line.
        const std::string primary = readAll(data_ / "crosstask" / "tasks_primary.txt");
        const auto blocks =
            static_cast<std::size_t>(std::count(primary.begin(), primary.end(), '\n')) / 6;
        QCOMPARE(blocks, TaskLibrary::builtin().tasks().size());
    }

    void sameSeedGivesIdenticalOutputAndOtherSeedsDiffer() {
        QTemporaryDir dir;
        const fs::path a = fs::path(dir.path().toStdString()) / "a";
        const fs::path b = fs::path(dir.path().toStdString()) / "b";
        const fs::path c = fs::path(dir.path().toStdString()) / "c";
        auto settings = smallSettings(2, 99);
        settings.width = 160;
        settings.height = 120;
        actbert::synth::generateDataset(settings, a, nullptr, actbert::CancelToken());
        actbert::synth::generateDataset(settings, b, nullptr, actbert::CancelToken());
        settings.seed = 100;
        actbert::synth::generateDataset(settings, c, nullptr, actbert::CancelToken());
        int compared = 0;
        for (const auto& entry : fs::recursive_directory_iterator(a)) {
            if (!entry.is_regular_file()) {
                continue;
            }
            const fs::path relative = fs::relative(entry.path(), a);
            if (entry.path().extension() == ".mp4") {
                const QByteArray first = frameMd5(entry.path());
                QVERIFY(first.count('\n') > 100);
                QCOMPARE(first, frameMd5(b / relative));
                QVERIFY(first != frameMd5(c / relative));
            } else {
                QVERIFY2(readAll(entry.path()) == readAll(b / relative), relative.string().c_str());
            }
            ++compared;
        }
        QVERIFY(compared > 10);
    }

    void badSettingsAreRefusedWithAClearMessage() {
        QTemporaryDir dir;
        auto expectError = [&](const actbert::synth::SynthSettings& settings,
                               const std::string& words) {
            try {
                actbert::synth::generateDataset(settings, dir.path().toStdString(), nullptr,
                                                actbert::CancelToken());
                QFAIL("expected an error");
            } catch (const actbert::Error& error) {
                QVERIFY2(std::string(error.what()).find(words) != std::string::npos, error.what());
            }
        };
        auto settings = smallSettings(1, 1);
        settings.width = 321;
        expectError(settings, "even");
        settings = smallSettings(1, 1);
        settings.fps = 0;
        expectError(settings, "fps");
        settings = smallSettings(1, 1);
        settings.tasks = {"make_salad", "juggle_chainsaws"};
        expectError(settings, "juggle_chainsaws");
        settings = smallSettings(0, 1);
        expectError(settings, "video count");
        settings = smallSettings(1, 1);
        settings.difficulty = 1.5;
        expectError(settings, "difficulty");
        QVERIFY(!fs::exists(fs::path(dir.path().toStdString()) / "videos"));
    }

    void cancellingLeavesNoPartialVideo() {
        QTemporaryDir dir;
        actbert::CancelToken cancel;
        int calls = 0;
        const auto progress = [&](double, const std::string&) {
            if (++calls == 5) {
                cancel.cancel();
            }
        };
        QVERIFY_THROWS_EXCEPTION(
            actbert::Cancelled,
            actbert::synth::generateDataset(smallSettings(2, 5), dir.path().toStdString(), progress,
                                            cancel));
        int files = 0;
        for ([[maybe_unused]] const auto& entry :
             fs::directory_iterator(fs::path(dir.path().toStdString()) / "videos")) {
            ++files;
        }
        QCOMPARE(files, 0);
    }

    void cliMakesDemoAndPrintsBaselines() {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("demo"));
        int code = -1;
        const QByteArray listing =
            run(QStringLiteral(ACTBERT_CLI_PATH),
                {QStringLiteral("synth"), QStringLiteral("--videos"), QStringLiteral("3"),
                 QStringLiteral("--seed"), QStringLiteral("1"), QStringLiteral("--tasks"),
                 QStringLiteral("make_tea"), QStringLiteral("--size"), QStringLiteral("160x120"),
                 QStringLiteral("--out"), out},
                &code);
        QCOMPARE(code, 0);
        QCOMPARE(listing.count(".mp4"), 3);
        const QByteArray table =
            run(QStringLiteral(ACTBERT_CLI_PATH),
                {QStringLiteral("synth"), QStringLiteral("baselines"), out}, &code);
        QCOMPARE(code, 0);
        QVERIFY2(
            table.contains("make_tea") && table.contains("majority") && table.contains("colour_nn"),
            table.constData());
        const auto report =
            actbert::synth::computeBaselines(out.toStdString(), nullptr, actbert::CancelToken());
        QCOMPARE(report.tasks.size(), std::size_t{1});
        QVERIFY(report.eval_frames > 50);
        QVERIFY(report.majority > 0.0 && report.majority < 1.0);
        QVERIFY(report.colour_nn >= 0.0 && report.colour_nn <= 1.0);
        // Wrong usage: exit code 2 and a message.
        run(QStringLiteral(ACTBERT_CLI_PATH),
            {QStringLiteral("synth"), QStringLiteral("--videos"), QStringLiteral("2")}, &code);
        QCOMPARE(code, 2);
        run(QStringLiteral(ACTBERT_CLI_PATH),
            {QStringLiteral("synth"), QStringLiteral("baselines"),
             dir.filePath(QStringLiteral("missing"))},
            &code);
        QCOMPARE(code, 1);
    }
};

QTEST_GUILESS_MAIN(TestSynth)
#include "test_synth.moc"
