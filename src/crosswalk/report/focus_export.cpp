// `crosswalk export focus`: the latest allocation as FOCUS rows, written by DuckDB's COPY (CSV or Parquet) from
// the allocation_result view, so nothing passes through C++ row by row and every amount stays DECIMAL.
#include "crosswalk/report/focus_export.hpp"

#include <unistd.h>

#include <fmt/format.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/report/allocation_ledger.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::report {
namespace {

// The rows of the export, ordered so that a file is the same for the same allocation: month, currency, then
// direct cost before each step's shares, then where it sits.
std::string ExportQuery(const std::string& condition) {
    return fmt::format(R"(
SELECT (r.period || '-01')::DATE::TIMESTAMP AS BillingPeriodStart,
       ((r.period || '-01')::DATE + INTERVAL 1 MONTH)::TIMESTAMP AS BillingPeriodEnd,
       (r.period || '-01')::DATE::TIMESTAMP AS ChargePeriodStart,
       ((r.period || '-01')::DATE + INTERVAL 1 MONTH)::TIMESTAMP AS ChargePeriodEnd,
       r.BillingAccountId, r.SubAccountId, r.ProviderName, r.ServiceCategory, r.ServiceSubcategory, r.ServiceName,
       r.ChargeCategory,
       CASE WHEN r.shared_from IS NOT NULL THEN 'shared: ' || r.shared_from END AS ChargeDescription,
       r.CommitmentDiscountStatus, r.currency AS BillingCurrency,
       r.billed_cost AS BilledCost, r.effective_cost AS EffectiveCost, r.consumed_quantity AS ConsumedQuantity,
       coalesce(r.shared_from, 'direct') AS x_AllocationStep, coalesce(s.step, 0) AS x_AllocationStepNumber,
       s.rule AS x_AllocationRule, s.method AS x_AllocationMethod, s.to_dimension AS x_AllocatedToDimension,
       CASE s.to_dimension WHEN 'application' THEN r.application WHEN 'business_service' THEN r.business_service
                           WHEN 'cost_center' THEN r.cost_center WHEN 'business_unit' THEN r.business_unit
       END AS x_AllocatedTo,
       r.application AS x_Application, r.business_service AS x_BusinessService, r.cost_center AS x_CostCenter,
       r.business_unit AS x_BusinessUnit, r.owner AS x_Owner, r.environment AS x_Environment,
       r.cost_pool AS x_CostPool, r.tower AS x_Tower, r.sub_tower AS x_SubTower, r.solution AS x_Solution,
       r.cost_lines AS x_CostLines
FROM allocation_result AS r
LEFT JOIN allocation_step AS s ON s.run_id = allocation_latest_run() AND s.name = r.shared_from
WHERE {condition}
ORDER BY r.period, r.currency NULLS LAST, x_AllocationStepNumber, r.cost_center NULLS LAST,
         r.application NULLS LAST, r.ProviderName NULLS LAST, r.BillingAccountId NULLS LAST,
         r.SubAccountId NULLS LAST, r.ServiceCategory NULLS LAST, r.ServiceSubcategory NULLS LAST,
         r.ServiceName NULLS LAST, r.ChargeCategory NULLS LAST, r.CommitmentDiscountStatus NULLS LAST,
         r.cost_pool NULLS LAST, r.tower NULLS LAST, r.sub_tower NULLS LAST, r.solution NULLS LAST,
         r.business_service NULLS LAST, r.business_unit NULLS LAST, r.owner NULLS LAST,
         r.environment NULLS LAST)",
                       fmt::arg("condition", condition));
}

// FOCUS date-times are ISO 8601 in UTC with a Z.
std::string CopyOptions(ExportFormat format) {
    return format == ExportFormat::kParquet ? "FORMAT parquet, COMPRESSION zstd"
                                            : "FORMAT csv, HEADER, TIMESTAMPFORMAT '%Y-%m-%dT%H:%M:%SZ'";
}

} // namespace

ExportFormat ParseExportFormat(std::string_view text) {
    if (text == "csv") {
        return ExportFormat::kCsv;
    }
    if (text == "parquet") {
        return ExportFormat::kParquet;
    }
    Throw(ErrorKind::kInvalidInput, "unknown export format '{}': use csv or parquet", text);
}

FocusExportResult ExportAllocatedFocus(store::Connection& connection, const FocusExportOptions& options) {
    detail::RequireAllocation(connection);
    const std::string condition =
        options.period ? fmt::format("r.period = {}", store::QuoteLiteral(options.period->ToString())) : "true";
    FocusExportResult result;
    for (const store::Result::TextRow& row :
         connection
             .Query(fmt::format("SELECT r.currency, rtrim(rtrim(sum(r.billed_cost)::VARCHAR, '0'), '.'), "
                                "rtrim(rtrim(sum(r.effective_cost)::VARCHAR, '0'), '.'), min(r.period), "
                                "max(r.period) FROM allocation_result AS r WHERE {} "
                                "GROUP BY r.currency ORDER BY r.currency NULLS LAST",
                                condition))
             .TextRows()) {
        result.totals.push_back(ExportTotal{row[0].value_or(""), row[1].value_or("0"), row[2].value_or("0")});
        if (result.first_period.empty() || row[3].value_or("") < result.first_period) {
            result.first_period = row[3].value_or("");
        }
        result.last_period = std::max(result.last_period, row[4].value_or(""));
    }
    if (result.totals.empty()) {
        Throw(ErrorKind::kNotFound, "the latest allocation has no cost in {}",
              options.period ? options.period->ToString() : "any month");
    }
    const std::filesystem::path folder =
        options.output.parent_path().empty() ? std::filesystem::path(".") : options.output.parent_path();
    if (!std::filesystem::is_directory(folder)) {
        Throw(ErrorKind::kIo, "cannot write {}: the folder {} does not exist", options.output.string(),
              folder.string());
    }
    // Written beside the output and renamed over it: a reader never sees half a file, a failure leaves none.
    const std::filesystem::path temporary =
        folder / fmt::format(".{}.{}.tmp", options.output.filename().string(), ::getpid());
    try {
        result.rows = connection
                          .Query(fmt::format("COPY ({}) TO {} ({})", ExportQuery(condition),
                                             store::QuoteLiteral(temporary.string()), CopyOptions(options.format)))
                          .ScalarInt64()
                          .value_or(0);
        std::filesystem::rename(temporary, options.output);
    } catch (const std::filesystem::filesystem_error& error) {
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        Throw(ErrorKind::kIo, "cannot write {}: {}", options.output.string(), error.code().message());
    } catch (const Error& error) {
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        if (error.Kind() == ErrorKind::kInternal) {
            throw;
        }
        Throw(ErrorKind::kIo, "cannot write {}: {}", options.output.string(), error.what());
    }
    return result;
}

} // namespace crosswalk::report
