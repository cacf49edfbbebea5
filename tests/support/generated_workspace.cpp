#include "support/generated_workspace.hpp"

#include <stdexcept>
#include <string>

namespace crosswalk::testing {
namespace {

namespace fs = std::filesystem;

fs::path FixtureFolder(const char* part) {
    const fs::path root = CROSSWALK_GENERATED_WORKSPACE;
    if (!fs::exists(root / "complete")) {
        // An exception, not a gtest assertion, so that it also stops a SetUpTestSuite.
        throw std::runtime_error("the generated_workspace fixture is missing (" + root.string() +
                                 "): run this test through ctest, or `ctest -R generated_workspace.setup` once");
    }
    return root / part;
}

} // namespace

fs::path GeneratedFiles() {
    return FixtureFolder("generated");
}

fs::path LoadedWorkspace() {
    return FixtureFolder("loaded");
}

void CopyFolder(const fs::path& from, const fs::path& to) {
    fs::create_directories(to);
    fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

} // namespace crosswalk::testing
