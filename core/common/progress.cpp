#include "core/common/progress.h"

#include "core/common/error.h"

namespace actbert {

void CancelToken::throwIfCancelled() const {
    if (isCancelled()) {
        throw Cancelled();
    }
}

}  // namespace actbert
