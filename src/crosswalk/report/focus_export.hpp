// `crosswalk export focus`: the latest allocation's cost as a FOCUS file for BI tools, with the x_ columns that
// say where each amount was allocated and by which rule. See docs/allocation.md, "The FOCUS export".
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crosswalk/report/report_period.hpp"
#include "crosswalk/store/connection.hpp"

namespace crosswalk::report {

enum class ExportFormat { kCsv, kParquet };

// "csv" or "parquet". Throws kInvalidInput naming the accepted names for anything else.
[[nodiscard]] ExportFormat ParseExportFormat(std::string_view text);

struct FocusExportOptions {
    std::optional<Period> period; // default: every month of the latest allocation
    std::filesystem::path output; // a regular file is written whole (a temporary file beside it, renamed, with
                                  // the old file's permissions) or not at all; "-" is standard output
    ExportFormat format = ExportFormat::kCsv;
};

struct ExportTotal {
    std::string currency;
    std::string billed_cost; // exact decimal text, no trailing zeros
    std::string effective_cost;
};

struct FocusExportResult {
    int64_t rows = 0;
    std::string first_period; // YYYY-MM; empty when nothing was written
    std::string last_period;
    std::vector<ExportTotal> totals; // per billing currency: the exported rows' sums, equal to the cost lines'
    std::string stale_note;          // non-empty when billing files were loaded after the latest allocation
};

// Where every cent is after the latest allocation (the allocation_result view), one row per month, billing
// currency, set of dimensions and origin, as FOCUS columns (the period's bounds as its billing and charge
// period; provider, accounts, service category and subcategory, service, charge category, commitment status,
// BillingCurrency, BilledCost, EffectiveCost, ConsumedQuantity), then crosswalk's: x_AllocationStep ('direct',
// or the step's name), x_AllocationStepNumber, x_AllocationRule (allocation.yaml:LINE), x_AllocationMethod,
// x_AllocatedToDimension and x_AllocatedTo (the step's `to` and the target there), the dimensions the cost
// sits on (x_Application, x_BusinessService, x_CostCenter, x_BusinessUnit, x_Owner, x_Environment, x_CostPool,
// x_Tower, x_SubTower, x_Solution) and x_CostLines (the lines whose direct cost is still on the row; 0 for a
// share). Amounts are DECIMAL(38,18), exact. Throws kNotFound before
// the first allocation or when the period has none, kIo when the file cannot be written.
FocusExportResult ExportAllocatedFocus(store::Connection& connection, const FocusExportOptions& options);

} // namespace crosswalk::report
