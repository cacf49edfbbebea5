#include "crosswalk/enrich/enrichment.hpp"

#include <string_view>
#include <vector>

#include "crosswalk/common/version.hpp"
#include "crosswalk/enrich/default_mapping.hpp"
#include "crosswalk/rules/evaluate.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::enrich {
namespace {

using store::QuoteLiteral;

std::string KeyList(std::string_view alias, bool cast_tags) {
    std::string out;
    for (const std::string_view column : kEnrichmentKeyColumns) {
        out += out.empty() ? "" : ", ";
        out += alias.empty() ? "" : std::string(alias) + ".";
        out += column;
        if (cast_tags && column == "Tags") {
            out += "::VARCHAR";
        }
    }
    return out;
}

int64_t Count(store::Connection& connection, const std::string& sql) {
    return connection.Query(sql).ScalarInt64().value_or(0);
}

constexpr std::string_view kNewFiles =
    "SELECT id FROM source_file WHERE kind = 'focus' AND status = 'active' AND id NOT "
    "IN (SELECT source_file_id FROM enriched_source_file)";

// Brings enrichment_key up to date: keys of new files in, keys no line holds out (only after a restatement
// replaced rows of files already enriched: that is the only way lines of a seen file disappear).
void UpdateKeys(store::Connection& connection, EnrichmentSummary& summary) {
    summary.new_files = Count(connection, fmt::format("SELECT count(*) FROM ({})", kNewFiles));
    const bool restated =
        Count(connection, fmt::format("SELECT count(*) FROM billing_key b WHERE b.status = 'replaced' AND "
                                      "b.source_file_id IN (SELECT source_file_id FROM enriched_source_file) AND "
                                      "b.replaced_by_file_id IN ({})",
                                      kNewFiles)) > 0 ||
        Count(connection, "SELECT count(*) FROM enriched_source_file WHERE source_file_id NOT IN (SELECT id FROM "
                          "source_file WHERE kind = 'focus' AND status = 'active')") > 0;
    const int64_t before = Count(connection, "SELECT count(*) FROM enrichment_key");
    if (restated) {
        connection.Execute(
            fmt::format("DELETE FROM enrichment_key AS k WHERE NOT EXISTS (SELECT 1 FROM cost_line AS c WHERE {})",
                        KeysMatch("k", "c")));
        connection.Execute("DELETE FROM enriched_source_file WHERE source_file_id NOT IN (SELECT id FROM source_file "
                           "WHERE kind = 'focus' AND status = 'active')");
        summary.keys_removed = before - Count(connection, "SELECT count(*) FROM enrichment_key");
    }
    if (summary.new_files > 0) {
        connection.Execute(fmt::format("INSERT INTO enrichment_key ({0}) SELECT DISTINCT {1} FROM cost_line AS c WHERE "
                                       "c.source_file_id IN ({2}) EXCEPT SELECT {0} FROM enrichment_key",
                                       KeyList("", false), KeyList("c", true), kNewFiles));
        connection.Execute(fmt::format("INSERT INTO enriched_source_file SELECT id FROM ({})", kNewFiles));
    }
    summary.keys = Count(connection, "SELECT count(*) FROM enrichment_key");
    summary.keys_added = summary.keys - before + summary.keys_removed;
}

std::string SourceKindName(rules::DimensionSource source) {
    switch (source) {
    case rules::DimensionSource::kTag:
        return "tag";
    case rules::DimensionSource::kCmdb:
        return "cmdb";
    case rules::DimensionSource::kAccount:
        return "account";
    case rules::DimensionSource::kName:
        return "name";
    }
    return "tag";
}

// precedence(dimension, source_kind, rank): the declared order of every dimension, as rows.
std::string PrecedenceRelation(const rules::PrecedenceRules& precedence) {
    std::string rows;
    for (const char* dimension : rules::kEnrichedDimensions) {
        const std::vector<rules::DimensionSource>& order = precedence.For(dimension);
        for (size_t rank = 0; rank < order.size(); ++rank) {
            rows += fmt::format("{}({}, {}, {})", rows.empty() ? "" : ", ", QuoteLiteral(dimension),
                                QuoteLiteral(SourceKindName(order[rank])), rank);
        }
    }
    return "precedence(dimension, source_kind, rank) AS (VALUES " + rows + ")";
}

std::string DimensionList() {
    std::string out;
    for (const char* dimension : rules::kEnrichedDimensions) {
        out += fmt::format("{}{}", out.empty() ? "" : ", ", QuoteLiteral(dimension));
    }
    return out;
}

// The picked value and source of each dimension, one join per dimension on the key (a pivot by aggregation
// over all picks costs several times as much).
std::string DimensionColumns() {
    std::string out;
    for (const char* dimension : rules::kEnrichedDimensions) {
        out += fmt::format("{0}       d_{1}.value AS {1}, d_{1}.source AS {1}_source", out.empty() ? "" : ",\n",
                           dimension);
    }
    return out;
}

std::string DimensionJoins() {
    std::string out;
    for (const char* dimension : rules::kEnrichedDimensions) {
        out += fmt::format("{0}LEFT JOIN (SELECT key_id, value, source FROM all_pick WHERE dimension = {1}) AS d_{2} "
                           "ON d_{2}.key_id = k.key_id",
                           out.empty() ? "" : "\n", QuoteLiteral(dimension), dimension);
    }
    return out;
}

// The CMDB's side, over distinct resources and CIs only:
//   resource_link(ProviderName, ResourceId, ci_id): the CI of a resource, named by ci.resource_id or through
//     the asset whose resource_id it is (a direct CI first; then the smallest id, so the result is stable);
//   ci_application(start_ci, application): the nearest application CI above a CI through runs_on / depends_on
//     edges (the CI itself when it is one); none when two are equally near (a shared CI is allocation's matter);
//   application_service(application, business_service): the one business service that depends on it.
constexpr std::string_view kCmdbRelations = R"sql(
resource_input AS (
    SELECT DISTINCT ProviderName, ResourceId FROM enrichment_key WHERE ResourceId IS NOT NULL
),
resource_link AS MATERIALIZED (
    SELECT ProviderName, ResourceId, ci_id FROM (
        SELECT r.ProviderName, r.ResourceId, ci.ci_id, 0 AS via
        FROM resource_input AS r JOIN ci ON lower(ci.resource_id) = lower(r.ResourceId)
        UNION ALL
        SELECT r.ProviderName, r.ResourceId, a.ci_id, 1 AS via
        FROM resource_input AS r JOIN asset AS a ON lower(a.resource_id) = lower(r.ResourceId)
        WHERE a.ci_id IN (SELECT ci_id FROM ci)
    )
    QUALIFY row_number() OVER (PARTITION BY ProviderName, ResourceId ORDER BY via, ci_id) = 1
),
ci_up(start_ci, ci_id, depth) AS (
    SELECT DISTINCT ci_id, ci_id, 0 FROM resource_link
    UNION
    SELECT u.start_ci, r.parent_ci_id, u.depth + 1
    FROM ci_up AS u JOIN ci_relation AS r ON r.child_ci_id = u.ci_id
    WHERE r.relation_type IN ('runs_on', 'depends_on') AND u.depth < 8
),
ci_application AS (
    SELECT start_ci, min(ci_id) AS application FROM (
        SELECT u.start_ci, u.ci_id, u.depth, min(u.depth) OVER (PARTITION BY u.start_ci) AS nearest
        FROM ci_up AS u JOIN ci AS c ON c.ci_id = u.ci_id AND c.class = 'application'
    )
    WHERE depth = nearest
    GROUP BY start_ci
    HAVING count(DISTINCT ci_id) = 1
),
application_service AS (
    SELECT r.child_ci_id AS application, min(r.parent_ci_id) AS business_service
    FROM ci_relation AS r JOIN ci AS s ON s.ci_id = r.parent_ci_id AND s.class = 'business_service'
    WHERE r.relation_type = 'depends_on'
    GROUP BY r.child_ci_id
    HAVING count(DISTINCT r.parent_ci_id) = 1
),
-- A value that names an application by its CI id (any case) or by its name (when no other has that name)
-- becomes the CI id.
application_lookup AS (
    SELECT lookup, arg_min(ci_id, priority) AS ci_id FROM (
        SELECT lower(ci_id) AS lookup, ci_id, 0 AS priority FROM ci WHERE class = 'application'
        UNION ALL
        SELECT lower(name), ci_id, 1 FROM ci
        WHERE class = 'application' AND lower(name) IN (
            SELECT lower(name) FROM ci WHERE class = 'application' GROUP BY lower(name) HAVING count(*) = 1)
    )
    GROUP BY lookup
),
key_ci AS MATERIALIZED (
    SELECT k.key_id, l.ci_id
    FROM enrichment_key AS k JOIN resource_link AS l
      ON l.ProviderName IS NOT DISTINCT FROM k.ProviderName AND l.ResourceId = k.ResourceId
))sql";

// Rebuilds cost_dimension in one statement over the keys. Phase one picks each key's application by the
// precedence; phase two the other dimensions, where the CMDB's candidates are the resource's own CI first and
// then the picked application's CI (so an application named by a tag still brings its CMDB cost center).
// A business unit no source gives follows from the cost center (org). The taxonomy: an override
// (taxonomy.yaml) beats the shipped default of the key's service.
std::string DimensionSql(const rules::RuleSet& rules, const rules::SqlDialect& dialect) {
    return fmt::format(R"sql(
DELETE FROM cost_dimension;
INSERT INTO cost_dimension
WITH RECURSIVE
{precedence},
{cmdb},
tag_candidate AS (
    SELECT k.key_id, t.key AS dimension, 'tag' AS source_kind, t.value, t.source
    FROM enrichment_key AS k JOIN tag_set AS t ON t.tags = k.Tags
    WHERE t.key IN ({dimensions}) AND trim(t.value) <> ''
),
name_candidate AS (
    SELECT k.key_id, n.dimension, 'name' AS source_kind, n.value, n.source
    FROM enrichment_key AS k JOIN name_dimension AS n
      ON n.provider IS NOT DISTINCT FROM k.ProviderName AND n.resource_id IS NOT DISTINCT FROM k.ResourceId
     AND n.resource_name IS NOT DISTINCT FROM k.ResourceName
    WHERE n.dimension IN ({dimensions})
),
account_default AS (
{accounts}
),
account_candidate AS (
    SELECT k.key_id, a.dimension, 'account' AS source_kind, a.value, a.source
    FROM enrichment_key AS k JOIN account_default AS a
      ON a.ProviderName IS NOT DISTINCT FROM k.ProviderName AND a.BillingAccountId IS NOT DISTINCT FROM k.BillingAccountId
     AND a.SubAccountId IS NOT DISTINCT FROM k.SubAccountId
),
stated AS MATERIALIZED (
    SELECT c.key_id, c.dimension, c.source_kind,
           CASE WHEN c.dimension = 'application' THEN coalesce(l.ci_id, c.value) ELSE c.value END AS value, c.source
    FROM (SELECT * FROM tag_candidate UNION ALL SELECT * FROM name_candidate UNION ALL SELECT * FROM account_candidate)
         AS c
    LEFT JOIN application_lookup AS l
      ON l.lookup = CASE WHEN c.dimension = 'application' THEN lower(c.value) END
),
application_candidate AS (
    SELECT key_id, dimension, source_kind, value, source, 0 AS sub_rank FROM stated WHERE dimension = 'application'
    UNION ALL
    SELECT kc.key_id, 'application', 'cmdb', ca.application, 'cmdb:' || kc.ci_id, 0
    FROM key_ci AS kc JOIN ci_application AS ca ON ca.start_ci = kc.ci_id
),
application_pick AS MATERIALIZED (
    SELECT c.key_id, c.dimension, c.value, c.source
    FROM application_candidate AS c
    JOIN precedence AS p ON p.dimension = c.dimension AND p.source_kind = c.source_kind
    QUALIFY row_number() OVER (PARTITION BY c.key_id ORDER BY p.rank, c.sub_rank, c.source) = 1
),
resource_ci_value AS (
    SELECT kc.key_id, ci.ci_id, ci.cost_center_id, ci.owner, ci.environment, ci.business_unit_id
    FROM key_ci AS kc JOIN ci ON ci.ci_id = kc.ci_id
),
application_ci_value AS (
    SELECT a.key_id, ci.ci_id, ci.cost_center_id, ci.owner, ci.business_unit_id, s.business_service
    FROM application_pick AS a JOIN ci ON ci.ci_id = a.value
    LEFT JOIN application_service AS s ON s.application = ci.ci_id
),
cmdb_candidate AS (
    SELECT key_id, dimension, 'cmdb' AS source_kind, value, 'cmdb:' || ci_id AS source, sub_rank FROM (
        SELECT key_id, ci_id, 0 AS sub_rank, 'cost_center' AS dimension, cost_center_id AS value FROM resource_ci_value
        UNION ALL SELECT key_id, ci_id, 0, 'owner', owner FROM resource_ci_value
        UNION ALL SELECT key_id, ci_id, 0, 'environment', environment FROM resource_ci_value
        UNION ALL SELECT key_id, ci_id, 0, 'business_unit', business_unit_id FROM resource_ci_value
        UNION ALL SELECT key_id, ci_id, 1, 'cost_center', cost_center_id FROM application_ci_value
        UNION ALL SELECT key_id, ci_id, 1, 'owner', owner FROM application_ci_value
        UNION ALL SELECT key_id, ci_id, 1, 'business_unit', business_unit_id FROM application_ci_value
        UNION ALL SELECT key_id, ci_id, 1, 'business_service', business_service FROM application_ci_value
    )
    WHERE trim(value) <> ''
),
other_pick AS (
    SELECT c.key_id, c.dimension, c.value, c.source
    FROM (SELECT key_id, dimension, source_kind, value, source, 0 AS sub_rank FROM stated
          WHERE dimension <> 'application'
          UNION ALL SELECT * FROM cmdb_candidate) AS c
    JOIN precedence AS p ON p.dimension = c.dimension AND p.source_kind = c.source_kind
    QUALIFY row_number() OVER (PARTITION BY c.key_id, c.dimension ORDER BY p.rank, c.sub_rank, c.source) = 1
),
picked AS MATERIALIZED (
    SELECT * FROM application_pick UNION ALL SELECT * FROM other_pick
),
business_unit_fill AS (
    SELECT p.key_id, 'business_unit' AS dimension, cc.business_unit_id AS value, 'org:' || cc.cost_center_id AS source
    FROM picked AS p JOIN cost_center AS cc ON cc.cost_center_id = p.value
    WHERE p.dimension = 'cost_center' AND cc.business_unit_id IS NOT NULL
      AND p.key_id NOT IN (SELECT key_id FROM picked WHERE dimension = 'business_unit')
),
all_pick AS MATERIALIZED (
    SELECT * FROM picked UNION ALL SELECT * FROM business_unit_fill
),
taxonomy_override AS (
{overrides}
)
SELECT k.*,
{dimension_columns},
       coalesce(o.cost_pool, t.cost_pool),
       CASE WHEN o.cost_pool IS NOT NULL THEN o.cost_pool_source ELSE t.cost_pool_source END,
       CASE WHEN o.tower IS NOT NULL THEN o.tower ELSE t.tower END,
       CASE WHEN o.tower IS NOT NULL THEN o.tower_source ELSE t.tower_source END,
       CASE WHEN o.tower IS NOT NULL THEN o.sub_tower ELSE t.sub_tower END,
       CASE WHEN o.tower IS NOT NULL THEN o.tower_source WHEN t.sub_tower IS NOT NULL THEN t.tower_source END,
       o.solution, o.solution_source
FROM enrichment_key AS k
{dimension_joins}
LEFT JOIN taxonomy_override AS o ON o.key_id = k.key_id
LEFT JOIN cloud_service_taxonomy AS t
  ON t.ProviderName IS NOT DISTINCT FROM k.ProviderName AND t.ServiceCategory IS NOT DISTINCT FROM k.ServiceCategory
 AND t.ServiceSubcategory IS NOT DISTINCT FROM k.ServiceSubcategory AND t.ServiceName IS NOT DISTINCT FROM k.ServiceName;
)sql",
                       fmt::arg("precedence", PrecedenceRelation(rules.precedence)), fmt::arg("cmdb", kCmdbRelations),
                       fmt::arg("dimensions", DimensionList()), fmt::arg("dimension_columns", DimensionColumns()),
                       fmt::arg("dimension_joins", DimensionJoins()),
                       fmt::arg("accounts", dialect.AccountDefaults(rules.accounts, "enrichment_key")),
                       fmt::arg("overrides", dialect.TaxonomyOverrides(rules.taxonomy, "enrichment_key")));
}

// A fingerprint of what enrichment reads besides the rules: every active source file (its id and content) and
// the crosswalk version (a new version may decide differently).
std::string InputsFingerprint(store::Connection& connection) {
    return connection
        .Prepare("SELECT $1 || ':' || coalesce(string_agg(id || '=' || content_sha256, ',' ORDER BY id), '') FROM "
                 "source_file WHERE status = 'active'")
        .Execute(std::string_view(kVersion))
        .ScalarString()
        .value_or("");
}

void Summarize(store::Connection& connection, EnrichmentSummary& summary) {
    summary.keys = Count(connection, "SELECT count(*) FROM enrichment_key");
    store::Result by_source = connection.Query(
        "SELECT coalesce(enrichment_source_kind(application_source), 'none'), count(*) FROM cost_dimension GROUP BY 1");
    while (auto chunk = by_source.NextChunk()) {
        for (uint64_t row = 0; row < chunk->Size(); ++row) {
            summary.application_keys_by_source[std::string(chunk->Column(0).String(row))] = chunk->Column(1).Int64(row);
        }
    }
    summary.keys_with_tower = Count(connection, "SELECT count(*) FROM cost_dimension WHERE tower IS NOT NULL");
}

} // namespace

std::string KeysMatch(std::string_view key, std::string_view line) {
    std::string out;
    for (const std::string_view column : kEnrichmentKeyColumns) {
        out += fmt::format("{}{}.{} IS NOT DISTINCT FROM {}.{}{}", out.empty() ? "" : " AND ", key, column, line,
                           column, column == "Tags" ? "::VARCHAR" : "");
    }
    return out;
}

EnrichmentSummary Enrich(store::Transaction& transaction, const rules::RuleSet& rules) {
    store::Connection& connection = transaction.GetConnection();
    EnrichmentSummary summary;
    summary.rules_sha256 = rules.sha256;
    const std::string inputs = InputsFingerprint(connection);
    summary.unchanged = connection
                            .Prepare("SELECT count(*) FROM enrichment_state WHERE rules_sha256 IS NOT DISTINCT FROM "
                                     "nullif($1, '') AND inputs = $2")
                            .Execute(std::string_view(rules.sha256), std::string_view(inputs))
                            .ScalarInt64()
                            .value_or(0) > 0;
    if (summary.unchanged) {
        Summarize(connection, summary);
        return summary;
    }
    UpdateKeys(connection, summary);

    rules::EvaluationSources sources;
    sources.tags = {"enrichment_key", "Tags"};
    sources.names = {"enrichment_key", "ProviderName", "ResourceId", "ResourceName"};
    const rules::DuckDbDialect dialect;
    const rules::Evaluation evaluation = rules::EvaluateRules(transaction, rules, sources, dialect);
    summary.tag_sets = evaluation.tag_sets;
    summary.names = evaluation.names;

    (void)MapCloudServicesToTaxonomy(transaction);
    (void)MapLedgerAccountsToCostPools(transaction, rules.taxonomy);
    (void)MapAssetTypesToTowers(transaction, rules.taxonomy);
    connection.Execute(DimensionSql(rules, dialect));

    Summarize(connection, summary);
    connection.Execute("DELETE FROM enrichment_state");
    connection.Prepare("INSERT INTO enrichment_state VALUES (nullif($1, ''), $2, current_timestamp AT TIME ZONE 'UTC')")
        .Execute(std::string_view(rules.sha256), std::string_view(inputs));
    return summary;
}

} // namespace crosswalk::enrich
