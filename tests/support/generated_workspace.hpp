// The generated-workspace fixture: one demo company (`crosswalk generate --months 2`, seed 42) that ctest builds
// once per run (the test generated_workspace.setup, tests/support/generated_workspace.cmake) for every test in a
// suite whose name starts with `Generated`. Those tests read it, or copy it when they change anything, so they
// never wait for a generator run of their own.
#pragma once

#include <filesystem>

namespace crosswalk::testing {

// The fixture's folder holding only the generated files. Throws std::runtime_error if ctest has not made the
// fixture: run such a test through ctest (`ctest -R NAME` runs the setup first), or the setup test once.
[[nodiscard]] std::filesystem::path GeneratedFiles();

// The fixture's folder with every source loaded into its database. Copy it before changing anything.
[[nodiscard]] std::filesystem::path LoadedWorkspace();

// Copies the folder `from` to `to` (created), with everything in it.
void CopyFolder(const std::filesystem::path& from, const std::filesystem::path& to);

} // namespace crosswalk::testing
