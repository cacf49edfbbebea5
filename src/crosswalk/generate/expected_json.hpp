// expected.json: what the generator knows by construction and the files do not all say: totals per provider
// and month, the true application of every untagged resource, the license position per product, the anomaly,
// the drift, commitments, the ledger's lag and amounts, depreciation. Tests of later capabilities check
// their results against it. Amounts are strings with every digit, never JSON numbers (binary floats).
#pragma once

#include <filesystem>

#include "crosswalk/generate/billing_files.hpp"
#include "crosswalk/generate/company.hpp"
#include "crosswalk/generate/enterprise_files.hpp"

namespace crosswalk::generate {

void WriteExpectedJson(const Company& company, const BillingOutput& billing, const EnterpriseOutput& enterprise,
                       const std::filesystem::path& path);

} // namespace crosswalk::generate
