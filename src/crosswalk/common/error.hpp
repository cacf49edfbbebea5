// The one exception type of crosswalk, with a kind that decides the exit code and HTTP status, and an
// optional place in an input file. Operations fail by throwing it; expected per-row problems (a bad billing
// row) are data, not exceptions (see ingest/). Catch it once, at the edge (cli/, api/).
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

namespace crosswalk {

enum class ErrorKind {
    kInvalidInput, // the user's input or request is wrong: fix it and retry
    kNotFound,     // a named thing (workspace, file, table) does not exist
    kConflict,     // the state forbids it now (database locked by another process, already exists)
    kUnsupported,  // valid but not handled (a newer database schema, an unknown format)
    kIo,           // the file system or the network failed
    kStore,        // the database refused a statement
    kInternal,     // a bug in crosswalk: an invariant did not hold
};

// Where in an input a problem sits. Row and column are optional: 0 and "" mean "not known".
struct SourceLocation {
    std::string file;
    int64_t row = 0;    // 1-based data row or line, as the message says
    std::string column; // column name, or a 1-based column number as text

    [[nodiscard]] std::string ToString() const; // "file:row:column", omitting what is unknown
};

// Thread-safe to read; immutable after construction.
class Error : public std::runtime_error {
public:
    Error(ErrorKind kind, const std::string& message, std::optional<SourceLocation> location = std::nullopt);

    [[nodiscard]] ErrorKind Kind() const noexcept { return kind_; }

    // The message without the location prefix that what() carries.
    [[nodiscard]] const std::string& Message() const noexcept { return message_; }

    [[nodiscard]] const std::optional<SourceLocation>& Location() const noexcept { return location_; }

private:
    ErrorKind kind_;
    std::string message_;
    std::optional<SourceLocation> location_;
};

[[nodiscard]] std::string_view ErrorKindName(ErrorKind kind);

// Throws Error(kind, fmt::format(format, args...)).
template <typename... Args>
[[noreturn]] void Throw(ErrorKind kind, fmt::format_string<Args...> format, Args&&... args) {
    throw Error(kind, fmt::format(format, std::forward<Args>(args)...));
}

// Throws Error(kind, message) located in an input file.
template <typename... Args>
[[noreturn]] void ThrowAt(ErrorKind kind, SourceLocation location, fmt::format_string<Args...> format, Args&&... args) {
    throw Error(kind, fmt::format(format, std::forward<Args>(args)...), std::move(location));
}

} // namespace crosswalk

// Checks an invariant that protects the numbers (totals conserved, rows accounted for) in every build type.
// Throws ErrorKind::kInternal: a failure is a crosswalk bug, never the user's.
#define CROSSWALK_ASSERT(condition, why)                                                                               \
    do {                                                                                                               \
        if (!(condition)) {                                                                                            \
            ::crosswalk::Throw(::crosswalk::ErrorKind::kInternal, "internal error: {} ({}:{}: {})", why, __FILE__,     \
                               __LINE__, #condition);                                                                  \
        }                                                                                                              \
    } while (false)
