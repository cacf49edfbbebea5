// The licensing rules compiled to SQL, evaluated once per installation; the cloud bill read once per resource
// and currency for the license-included signals. docs/licensing.md.
#include "crosswalk/analyze/license_counting.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::analyze::licensing {
namespace {

// An entitlement `e` is in term at `a.as_of`: started (or bought) by then and not yet ended.
constexpr const char* kInTerm =
    "coalesce(e.term_start, e.purchase_date, a.as_of) <= a.as_of AND (e.term_end IS NULL OR e.term_end >= a.as_of)";

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

} // namespace

// "rules/licensing.yaml:8" for the workspace's rules, "shipped licensing.yaml:17" for the defaults.
std::string RuleRef(const rules::RuleLocation& where) {
    return where.file.rfind("crosswalk:", 0) == 0 ? fmt::format("shipped licensing.yaml:{}", where.line)
                                                  : fmt::format("{}:{}", where.file, where.line);
}

// The SQL of one signal: its provider and every condition, on one bill line.
std::string SignalSql(const rules::LicenseIncludedSignal& signal) {
    std::string sql = fmt::format("ProviderName = {}", QuoteLiteral(signal.provider));
    for (const BillCondition& condition : signal.conditions) {
        sql += " AND " + ConditionSql(condition);
    }
    return sql;
}

// The per-installation evaluation shared by the position and its explanation: CTEs ending in `counted`, one
// row per installation with host_type (physical, virtual, cloud), license_included, the signal that showed it
// (evidence), the inputs, the formula and `licenses` (NULL when no rule counts that host).
std::string CountedSql(const std::vector<LicensingRule>& rules, const std::string& as_of, std::string_view hosts_source,
                       const std::vector<SimulatedVm>& simulated) {
    std::vector<std::string> simulated_flags(simulated.size()); // per simulated VM
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
    std::string byol_right = "CASE product";
    for (size_t p = 0; p < rules.size(); ++p) {
        const LicensingRule& rule = rules[p];
        const std::string product = QuoteLiteral(rule.product);
        std::string right_of = "CASE provider";
        for (const auto& [provider, right] : rule.byol_rights) {
            right_of += fmt::format(" WHEN {} THEN {}", QuoteLiteral(provider),
                                    right.empty() ? "NULL::VARCHAR" : QuoteLiteral(right));
        }
        const std::string otherwise =
            rule.byol_right_otherwise.empty() ? "NULL::VARCHAR" : QuoteLiteral(rule.byol_right_otherwise);
        right_of = rule.byol_rights.empty() ? otherwise : right_of + fmt::format(" ELSE {} END", otherwise);
        byol_right += fmt::format(" WHEN {} THEN {}", product, right_of);
        std::string any;
        std::string which;
        std::string all_signals;
        for (size_t s = 0; s < rule.license_included.size(); ++s) {
            const std::string condition = SignalSql(rule.license_included[s]);
            flags += fmt::format(", bool_or({}) AS li_{}_{}", condition, p, s);
            rollup += fmt::format(", bool_or(li_{0}_{1}) AS li_{0}_{1}", p, s);
            for (size_t v = 0; v < simulated.size(); ++v) {
                simulated_flags[v] +=
                    simulated[v].included && rule.license_included[s].provider == simulated[v].provider ? ", true"
                                                                                                        : ", false";
            }
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
        text = text == "CASE" || text == "CASE h.product" || text == "CASE c.product" || text == "CASE product"
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
    finish(byol_right, "NULL::VARCHAR");
    evidence = evidence.empty() ? "NULL::VARCHAR" : "CASE h.product" + evidence + " END";
    std::string simulated_rows;
    for (size_t v = 0; v < simulated.size(); ++v) {
        simulated_rows += fmt::format("\n    UNION ALL SELECT {}, {}, NULL{}", QuoteLiteral(simulated[v].resource_id),
                                      QuoteLiteral(simulated[v].provider), simulated_flags[v]);
    }
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
    FROM {hosts_source} AS i
    LEFT JOIN asset AS a ON i.host_kind = 'asset' AND a.asset_tag = i.host_id
),
bill_cost AS MATERIALIZED (
    SELECT ResourceId, BillingCurrency AS currency, any_value(ProviderName) AS provider,
           max(coalesce(ChargePeriodEnd, ChargePeriodStart)) FILTER (WHERE ChargePeriodStart < as_of + 1)
               AS last_billed{flags}{costs}
    FROM cost_line, as_of_date
    WHERE ResourceId IN (SELECT resource_id FROM hosts WHERE host_type = 'cloud') AND ChargePeriodStart < month_end
    GROUP BY ResourceId, BillingCurrency
),
bill AS MATERIALIZED (
    SELECT ResourceId, any_value(provider) AS provider, max(last_billed) AS last_billed{rollup}
    FROM bill_cost GROUP BY ResourceId{simulated}
),
weighed AS MATERIALIZED (
    SELECT h.*, h.host_type = 'cloud' AND ({included}) AS license_included, {evidence} AS evidence,
           b.ResourceId IS NOT NULL AS billed, b.provider, b.last_billed, {covers} AS covers_vms, {per_user} AS per_user,
           {round_total} AS round_total, {units} AS units_weighted, {per_license} AS per_license,
           ({minimum})::DECIMAL(18,4) AS minimum, {formula} AS formula
    FROM hosts AS h LEFT JOIN bill AS b ON b.ResourceId = h.resource_id
),
exact AS MATERIALIZED (
    SELECT *, CASE WHEN units_weighted IS NOT NULL THEN money_div(units_weighted, per_license, 4) END AS exact,
           CASE WHEN host_type = 'cloud' AND NOT license_included THEN {byol_right} END AS byol_right
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
),
-- BYOL counts only against entitlements that carry the right it needs; with several rights in play the
-- licenses they cannot cover are the largest excess of demand over supply over any set of rights (Hall's
-- condition: on-premises demand can use any entitlement, so it only adds to the plain shortfall).
right_sets AS (
    SELECT * FROM (VALUES (['license_mobility']), (['hybrid_benefit']), (['byol_allowed']),
                          (['license_mobility', 'hybrid_benefit']), (['license_mobility', 'byol_allowed']),
                          (['hybrid_benefit', 'byol_allowed']), (['license_mobility', 'hybrid_benefit', 'byol_allowed']))
        AS t(rights)
),
byol_need AS (
    SELECT c.product, s.rights, sum(c.licenses) AS demand
    FROM counted AS c JOIN right_sets AS s ON list_contains(s.rights, c.byol_right)
    WHERE c.licenses IS NOT NULL AND NOT c.license_included
    GROUP BY ALL
),
byol_supply AS (
    SELECT n.product, n.rights, any_value(n.demand) AS demand,
           coalesce(sum(e.quantity) FILTER (WHERE ((list_contains(n.rights, 'license_mobility') AND e.license_mobility)
                                                  OR (list_contains(n.rights, 'hybrid_benefit') AND e.hybrid_benefit)
                                                  OR (list_contains(n.rights, 'byol_allowed') AND e.byol_allowed))
                                                 AND {in_term}), 0) AS supply
    FROM byol_need AS n CROSS JOIN as_of_date AS a LEFT JOIN entitlement AS e ON e.product = n.product
    GROUP BY n.product, n.rights
),
unrighted AS (
    SELECT product, greatest(max(demand - supply), 0) AS without_rights,
           arg_max(rights, demand - supply) AS rights_short
    FROM byol_supply GROUP BY product
))",
                       fmt::arg("as_of", QuoteLiteral(as_of)), fmt::arg("flags", flags), fmt::arg("rollup", rollup),
                       fmt::arg("costs", costs), fmt::arg("included", included), fmt::arg("evidence", evidence),
                       fmt::arg("round_total", round_total), fmt::arg("units", units),
                       fmt::arg("per_license", per_license), fmt::arg("minimum", minimum), fmt::arg("formula", formula),
                       fmt::arg("cost_of", cost_of), fmt::arg("covers", covers), fmt::arg("per_user", per_user),
                       fmt::arg("byol_right", byol_right), fmt::arg("hosts_source", hosts_source),
                       fmt::arg("in_term", kInTerm), fmt::arg("simulated", simulated_rows));
}

std::string PositionSql(const std::vector<LicensingRule>& rules, const std::string& as_of,
                        std::string_view hosts_source, const std::vector<SimulatedVm>& simulated) {
    std::string publisher = "CASE product";
    std::string metric = "CASE product";
    std::string round_total = "CASE product";
    std::string has_rule = "false";
    for (const LicensingRule& rule : rules) {
        publisher += fmt::format(" WHEN {} THEN {}", QuoteLiteral(rule.product), QuoteLiteral(rule.publisher));
        metric += fmt::format(" WHEN {} THEN {}", QuoteLiteral(rule.product), QuoteLiteral(rule.metric));
        round_total += fmt::format(" WHEN {} THEN {}", QuoteLiteral(rule.product), rule.round_total ? "true" : "false");
        has_rule += fmt::format(" OR product = {}", QuoteLiteral(rule.product));
    }
    publisher += " ELSE NULL::VARCHAR END";
    metric += " ELSE NULL::VARCHAR END";
    round_total += " ELSE false END";
    return fmt::format(R"({counted},
used AS (
    SELECT product, any_value(publisher) AS publisher, any_value(edition) AS edition,
           coalesce(sum(licenses) FILTER (WHERE NOT license_included AND host_type <> 'cloud'), 0) AS onprem,
           coalesce(sum(licenses) FILTER (WHERE NOT license_included AND host_type = 'cloud'), 0) AS cloud_byol,
           count(*) FILTER (WHERE license_included) AS included
    FROM counted GROUP BY product
),
-- The price of a shortfall is the latest purchase by the as-of date, in its currency (the earliest when all
-- were bought later); the owner of a product's position is its latest entitlement's cost center.
held AS (
    SELECT e.product, any_value(e.publisher) AS publisher, any_value(e.edition) AS edition,
           any_value(e.metric) AS metric,
           coalesce(sum(e.quantity) FILTER (WHERE {in_term}), 0) AS entitled,
           coalesce(arg_max(e.unit_cost, coalesce(e.purchase_date, e.term_start, DATE '1900-01-01'))
                        FILTER (WHERE coalesce(e.purchase_date, e.term_start, DATE '1900-01-01') <= a.as_of),
                    arg_min(e.unit_cost, coalesce(e.purchase_date, e.term_start, DATE '1900-01-01'))) AS unit_cost,
           coalesce(arg_max(e.currency, coalesce(e.purchase_date, e.term_start, DATE '1900-01-01'))
                        FILTER (WHERE coalesce(e.purchase_date, e.term_start, DATE '1900-01-01') <= a.as_of),
                    arg_min(e.currency, coalesce(e.purchase_date, e.term_start, DATE '1900-01-01'))) AS price_currency,
           arg_max(e.cost_center_id, coalesce(e.purchase_date, e.term_start, DATE '1900-01-01'))
               FILTER (WHERE e.cost_center_id IS NOT NULL) AS cost_center_id,
           coalesce(sum(e.quantity) FILTER (WHERE (e.term_end > a.as_of AND e.term_end <= a.as_of + 90)
                                              OR (e.maintenance_end > a.as_of AND e.maintenance_end <= a.as_of + 90)), 0)
               AS expiring_90d
    FROM entitlement AS e, as_of_date AS a
    GROUP BY e.product
),
joined AS (
    SELECT coalesce(h.product, u.product) AS product, coalesce(h.publisher, u.publisher) AS publisher_known,
           coalesce(h.edition, u.edition) AS edition, h.metric AS metric_known, h.price_currency AS currency,
           coalesce(h.entitled, 0) AS entitled, h.unit_cost, h.cost_center_id,
           coalesce(h.expiring_90d, 0) AS expiring_90d, coalesce(u.onprem, 0) AS onprem,
           coalesce(u.cloud_byol, 0) AS cloud_byol, coalesce(u.included, 0) AS included
    FROM held AS h FULL JOIN used AS u ON u.product = h.product
),
required AS MATERIALIZED (
    SELECT j.*, coalesce(j.publisher_known, {publisher}) AS publisher, coalesce(j.metric_known, {metric}) AS metric,
           {has_rule} AS has_rule, {round_total} AS round_total,
           CASE WHEN NOT ({has_rule}) THEN NULL
                WHEN {round_total} THEN ceil(j.onprem + j.cloud_byol) ELSE j.onprem + j.cloud_byol END AS required,
           coalesce(CASE WHEN {round_total} THEN ceil(r.without_rights) ELSE r.without_rights END, 0)
               AS without_rights, r.rights_short
    FROM joined AS j LEFT JOIN unrighted AS r USING (product)
),
product_positions AS MATERIALIZED (
    SELECT p.*, coalesce((SELECT sum(cost) FROM included_cost AS c WHERE c.product = p.product
                          AND c.currency IS NOT DISTINCT FROM p.currency), 0) AS license_included_cost,
           CASE WHEN p.required IS NOT NULL THEN greatest(p.required - p.entitled, p.without_rights, 0) END
               AS shortfall,
           CASE WHEN p.required IS NOT NULL THEN greatest(p.entitled - p.required, 0) END AS surplus
    FROM required AS p
))",
                       fmt::arg("counted", CountedSql(rules, as_of, hosts_source, simulated)),
                       fmt::arg("publisher", publisher), fmt::arg("metric", metric),
                       fmt::arg("round_total", round_total), fmt::arg("has_rule", has_rule),
                       fmt::arg("in_term", kInTerm));
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
} // namespace crosswalk::analyze::licensing
