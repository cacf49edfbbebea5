// A temporary folder for one test, removed with everything in it when the test ends.
#pragma once

#include <filesystem>

namespace crosswalk::testing {

// Not thread-safe; one per test.
class TempDir {
public:
    TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir();

    [[nodiscard]] const std::filesystem::path& Path() const noexcept { return path_; }

    // Path() / relative.
    [[nodiscard]] std::filesystem::path operator/(const std::filesystem::path& relative) const {
        return path_ / relative;
    }

private:
    std::filesystem::path path_;
};

// Writes `text` to `path`, creating parent folders.
void WriteFile(const std::filesystem::path& path, std::string_view text);

// The whole content of `path`.
[[nodiscard]] std::string ReadFile(const std::filesystem::path& path);

} // namespace crosswalk::testing
