// An error the server answers with a status of its own (401, 403, 400 for a bad query parameter), as JSON
// {"error": {"kind": ..., "message": ...}}. Errors of the library (crosswalk::Error) map to statuses by kind.
#pragma once

#include <stdexcept>
#include <string>

#include "crosswalk/common/error.hpp"

namespace crosswalk::api {

class HttpError : public std::runtime_error {
public:
    HttpError(int status, std::string kind, const std::string& message)
        : std::runtime_error(message), status_(status), kind_(std::move(kind)) {}

    [[nodiscard]] int Status() const noexcept { return status_; }

    [[nodiscard]] const std::string& Kind() const noexcept { return kind_; }

private:
    int status_;
    std::string kind_;
};

// The HTTP status and the JSON kind of a library error: invalid_input 400, not_found 404, conflict 409,
// unsupported 400, the rest 500 (io, store, internal).
struct ErrorStatus {
    int status = 500;
    std::string kind;
};

[[nodiscard]] ErrorStatus StatusOf(ErrorKind kind);

} // namespace crosswalk::api
