#include "core/synth/demo_project.h"

#include <algorithm>
#include <system_error>

#include "core/common/error.h"
#include "core/data/annotation_formats.h"
#include "core/data/project_importer.h"
#include "core/store/project.h"
#include "core/synth/dataset_generator.h"
#include "core/synth/synth_settings.h"

namespace actbert::synth {

namespace {

constexpr const char* kProjectName = "demo.actbert";

void removeDatabase(const std::filesystem::path& path) {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        std::filesystem::remove(path.string() + suffix, ignored);
    }
}

std::vector<std::filesystem::path> videoPaths(const std::filesystem::path& project_path) {
    store::Project project(project_path, store::Project::OpenMode::OpenExisting);
    std::vector<store::Video> videos = project.videos().list();
    std::sort(videos.begin(), videos.end(),
              [](const store::Video& a, const store::Video& b) { return a.key < b.key; });
    std::vector<std::filesystem::path> paths;
    for (const store::Video& video : videos) {
        paths.emplace_back(video.path);
    }
    return paths;
}

// Adds the videos with their exact media facts first, so the importers match them by key
// (the synth's video id) instead of creating path-less videos.
void populate(store::Project& project, const std::filesystem::path& dir,
              const std::vector<GeneratedVideo>& videos, int fps, const ProgressFn& progress,
              const CancelToken& cancel) {
    for (const GeneratedVideo& generated : videos) {
        store::Video video;
        video.key = generated.video_id;
        video.path = std::filesystem::absolute(generated.video_path).string();
        video.duration_s = generated.duration_s;
        video.fps = store::Rational{fps, 1};
        video.fps_assumed = false;
        video.time_base = store::Rational{1, fps};
        video.frame_count = generated.frame_count;
        video.subset = generated.split;
        video.task_name = generated.task_key;
        project.videos().add(video);
    }
    reportProgress(progress, 0.0, "importing the COIN steps");
    const data::AnnotationDocument steps =
        data::AnnotationFormats::read("coin", {dir / "coin.json"});
    data::ProjectImporter::run(project, steps, {"Steps"}, {}, cancel);
    for (const GeneratedVideo& generated : videos) {
        reportProgress(progress, 0.0, "importing the narration of " + generated.video_id);
        const data::AnnotationDocument narration =
            data::AnnotationFormats::read("srt", {generated.subtitle_path}, generated.video_id);
        data::ProjectImporter::run(project, narration, {"Narration"}, {}, cancel);
    }
}

}  // namespace

DemoProject prepareDemoProject(const std::filesystem::path& dir, const ProgressFn& progress,
                               const CancelToken& cancel) {
    DemoProject demo;
    demo.project_path = dir / kProjectName;
    if (std::filesystem::exists(demo.project_path)) {
        demo.video_paths = videoPaths(demo.project_path);
        return demo;
    }
    const SynthSettings settings;  // 3 videos, seed 1, default size
    // Generation is the long part; the project import takes a moment at the end.
    const ProgressFn generation = subProgress(progress, 0.0, 0.95);
    const std::vector<GeneratedVideo> videos = generateDataset(settings, dir, generation, cancel);
    cancel.throwIfCancelled();

    // Built under a temporary name and renamed when complete: a project file means "done".
    const std::filesystem::path partial = dir / ".demo.actbert.partial";
    removeDatabase(partial);
    try {
        store::Project project(partial, store::Project::OpenMode::CreateNew);
        populate(
            project, dir, videos, settings.fps,
            [&progress](double, const std::string& m) { reportProgress(progress, 0.97, m); },
            cancel);
    } catch (...) {
        removeDatabase(partial);
        throw;
    }
    std::error_code error;
    std::filesystem::rename(partial, demo.project_path, error);
    if (error) {
        removeDatabase(partial);
        throw Error(demo.project_path.string() +
                    ": cannot move the demo project into place: " + error.message());
    }
    reportProgress(progress, 1.0, "demo ready");
    demo.video_paths = videoPaths(demo.project_path);
    demo.generated = true;
    return demo;
}

}  // namespace actbert::synth
