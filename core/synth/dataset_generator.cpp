#include "core/synth/dataset_generator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/common/error.h"
#include "core/synth/dataset_files_writer.h"
#include "core/synth/ground_truth_writer.h"
#include "core/synth/mp4_writer.h"
#include "core/synth/narration_planner.h"
#include "core/synth/scene_renderer.h"
#include "core/synth/script_planner.h"
#include "core/synth/speech_synthesizer.h"
#include "core/synth/synth_random.h"
#include "core/synth/video_describer.h"
#include "core/synth/video_record.h"

namespace actbert::synth {

namespace {

// Per task, videos go train, test, train, validation, train, ... (60/20/20), so that even a
// handful of videos per task has something to train and to test on.
Split splitFor(int index_in_task) {
    static const Split kPattern[] = {
        Split::Train, Split::Test, Split::Train, Split::Validation, Split::Train,
        Split::Train, Split::Test, Split::Train, Split::Validation, Split::Train};
    return kPattern[index_in_task % 10];
}

void createFolder(const std::filesystem::path& dir) {
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    if (error) {
        throw Error(dir.string() + ": cannot create folder: " + error.message());
    }
}

// Deletes a half-written file unless release() was called.
class PartialFile {
public:
    explicit PartialFile(std::filesystem::path path) : path_(std::move(path)) {}
    ~PartialFile() {
        if (!released_) {
            std::error_code ignored;
            std::filesystem::remove(path_, ignored);
        }
    }
    void release() { released_ = true; }

private:
    std::filesystem::path path_;
    bool released_ = false;
};

// The audio track's rate (an Opus rate); espeak-ng speaks at 22050 Hz.
constexpr int kAudioRate = 24000;

// Linear interpolation between rates: plain arithmetic, so identical everywhere, and good
// enough for synthetic speech whose energy is far below the Nyquist frequency.
std::vector<float> resampleLinear(const std::vector<float>& in, int from_rate, int to_rate) {
    if (in.empty()) {
        return {};
    }
    const std::size_t count =
        in.size() * static_cast<std::size_t>(to_rate) / static_cast<std::size_t>(from_rate);
    std::vector<float> out(count);
    for (std::size_t i = 0; i < count; ++i) {
        // Exact integer position: i * from / to = index + remainder / to.
        const std::size_t scaled = i * static_cast<std::size_t>(from_rate);
        const std::size_t index = scaled / static_cast<std::size_t>(to_rate);
        const float frac = static_cast<float>(scaled % static_cast<std::size_t>(to_rate)) /
                           static_cast<float>(to_rate);
        const float next = index + 1 < in.size() ? in[index + 1] : in[index];
        out[i] = in[index] + (next - in[index]) * frac;
    }
    return out;
}

// Narrates the planned video: chooses sentences, speaks them, places them, mixes the track.
std::vector<float> narrate(VideoScript& script, const TaskLibrary& library,
                           const SpeechSynthesizer& speech) {
    SynthRandom random(SynthRandom::deriveSeed(script.seed, 2));
    const NarrationPlanner planner(library);
    const std::vector<NarrationCandidate> candidates = planner.propose(script, random);
    Voice voice;
    voice.name = random.bernoulli(0.5) ? "en-us" : "en";
    voice.rate_wpm = static_cast<int>(random.uniformInt(150, 185));
    voice.pitch = static_cast<int>(random.uniformInt(35, 70));
    voice.range = static_cast<int>(random.uniformInt(40, 70));
    std::vector<std::string> texts;
    for (const auto& candidate : candidates) {
        texts.push_back(candidate.text);
    }
    const std::vector<std::vector<float>> spoken = speech.speakAll(texts, voice);
    std::vector<std::vector<float>> resampled;
    std::vector<double> durations_s;
    const int rate = kAudioRate;
    for (const auto& samples : spoken) {
        resampled.push_back(resampleLinear(samples, SpeechSynthesizer::kSampleRate, kAudioRate));
        durations_s.push_back(static_cast<double>(resampled.back().size()) / rate);
    }
    script.narration = NarrationPlanner::place(candidates, durations_s, script.duration_s());

    const std::size_t total = static_cast<std::size_t>(std::llround(script.duration_s() * rate));
    std::vector<float> track(total, 0.0f);
    // Quiet room tone so that silence is not digital zero.
    for (std::size_t i = 0; i < total; ++i) {
        track[i] =
            static_cast<float>(static_cast<int>(random.next() >> 54) - 512) * (0.0015f / 512.0f);
    }
    std::size_t next_candidate = 0;
    for (const auto& line : script.narration) {
        while (candidates[next_candidate].text != line.text ||
               candidates[next_candidate].step != line.step) {
            ++next_candidate;
        }
        const std::vector<float>& samples = resampled[next_candidate++];
        const std::size_t start = static_cast<std::size_t>(std::llround(line.start_s * rate));
        for (std::size_t i = 0; i < samples.size() && start + i < total; ++i) {
            track[start + i] += 0.8f * samples[i];
        }
    }
    return track;
}

}  // namespace

std::vector<GeneratedVideo> generateDataset(const SynthSettings& settings,
                                            const std::filesystem::path& dir,
                                            const ProgressFn& progress, const CancelToken& cancel) {
    const TaskLibrary library = TaskLibrary::builtin();
    validateSettings(settings, library);
    createFolder(dir / "videos");
    createFolder(dir / "ground_truth");
    createFolder(dir / "howto100m");

    std::vector<std::size_t> tasks;
    for (const auto& key : settings.tasks) {
        tasks.push_back(*library.findTask(key));
    }
    if (tasks.empty()) {
        for (std::size_t t = 0; t < library.tasks().size(); ++t) {
            tasks.push_back(t);
        }
    }

    const SpeechSynthesizer speech;
    const ScriptPlanner planner(library);
    const VideoDescriber describer(library);
    const GroundTruthWriter truth(library);
    std::vector<VideoRecord> records;
    std::vector<GeneratedVideo> generated;
    std::vector<int> per_task(library.tasks().size(), 0);
    std::vector<std::size_t> cycle;
    for (int v = 0; v < settings.video_count; ++v) {
        cancel.throwIfCancelled();
        // Tasks come round-robin in a seeded order that is reshuffled every cycle.
        if (v % static_cast<int>(tasks.size()) == 0) {
            cycle = tasks;
            SynthRandom shuffler(
                SynthRandom::deriveSeed(settings.seed, 1000000 + static_cast<std::uint64_t>(v)));
            shuffler.shuffle(cycle);
        }
        const std::size_t task_index = cycle[static_cast<std::size_t>(v) % tasks.size()];
        const ProgressFn video_progress =
            subProgress(progress, static_cast<double>(v) / settings.video_count,
                        static_cast<double>(v + 1) / settings.video_count);
        char id[32];
        std::snprintf(id, sizeof(id), "synth_%05d", v);
        const std::uint64_t video_seed =
            SynthRandom::deriveSeed(settings.seed, static_cast<std::uint64_t>(v));

        VideoRecord record;
        record.script = planner.plan(task_index, id, video_seed, settings);
        record.split = splitFor(per_task[task_index]++);
        record.video_file = "videos/" + std::string(id) + ".mp4";
        record.subtitle_file = "videos/" + std::string(id) + ".srt";
        record.ground_truth_file = "ground_truth/" + std::string(id) + ".json";
        record.narration_file = "howto100m/" + std::string(id) + ".csv";
        VideoScript& script = record.script;
        const std::vector<float> audio = narrate(script, library, speech);
        record.description = describer.describe(script);
        SynthRandom question_random(SynthRandom::deriveSeed(video_seed, 3));
        record.question = describer.question(script, question_random);

        // Render and encode into a temporary name; rename only when complete.
        const std::filesystem::path final_path = dir / record.video_file;
        const std::filesystem::path partial_path =
            dir / ("videos/." + std::string(id) + ".mp4.partial");
        PartialFile partial(partial_path);
        {
            Mp4Settings mp4;
            mp4.width = settings.width;
            mp4.height = settings.height;
            mp4.fps = settings.fps;
            mp4.sample_rate = kAudioRate;
            mp4.crf = settings.crf;
            Mp4Writer writer(partial_path, mp4);
            const SceneRenderer renderer(script, library);
            cv::Mat image(settings.height, settings.width, CV_8UC3);
            std::size_t audio_written = 0;
            record.boxes.reserve(static_cast<std::size_t>(script.frame_count));
            for (int f = 0; f < script.frame_count; ++f) {
                cancel.throwIfCancelled();
                record.boxes.push_back(renderer.render(f, image));
                writer.writeVideoFrame(image);
                // Keep the audio in step with the video so the muxer interleaves them.
                const std::size_t audio_until = std::min(
                    audio.size(),
                    static_cast<std::size_t>(std::llround((f + 1.0) / settings.fps * kAudioRate)));
                if (audio_until > audio_written) {
                    writer.writeAudio(audio.data() + audio_written, audio_until - audio_written);
                    audio_written = audio_until;
                }
                if (f % 16 == 0) {
                    reportProgress(video_progress, static_cast<double>(f) / script.frame_count,
                                   "rendering " + std::string(id));
                }
            }
            if (audio_written < audio.size()) {
                writer.writeAudio(audio.data() + audio_written, audio.size() - audio_written);
            }
            writer.finish();
        }
        std::error_code error;
        std::filesystem::rename(partial_path, final_path, error);
        if (error) {
            throw Error(final_path.string() +
                        ": cannot move the finished video into place: " + error.message());
        }
        partial.release();
        truth.writeJson(record, dir / record.ground_truth_file);
        GroundTruthWriter::writeSrt(script.narration, dir / record.subtitle_file);
        GroundTruthWriter::writeNarrationCsv(script.narration, dir / record.narration_file);

        GeneratedVideo out;
        out.video_id = id;
        out.task_key = library.tasks()[task_index].key;
        out.split = GroundTruthWriter::splitName(record.split);
        out.video_path = final_path;
        out.ground_truth_path = dir / record.ground_truth_file;
        out.subtitle_path = dir / record.subtitle_file;
        out.frame_count = script.frame_count;
        out.duration_s = script.duration_s();
        generated.push_back(out);
        // Frames' boxes are in the ground-truth file now; keep the record light.
        record.boxes.clear();
        record.boxes.shrink_to_fit();
        records.push_back(std::move(record));
    }
    reportProgress(progress, 1.0, "writing data-set files");
    DatasetFilesWriter(library).writeAll(dir, records);
    return generated;
}

}  // namespace actbert::synth
