#pragma once
// actbert score retrieval: reads the files (docs/prediction-formats.md) and computes the metrics.
// Runs on the calling thread.

#include "core/eval/metric_registry.h"

namespace actbert::eval {

// Throws actbert::Error naming the file and the problem for unreadable or malformed input.
ScoreReport scoreRetrieval(const ScoreRequest& request);

}  // namespace actbert::eval
