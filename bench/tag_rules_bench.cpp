// Tag normalization once per distinct tag set (crosswalk's rules) against the same normalization written by
// hand over every row, in one in-memory DuckDB and one run:
//   crosswalk_tag_rules_bench ROWS DISTINCT_TAG_SETS [THREADS]
// Both sides produce the (row, canonical key, value) pairs of the application and environment tags; the
// program checks that they agree and prints the time of each. Figures and how to read them: docs/rules.md.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <fmt/format.h>

#include "crosswalk/rules/rule_set.hpp"
#include "crosswalk/rules/sql_dialect.hpp"
#include "crosswalk/store/connection.hpp"
#include "crosswalk/store/database.hpp"

namespace {

using namespace crosswalk;

double Seconds(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

constexpr const char* kRules = R"(keys:
  application:
    aliases: [app, Application-Name]
    case: lower
    values:
      payments: APP-PAY
  environment:
    aliases: [env]
    case: lower
    values:
      prd: production
      dev: development
)";

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s ROWS DISTINCT_TAG_SETS [THREADS]\n", argv[0]);
        return 2;
    }
    const int64_t rows = std::atoll(argv[1]);
    const int64_t distinct = std::atoll(argv[2]);
    try {
        store::DatabaseOptions options;
        store::Database database = store::Database::OpenInMemory(options);
        store::Connection connection(database);
        if (argc > 3) {
            connection.Execute(fmt::format("SET threads = {}", std::atoi(argv[3])));
        }
        // DISTINCT tag sets: four spellings of the application key, mixed-case values, two environments.
        connection.Execute(fmt::format(
            "CREATE TABLE cost_line AS SELECT i AS row_id, ('{{\"' || (['app', 'App', 'application', "
            "'Application-Name'])[(h % 4) + 1] || '\":\"' || ('App ' || h) || '\",\"' || (CASE WHEN h % 2 = 0 THEN "
            "'env' ELSE 'Environment' END) || '\":\"' || (CASE WHEN h % "
            "5 = 0 THEN 'dev' ELSE 'PRD' END) || '\"}}')::JSON AS Tags FROM (SELECT i, (i * 7919) % {} AS h FROM "
            "range({}) t(i))",
            distinct, rows));
        const rules::TagRules tag_rules = rules::ParseTagRules("rules/tags.yaml", kRules);
        const rules::DuckDbDialect dialect;

        // crosswalk: normalize each distinct tag set once, then join back by equality on the tag set.
        auto start = std::chrono::steady_clock::now();
        connection.Execute("CREATE OR REPLACE TABLE tag_set AS " +
                           dialect.TagNormalization(tag_rules, rules::TagSource{}));
        const double evaluate = Seconds(start);
        start = std::chrono::steady_clock::now();
        const std::string ours =
            connection
                .Query("SELECT count(*)::VARCHAR || ' ' || bit_xor(hash(c.row_id, t.key, t.value))::VARCHAR FROM "
                       "cost_line c JOIN tag_set t ON c.Tags::VARCHAR = t.tags WHERE t.key IN ('application', "
                       "'environment')")
                .ScalarString()
                .value_or("");
        const double join = Seconds(start);

        // By hand: the same normalization over every row (json_each per row, alias and value-map joins).
        start = std::chrono::steady_clock::now();
        const std::string by_hand =
            connection
                .Query(
                    R"(WITH alias(spelling, canonical) AS (VALUES ('application', 'application'), ('app', 'application'),
        ('application-name', 'application'), ('environment', 'environment'), ('env', 'environment')),
    value_map(key, from_value, to_value) AS (VALUES ('application', 'payments', 'APP-PAY'),
        ('environment', 'prd', 'production'), ('environment', 'dev', 'development')),
    pairs AS (
        SELECT c.row_id, a.canonical AS key,
               lower(regexp_replace(regexp_replace(e.value ->> '$', '^\s+|\s+$', '', 'g'), '\s+', ' ', 'g')) AS value
        FROM cost_line c, json_each(c.Tags) e JOIN alias a ON lower(e.key) = a.spelling)
SELECT count(*)::VARCHAR || ' ' || bit_xor(hash(p.row_id, p.key, coalesce(m.to_value, p.value)))::VARCHAR
FROM pairs p LEFT JOIN value_map m ON m.key = p.key AND m.from_value = p.value)")
                .ScalarString()
                .value_or("");
        const double hand = Seconds(start);
        const int64_t tag_sets = connection.Query("SELECT count(DISTINCT tags) FROM tag_set").ScalarInt64().value_or(0);
        std::printf("rows %lld, distinct tag sets %lld: crosswalk evaluate %.3f s + join back %.3f s = %.3f s; "
                    "per-row by hand %.3f s; results %s\n",
                    static_cast<long long>(rows), static_cast<long long>(tag_sets), evaluate, join, evaluate + join,
                    hand, ours == by_hand ? "agree" : ("DIFFER: " + ours + " vs " + by_hand).c_str());
        return ours == by_hand ? 0 : 1;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "error: %s\n", error.what());
        return 1;
    }
}
