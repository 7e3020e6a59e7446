#include "core/common/progress.h"

#include <algorithm>

#include "core/common/error.h"

namespace actbert {

ProgressFn subProgress(const ProgressFn& parent, double begin, double end) {
    if (!parent) {
        return {};
    }
    begin = std::clamp(begin, 0.0, 1.0);
    end = std::clamp(end, begin, 1.0);
    return [parent, begin, end](double fraction, const std::string& message) {
        parent(begin + std::clamp(fraction, 0.0, 1.0) * (end - begin), message);
    };
}

void CancelToken::throwIfCancelled() const {
    if (isCancelled()) {
        throw Cancelled();
    }
}

}  // namespace actbert
