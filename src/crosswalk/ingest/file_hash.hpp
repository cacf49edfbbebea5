// SHA-256 of files and text, as lower-case hex: how crosswalk recognises an input it has already loaded and
// records what a run read. Streams the file in blocks, so memory stays flat for any size.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace crosswalk::ingest {

// Throws kIo when the file cannot be read.
[[nodiscard]] std::string Sha256OfFile(const std::filesystem::path& path);

[[nodiscard]] std::string Sha256OfText(std::string_view text);

} // namespace crosswalk::ingest
