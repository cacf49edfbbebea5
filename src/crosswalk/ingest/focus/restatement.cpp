#include "crosswalk/ingest/focus/restatement.hpp"

#include <fmt/format.h>

#include "crosswalk/common/error.hpp"

namespace crosswalk::ingest::focus {
namespace {

std::string IdList(std::span<const int64_t> ids) {
    std::string list;
    for (const int64_t id : ids) {
        list += fmt::format("{}{}", list.empty() ? "" : ", ", id);
    }
    return list.empty() ? "NULL" : list;
}

// Rows of earlier loads that share a restatement key with the new file.
std::string SupersededRows(int64_t source_file_id, std::span<const int64_t> load_file_ids) {
    return fmt::format("FROM cost_line old WHERE old.source_file_id NOT IN ({0}) AND EXISTS ("
                       "SELECT 1 FROM cost_line new WHERE new.source_file_id = {1} "
                       "AND new.ProviderName = old.ProviderName AND new.BillingAccountId = old.BillingAccountId "
                       "AND new.BillingPeriodStart = old.BillingPeriodStart)",
                       IdList(load_file_ids), source_file_id);
}

} // namespace

std::vector<std::string> ReplaceRestatedPeriods(store::Connection& connection, int64_t source_file_id,
                                                std::span<const int64_t> load_file_ids) {
    const std::string rows = SupersededRows(source_file_id, load_file_ids);
    std::vector<std::string> notes;
    std::vector<int64_t> affected;
    store::Result result = connection.Query(fmt::format(
        "SELECT s.source_file_id, f.path, s.rows FROM (SELECT old.source_file_id, count(*) AS rows {} GROUP BY 1) s "
        "JOIN source_file f ON f.id = s.source_file_id ORDER BY 1",
        rows));
    while (auto chunk = result.NextChunk()) {
        for (uint64_t row = 0; row < chunk->Size(); ++row) {
            affected.push_back(chunk->Column(0).Int64(row));
            notes.push_back(fmt::format("restatement: replaces {} rows of source file {} ({})",
                                        chunk->Column(2).Int64(row), chunk->Column(0).Int64(row),
                                        chunk->Column(1).String(row)));
        }
    }
    if (affected.empty()) {
        return notes;
    }
    connection.Execute("DELETE " + rows);
    connection.Execute(
        fmt::format("UPDATE source_file SET status = 'replaced', replaced_by_file_id = {0} WHERE id IN ({1}) "
                    "AND NOT EXISTS (SELECT 1 FROM cost_line c WHERE c.source_file_id = source_file.id)",
                    source_file_id, IdList(affected)));
    return notes;
}

void RecordFileMetadata(store::Connection& connection, int64_t source_file_id, std::string_view focus_version,
                        std::string_view details_json) {
    connection
        .Prepare(
            "UPDATE source_file SET focus_version = $2, details = $3::JSON, "
            "provider = m.provider, billing_account_id = m.account, "
            "billing_period_start = m.period_start, billing_period_end = m.period_end "
            "FROM (SELECT CASE WHEN count(DISTINCT ProviderName) = 1 THEN any_value(ProviderName) END AS provider, "
            "CASE WHEN count(DISTINCT BillingAccountId) = 1 THEN any_value(BillingAccountId) END AS account, "
            "min(BillingPeriodStart) AS period_start, max(BillingPeriodEnd) AS period_end "
            "FROM cost_line WHERE source_file_id = $1) m WHERE source_file.id = $1")
        .Execute(source_file_id, focus_version, details_json);
}

void RebuildResources(store::Connection& connection) {
    // Each attribute is the latest non-null value: arg_max skips rows whose value is NULL (arg_max_null would keep
    // them), so no FILTER is needed, and the aggregate is cheaper without one (pinned by
    // ResourceAttributesAreTheLatestNonNullValues).
    connection.Execute("DELETE FROM resource");
    connection.Execute(R"sql(
INSERT INTO resource (provider, resource_id, name, type, region_id, region_name, billing_account_id, sub_account_id,
                      sub_account_name, service_category, service_name, first_seen, last_seen, tags,
                      billed_cost_to_date, effective_cost_to_date, currency)
SELECT ProviderName, ResourceId,
       arg_max(ResourceName, ChargePeriodStart),
       arg_max(ResourceType, ChargePeriodStart),
       arg_max(RegionId, ChargePeriodStart),
       arg_max(RegionName, ChargePeriodStart),
       arg_max(BillingAccountId, ChargePeriodStart),
       arg_max(SubAccountId, ChargePeriodStart),
       arg_max(SubAccountName, ChargePeriodStart),
       arg_max(ServiceCategory, ChargePeriodStart),
       arg_max(ServiceName, ChargePeriodStart),
       min(ChargePeriodStart), max(ChargePeriodEnd),
       arg_max(Tags, ChargePeriodStart),
       sum(BilledCost), sum(EffectiveCost), BillingCurrency
FROM cost_line
WHERE ResourceId IS NOT NULL
GROUP BY ProviderName, ResourceId, BillingCurrency
)sql");
}

} // namespace crosswalk::ingest::focus
