// Writes the demo company's cloud bills as FOCUS 1.2 exports, one file per provider and month, in the format
// each provider's export uses here: AWS as CSV, Azure as Parquet, Google Cloud as gzip CSV, the SaaS vendor as
// CSV. DuckDB does the writing: the company's meters go into an in-memory database and SQL expands them into
// daily rows and streams them out with COPY, so 20 million rows need no more memory than a few thousand.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "crosswalk/common/decimal.hpp"
#include "crosswalk/generate/company.hpp"

namespace crosswalk::generate {

// What one written file holds, from the same rows the file was written from.
struct BillingFile {
    Provider provider;
    int month = 0;
    std::string path; // relative to the workspace root
    std::string invoice_id;
    int64_t rows = 0;
    Decimal billed_cost, effective_cost, list_cost;
};

// A total of EffectiveCost by an attribute the generator knows and the files may not say (the true
// application of every row, the shared pool), per provider and month.
struct CostByKey {
    Provider provider;
    int month = 0;
    std::string key;
    Decimal effective_cost;
};

struct BillingOutput {
    std::vector<BillingFile> files;
    std::vector<CostByKey> by_application; // key: application code ("" for rows of no application)
    std::vector<CostByKey> anomaly_days;   // key: ISO date; the anomalous service in its account, per day
};

// Writes billing/<provider>/focus-<YYYY-MM>.<ext> under `root`.
BillingOutput WriteBillingFiles(const Company& company, const std::filesystem::path& root);

} // namespace crosswalk::generate
