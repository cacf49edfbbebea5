// `crosswalk export focus`: the latest allocation as FOCUS rows, written by DuckDB's COPY (CSV or Parquet) from
// the allocation_result view, so nothing passes through C++ row by row and every amount stays DECIMAL.
#include "crosswalk/report/focus_export.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
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
       CAST(r.cost_lines AS BIGINT) AS x_CostLines
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

// Where COPY writes, and how the file gets to the output. A regular file (or a new one; through a symbolic link,
// the file it points to) is written beside it and renamed over it with the old file's permissions, so a reader
// never sees half of it and a failure leaves the old one as it was. A device, a FIFO and standard output ("-")
// are written directly: renaming over them would replace them.
struct Destination {
    std::filesystem::path copy_to;
    std::optional<std::filesystem::path> rename_to;
    std::optional<std::filesystem::perms> permissions;

    void RemoveTemporary() const {
        if (rename_to) {
            std::error_code ignored;
            std::filesystem::remove(copy_to, ignored);
        }
    }
};

Destination PlanDestination(const std::filesystem::path& output) {
    if (output == "-") {
        return Destination{"/dev/stdout", std::nullopt, std::nullopt};
    }
    std::error_code error;
    const std::filesystem::file_status status = std::filesystem::status(output, error); // follows links
    if (std::filesystem::is_directory(status)) {
        Throw(ErrorKind::kInvalidInput, "{} is a folder: name a file in it, e.g. {}", output.string(),
              (output / "allocated.parquet").string());
    }
    if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
        return Destination{output, std::nullopt, std::nullopt};
    }
    const std::filesystem::path target = std::filesystem::is_symlink(std::filesystem::symlink_status(output, error))
                                             ? std::filesystem::weakly_canonical(output, error)
                                             : output;
    const std::filesystem::path folder = target.parent_path().empty() ? "." : target.parent_path();
    if (!std::filesystem::is_directory(folder)) {
        Throw(ErrorKind::kIo, "cannot write {}: the folder {} does not exist", output.string(), folder.string());
    }
    if (::access(folder.c_str(), W_OK) != 0) {
        Throw(ErrorKind::kIo, "cannot write {}: {} (the folder {})", output.string(), std::strerror(errno),
              folder.string());
    }
    return Destination{folder / fmt::format(".{}.{}.tmp", target.filename().string(), ::getpid()), target,
                       std::filesystem::exists(status) ? std::optional(status.permissions()) : std::nullopt};
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
    result.stale_note = detail::StaleAllocationNote(connection);
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
    const Destination destination = PlanDestination(options.output);
    try {
        result.rows =
            connection
                .Query(fmt::format("COPY ({}) TO {} ({})", ExportQuery(condition),
                                   store::QuoteLiteral(destination.copy_to.string()), CopyOptions(options.format)))
                .ScalarInt64()
                .value_or(0);
        if (destination.rename_to) {
            if (destination.permissions) {
                std::filesystem::permissions(destination.copy_to, *destination.permissions);
            }
            std::filesystem::rename(destination.copy_to, *destination.rename_to);
        }
    } catch (const std::filesystem::filesystem_error& error) {
        destination.RemoveTemporary();
        Throw(ErrorKind::kIo, "cannot write {}: {}", options.output.string(), error.code().message());
    } catch (const Error& error) {
        destination.RemoveTemporary();
        if (error.Kind() == ErrorKind::kInternal) {
            throw;
        }
        // DuckDB's message without the statement it quotes.
        const std::string_view message(error.what());
        Throw(ErrorKind::kIo, "cannot write {}: {}", options.output.string(),
              message.substr(0, std::min(message.find(" [in:"), message.find('\n'))));
    }
    return result;
}

} // namespace crosswalk::report
