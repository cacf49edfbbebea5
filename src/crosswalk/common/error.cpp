#include "crosswalk/common/error.hpp"

namespace crosswalk {
namespace {

std::string WithLocation(const std::string& message, const std::optional<SourceLocation>& location) {
    if (!location) {
        return message;
    }
    return location->ToString() + ": " + message;
}

} // namespace

std::string SourceLocation::ToString() const {
    std::string text = file;
    if (row > 0) {
        text += fmt::format(":{}", row);
    }
    if (!column.empty()) {
        text += ":" + column;
    }
    return text;
}

Error::Error(ErrorKind kind, const std::string& message, std::optional<SourceLocation> location)
    : std::runtime_error(WithLocation(message, location)),
      kind_(kind),
      message_(message),
      location_(std::move(location)) {}

std::string_view ErrorKindName(ErrorKind kind) {
    switch (kind) {
    case ErrorKind::kInvalidInput:
        return "invalid_input";
    case ErrorKind::kNotFound:
        return "not_found";
    case ErrorKind::kConflict:
        return "conflict";
    case ErrorKind::kUnsupported:
        return "unsupported";
    case ErrorKind::kIo:
        return "io";
    case ErrorKind::kStore:
        return "store";
    case ErrorKind::kInternal:
        return "internal";
    }
    return "internal";
}

} // namespace crosswalk
