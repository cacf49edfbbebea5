// `crosswalk generate`: writes a workspace holding a believable company's input files (FOCUS billing for AWS,
// Azure, Google Cloud and a SaaS vendor; the enterprise sources; usage drivers) and expected.json, the ground
// truth the generator knows by construction. Same options, same bytes.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "crosswalk/generate/company.hpp"

namespace crosswalk::generate {

struct GenerateResult {
    std::filesystem::path root;
    std::string company_name;
    int64_t billing_rows = 0;
    int64_t billing_files = 0;
    int64_t source_rows = 0;        // rows of the enterprise sources and drivers
    std::vector<std::string> files; // relative paths written, sorted
};

// Writes the workspace into `root`. The folder must be new, empty, or a workspace this command generated
// before (its generated files are then rewritten and its database removed, so that a new load starts clean);
// anything else is refused with ErrorKind::kConflict, so a user's own workspace is never overwritten.
GenerateResult GenerateWorkspace(const std::filesystem::path& root, const GenerateOptions& options);

// The marker file that says a folder was made by GenerateWorkspace.
inline constexpr std::string_view kGeneratedMarker = ".crosswalk-demo";

} // namespace crosswalk::generate
