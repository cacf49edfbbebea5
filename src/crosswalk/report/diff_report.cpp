// `crosswalk diff [RUN1 RUN2]`: what moved where between two allocations, and why, read like a plan: per month,
// cost center and application, before -> after, and the direct cost or the steps that changed it.
#include <fmt/format.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::report {
namespace {

int64_t Count(store::Connection& connection, const std::string& sql) {
    return connection.Query(sql).ScalarInt64().value_or(0);
}

// Why direct cost differs between the runs: their inputs (every active file's hash), else their rules.
std::string DirectReason(store::Connection& connection, int64_t before, int64_t after) {
    const auto differ = [&](const std::string& sql) {
        return Count(connection, fmt::format(fmt::runtime(sql), before, after)) > 0;
    };
    if (differ("SELECT count(*) FROM run AS a, run AS b WHERE a.id = {} AND b.id = {} AND a.inputs_sha256 IS "
               "DISTINCT FROM b.inputs_sha256")) {
        return "the loaded files changed: a bill or source loaded, restated or removed";
    }
    if (differ("SELECT count(*) FROM allocation_run AS a, allocation_run AS b WHERE a.run_id = {} AND b.run_id = {} "
               "AND a.rules_sha256 IS DISTINCT FROM b.rules_sha256")) {
        return "the rules changed: tags, names, accounts or precedence put cost elsewhere";
    }
    return "the cost lines changed";
}

} // namespace

ReportTable DiffReport(store::Connection& connection, const DiffOptions& options) {
    int64_t before = options.before.value_or(0);
    int64_t after = options.after.value_or(0);
    if (!options.before || !options.after) {
        const auto latest =
            connection.Query("SELECT run_id::VARCHAR FROM allocation_run ORDER BY run_id DESC LIMIT 2").TextRows();
        if (latest.size() < 2) {
            Throw(ErrorKind::kNotFound, "diff needs two allocations; {} so far: `crosswalk run` makes one each time",
                  latest.size());
        }
        after = std::stoll(*latest[0][0]);
        before = std::stoll(*latest[1][0]);
    }
    for (const int64_t run : {before, after}) {
        if (Count(connection, fmt::format("SELECT count(*) FROM allocation_run WHERE run_id = {}", run)) == 0) {
            Throw(ErrorKind::kNotFound, "run {} made no allocation; the runs that did: {}", run,
                  connection
                      .Query("SELECT coalesce(string_agg(run_id::VARCHAR, ', ' ORDER BY run_id), 'none') FROM "
                             "allocation_run")
                      .ScalarString()
                      .value_or("none"));
        }
    }
    // Origins: direct cost (step 0), what a step took from here ('taken by <step>'), what a step gave here (its
    // name). A step's reason: added, removed, its rule changed, its driver file changed, or only what reached its
    // pool.
    const std::string rows =
        fmt::format(R"(
WITH side AS (
    SELECT l.run_id, l.period, l.currency, l.cost_center, l.application,
           CASE WHEN l.step = 0 THEN '' WHEN l.weight IS NULL THEN 'taken by ' || s.name ELSE l.shared_from END
               AS origin,
           sum(l.billed_cost) AS billed, sum(l.effective_cost) AS effective
    FROM allocation_line AS l
    LEFT JOIN allocation_step AS s ON s.run_id = l.run_id AND s.step = l.step
    WHERE l.run_id IN ({before}, {after}) GROUP BY ALL),
joined AS (
    SELECT coalesce(a.period, b.period) AS period, coalesce(a.currency, b.currency) AS currency,
           coalesce(a.cost_center, b.cost_center) AS cost_center, coalesce(a.application, b.application) AS application,
           coalesce(a.origin, b.origin) AS origin,
           coalesce(a.billed, 0) AS billed_before, coalesce(b.billed, 0) AS billed_after,
           coalesce(a.effective, 0) AS effective_before, coalesce(b.effective, 0) AS effective_after
    FROM (SELECT * FROM side WHERE run_id = {before}) AS a
    FULL JOIN (SELECT * FROM side WHERE run_id = {after}) AS b
      ON a.period = b.period AND a.currency IS NOT DISTINCT FROM b.currency
     AND a.cost_center IS NOT DISTINCT FROM b.cost_center AND a.application IS NOT DISTINCT FROM b.application
     AND a.origin = b.origin),
steps AS (
    SELECT coalesce(x.name, y.name) AS name,
           CASE WHEN x.name IS NULL THEN 'step added, ' || y.rule
                WHEN y.name IS NULL THEN 'step removed'
                WHEN x.method <> y.method OR x.to_dimension <> y.to_dimension
                     OR x.from_period IS DISTINCT FROM y.from_period OR x.until_period IS DISTINCT FROM y.until_period
                     OR x.driver_file IS DISTINCT FROM y.driver_file
                     OR (x.definition IS NOT NULL AND y.definition IS NOT NULL AND x.definition <> y.definition)
                    THEN 'rule changed, ' || y.rule
                WHEN x.driver_sha256 IS DISTINCT FROM y.driver_sha256 THEN 'driver file ' || y.driver_file || ' changed'
                ELSE 'what reached its pool changed' END AS reason
    FROM (SELECT * FROM allocation_step WHERE run_id = {before}) AS x
    FULL JOIN (SELECT * FROM allocation_step WHERE run_id = {after}) AS y ON x.name = y.name),
moved AS (
    SELECT j.*, CASE WHEN j.origin = '' THEN 'direct cost' ELSE j.origin END || ' '
               || CASE WHEN j.effective_after >= j.effective_before THEN '+' ELSE '' END
               || CAST(CAST(money_round(j.effective_after - j.effective_before, j.currency) AS DECIMAL(38,2)) AS VARCHAR)
               || ' (' || CASE WHEN j.origin = '' THEN {direct_reason} ELSE coalesce(s.reason, '?') END || ')' AS what
    FROM joined AS j
    LEFT JOIN steps AS s
      ON s.name = CASE WHEN starts_with(j.origin, 'taken by ') THEN substr(j.origin, 10) ELSE j.origin END
    WHERE j.effective_after <> j.effective_before OR j.billed_after <> j.billed_before)
SELECT period, cost_center, application, sum(effective_before) AS before_effective,
       sum(effective_after) AS after_effective, sum(effective_after - effective_before) AS change_effective,
       sum(billed_after - billed_before) AS change_billed, currency,
       string_agg(what, '; ' ORDER BY origin <> '', origin) AS why
FROM moved
GROUP BY period, cost_center, application, currency
ORDER BY period, currency NULLS LAST, abs(sum(effective_after - effective_before)) DESC, cost_center NULLS LAST,
         application NULLS LAST)",
                    fmt::arg("before", before), fmt::arg("after", after),
                    fmt::arg("direct_reason", store::QuoteLiteral(DirectReason(connection, before, after))));
    std::vector<ReportColumn> columns = {
        {"period", ColumnType::kText, 0, ""},
        {"cost_center", ColumnType::kText, 0, "(unallocated)"},
        {"application", ColumnType::kText, 0, "(none)"},
        {"before_effective", ColumnType::kMoney, 2, ""},
        {"after_effective", ColumnType::kMoney, 2, ""},
        {"change_effective", ColumnType::kMoney, 2, ""},
        {"change_billed", ColumnType::kMoney, 2, ""},
        {"currency", ColumnType::kText, 0, "(none)"},
        {"why", ColumnType::kText, 0, ""},
    };
    return RunReportQuery(connection, "diff",
                          fmt::format("what moved between the allocations of run {} and run {}", before, after),
                          std::move(columns), rows);
}

} // namespace crosswalk::report
