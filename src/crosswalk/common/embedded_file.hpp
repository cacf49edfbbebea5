// A file compiled into the binary by cmake/EmbedFiles.cmake (schema migrations, reference tables, web assets).
#pragma once

#include <span>
#include <string_view>

namespace crosswalk {

struct EmbeddedFile {
    std::string_view path;  // relative to the embedded folder, with '/' separators
    std::string_view bytes; // the file's exact content
};

} // namespace crosswalk
