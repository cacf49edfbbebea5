// Writes the demo company's enterprise sources (docs/sources.md schemas) under sources/, and the usage-driver
// files of its shared platforms under drivers/: what ITAM, SAM, the CMDB and finance would export.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "crosswalk/generate/billing_files.hpp"
#include "crosswalk/generate/company.hpp"

namespace crosswalk::generate {

// A cloud invoice as the ledger posts it: in the month after the usage, rounded to cents.
struct CloudInvoice {
    Provider provider;
    int usage_month = 0;
    std::string posting_period; // YYYY-MM
    std::string invoice_id;
    Decimal amount;      // posted, cents
    Decimal billed_cost; // the invoice's billing rows, exact
};

struct EnterpriseOutput {
    std::map<std::string, int64_t> rows_by_file; // relative path -> data rows
    std::vector<CloudInvoice> cloud_invoices;
    std::vector<std::pair<std::string, Decimal>> depreciation_by_month; // YYYY-MM -> posted depreciation
    std::vector<std::string> stale_ci_ids;                              // CIs whose cloud resource no longer exists
};

EnterpriseOutput WriteEnterpriseFiles(const Company& company, const BillingOutput& billing,
                                      const std::filesystem::path& root);

} // namespace crosswalk::generate
