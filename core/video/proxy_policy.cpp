#include "core/video/proxy_policy.h"

#include <algorithm>

namespace actbert::video {

std::int64_t largestKeyFrameGap(const FrameIndex& index) {
    std::int64_t largest = 0;
    std::int64_t last_key = -1;
    for (std::int64_t frame = 0; frame < index.size(); ++frame) {
        if (index[frame].is_key) {
            if (last_key >= 0) {
                largest = std::max(largest, frame - last_key);
            }
            last_key = frame;
        }
    }
    if (last_key < 0) {
        return index.size();
    }
    return std::max(largest, index.size() - last_key);
}

bool needsProxy(const FrameIndex& index, const ProxyPolicy& policy) {
    return !index.empty() && largestKeyFrameGap(index) > policy.max_key_frame_gap;
}

}  // namespace actbert::video
