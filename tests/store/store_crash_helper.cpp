// Child process for the crash-safety test. It prints a line only after the store reported the
// work done, then the parent kills it with SIGKILL at an arbitrary moment.
//   store_crash_helper edits PROJECT TRACK_ID   boundary moves forever, "done EDIT_ID FRAME"
//   store_crash_helper import PROJECT COUNT     one transaction adding COUNT items, then "done"

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "core/store/project.h"

using namespace actbert::store;

namespace {

int runEdits(Project& project, std::int64_t track_id) {
    const auto items = project.items().forTrack(track_id);
    const Item first = items.at(0);
    const Item second = items.at(1);
    std::int64_t step = 0;
    for (;;) {
        // Walk the shared boundary back and forth inside both segments.
        const std::int64_t frame =
            first.start_frame + 1 + step % (second.end_frame - first.start_frame - 2);
        const auto outcome = project.journal().apply(
            EditCommand::moveBoundary(first.id, Edge::End, frame), "crash-test");
        std::printf("done %lld %lld\n", static_cast<long long>(outcome.edit_id),
                    static_cast<long long>(frame));
        std::fflush(stdout);
        ++step;
    }
}

int runImport(Project& project, long count) {
    Video video;
    video.key = "bulk";
    auto transaction = project.beginTransaction();
    const std::int64_t video_id = project.videos().add(video);
    Track track;
    track.video_id = video_id;
    track.name = "bulk";
    track.kind = TrackKind::Captions;
    const std::int64_t track_id = project.tracks().add(track);
    std::printf("started\n");
    std::fflush(stdout);
    for (long i = 0; i < count; ++i) {
        Item item;
        item.track_id = track_id;
        item.start_s = static_cast<double>(i);
        item.end_s = static_cast<double>(i) + 1.5;
        item.start_frame = i * 30;
        item.end_frame = i * 30 + 45;
        item.label = "caption number " + std::to_string(i);
        project.items().insert(item);
    }
    transaction->commit();
    std::printf("done\n");
    std::fflush(stdout);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: store_crash_helper edits|import PROJECT N\n");
        return 2;
    }
    try {
        Project project(argv[2], Project::OpenMode::OpenExisting);
        const std::string mode = argv[1];
        if (mode == "edits") {
            return runEdits(project, std::atoll(argv[3]));
        }
        return runImport(project, std::atol(argv[3]));
    } catch (const std::exception& error) {
        std::fprintf(stderr, "store_crash_helper: %s\n", error.what());
        return 1;
    }
}
