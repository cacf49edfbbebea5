// The demo workspace's rules/: tags.yaml folds the demo's application, environment and cost-center tag
// spellings into canonical keys, and naming.yaml reads its naming standard ({env}-{app code}-{role}-{nn}).
// Both are built from the company model, so they name exactly its applications. accounts.yaml gives every
// account dedicated to one application that application and its cost center; taxonomy.yaml overrides the
// taxonomy of the platform account's EKS worker nodes; enrichment.yaml writes the default precedence out;
// allocation.yaml spreads the shared cost (support, unused commitments, untagged cost, the Kubernetes cluster
// and the data lake by their driver files, Datadog with a change of method in April).
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
[[nodiscard]] std::string DemoAllocationRules();
[[nodiscard]] std::string DemoPolicyRules(const Company& company);

// Writes rules/tags.yaml, naming.yaml, accounts.yaml, taxonomy.yaml, enrichment.yaml, allocation.yaml and policy.yaml
// under `root`.
void WriteRulesFiles(const Company& company, const std::filesystem::path& root);

} // namespace crosswalk::generate
