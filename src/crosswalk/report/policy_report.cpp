// `crosswalk report policy`: the guardrails of rules/policy.yaml checked on the month's bill, the asset register,
// the CMDB and the installations, one row per violation with its owner, cost and rule. docs/governance.md.
#include <algorithm>

#include <fmt/format.h>

#include "crosswalk/common/text.hpp"
#include "crosswalk/report/kpis.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/store/sql_quote.hpp"
#include "crosswalk/workspace/strict_yaml.hpp"

namespace crosswalk::report {
namespace {

// VALUES rows (value, rule) of a list, folded to lower case; a single NULL row when empty, so the CTE exists.
std::string ListValues(const rules::PolicyList& list) {
    if (list.values.empty()) {
        return "(NULL::VARCHAR, NULL::VARCHAR)";
    }
    std::vector<std::string> rows;
    for (size_t i = 0; i < list.values.size(); ++i) {
        rows.push_back(fmt::format("(lower({}), {})", store::QuoteLiteral(list.values[i]),
                                   store::QuoteLiteral(list.value_where[i].Provenance())));
    }
    return Join(rows, ", ");
}

// The on-premises field that stands for a required key (the unified tagging policy of seed 001): the asset's
// register fields, else its CI's; an application is the application CI that runs on the asset's CI.
std::string AssetField(const std::string& key) {
    if (key == "cost_center") {
        return "coalesce(a.cost_center_id, c.cost_center_id)";
    }
    if (key == "owner") {
        return "coalesce(a.owner, c.owner)";
    }
    if (key == "environment") {
        return "c.environment";
    }
    if (key == "business_unit") {
        return "c.business_unit_id";
    }
    if (key == "application") {
        return "(SELECT min(p.ci_id) FROM ci_relation AS r JOIN ci AS p ON p.ci_id = r.parent_ci_id "
               "WHERE r.child_ci_id = a.ci_id AND r.relation_type = 'runs_on' AND p.class = 'application')";
    }
    return "";
}

} // namespace

ReportTable PolicyReport(store::Connection& connection, const PolicyOptions& options) {
    const ResolvedPeriod period = ResolveBilledPeriod(connection, options.period, "the policy report");
    const rules::PolicyRules& policy = options.policy;
    const std::string month = period.period.ToString();
    const std::string first = store::QuoteLiteral(month + "-01");
    const std::string next = store::QuoteLiteral(period.period.Next().ToString() + "-01");
    // The required tags: the policy's, else the tag rules' (rules/tags.yaml required:).
    std::vector<std::string> required =
        policy.required_tags.Set() ? policy.required_tags.values : options.tags.required;
    const std::string required_rule = policy.required_tags.Set()       ? policy.required_tags.where.Provenance()
                                      : !options.tags.required.empty() ? options.tags.required_where.Provenance()
                                                                       : std::string();
    rules::TagRules tag_rules = options.tags;
    tag_rules.required = required;
    const std::string tag_set = detail::TagSetSource(connection, tag_rules);
    const std::string vendor_of = rules::VendorOfSql(options.vendors, R"(
        SELECT DISTINCT ProviderName FROM cost_line UNION ALL SELECT DISTINCT PublisherName FROM cost_line)");

    std::vector<std::string> parts;
    // The month's resources with their cost, owner and cost center (the enrichment's), region and first day.
    const std::string resources = fmt::format(R"(
month_resource AS MATERIALIZED (
    SELECT ResourceId, any_value(ProviderName) AS provider, any_value(coalesce(SubAccountId, BillingAccountId)) AS account,
           any_value(RegionId) AS region_id, any_value(RegionName) AS region_name, BillingCurrency AS currency,
           max(owner) AS owner, max(cost_center) AS cost_center, sum(EffectiveCost) AS cost,
           max(ResourceName) AS name
    FROM cost_line_enriched
    WHERE {period} AND ResourceId IS NOT NULL AND CommitmentDiscountStatus IS DISTINCT FROM 'Unused'
    GROUP BY ResourceId, BillingCurrency
))",
                                              fmt::arg("period", period.Condition()));
    if (!required.empty()) {
        const std::string keys =
            Join(required, ", ", [](const std::string& key) { return "(" + store::QuoteLiteral(key) + ")"; });
        parts.push_back(fmt::format(R"(
SELECT 'missing_tag' AS kind, r.ResourceId AS item, r.provider, r.account, r.owner, r.cost_center,
       'no ' || string_agg(DISTINCT m.key, ', ' ORDER BY m.key) || ' tag' AS detail, any_value(r.cost) AS cost,
       r.currency, {rule} AS rule
FROM month_resource AS r
JOIN (SELECT DISTINCT c.ResourceId, c.BillingCurrency, q.key
      FROM cost_line AS c CROSS JOIN (VALUES {keys}) AS q(key)
      WHERE {period} AND c.ResourceId IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM {tag_set} AS t WHERE t.tags = c.Tags::VARCHAR AND t.key = q.key
                          AND t.value IS NOT NULL AND trim(t.value) <> '')) AS m
  ON m.ResourceId = r.ResourceId AND m.BillingCurrency IS NOT DISTINCT FROM r.currency
GROUP BY ALL)",
                                    fmt::arg("keys", keys), fmt::arg("tag_set", tag_set),
                                    fmt::arg("period", period.Condition("c.ChargePeriodStart")),
                                    fmt::arg("rule", store::QuoteLiteral(required_rule))));
        // On premises: the assets in use whose register (or CI) lacks the field a required key stands for.
        std::vector<std::string> missing;
        for (const std::string& key : required) {
            const std::string field = AssetField(key);
            if (!field.empty()) {
                missing.push_back(fmt::format("CASE WHEN {} IS NULL THEN {} END", field, store::QuoteLiteral(key)));
            }
        }
        if (!missing.empty()) {
            parts.push_back(fmt::format(R"(
SELECT 'missing_tag', asset_tag, 'on-premises', location, owner, cost_center, 'no ' || missing || ' (asset register, CMDB)',
       NULL, NULL, {rule}
FROM (SELECT a.asset_tag, a.location, coalesce(a.owner, c.owner) AS owner,
             coalesce(a.cost_center_id, c.cost_center_id) AS cost_center,
             concat_ws(', ', {missing}) AS missing
      FROM asset AS a LEFT JOIN ci AS c ON c.ci_id = a.ci_id
      WHERE a.category IN ('hardware', 'virtual') AND a.lifecycle_state IN ('in_use', 'deployed'))
WHERE missing <> '')",
                                        fmt::arg("missing", Join(missing, ", ")),
                                        fmt::arg("rule", store::QuoteLiteral(required_rule))));
        }
    }
    if (policy.allowed_regions.Set()) {
        parts.push_back(fmt::format(R"(
SELECT 'region_not_allowed', ResourceId, provider, account, owner, cost_center,
       'in ' || coalesce(region_id, region_name), cost, currency, {rule}
FROM month_resource
WHERE coalesce(region_id, region_name) IS NOT NULL
  AND lower(coalesce(region_id, '')) NOT IN (SELECT v FROM allowed_region WHERE v IS NOT NULL)
  AND lower(coalesce(region_name, '')) NOT IN (SELECT v FROM allowed_region WHERE v IS NOT NULL))",
                                    fmt::arg("rule", store::QuoteLiteral(policy.allowed_regions.where.Provenance()))));
    }
    if (policy.allowed_providers.Set()) {
        parts.push_back(
            fmt::format(R"(
SELECT 'provider_not_allowed', coalesce(SubAccountId, BillingAccountId), ProviderName,
       coalesce(SubAccountId, BillingAccountId), max(owner), max(cost_center), 'provider ' || ProviderName,
       sum(EffectiveCost), BillingCurrency, {rule}
FROM cost_line_enriched
WHERE {period} AND lower(ProviderName) NOT IN (SELECT v FROM allowed_provider WHERE v IS NOT NULL)
GROUP BY ProviderName, coalesce(SubAccountId, BillingAccountId), BillingCurrency)",
                        fmt::arg("period", period.Condition()),
                        fmt::arg("rule", store::QuoteLiteral(policy.allowed_providers.where.Provenance()))));
    }
    // Marketplace: a line another provider bills for its publisher (vendor rules), publisher not approved.
    parts.push_back(fmt::format(R"(
SELECT 'marketplace_unapproved', l.PublisherName, l.ProviderName, coalesce(l.SubAccountId, l.BillingAccountId),
       max(l.owner), max(l.cost_center), 'marketplace purchase: ' || string_agg(DISTINCT l.ServiceName, ', '),
       sum(l.BilledCost), l.BillingCurrency, {rule}
FROM cost_line_enriched AS l
JOIN vendor_of AS v ON v.name = l.ProviderName JOIN vendor_of AS pv ON pv.name = l.PublisherName
WHERE {period} AND pv.vendor <> v.vendor
  AND lower(l.PublisherName) NOT IN (SELECT v FROM approved_publisher WHERE v IS NOT NULL)
  AND lower(pv.vendor) NOT IN (SELECT v FROM approved_publisher WHERE v IS NOT NULL)
GROUP BY l.PublisherName, l.ProviderName, coalesce(l.SubAccountId, l.BillingAccountId), l.BillingCurrency)",
                                fmt::arg("period", period.Condition("l.ChargePeriodStart")),
                                fmt::arg("rule", store::QuoteLiteral(policy.approved_publishers.Set()
                                                                         ? policy.approved_publishers.where.Provenance()
                                                                         : "default: no publisher approved"))));
    if (policy.denied_products.Set()) {
        parts.push_back(R"(
SELECT 'denied_product', i.installation_id, coalesce(i.cloud_provider, 'on-premises'), i.host_id,
       coalesce(a.owner, h.owner), coalesce(a.cost_center_id, h.cost_center),
       i.product || ' on ' || coalesce(i.host_id, 'an unknown host'), h.cost, h.currency, d.rule
FROM installation AS i
JOIN denied_product AS d ON d.v = lower(i.product)
LEFT JOIN asset AS a ON i.host_kind = 'asset' AND a.asset_tag = i.host_id
LEFT JOIN month_resource AS h ON i.host_kind = 'resource' AND h.ResourceId = i.host_id)");
    }
    // Unless the file sets it, a workspace with no budget loaded is not checked: every resource would break it.
    const bool budgets_loaded = connection.Query("SELECT count(*) FROM budget").ScalarInt64().value_or(0) > 0;
    if (policy.require_budget && (policy.require_budget_where.line > 0 || budgets_loaded)) {
        // A resource first billed in the month, on a cost center no budget line of the month names.
        parts.push_back(fmt::format(R"(
SELECT 'no_budget', r.ResourceId, r.provider, r.account, r.owner, r.cost_center,
       'first billed ' || f.first_day::DATE::VARCHAR || CASE WHEN r.cost_center IS NULL THEN ', on no cost center'
                                                       ELSE ', cost center ' || r.cost_center || ' has no budget' END,
       r.cost, r.currency, {rule}
FROM month_resource AS r
JOIN (SELECT ResourceId, min(ChargePeriodStart) AS first_day FROM cost_line WHERE ResourceId IS NOT NULL
      GROUP BY ResourceId) AS f ON f.ResourceId = r.ResourceId
WHERE f.first_day >= {first}::DATE AND f.first_day < {next}::DATE
  AND (SELECT min(ChargePeriodStart) FROM cost_line) < {first}::DATE
  AND NOT EXISTS (SELECT 1 FROM budget AS b WHERE b.scope_kind = 'cost_center' AND b.scope_id = r.cost_center
                    AND b.period = {first}::DATE))",
                                    fmt::arg("first", first), fmt::arg("next", next),
                                    fmt::arg("rule", store::QuoteLiteral(policy.require_budget_where.line > 0
                                                                             ? policy.require_budget_where.Provenance()
                                                                             : "default: require_budget"))));
    }
    const std::string with = fmt::format(R"(
WITH {resources},
vendor_of AS MATERIALIZED {vendor_of},
allowed_region(v, rule) AS (VALUES {regions}),
allowed_provider(v, rule) AS (VALUES {providers}),
approved_publisher(v, rule) AS (VALUES {publishers}),
denied_product(v, rule) AS (VALUES {denied}),
violation(kind, item, provider, account, owner, cost_center, detail, cost, currency, rule) AS (
{parts}
))",
                                         fmt::arg("resources", resources), fmt::arg("vendor_of", vendor_of),
                                         fmt::arg("regions", ListValues(policy.allowed_regions)),
                                         fmt::arg("providers", ListValues(policy.allowed_providers)),
                                         fmt::arg("publishers", ListValues(policy.approved_publishers)),
                                         fmt::arg("denied", ListValues(policy.denied_products)),
                                         fmt::arg("parts", Join(parts, "\nUNION ALL")));
    std::string rows = with + R"(
SELECT kind, item, provider, account, owner, cost_center, detail, cost, currency, rule FROM violation
ORDER BY CASE kind WHEN 'byol_without_rights' THEN 0 ELSE 1 END, kind, cost DESC NULLS LAST, item)";
    const std::string totals = with + R"(
SELECT 'total' AS kind, sum(violations)::VARCHAR || ' violations' AS item, NULL::VARCHAR AS provider,
       NULL::VARCHAR AS account, NULL::VARCHAR AS owner, NULL::VARCHAR AS cost_center, NULL::VARCHAR AS detail,
       sum(cost) AS cost, currency, NULL::VARCHAR AS rule
FROM (SELECT item, currency, count(*) AS violations, max(cost) AS cost FROM violation GROUP BY item, currency)
GROUP BY currency ORDER BY currency NULLS LAST)";
    std::vector<ReportColumn> columns = {
        {"kind", ColumnType::kText, 0, ""},      {"item", ColumnType::kText, 0, ""},
        {"provider", ColumnType::kText, 0, ""},  {"account", ColumnType::kText, 0, ""},
        {"owner", ColumnType::kText, 0, "-"},    {"cost_center", ColumnType::kText, 0, "-"},
        {"detail", ColumnType::kText, 0, ""},    {"cost", ColumnType::kMoney, 2, "-"},
        {"currency", ColumnType::kText, 0, "-"}, {"rule", ColumnType::kText, 0, ""},
    };
    ReportTable table = RunReportQuery(connection, "policy",
                                       fmt::format("policy violations (rules/policy.yaml), {}", period.Describe()),
                                       std::move(columns), rows, totals);
    // BYOL without rights is the license findings' (the licensing rules decide what a VM needs), first.
    const std::string last_day =
        connection.Query("SELECT (" + next + "::DATE - 1)::VARCHAR").ScalarString().value_or(month + "-01");
    const ReportTable findings =
        LicenseFindingsReport(connection, LicenseOptions{std::nullopt, last_day, options.licensing});
    std::vector<ReportRow> byol;
    for (const ReportRow& finding : findings.rows) {
        if (finding[findings.ColumnIndex("kind")] != std::optional<std::string>("byol_without_rights")) {
            continue;
        }
        byol.push_back({std::string("byol_without_rights"), finding[findings.ColumnIndex("installation_id")], Cell(),
                        finding[findings.ColumnIndex("host")], finding[findings.ColumnIndex("owner")],
                        finding[findings.ColumnIndex("cost_center")],
                        finding[findings.ColumnIndex("product")].value_or("") + ": " +
                            finding[findings.ColumnIndex("detail")].value_or(""),
                        finding[findings.ColumnIndex("amount")], finding[findings.ColumnIndex("currency")],
                        std::string("license-findings (licensing rules)")});
    }
    // ... and in the totals: the count and the amount (licenses at their unit cost) of its currency. (The SQL
    // totals count an item's cost once however many rules it breaks.)
    for (const ReportRow& row : byol) {
        const Cell& currency = row[table.ColumnIndex("currency")];
        if (!currency) {
            continue;
        }
        ReportRow* total = nullptr;
        for (ReportRow& candidate : table.totals) {
            total = candidate[table.ColumnIndex("currency")] == currency ? &candidate : total;
        }
        if (total == nullptr) {
            table.totals.push_back({std::string("total"), std::string("0 violations"), Cell(), Cell(), Cell(), Cell(),
                                    Cell(), std::string("0"), currency, Cell()});
            total = &table.totals.back();
        }
        Cell& count = (*total)[table.ColumnIndex("item")];
        count = std::to_string(std::stoll(count.value_or("0")) + 1) + " violations";
        Cell& cost = (*total)[table.ColumnIndex("cost")];
        const Cell& amount = row[table.ColumnIndex("cost")];
        if (amount) {
            cost = (Decimal::Parse(cost.value_or("0")) + Decimal::Parse(*amount)).ToString();
        }
    }
    table.rows.insert(table.rows.begin(), byol.begin(), byol.end());
    AlignDecimals(table);
    return table;
}

std::vector<rules::RuleWarning> CheckPolicyRules(store::Connection& connection, const rules::PolicyRules& policy,
                                                 const rules::TagRules& tags) {
    std::vector<rules::RuleWarning> warnings;
    // Each value of a list against the distinct values of the loaded data it is compared with (as the report
    // compares them: without regard to case).
    const auto check = [&](const rules::PolicyList& list, const std::string& values_sql, const std::string& what) {
        std::vector<std::string> known;
        for (const auto& row : connection.Query(values_sql).TextRows()) {
            if (row[0]) {
                known.push_back(*row[0]);
            }
        }
        for (size_t i = 0; i < list.values.size(); ++i) {
            const std::string folded = ToLower(list.values[i]);
            if (std::none_of(known.begin(), known.end(), [&](const std::string& k) { return ToLower(k) == folded; })) {
                const std::string nearest = workspace::NearestWord(list.values[i], known);
                warnings.push_back(rules::RuleWarning{
                    list.value_where[i],
                    fmt::format("{} '{}' is not in the loaded data{}", what, list.values[i],
                                nearest.empty() ? std::string() : fmt::format(" (did you mean '{}'?)", nearest))});
            }
        }
    };
    check(policy.allowed_regions,
          "SELECT DISTINCT RegionId FROM cost_line UNION SELECT DISTINCT RegionName FROM cost_line", "region");
    check(policy.allowed_providers, "SELECT DISTINCT ProviderName FROM cost_line", "provider");
    check(policy.approved_publishers, "SELECT DISTINCT PublisherName FROM cost_line", "publisher");
    check(policy.denied_products,
          "SELECT DISTINCT product FROM installation UNION SELECT DISTINCT product FROM entitlement", "product");
    // A required tag the tag rules do not define is compared as spelled: say so when no rule key is it.
    for (size_t i = 0; i < policy.required_tags.values.size(); ++i) {
        const std::string& key = policy.required_tags.values[i];
        std::vector<std::string> keys;
        for (const rules::TagKeyRule& rule : tags.keys) {
            keys.push_back(rule.key);
        }
        if (!tags.keys.empty() && std::find(keys.begin(), keys.end(), key) == keys.end()) {
            const std::string nearest = workspace::NearestWord(key, keys);
            warnings.push_back(rules::RuleWarning{
                policy.required_tags.value_where[i],
                fmt::format("required tag '{}' is no canonical key of rules/tags.yaml, so only tags spelled exactly so "
                            "count{}",
                            key, nearest.empty() ? std::string() : fmt::format(" (did you mean '{}'?)", nearest))});
        }
    }
    return warnings;
}

} // namespace crosswalk::report
