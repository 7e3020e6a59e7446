#include "ui/player/proxyjob.h"

#include <QDir>
#include <QStandardPaths>

#include "core/video/frame_index_cache.h"
#include "core/video/proxy_cache.h"
#include "core/video/proxy_policy.h"
#include "ui/jobs/jobbridge.h"
#include "ui/player/decoderframesource.h"

namespace actbert::ui {

ProxyJob::ProxyJob(JobBridge& bridge, std::shared_ptr<video::FrameIndexCache> index_cache,
                   std::filesystem::path proxy_dir, QObject* parent)
    : QObject(parent),
      bridge_(bridge),
      index_cache_(std::move(index_cache)),
      proxies_(proxy_dir.empty() ? nullptr
                                 : std::make_shared<video::ProxyCache>(std::move(proxy_dir))),
      jobs_(bridge.runner()) {}

ProxyJob::~ProxyJob() = default;

jobs::JobId ProxyJob::start(const QString& video, const video::FrameIndex& index) {
    cancel();
    if (!index_cache_ || !proxies_ || !video::needsProxy(index)) {
        return 0;
    }
    auto proxy = std::make_shared<std::shared_ptr<FrameSource>>();
    jobs::JobSpec spec;
    spec.kind = "proxy";
    spec.owner = "player";  // the same as every proxy job's: a newer one supersedes this one
    spec.work = [proxy, index, path = std::filesystem::path(video.toStdString()),
                 hashes = index_cache_, proxies = proxies_](const jobs::JobCallbacks& callbacks) {
        callbacks.report("proxy", path.string(), 0.0);
        std::string warning;
        const std::string hash = hashes->contentHashOf(path, callbacks.cancel, warning);
        if (!warning.empty()) {
            callbacks.logLine(warning);
        }
        video::ProxyLookup found = proxies->proxyFor(
            path, hash, index, {}, callbacks.progressFn("proxy"), callbacks.cancel);
        if (!found.warning.empty()) {
            callbacks.logLine(found.warning);
        }
        callbacks.logLine((found.built ? "wrote " : "read ") + found.path.string());
        // One decoding thread: proxy frames are intra and small, and the exact decode of the
        // same seek runs beside it.
        *proxy = std::make_shared<DecoderFrameSource>(found.path, std::move(found.index), 1);
    };
    current_ = bridge_.submit(jobs_, std::move(spec), this,
                              [this, proxy, video](const jobs::JobStatus& status) {
                                  if (status.isEnded() && status.id == current_ &&
                                      status.state == jobs::JobState::Finished) {
                                      Q_EMIT proxyReady(video, *proxy);
                                  }
                              });
    return current_;
}

void ProxyJob::cancel() {
    if (current_ != 0) {
        bridge_.cancel(current_);
        current_ = 0;
    }
}

std::filesystem::path ProxyJob::userProxyDir() {
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    if (dir.isEmpty()) {
        return {};
    }
    return std::filesystem::path(QDir(dir).filePath(QStringLiteral("proxy")).toStdString());
}

}  // namespace actbert::ui
