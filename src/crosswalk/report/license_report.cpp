// `crosswalk report license-position` and `crosswalk explain license PRODUCT`: the licensing rules
// (rules/licensing.yaml over the shipped defaults) compiled to SQL and evaluated once per installation, the
// cloud bill read once per resource for the license-included signals. docs/licensing.md.
#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "crosswalk/analyze/license_counting.hpp"
#include "crosswalk/common/error.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/rules/licensing_rules.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::report {
namespace {

using licensing::CountedSql;
using licensing::RequireProduct;
using licensing::ResolveAsOf;
using licensing::SignalSql;
using rules::BillCondition;
using rules::HostCount;
using rules::LicensingRule;
using store::QuoteLiteral;

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
    if (options.product) {
        RequireProduct(connection, *options.product,
                       "SELECT product FROM installation UNION SELECT product FROM entitlement",
                       "no entitlement or installation of", "the products are");
    }
    const std::string filter =
        options.product ? fmt::format("WHERE product = {}", QuoteLiteral(*options.product)) : std::string();
    const std::string sql =
        fmt::format(R"(
WITH {positions}
SELECT publisher, product, edition, metric, entitled, onprem AS consumed_onprem, cloud_byol AS consumed_cloud_byol,
       required, included AS license_included_instances, license_included_cost, shortfall, surplus,
       CASE WHEN required IS NOT NULL THEN coalesce(shortfall * unit_cost, 0) END AS exposure, currency,
       expiring_90d
FROM product_positions
{filter}
ORDER BY publisher NULLS LAST, product)",
                    fmt::arg("positions", licensing::PositionSql(RulesOf(options), as_of)), fmt::arg("filter", filter));
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
                || coalesce('; BYOL needs an entitlement with ' || byol_right, '')
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
