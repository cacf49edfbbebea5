// `crosswalk report tags`: how much of the period's cost and how many resources carry each required tag key.
#include <fmt/format.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/common/text.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/rules/sql_dialect.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::report {

std::string detail::TagSetSource(store::Connection& connection, const rules::TagRules& rules) {
    // The pipeline's tag_set when `crosswalk run` has made it; else the same query, compiled from the rules now
    // (read-only, over the distinct tag sets only).
    const bool evaluated =
        connection.Query("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'tag_set' AND schema_name = 'main'")
            .ScalarInt64()
            .value_or(0) > 0;
    return evaluated ? std::string("tag_set")
                     : "(" + rules::DuckDbDialect().TagNormalization(rules, rules::TagSource{}) + ")";
}

ReportTable TagComplianceReport(store::Connection& connection, const TagComplianceOptions& options) {
    if (options.rules.required.empty()) {
        Throw(ErrorKind::kInvalidInput, "the tag policy requires no keys, so there is nothing to check: add "
                                        "'required: [application, owner, ...]' to rules/tags.yaml");
    }
    const std::string tag_set = detail::TagSetSource(connection, options.rules);
    const ResolvedPeriod period = ResolvePeriod(connection, options.period);
    const std::string keys =
        Join(options.rules.required, ", ", [](const std::string& key) { return "(" + store::QuoteLiteral(key) + ")"; });
    // A line complies with a key when its tag set has the canonical key with a non-blank value. A resource
    // complies when every one of its lines in the period does, so it is counted as non-compliant from its first
    // untagged line: resources_compliant = all resources - those with a non-compliant line. Only lines of a
    // resource count: tax, support fees and commitment purchases carry no ResourceId and cannot be tagged, so
    // counting them would rank every account's tax as its worst offender (the unmapped report shows them).
    const std::string sql = fmt::format(R"(
WITH required(key) AS (VALUES {keys}),
tagged AS (
    SELECT DISTINCT tags, key FROM {tag_set} WHERE value IS NOT NULL AND trim(value) <> ''
),
lines AS (
    SELECT r.key, c.ProviderName AS provider, coalesce(c.SubAccountId, c.BillingAccountId) AS account,
           c.BillingCurrency AS currency, c.ResourceId, c.BilledCost, t.key IS NOT NULL AS compliant
    FROM cost_line AS c
    CROSS JOIN required AS r
    LEFT JOIN tagged AS t ON t.tags = c.Tags::VARCHAR AND t.key = r.key
    WHERE {period} AND c.ResourceId IS NOT NULL
),
groups AS (
    SELECT key, provider, account, currency,
           count(DISTINCT ResourceId) AS resources,
           count(DISTINCT ResourceId) - count(DISTINCT ResourceId) FILTER (WHERE NOT compliant) AS resources_compliant,
           sum(BilledCost) AS cost,
           coalesce(sum(BilledCost) FILTER (WHERE compliant), 0) AS cost_compliant
    FROM lines
    GROUP BY key, provider, account, currency
)
SELECT key, provider, account, currency, resources, resources_compliant, cost, cost_compliant,
       CASE WHEN cost = 0 THEN NULL ELSE money_div(cost_compliant * 100, cost, 2) END AS cost_compliant_pct
FROM groups
ORDER BY cost_compliant_pct ASC NULLS LAST, cost - cost_compliant DESC, key, provider, account, currency)",
                                        fmt::arg("keys", keys), fmt::arg("tag_set", tag_set),
                                        fmt::arg("period", period.Condition("c.ChargePeriodStart")));
    std::vector<ReportColumn> columns = {
        {"key", ColumnType::kText, 0, ""},
        {"provider", ColumnType::kText, 0, "(none)"},
        {"account", ColumnType::kText, 0, "(none)"},
        {"currency", ColumnType::kText, 0, "(none)"},
        {"resources", ColumnType::kInteger, 0, ""},
        {"resources_compliant", ColumnType::kInteger, 0, ""},
        {"cost", ColumnType::kMoney, 2, ""},
        {"cost_compliant", ColumnType::kMoney, 2, ""},
        {"cost_compliant_pct", ColumnType::kPercentage, 2, "-"},
    };
    return RunReportQuery(
        connection, "tags",
        fmt::format("tag compliance of the required keys ({}), {}", Join(options.rules.required), period.Describe()),
        std::move(columns), sql);
}

} // namespace crosswalk::report
