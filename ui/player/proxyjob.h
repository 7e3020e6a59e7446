#pragma once
// Builds the open video's scrub proxy as a job on the studio's runner (kind "proxy", shown in
// the jobs panel), when its key frames are far apart (video::needsProxy): the proxy is read
// from, or written into, the per-user cache (video::ProxyCache), opened with a one-thread
// decoder, and handed out by proxyReady for PlayerEngine::setScrubProxy.
//
//     ProxyJob proxies(bridge, DecoderFrameSource::userCache(), ProxyJob::userProxyDir());
//     connect(&proxies, &ProxyJob::proxyReady, ..., [&](const QString&, auto proxy) {
//         player.setScrubProxy(proxy);
//     });
//     proxies.start(path, source.frameIndex());   // after each open
//
// One player, one proxy: every job has owner "player", so starting one for another video
// supersedes (cancels) the previous video's job, whose half-written proxy is removed; only
// the job started last can emit proxyReady.
// Threading: GUI thread only; the work runs on the runner.

#include <QObject>
#include <QString>

#include <filesystem>
#include <memory>

#include "core/jobs/job_group.h"
#include "core/video/frame_index.h"
#include "ui/player/framesource.h"

namespace actbert::video {
class FrameIndexCache;
class ProxyCache;
}  // namespace actbert::video

namespace actbert::ui {

class JobBridge;

class ProxyJob : public QObject {
    Q_OBJECT
public:
    // `index_cache` remembers content hashes (the proxies are keyed by them); `proxy_dir` is
    // where proxies are saved. `bridge` must outlive this object.
    ProxyJob(JobBridge& bridge, std::shared_ptr<video::FrameIndexCache> index_cache,
             std::filesystem::path proxy_dir, QObject* parent = nullptr);
    ~ProxyJob() override;

    // Supersedes the previous video's job, then submits one for `video` when it needs a proxy;
    // returns its id, 0 when none is needed (or there is no cache folder).
    jobs::JobId start(const QString& video, const video::FrameIndex& index);
    // Cancels the current job (the player closed its video).
    void cancel();
    jobs::JobId currentJob() const { return current_; }

    // <QStandardPaths::CacheLocation>/proxy, beside the frame-index cache; empty when there is
    // no writable cache location.
    static std::filesystem::path userProxyDir();

Q_SIGNALS:
    // The current job's proxy is ready: frame N of `proxy` is frame N of `video`.
    void proxyReady(const QString& video, std::shared_ptr<actbert::ui::FrameSource> proxy);

private:
    JobBridge& bridge_;
    std::shared_ptr<video::FrameIndexCache> index_cache_;
    std::shared_ptr<video::ProxyCache> proxies_;
    jobs::JobId current_ = 0;
    jobs::JobGroup jobs_;  // last member: its destruction cancels and waits for the job
};

}  // namespace actbert::ui
