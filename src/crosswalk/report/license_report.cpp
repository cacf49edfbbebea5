// `crosswalk report license-position` and `crosswalk explain license PRODUCT`: the licensing rules
// (rules/licensing.yaml over the shipped defaults) compiled to SQL and evaluated once per installation, the
// cloud bill read once per resource for the license-included signals. docs/licensing.md.
#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/rules/licensing_rules.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::report {
namespace {

using rules::BillCondition;
using rules::HostCount;
using rules::LicensingRule;
using store::QuoteLiteral;

// A bill column of cost_line as SQL: a FOCUS column, an x_ column out of x_columns, x_SkuDetails.KEY out of
// the JSON text that column holds.
std::string BillColumn(const std::string& column) {
    if (column.rfind("x_", 0) != 0) {
        return store::QuoteIdentifier(column);
    }
    const size_t dot = column.find('.');
    if (dot == std::string::npos) {
        return fmt::format("json_extract_string(x_columns, {})", QuoteLiteral("$." + column));
    }
    return fmt::format("json_extract_string(json_extract_string(x_columns, {})::JSON, {})",
                       QuoteLiteral("$." + column.substr(0, dot)), QuoteLiteral("$." + column.substr(dot + 1)));
}

// "rules/licensing.yaml:8" for the workspace's rules, "shipped licensing.yaml:17" for the defaults.
std::string RuleRef(const rules::RuleLocation& where) {
    return where.file.rfind("crosswalk:", 0) == 0 ? fmt::format("shipped licensing.yaml:{}", where.line)
                                                  : fmt::format("{}:{}", where.file, where.line);
}

std::string ConditionSql(const BillCondition& condition) {
    const std::string column = BillColumn(condition.column);
    std::string values;
    for (const std::string& value : condition.values) {
        values += fmt::format("{}{}", values.empty() ? "" : ", ", QuoteLiteral(value));
    }
    switch (condition.test) {
    case BillCondition::Test::kIn:
        return fmt::format("{} IN ({})", column, values);
    case BillCondition::Test::kNotIn:
        return fmt::format("({} IS NOT NULL AND {} NOT IN ({}))", column, column, values);
    case BillCondition::Test::kLike:
        return fmt::format("{} LIKE {}", column, values);
    case BillCondition::Test::kPriced:
        return "ListUnitPrice > 0";
    }
    return "false";
}

// The SQL of one signal: its provider and every condition, on one bill line.
std::string SignalSql(const rules::LicenseIncludedSignal& signal) {
    std::string sql = fmt::format("ProviderName = {}", QuoteLiteral(signal.provider));
    for (const BillCondition& condition : signal.conditions) {
        sql += " AND " + ConditionSql(condition);
    }
    return sql;
}

// What one host kind's count is, as SQL expressions over the `hosts` columns.
struct CountSql {
    std::string units;       // units x core factor (a DECIMAL)
    std::string per_license; // a DECIMAL > 0
    std::string minimum;     // the largest minimum (an integer)
    std::string formula;     // for people: "max(cores x 0.5 / 1, 4 per processor)"
};

CountSql Compile(const HostCount& count, std::string_view kind) {
    CountSql sql;
    std::string factor = fmt::format("{}::DECIMAL(18,4)", count.core_factor);
    if (!count.core_factors.empty()) {
        std::string cases;
        for (const auto& [model, value] : count.core_factors) {
            cases +=
                fmt::format(" WHEN processor_model ILIKE {} THEN {}::DECIMAL(18,4)", QuoteLiteral(model + "%"), value);
        }
        factor = fmt::format("CASE{} ELSE {} END", cases, factor);
    }
    const std::string units = count.units == "cores"        ? "cores"
                              : count.units == "vcpus"      ? "vcpus"
                              : count.units == "processors" ? "processors"
                              : count.units == "users"      ? "users"
                                                            : "1";
    sql.units =
        count.units == "cores" ? fmt::format("(cores * {})", factor) : fmt::format("({}::DECIMAL(18,4))", units);
    sql.per_license = count.per_license == "threads_per_core" ? "threads_per_core::DECIMAL(18,4)"
                                                              : fmt::format("{}::DECIMAL(18,4)", count.per_license);
    std::vector<std::string> minimums = {"0"};
    std::string described;
    if (count.min_per_processor > 0) {
        minimums.push_back(fmt::format("{} * coalesce(processors, 1)", count.min_per_processor));
        described += fmt::format(", {} per processor", count.min_per_processor);
    }
    if (count.min_per_server > 0) {
        minimums.push_back(std::to_string(count.min_per_server));
        described += fmt::format(", {} per server", count.min_per_server);
    }
    if (count.min_per_vm > 0) {
        minimums.push_back(std::to_string(count.min_per_vm));
        described += fmt::format(", {} per VM", count.min_per_vm);
    }
    if (count.covers_vms) {
        described += ", covering its VMs";
    }
    sql.minimum = minimums.size() == 1 ? "0" : fmt::format("greatest({})", fmt::join(minimums, ", "));
    std::string unit_text = count.units;
    if (count.units == "cores" && (count.core_factor != "1" || !count.core_factors.empty())) {
        unit_text +=
            " x " + count.core_factor + (count.core_factors.empty() ? "" : " (or its processor model's factor)");
    }
    if (count.per_license != "1") {
        unit_text += count.per_license == "threads_per_core" ? " / threads per core" : " / " + count.per_license;
    }
    sql.formula =
        fmt::format("{} {}: {}{}", RuleRef(count.where), kind, described.empty() ? unit_text : "max(" + unit_text,
                    described.empty() ? "" : described + ")");
    return sql;
}

// The per-installation evaluation shared by the position and its explanation: CTEs ending in `counted`, one
// row per installation with host_type (physical, virtual, cloud), license_included, the signal that showed it
// (evidence), the inputs, the formula and `licenses` (NULL when no rule counts that host).
std::string CountedSql(const std::vector<LicensingRule>& rules, const std::string& as_of) {
    std::string flags;  // per resource and currency: whether a line shows each signal
    std::string rollup; // the same per resource
    std::string costs;
    std::string included = "CASE h.product";
    std::string evidence;
    std::string cost_of = "CASE c.product";
    std::string units = "CASE";
    std::string per_license = "CASE";
    std::string minimum = "CASE";
    std::string formula = "CASE";
    std::string round_total = "CASE h.product";
    std::string covers = "CASE h.product";
    std::string per_user = "CASE";
    for (size_t p = 0; p < rules.size(); ++p) {
        const LicensingRule& rule = rules[p];
        const std::string product = QuoteLiteral(rule.product);
        std::string any;
        std::string which;
        std::string all_signals;
        for (size_t s = 0; s < rule.license_included.size(); ++s) {
            const std::string condition = SignalSql(rule.license_included[s]);
            flags += fmt::format(", bool_or({}) AS li_{}_{}", condition, p, s);
            rollup += fmt::format(", bool_or(li_{0}_{1}) AS li_{0}_{1}", p, s);
            any += fmt::format("{}coalesce(b.li_{}_{}, false)", any.empty() ? "" : " OR ", p, s);
            which += fmt::format(" WHEN b.li_{}_{} THEN {}", p, s,
                                 QuoteLiteral(RuleRef(rule.license_included[s].where) + ": " +
                                              rule.license_included[s].provider + " bill shows the license"));
            all_signals += fmt::format("{}({})", all_signals.empty() ? "" : " OR ", condition);
        }
        if (!all_signals.empty()) {
            costs += fmt::format(", sum(EffectiveCost) FILTER (WHERE ({}) AND ChargePeriodStart >= month_start) AS "
                                 "li_cost_{}",
                                 all_signals, p);
            cost_of += fmt::format(" WHEN {} THEN bc.li_cost_{}", product, p);
        }
        included += fmt::format(" WHEN {} THEN {}", product, any.empty() ? "false" : any);
        if (!which.empty()) {
            evidence += fmt::format(" WHEN {} THEN (CASE{} END)", product, which);
        }
        round_total += fmt::format(" WHEN {} THEN {}", product, rule.round_total ? "true" : "false");
        covers +=
            fmt::format(" WHEN {} THEN {}", product, rule.physical && rule.physical->covers_vms ? "true" : "false");
        for (const auto& [kind, count] : {std::pair{"physical", &rule.physical},
                                          std::pair{"virtual", &rule.virtual_host}, std::pair{"cloud", &rule.cloud}}) {
            if (!*count) {
                continue;
            }
            const CountSql sql = Compile(**count, kind);
            const std::string when = fmt::format(" WHEN product = {} AND host_type = '{}' THEN ", product, kind);
            units += when + sql.units;
            per_license += when + sql.per_license;
            minimum += when + sql.minimum;
            formula += when + QuoteLiteral(sql.formula);
            per_user += when + ((*count)->units == "users" ? "true" : "false");
        }
    }
    const auto finish = [](std::string& text, std::string_view otherwise) {
        text = text == "CASE" || text == "CASE h.product" || text == "CASE c.product"
                   ? std::string(otherwise)
                   : text + fmt::format(" ELSE {} END", otherwise);
    };
    finish(included, "false");
    finish(cost_of, "NULL::DECIMAL(38,18)");
    finish(units, "NULL::DECIMAL(18,4)");
    finish(per_license, "NULL::DECIMAL(18,4)");
    finish(minimum, "0");
    finish(formula, "NULL::VARCHAR");
    finish(round_total, "false");
    finish(covers, "false");
    finish(per_user, "false");
    evidence = evidence.empty() ? "NULL::VARCHAR" : "CASE h.product" + evidence + " END";
    return fmt::format(R"(
as_of_date AS (SELECT {as_of}::DATE AS as_of, date_trunc('month', {as_of}::DATE) AS month_start,
                date_trunc('month', {as_of}::DATE) + INTERVAL 1 MONTH AS month_end),
hosts AS MATERIALIZED (
    SELECT i.installation_id, i.publisher, i.product, i.edition, i.host_kind, i.host_id,
           CASE WHEN i.host_kind = 'resource' OR a.category = 'cloud' THEN 'cloud'
                WHEN a.category = 'virtual' THEN 'virtual'
                WHEN a.category = 'hardware' THEN 'physical'
                WHEN i.physical_cores IS NULL AND i.vcpus IS NOT NULL THEN 'virtual'
                ELSE 'physical' END AS host_type,
           CASE WHEN i.host_kind = 'resource' THEN i.host_id ELSE a.resource_id END AS resource_id,
           coalesce(i.physical_cores, a.physical_cores) AS cores, a.processors, i.vcpus,
           coalesce(i.threads_per_core, 1) AS threads_per_core, i.users, a.processor_model, a.lifecycle_state,
           a.host_asset_tag, i.host_kind = 'resource' OR a.asset_tag IS NOT NULL AS known_host, i.last_used_date,
           i.source_file_id, i.source_row
    FROM installation AS i
    LEFT JOIN asset AS a ON i.host_kind = 'asset' AND a.asset_tag = i.host_id
),
bill_cost AS MATERIALIZED (
    SELECT ResourceId, BillingCurrency AS currency{flags}{costs}
    FROM cost_line, as_of_date
    WHERE ResourceId IN (SELECT resource_id FROM hosts WHERE host_type = 'cloud') AND ChargePeriodStart < month_end
    GROUP BY ResourceId, BillingCurrency
),
bill AS MATERIALIZED (
    SELECT ResourceId{rollup} FROM bill_cost GROUP BY ResourceId
),
weighed AS MATERIALIZED (
    SELECT h.*, h.host_type = 'cloud' AND ({included}) AS license_included, {evidence} AS evidence,
           b.ResourceId IS NOT NULL AS billed, {covers} AS covers_vms, {per_user} AS per_user,
           {round_total} AS round_total, {units} AS units_weighted, {per_license} AS per_license,
           ({minimum})::DECIMAL(18,4) AS minimum, {formula} AS formula
    FROM hosts AS h LEFT JOIN bill AS b ON b.ResourceId = h.resource_id
),
exact AS MATERIALIZED (
    SELECT *, CASE WHEN units_weighted IS NOT NULL THEN money_div(units_weighted, per_license, 4) END AS exact
    FROM weighed
),
on_host AS MATERIALIZED (
    SELECT *, CASE WHEN license_included OR exact IS NULL OR (host_type = 'cloud' AND NOT billed) THEN NULL
                   WHEN round_total THEN greatest(exact, minimum)::DECIMAL(18,4)
                   ELSE greatest(ceil(exact), minimum)::DECIMAL(18,4) END AS host_licenses
    FROM exact
),
-- A host is licensed once per product: further installations of it on the same host count 0 (users are
-- counted per installation); a VM on a host whose count covers its VMs (Datacenter) counts 0.
marked AS MATERIALIZED (
    SELECT h.*,
           (SELECT min(p.installation_id) FROM on_host AS p
            WHERE h.covers_vms AND h.host_type = 'virtual' AND p.product = h.product AND p.host_type = 'physical'
              AND p.host_id = h.host_asset_tag AND p.host_licenses IS NOT NULL) AS covered_by,
           CASE WHEN NOT h.per_user AND h.host_licenses IS NOT NULL
                     AND row_number() OVER (PARTITION BY h.product, h.host_id, h.host_licenses IS NOT NULL
                                            ORDER BY h.host_licenses DESC, h.installation_id) > 1
                THEN first_value(h.installation_id) OVER (PARTITION BY h.product, h.host_id, h.host_licenses IS NOT NULL
                                                          ORDER BY h.host_licenses DESC, h.installation_id) END
               AS counted_with
    FROM on_host AS h
),
counted AS MATERIALIZED (
    SELECT *, CASE WHEN host_licenses IS NULL THEN NULL
                   WHEN covered_by IS NOT NULL OR counted_with IS NOT NULL THEN 0::DECIMAL(18,4)
                   ELSE host_licenses END AS licenses
    FROM marked
),
included_cost AS (
    SELECT c.product, bc.currency, sum({cost_of}) AS cost
    FROM counted AS c JOIN bill_cost AS bc ON bc.ResourceId = c.resource_id
    WHERE c.license_included
    GROUP BY ALL
))",
                       fmt::arg("as_of", QuoteLiteral(as_of)), fmt::arg("flags", flags), fmt::arg("rollup", rollup),
                       fmt::arg("costs", costs), fmt::arg("included", included), fmt::arg("evidence", evidence),
                       fmt::arg("round_total", round_total), fmt::arg("units", units),
                       fmt::arg("per_license", per_license), fmt::arg("minimum", minimum), fmt::arg("formula", formula),
                       fmt::arg("cost_of", cost_of), fmt::arg("covers", covers), fmt::arg("per_user", per_user));
}

// --as-of (YYYY-MM-DD), or the last day of the latest month with cost lines (today without a bill).
std::string ResolveAsOf(store::Connection& connection, const std::optional<std::string>& as_of) {
    if (as_of) {
        const bool shaped = as_of->size() == 10 && (*as_of)[4] == '-' && (*as_of)[7] == '-' &&
                            std::all_of(as_of->begin(), as_of->end(),
                                        [](char c) { return c == '-' || std::isdigit(static_cast<unsigned char>(c)); });
        const std::optional<std::string> date =
            shaped ? connection.Query(fmt::format("SELECT TRY_CAST({} AS DATE)::VARCHAR", QuoteLiteral(*as_of)))
                         .ScalarString()
                   : std::nullopt;
        if (!date) {
            Throw(ErrorKind::kInvalidInput, "bad date '{}' for --as-of: expected YYYY-MM-DD, e.g. 2026-06-30", *as_of);
        }
        return *date;
    }
    return connection
        .Query(
            "SELECT coalesce((date_trunc('month', max(ChargePeriodStart)) + INTERVAL 1 MONTH - INTERVAL 1 DAY)::DATE, "
            "current_date)::VARCHAR FROM cost_line")
        .ScalarString()
        .value_or("");
}

// Throws kNotFound "<none> 'PRODUCT'; <listed>: A, B" unless `products_sql` (a query of one column, product)
// names `product`.
void RequireProduct(store::Connection& connection, const std::string& product, std::string_view products_sql,
                    std::string_view none, std::string_view listed) {
    std::vector<std::string> known;
    for (const auto& row :
         connection
             .Query(fmt::format("SELECT DISTINCT product FROM ({}) WHERE product IS NOT NULL ORDER BY 1", products_sql))
             .TextRows()) {
        known.push_back(*row[0]);
    }
    if (std::find(known.begin(), known.end(), product) == known.end()) {
        Throw(ErrorKind::kNotFound, "{} '{}'; {}: {}", none, product, listed, fmt::join(known, ", "));
    }
}

std::vector<LicensingRule> RulesOf(const LicenseOptions& options) {
    return rules::EffectiveLicensingRules(options.rules);
}

} // namespace

std::vector<rules::RuleWarning> CheckLicensingRules(store::Connection& connection,
                                                    const rules::LicensingRules& workspace) {
    std::vector<rules::RuleWarning> warnings;
    std::vector<std::string> providers;
    for (const auto& row :
         connection.Query("SELECT DISTINCT ProviderName FROM cost_line WHERE ProviderName IS NOT NULL ORDER BY 1")
             .TextRows()) {
        providers.push_back(*row[0]);
    }
    for (const LicensingRule& rule : workspace.products) {
        if (connection
                .Query(fmt::format("SELECT count(*) FROM (SELECT product FROM installation UNION ALL SELECT product "
                                   "FROM entitlement) WHERE product = {}",
                                   QuoteLiteral(rule.product)))
                .ScalarInt64()
                .value_or(0) == 0) {
            warnings.push_back({rule.where, fmt::format("product '{}' is neither installed nor entitled in the loaded "
                                                        "data (names compare exactly)",
                                                        rule.product)});
        }
        for (const rules::LicenseIncludedSignal& signal : rule.license_included) {
            if (connection.Query(fmt::format("SELECT count(*) FROM cost_line WHERE {}", SignalSql(signal)))
                    .ScalarInt64()
                    .value_or(0) > 0) {
                continue;
            }
            const bool known = std::find(providers.begin(), providers.end(), signal.provider) != providers.end();
            warnings.push_back(
                {signal.where,
                 known ? fmt::format("this license_included signal matches no bill line of {}: every {} VM of '{}' "
                                     "counts as BYOL; check the column names and values",
                                     signal.provider, signal.provider, rule.product)
                       : fmt::format("no bill line has ProviderName '{}'; the providers in the bill are: {}",
                                     signal.provider, fmt::join(providers, ", "))});
        }
    }
    return warnings;
}

ReportTable LicensePositionReport(store::Connection& connection, const LicenseOptions& options) {
    const std::string as_of = ResolveAsOf(connection, options.as_of);
    const std::vector<LicensingRule> rules = RulesOf(options);
    std::string publisher = "CASE product";
    std::string metric = "CASE product";
    std::string round_total = "CASE product";
    for (const LicensingRule& rule : rules) {
        publisher += fmt::format(" WHEN {} THEN {}", QuoteLiteral(rule.product), QuoteLiteral(rule.publisher));
        metric += fmt::format(" WHEN {} THEN {}", QuoteLiteral(rule.product), QuoteLiteral(rule.metric));
        round_total += fmt::format(" WHEN {} THEN {}", QuoteLiteral(rule.product), rule.round_total ? "true" : "false");
    }
    publisher += " END";
    metric += " END";
    round_total += " ELSE false END";
    std::string has_rule = "product IN (";
    for (size_t r = 0; r < rules.size(); ++r) {
        has_rule += fmt::format("{}{}", r == 0 ? "" : ", ", QuoteLiteral(rules[r].product));
    }
    has_rule = rules.empty() ? "false" : has_rule + ")";
    const std::string filter =
        options.product ? fmt::format("WHERE product = {}", QuoteLiteral(*options.product)) : std::string();
    if (options.product) {
        RequireProduct(connection, *options.product,
                       "SELECT product FROM installation UNION SELECT product FROM entitlement",
                       "no entitlement or installation of", "the products are");
    }
    const std::string sql = fmt::format(R"(
WITH {counted},
used AS (
    SELECT product, any_value(publisher) AS publisher, any_value(edition) AS edition,
           coalesce(sum(licenses) FILTER (WHERE NOT license_included AND host_type <> 'cloud'), 0) AS onprem,
           coalesce(sum(licenses) FILTER (WHERE NOT license_included AND host_type = 'cloud'), 0) AS cloud_byol,
           count(*) FILTER (WHERE license_included) AS included
    FROM counted GROUP BY product
),
held AS (
    SELECT e.product, any_value(e.publisher) AS publisher, any_value(e.edition) AS edition,
           any_value(e.metric) AS metric,
           coalesce(sum(e.quantity) FILTER (WHERE coalesce(e.term_start, e.purchase_date, a.as_of) <= a.as_of
                                              AND (e.term_end IS NULL OR e.term_end >= a.as_of)), 0) AS entitled,
           coalesce(arg_max(e.unit_cost, coalesce(e.purchase_date, e.term_start, DATE '1900-01-01'))
                        FILTER (WHERE coalesce(e.purchase_date, e.term_start, DATE '1900-01-01') <= a.as_of),
                    arg_min(e.unit_cost, coalesce(e.purchase_date, e.term_start, DATE '1900-01-01'))) AS unit_cost,
           coalesce(arg_max(e.currency, coalesce(e.purchase_date, e.term_start, DATE '1900-01-01'))
                        FILTER (WHERE coalesce(e.purchase_date, e.term_start, DATE '1900-01-01') <= a.as_of),
                    arg_min(e.currency, coalesce(e.purchase_date, e.term_start, DATE '1900-01-01'))) AS price_currency,
           coalesce(sum(e.quantity) FILTER (WHERE (e.term_end > a.as_of AND e.term_end <= a.as_of + 90)
                                              OR (e.maintenance_end > a.as_of AND e.maintenance_end <= a.as_of + 90)), 0)
               AS expiring_90d
    FROM entitlement AS e, as_of_date AS a
    GROUP BY e.product
),
joined AS (
    SELECT coalesce(h.product, u.product) AS product, coalesce(h.publisher, u.publisher) AS publisher_known,
           coalesce(h.edition, u.edition) AS edition, h.metric AS metric_known, h.price_currency AS currency,
           coalesce(h.entitled, 0) AS entitled,
           h.unit_cost, coalesce(h.expiring_90d, 0) AS expiring_90d, coalesce(u.onprem, 0) AS onprem,
           coalesce(u.cloud_byol, 0) AS cloud_byol, coalesce(u.included, 0) AS included
    FROM held AS h FULL JOIN used AS u ON u.product = h.product
),
position AS MATERIALIZED (
    SELECT j.*, coalesce(j.publisher_known, {publisher}) AS publisher, coalesce(j.metric_known, {metric}) AS metric,
           CASE WHEN NOT {has_rule} THEN NULL
                WHEN {round_total} THEN ceil(j.onprem + j.cloud_byol) ELSE j.onprem + j.cloud_byol END AS required
    FROM joined AS j
)
SELECT p.publisher, p.product, p.edition, p.metric, p.entitled, p.onprem AS consumed_onprem,
       p.cloud_byol AS consumed_cloud_byol, p.required, p.included AS license_included_instances,
       coalesce((SELECT sum(cost) FROM included_cost AS c WHERE c.product = p.product
                 AND c.currency IS NOT DISTINCT FROM p.currency), 0) AS license_included_cost,
       CASE WHEN p.required IS NOT NULL THEN greatest(p.required - p.entitled, 0) END AS shortfall,
       CASE WHEN p.required IS NOT NULL THEN greatest(p.entitled - p.required, 0) END AS surplus,
       CASE WHEN p.required IS NOT NULL THEN coalesce(greatest(p.required - p.entitled, 0) * p.unit_cost, 0) END
           AS exposure, p.currency, p.expiring_90d
FROM position AS p
{filter}
ORDER BY p.publisher NULLS LAST, p.product)",
                                        fmt::arg("counted", CountedSql(rules, as_of)), fmt::arg("publisher", publisher),
                                        fmt::arg("metric", metric), fmt::arg("round_total", round_total),
                                        fmt::arg("has_rule", has_rule), fmt::arg("filter", filter));
    std::vector<ReportColumn> columns = {
        {"publisher", ColumnType::kText, 0, ""},
        {"product", ColumnType::kText, 0, ""},
        {"edition", ColumnType::kText, 0, ""},
        {"metric", ColumnType::kText, 0, ""},
        {"entitled", ColumnType::kDecimal, 0, ""},
        {"consumed_onprem", ColumnType::kDecimal, 0, ""},
        {"consumed_cloud_byol", ColumnType::kDecimal, 0, ""},
        {"required", ColumnType::kDecimal, 0, "(no rule)"},
        {"license_included_instances", ColumnType::kInteger, 0, ""},
        {"license_included_cost", ColumnType::kMoney, 2, ""},
        {"shortfall", ColumnType::kDecimal, 0, "-"},
        {"surplus", ColumnType::kDecimal, 0, "-"},
        {"exposure", ColumnType::kMoney, 2, "-"},
        {"currency", ColumnType::kText, 0, "(none)"},
        {"expiring_90d", ColumnType::kDecimal, 0, ""},
    };
    return RunReportQuery(
        connection, "license-position",
        fmt::format("license position as of {} (license-included cost: {})", as_of, as_of.substr(0, 7)),
        std::move(columns), sql, "");
}

ReportTable LicenseExplainReport(store::Connection& connection, const LicenseOptions& options) {
    if (!options.product) {
        Throw(ErrorKind::kInvalidInput, "explain license needs the product, e.g. 'SQL Server Enterprise'");
    }
    const std::string as_of = ResolveAsOf(connection, options.as_of);
    const std::string product = QuoteLiteral(*options.product);
    const std::string counted = CountedSql(RulesOf(options), as_of);
    RequireProduct(connection, *options.product, "SELECT product FROM installation", "no installation of",
                   "the installed products are");
    const std::string rows = fmt::format(R"(
WITH {counted}
SELECT installation_id, host_type, host_id,
       CASE WHEN license_included THEN 'included' WHEN host_type = 'cloud' AND NOT billed THEN 'not billed'
            WHEN host_type = 'cloud' THEN 'BYOL' ELSE 'on-premises' END AS license,
       CASE WHEN license_included THEN evidence
            WHEN host_type = 'cloud' AND NOT billed THEN 'no bill line for the VM by the as-of month'
            WHEN host_type = 'cloud' THEN 'no license-included signal in the bill'
            WHEN NOT known_host THEN 'the host is not in the asset register' END AS evidence,
       concat_ws(', ', CASE WHEN cores IS NOT NULL THEN cores || ' cores' END,
                 CASE WHEN processors IS NOT NULL THEN processors || CASE WHEN processors = 1 THEN ' processor' ELSE ' processors' END END,
                 CASE WHEN vcpus IS NOT NULL THEN vcpus || ' vCPUs' END,
                 CASE WHEN host_type = 'cloud' AND vcpus IS NOT NULL THEN threads_per_core || ' threads per core' END,
                 CASE WHEN users IS NOT NULL THEN users || ' users' END) AS inputs,
       CASE WHEN license_included THEN 'not counted: paid in the cloud charge'
            WHEN host_type = 'cloud' AND NOT billed THEN 'not counted: not running by the as-of date'
            WHEN formula IS NULL THEN 'no rule counts a ' || host_type || ' host of this product'
            WHEN covered_by IS NOT NULL THEN 'covered by its host ' || host_asset_tag || ' (' || covered_by || ')'
            WHEN counted_with IS NOT NULL THEN 'the host is counted once, with ' || counted_with
            ELSE formula END AS rule,
       licenses,
       'installation ' || coalesce((SELECT path FROM source_file WHERE id = counted.source_file_id), '?') || ' row ' ||
           coalesce(source_row::VARCHAR, '?') AS source
FROM counted
WHERE product = {product}
ORDER BY installation_id)",
                                         fmt::arg("counted", counted), fmt::arg("product", product));
    const std::string totals = fmt::format(R"(
WITH {counted}
SELECT 'total' AS installation_id, NULL::VARCHAR AS host_type, NULL::VARCHAR AS host_id, NULL::VARCHAR AS license,
       NULL::VARCHAR AS evidence, NULL::VARCHAR AS inputs, NULL::VARCHAR AS rule,
       CASE WHEN bool_or(round_total) THEN ceil(sum(licenses)) ELSE sum(licenses) END AS licenses,
       NULL::VARCHAR AS source
FROM counted WHERE product = {product})",
                                           fmt::arg("counted", counted), fmt::arg("product", product));
    std::vector<ReportColumn> columns = {
        {"installation_id", ColumnType::kText, 0, ""},
        {"host_type", ColumnType::kText, 0, ""},
        {"host_id", ColumnType::kText, 0, ""},
        {"license", ColumnType::kText, 0, ""},
        {"evidence", ColumnType::kText, 0, ""},
        {"inputs", ColumnType::kText, 0, ""},
        {"rule", ColumnType::kText, 0, ""},
        {"licenses", ColumnType::kDecimal, 0, "-"},
        {"source", ColumnType::kText, 0, ""},
    };
    return RunReportQuery(connection, "explain-license",
                          fmt::format("how the license count of {} was made, as of {}", *options.product, as_of),
                          std::move(columns), rows, totals);
}

} // namespace crosswalk::report
