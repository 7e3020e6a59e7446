#pragma once
// The one exception type the core throws for problems a user can act on: bad input files,
// unsupported formats, I/O failures, cancelled work. The message is complete and names the
// file and the problem, so callers show it as is.

#include <stdexcept>
#include <string>

namespace actbert {

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

// Thrown when work stops because its CancelToken was triggered; not a failure.
class Cancelled : public Error {
public:
    Cancelled() : Error("cancelled") {}
};

}  // namespace actbert
