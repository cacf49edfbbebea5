// The demo workspace's rules/: tags.yaml folds the demo's application, environment and cost-center tag
// spellings into canonical keys, and naming.yaml reads its naming standard ({env}-{app code}-{role}-{nn}).
// Both are built from the company model, so they name exactly its applications. accounts.yaml gives every
// account dedicated to one application that application and its cost center; taxonomy.yaml overrides the
// taxonomy of the platform account's EKS worker nodes; enrichment.yaml writes the default precedence out.
// See docs/rules.md.
#pragma once

#include <filesystem>
#include <string>

#include "crosswalk/generate/company.hpp"

namespace crosswalk::generate {

[[nodiscard]] std::string DemoTagRules(const Company& company);
[[nodiscard]] std::string DemoNamingRules(const Company& company);
[[nodiscard]] std::string DemoAccountRules(const Company& company);
[[nodiscard]] std::string DemoTaxonomyRules();
[[nodiscard]] std::string DemoEnrichmentRules();

// Writes rules/tags.yaml, naming.yaml, accounts.yaml, taxonomy.yaml and enrichment.yaml under `root`.
void WriteRulesFiles(const Company& company, const std::filesystem::path& root);

} // namespace crosswalk::generate
