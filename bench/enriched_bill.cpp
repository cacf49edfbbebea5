#include "enriched_bill.hpp"

#include <string>

#include <fmt/format.h>

namespace crosswalk::bench {
namespace {

constexpr const char* kTagRules = R"(keys:
  application:
    aliases: [app, Application-Name]
    case: lower
  environment:
    aliases: [env]
    case: lower
    values:
      prd: production
)";

constexpr const char* kNamingRules = R"(patterns:
  - name: standard
    regex: '^(?<environment>prd|dev)-(?<application>app[0-9]+)-'
)";

} // namespace

// The bill: resource r = row mod DISTINCT; 40 applications, 20 sub accounts, 6 services; every eighth resource
// untagged, and half of those linked to a CI of their application.
void GenerateEnrichedBill(store::Connection& connection, int64_t rows, int64_t resources) {
    connection.Execute(fmt::format(R"sql(
INSERT INTO source_file (id, kind, path, content_sha256, size_bytes, format)
VALUES (1, 'focus', 'bench.csv', repeat('0', 64), 0, 'csv');
INSERT INTO ci (ci_id, class, name, cost_center_id)
SELECT 'app' || a, 'application', 'Application ' || a, 'CC-' || (a % 10) FROM range(40) t(a);
INSERT INTO ci (ci_id, class, name, resource_id)
SELECT 'CI-' || r, 'cloud_resource', 'legacy-' || r, 'res-' || r FROM range({1}) t(r) WHERE r % 16 = 7;
INSERT INTO ci_relation (parent_ci_id, child_ci_id, relation_type)
SELECT 'app' || (r % 40), 'CI-' || r, 'runs_on' FROM range({1}) t(r) WHERE r % 16 = 7;
INSERT INTO cost_line (source_file_id, source_row, ProviderName, BillingAccountId, SubAccountId, ResourceId,
                       ResourceName, Tags, ServiceCategory, ServiceName, SkuId, BilledCost, EffectiveCost,
                       BillingCurrency, ChargePeriodStart)
SELECT 1, i, 'AWS', '100000000000', 'sub-' || (r % 20), 'res-' || r,
       CASE WHEN r % 16 = 7 THEN 'legacy-' || r ELSE (CASE WHEN r % 5 = 0 THEN 'dev' ELSE 'prd' END) || '-app' ||
            (r % 40) || '-vm-' || r END,
       CASE WHEN r % 8 = 7 THEN NULL
            ELSE ('{{"' || (['app', 'App', 'application', 'Application-Name'])[(r % 4) + 1] || '":"APP' || (r % 40) ||
                  '","env":"' || (CASE WHEN r % 5 = 0 THEN 'dev' ELSE 'PRD' END) || '"}}')::JSON END,
       (['Compute', 'Storage', 'Databases', 'Networking', 'Analytics', 'Compute'])[(r % 6) + 1],
       (['Amazon Elastic Compute Cloud', 'Amazon Simple Storage Service', 'Amazon Relational Database Service',
         'Amazon Virtual Private Cloud', 'Amazon Athena', 'AWS Lambda'])[(r % 6) + 1],
       'sku-' || (r % 6), ((i % 997) * 0.0137)::DECIMAL(38, 18), ((i % 991) * 0.0131)::DECIMAL(38, 18), 'USD',
       TIMESTAMP '2026-01-01' + INTERVAL (i % 31) DAY
FROM (SELECT i, (i * 7919) % {1} AS r FROM range({0}) t(i));
)sql",
                                   rows, resources));
}

rules::RuleSet BenchRules() {
    rules::RuleSet rules;
    rules.tags = rules::ParseTagRules("rules/tags.yaml", kTagRules);
    rules.naming = rules::ParseNamingRules("rules/naming.yaml", kNamingRules);
    rules.sha256 = std::string(64, 'a');
    return rules;
}

} // namespace crosswalk::bench
