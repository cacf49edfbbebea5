// The demo workspace's rules/: tags.yaml folds the demo's application, environment and cost-center tag
// spellings into canonical keys, and naming.yaml reads its naming standard ({env}-{app code}-{role}-{nn}).
// Both are built from the company model, so they name exactly its applications. See docs/rules.md.
#pragma once

#include <filesystem>
#include <string>

#include "crosswalk/generate/company.hpp"

namespace crosswalk::generate {

[[nodiscard]] std::string DemoTagRules(const Company& company);
[[nodiscard]] std::string DemoNamingRules(const Company& company);

// Writes rules/tags.yaml and rules/naming.yaml under `root`.
void WriteRulesFiles(const Company& company, const std::filesystem::path& root);

} // namespace crosswalk::generate
