#include "crosswalk/allocate/allocation.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "crosswalk/allocate/step_weights.hpp"
#include "crosswalk/common/error.hpp"
#include "crosswalk/enrich/enrichment.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::allocate {
namespace {

using store::QuoteIdentifier;
using store::QuoteLiteral;

// The columns a position (and a ledger row) is held by: the pool columns, then the step that shared it.
std::string HolderColumns(std::string_view alias = "") {
    std::string out;
    for (const char* column : rules::kAllocationPoolColumns) {
        out += fmt::format("{}{}{}", out.empty() ? "" : ", ", alias.empty() ? "" : std::string(alias) + ".",
                           QuoteIdentifier(column));
    }
    return out;
}

// A pool is the cost a step selects in one month and billing currency with one provider and one place in the
// taxonomy (cost pool, tower, sub-tower, service category and subcategory): a share keeps these, so a later
// step can still select it by them (TBM layers) and statements can show license and support cost.
constexpr std::string_view kPoolKey[] = {"ProviderName", "cost_pool",       "tower",
                                         "sub_tower",    "ServiceCategory", "ServiceSubcategory"};

bool IsPoolKey(std::string_view column) {
    return std::find(std::begin(kPoolKey), std::end(kPoolKey), column) != std::end(kPoolKey);
}

std::string PoolKeyList(std::string_view alias = "") {
    std::string out;
    for (const std::string_view column : kPoolKey) {
        out += fmt::format(", {}{}", alias.empty() ? "" : std::string(alias) + ".", column);
    }
    return out;
}

// What a share carries: the target's dimensions and the pool's key; the rest NULL. Named as the holder
// columns.
std::string ShareColumns() {
    std::string out;
    for (const std::string_view column : rules::kAllocationPoolColumns) {
        std::string value = "NULL";
        if (column == "application" || column == "business_service" || column == "cost_center" ||
            column == "business_unit" || column == "owner") {
            value = fmt::format("t.{}", column);
        } else if (IsPoolKey(column)) {
            value = fmt::format("p.{}", column);
        }
        out += fmt::format("{}{} AS {}", out.empty() ? "" : ", ", value, QuoteIdentifier(column));
    }
    return out;
}

// A step's definition as one line of text, the same for the same step however the YAML is written (flow or
// block style, comments, line numbers): what `crosswalk diff` compares to say a step's rule changed.
std::string StepDefinition(const rules::AllocationStep& step) {
    std::string pool;
    for (const rules::PoolCondition& condition : step.pool) {
        std::string values;
        for (const std::optional<std::string>& value : condition.values) {
            values += fmt::format("{}{}", values.empty() ? "" : ", ", value ? QuoteLiteral(*value) : "null");
        }
        pool += fmt::format("{}{}: [{}]", pool.empty() ? "" : ", ", condition.column, values);
    }
    std::string weights;
    for (const rules::FixedWeight& weight : step.weights) {
        weights += fmt::format("{}{}: {}", weights.empty() ? "" : ", ", QuoteLiteral(weight.target), weight.percent);
    }
    std::string targets;
    for (const std::string& target : step.targets) {
        targets += fmt::format("{}{}", targets.empty() ? "" : ", ", QuoteLiteral(target));
    }
    return fmt::format("pool {{{}}}; to {}; method {}; targets [{}]; weights {{{}}}; proportional_to '{}'; driver "
                       "'{}' {}/{}/{}; from '{}' until '{}'",
                       pool, step.to, rules::MethodName(step.method), targets, weights, step.proportional_to,
                       step.driver.file, step.driver.date_column, step.driver.target_column,
                       step.driver.quantity_column, step.from, step.until);
}

int64_t Count(store::Connection& connection, const std::string& sql) {
    return connection.Query(sql).ScalarInt64().value_or(0);
}

bool IsDimension(std::string_view column) {
    constexpr std::string_view kDimensions[] = {"application", "business_service", "cost_center", "business_unit",
                                                "owner",       "environment",      "cost_pool",   "tower",
                                                "sub_tower",   "solution"};
    return std::find(std::begin(kDimensions), std::end(kDimensions), column) != std::end(kDimensions);
}

// Brings cost_line_sum (migration 0009) up to date: a file whose lines changed since it was summed (their
// count or total: a restatement took rows of it) or that has none any more is taken out; a file not summed yet
// is summed. So a run reads every line's file and amounts (to tell), but groups only new and restated files.
void UpdateCostLineSums(store::Connection& connection, AllocationSummary& summary) {
    std::string keys;
    for (const std::string_view column : enrich::kEnrichmentKeyColumns) {
        keys += fmt::format(", {}{}", column, column == "Tags" ? "::VARCHAR" : "");
    }
    connection.Execute(R"sql(
CREATE OR REPLACE TEMP TABLE alloc_file_lines AS
SELECT source_file_id, count(*) AS lines, CAST(sum(BilledCost) AS DECIMAL(38,18)) AS billed_cost,
       CAST(sum(EffectiveCost) AS DECIMAL(38,18)) AS effective_cost
FROM cost_line GROUP BY source_file_id;
CREATE OR REPLACE TEMP TABLE alloc_stale_file AS
SELECT f.source_file_id FROM cost_line_sum_file AS f LEFT JOIN alloc_file_lines AS c USING (source_file_id)
WHERE c.lines IS DISTINCT FROM f.lines OR c.billed_cost IS DISTINCT FROM f.billed_cost
   OR c.effective_cost IS DISTINCT FROM f.effective_cost;
DELETE FROM cost_line_sum WHERE source_file_id IN (SELECT source_file_id FROM alloc_stale_file);
DELETE FROM cost_line_sum_file WHERE source_file_id IN (SELECT source_file_id FROM alloc_stale_file);
CREATE OR REPLACE TEMP TABLE alloc_new_file AS
SELECT * FROM alloc_file_lines WHERE source_file_id NOT IN (SELECT source_file_id FROM cost_line_sum_file);)sql");
    connection.Execute(fmt::format(R"sql(
INSERT INTO cost_line_sum
SELECT source_file_id, strftime(ChargePeriodStart, '%Y-%m'), BillingCurrency{keys}, ChargeCategory,
       CommitmentDiscountStatus, ConsumedUnit, CAST(sum(BilledCost) AS DECIMAL(38,18)), CAST(sum(EffectiveCost) AS DECIMAL(38,18)),
       CAST(sum(ConsumedQuantity) AS DECIMAL(38,18)), count(*)
FROM cost_line
WHERE source_file_id IN (SELECT source_file_id FROM alloc_new_file)
GROUP BY ALL;
INSERT INTO cost_line_sum_file SELECT source_file_id, lines, billed_cost, effective_cost FROM alloc_new_file;)sql",
                                   fmt::arg("keys", keys)));
    summary.files_summed = Count(connection, "SELECT count(*) FROM alloc_new_file");
    summary.files_unchanged = Count(connection, "SELECT count(*) FROM cost_line_sum_file") - summary.files_summed;
}

// The ledger's first rows: the cost lines of each month, currency and set of dimensions, summed (from
// cost_line_sum joined with the dimensions of its keys, as cost_line_enriched joins them), become the
// positions the steps take from.
void PlaceDirectCost(store::Connection& connection, int64_t run_id, AllocationSummary& summary) {
    UpdateCostLineSums(connection, summary);
    std::string holders;
    for (const char* column : rules::kAllocationPoolColumns) {
        holders += fmt::format("{}{}.{}", holders.empty() ? "" : ", ", IsDimension(column) ? "d" : "s",
                               QuoteIdentifier(column));
    }
    const std::string match = enrich::KeysMatch("d", "s");
    connection.Execute(fmt::format(R"sql(
CREATE OR REPLACE TEMP TABLE alloc_position AS
SELECT row_number() OVER () AS position_id, *
FROM (SELECT s.period, s.currency, {holders},
             NULL::VARCHAR AS shared_from,
             CAST(sum(s.billed_cost) AS DECIMAL(38,18)) AS billed_cost,
             CAST(sum(s.effective_cost) AS DECIMAL(38,18)) AS effective_cost,
             CAST(sum(s.consumed_quantity) AS DECIMAL(38,18)) AS consumed_quantity,
             CAST(sum(s.cost_lines) AS BIGINT) AS cost_lines
      FROM cost_line_sum AS s
      LEFT JOIN cost_dimension AS d ON {match}
      GROUP BY ALL))sql",
                                   fmt::arg("holders", holders), fmt::arg("match", match)));
    connection.Execute(
        fmt::format("INSERT INTO allocation_line SELECT {}, 0, period, currency, {}, shared_from, "
                    "billed_cost, effective_cost, consumed_quantity, cost_lines, NULL FROM alloc_position",
                    run_id, HolderColumns()));
}

struct StepOutcome {
    int64_t pools = 0;
    int64_t pools_left = 0;
    std::string left_months; // "2026-03, 2026-04"
};

// One step: select its pool from the positions, weigh its targets, split each pool exactly on both bases, and
// write the moves: each position taken out (negated), each share put on its target.
StepOutcome RunStep(store::Connection& connection, const rules::AllocationStep& step, int number,
                    const std::map<std::string, int>& step_numbers, const std::filesystem::path& workspace_root,
                    int64_t run_id) {
    std::string months;
    if (!step.from.empty()) {
        months += fmt::format(" AND period >= {}", QuoteLiteral(step.from));
    }
    if (!step.until.empty()) {
        months += fmt::format(" AND period <= {}", QuoteLiteral(step.until));
    }
    connection.Execute(fmt::format(
        "CREATE OR REPLACE TEMP TABLE alloc_selected AS SELECT * FROM alloc_position WHERE ({}){} AND (billed_cost "
        "<> 0 OR effective_cost <> 0)",
        detail::PoolCondition(step), months));
    connection.Execute(fmt::format(R"sql(
CREATE OR REPLACE TEMP TABLE alloc_pool AS
SELECT row_number() OVER (ORDER BY period, currency{0}) AS pool_id, period, currency{0},
       sum(billed_cost) AS billed_cost, sum(effective_cost) AS effective_cost, count(*) AS holdings
FROM alloc_selected GROUP BY period, currency{0})sql",
                                   PoolKeyList()));
    const std::string driver_sha256 = detail::BuildWeights(connection, step, step_numbers, workspace_root, run_id);
    // Pools with at least one weighted target (and a currency, whose minor unit the split rounds to).
    connection.Execute(R"sql(
CREATE OR REPLACE TEMP TABLE alloc_pool_weight AS
SELECT p.pool_id, w.target, w.weight
FROM alloc_pool AS p JOIN alloc_weight AS w
  ON w.period = p.period AND (w.currency IS NULL OR w.currency = p.currency)
WHERE p.currency IS NOT NULL)sql");
    connection.Execute(R"sql(
CREATE OR REPLACE TEMP TABLE alloc_split_in AS
SELECT p.pool_id * 2 + b.basis AS pool_key, w.target AS target_key, p.currency,
       CASE WHEN b.basis = 0 THEN p.billed_cost ELSE p.effective_cost END AS pool_amount, w.weight
FROM alloc_pool AS p JOIN alloc_pool_weight AS w USING (pool_id) CROSS JOIN (VALUES (0), (1)) AS b(basis))sql");
    // money_split rounds the pool to the currency's minor unit and splits that by largest remainder; the pool's
    // digits below the minor unit (lines priced finer than a cent) go to the largest share, so the shares add
    // up to the pool exactly.
    connection.Execute(R"sql(
CREATE OR REPLACE TEMP TABLE alloc_share AS
WITH parts AS (
    SELECT pool_key // 2 AS pool_id, pool_key % 2 AS basis, target_key AS target, pool_amount, part, weight
    FROM money_split(alloc_split_in)),
ranked AS (
    SELECT *, row_number() OVER (PARTITION BY pool_id, basis ORDER BY abs(part) DESC, weight DESC, target) AS rank,
           pool_amount - sum(part) OVER (PARTITION BY pool_id, basis) AS residue
    FROM parts)
SELECT pool_id, target, any_value(weight) AS weight,
       sum(CASE WHEN basis = 0 THEN part + CASE WHEN rank = 1 THEN residue ELSE 0 END ELSE 0 END) AS billed_cost,
       sum(CASE WHEN basis = 1 THEN part + CASE WHEN rank = 1 THEN residue ELSE 0 END ELSE 0 END) AS effective_cost
FROM ranked GROUP BY pool_id, target)sql");
    const std::string spread = "SELECT DISTINCT pool_id FROM alloc_share";
    std::string pool_match = "s.period = p.period AND s.currency IS NOT DISTINCT FROM p.currency";
    for (const std::string_view column : kPoolKey) {
        pool_match += fmt::format(" AND s.{0} IS NOT DISTINCT FROM p.{0}", column);
    }
    connection.Execute(fmt::format("INSERT INTO allocation_line SELECT {0}, {1}, s.period, s.currency, {2}, "
                                   "s.shared_from, -s.billed_cost, -s.effective_cost, -s.consumed_quantity, "
                                   "-s.cost_lines, NULL FROM alloc_selected AS s JOIN alloc_pool AS p ON {3} WHERE "
                                   "p.pool_id IN ({4})",
                                   run_id, number, HolderColumns("s"), pool_match, spread));
    const std::string shares = fmt::format(
        "SELECT p.period, p.currency, {0}, {1} AS shared_from, sh.billed_cost, sh.effective_cost, "
        "NULL::DECIMAL(38,18) AS consumed_quantity, 0 AS cost_lines, sh.weight FROM alloc_share AS sh JOIN "
        "alloc_pool AS p USING (pool_id) JOIN alloc_target AS t ON t.dimension = {2} AND t.target = sh.target",
        ShareColumns(), QuoteLiteral(step.name), QuoteLiteral(step.to));
    connection.Execute(fmt::format("INSERT INTO allocation_line SELECT {}, {}, * FROM ({})", run_id, number, shares));
    connection.Execute(fmt::format("DELETE FROM alloc_position WHERE position_id IN (SELECT s.position_id FROM "
                                   "alloc_selected AS s JOIN alloc_pool AS p ON {} WHERE p.pool_id IN ({}))",
                                   pool_match, spread));
    connection.Execute(fmt::format(
        "INSERT INTO alloc_position SELECT (SELECT coalesce(max(position_id), 0) FROM alloc_position) + row_number() "
        "OVER (), period, currency, {}, shared_from, billed_cost, effective_cost, consumed_quantity, cost_lines FROM "
        "({})",
        HolderColumns(), shares));
    connection.Execute(fmt::format(R"sql(
INSERT INTO allocation_pool
SELECT {0}, {1}, p.period, p.currency{3}, p.billed_cost, p.effective_cost, p.holdings,
       (SELECT count(*) FROM alloc_share AS sh WHERE sh.pool_id = p.pool_id),
       CASE WHEN p.pool_id IN ({2}) THEN 'allocated' ELSE 'no_weights' END
FROM alloc_pool AS p)sql",
                                   run_id, number, spread, PoolKeyList("p")));
    const auto where = [&](const std::string& file) {
        return file.empty() ? "NULL" : QuoteLiteral(file);
    };
    connection.Execute(fmt::format("INSERT INTO allocation_step VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {})",
                                   run_id, number, QuoteLiteral(step.name),
                                   QuoteLiteral(rules::MethodName(step.method)), QuoteLiteral(step.to),
                                   QuoteLiteral(step.where.Provenance()), where(step.from), where(step.until),
                                   where(step.driver.file), where(driver_sha256), QuoteLiteral(StepDefinition(step))));
    StepOutcome outcome;
    outcome.pools = Count(connection, fmt::format("SELECT count(*) FROM ({})", spread));
    outcome.pools_left = Count(connection, "SELECT count(*) FROM alloc_pool") - outcome.pools;
    if (outcome.pools_left > 0) {
        outcome.left_months =
            connection
                .Query(fmt::format("SELECT string_agg(DISTINCT period, ', ' ORDER BY period) FROM alloc_pool WHERE "
                                   "pool_id NOT IN ({})",
                                   spread))
                .ScalarString()
                .value_or("");
    }
    return outcome;
}

std::string LeftReason(const rules::AllocationStep& step) {
    switch (step.method) {
    case rules::AllocationMethod::kDriver:
        return fmt::format("{} has no rows with a quantity > 0 for those months", step.driver.file);
    case rules::AllocationMethod::kProportional:
        return step.proportional_to.empty()
                   ? "no target had direct cost in those months"
                   : fmt::format("step '{}' gave no target anything in those months", step.proportional_to);
    case rules::AllocationMethod::kEven:
    case rules::AllocationMethod::kFixed:
        return "its pools have no billing currency";
    }
    return "";
}

// Every step's moves add up to zero per month and currency, and the ledger to the cost lines' totals: checked
// on every run, so a bug can never publish a statement that does not tie out.
void CheckConservation(store::Connection& connection, int64_t run_id) {
    const int64_t unbalanced =
        Count(connection, fmt::format("SELECT count(*) FROM (SELECT step, period, currency FROM allocation_line WHERE "
                                      "run_id = {} AND step > 0 GROUP BY ALL HAVING sum(billed_cost) <> 0 OR "
                                      "sum(effective_cost) <> 0)",
                                      run_id));
    const int64_t mismatched = Count(connection, fmt::format(R"sql(
SELECT count(*) FROM (
    SELECT currency, sum(billed_cost) AS billed, sum(effective_cost) AS effective FROM allocation_line
    WHERE run_id = {} GROUP BY currency) AS a
FULL JOIN (
    SELECT BillingCurrency AS currency, sum(BilledCost) AS billed, sum(EffectiveCost) AS effective FROM cost_line
    GROUP BY BillingCurrency) AS c
  ON a.currency IS NOT DISTINCT FROM c.currency
WHERE a.billed IS DISTINCT FROM c.billed OR a.effective IS DISTINCT FROM c.effective)sql",
                                                             run_id));
    if (unbalanced != 0 || mismatched != 0) {
        Throw(ErrorKind::kInternal,
              "allocation does not conserve cost ({} unbalanced step-months, {} currencies whose total differs from "
              "cost_line); nothing was written",
              unbalanced, mismatched);
    }
}

std::vector<CurrencyPosition> Positions(store::Connection& connection, int64_t run_id) {
    std::vector<CurrencyPosition> positions;
    for (const auto& row : connection
                               .Query(fmt::format(R"sql(
SELECT coalesce(currency, ''), CAST(sum(effective_cost) AS VARCHAR),
       CAST(coalesce(sum(effective_cost) FILTER (WHERE shared_from IS NOT NULL), 0) AS VARCHAR),
       CAST(coalesce(sum(effective_cost) FILTER (WHERE cost_center IS NULL), 0) AS VARCHAR)
FROM allocation_line WHERE run_id = {} GROUP BY currency ORDER BY currency)sql",
                                                  run_id))
                               .TextRows()) {
        positions.push_back({row[0].value_or(""), row[1].value_or("0"), row[2].value_or("0"), row[3].value_or("0")});
    }
    return positions;
}

} // namespace

std::vector<Error> CheckAllocationInputs(store::Connection& connection, const rules::RuleSet& rules,
                                         const std::filesystem::path& workspace_root) {
    std::vector<Error> errors;
    if (rules.allocation.steps.empty()) {
        return errors;
    }
    detail::BuildTargets(connection);
    for (const rules::AllocationStep& step : rules.allocation.steps) {
        try {
            detail::CheckTargets(connection, step);
            if (step.method == rules::AllocationMethod::kDriver) {
                (void)detail::ReadDriverFile(connection, step, workspace_root);
            }
        } catch (const Error& error) {
            errors.push_back(error);
        }
    }
    for (const char* table : {"alloc_target", "alloc_driver", "alloc_driver_raw"}) {
        connection.Execute(fmt::format("DROP TABLE IF EXISTS {}", table));
    }
    return errors;
}

AllocationSummary Allocate(store::Transaction& transaction, const rules::RuleSet& rules,
                           const std::filesystem::path& workspace_root, int64_t run_id) {
    store::Connection& connection = transaction.GetConnection();
    AllocationSummary summary;
    summary.run_id = run_id;
    PlaceDirectCost(connection, run_id, summary);
    detail::BuildTargets(connection);
    std::map<std::string, int> step_numbers;
    int number = 0;
    for (const rules::AllocationStep& step : rules.allocation.steps) {
        ++number;
        detail::CheckTargets(connection, step);
        const StepOutcome outcome = RunStep(connection, step, number, step_numbers, workspace_root, run_id);
        step_numbers[step.name] = number;
        summary.pools += outcome.pools;
        summary.pools_left += outcome.pools_left;
        if (outcome.pools == 0 && outcome.pools_left == 0) {
            summary.warnings.push_back(fmt::format("step '{}' ({}) selected no cost in any month: check its pool{}",
                                                   step.name, step.where.Provenance(),
                                                   step.from.empty() && step.until.empty() ? "" : " and its months"));
        }
        if (outcome.pools_left > 0) {
            summary.warnings.push_back(
                fmt::format("step '{}' ({}) left {} {} in {}: {}", step.name, step.where.Provenance(),
                            outcome.pools_left, outcome.pools_left == 1 ? "pool where it was" : "pools where they were",
                            outcome.left_months, LeftReason(step)));
        }
    }
    summary.steps = number;
    CheckConservation(connection, run_id);
    summary.periods = Count(connection, "SELECT count(DISTINCT period) FROM alloc_position");
    summary.lines = Count(connection, fmt::format("SELECT count(*) FROM allocation_line WHERE run_id = {}", run_id));
    summary.currencies = Positions(connection, run_id);
    connection.Execute(fmt::format("INSERT INTO allocation_run VALUES ({}, {}, {}, {}, {}, {}, {})", run_id,
                                   rules.sha256.empty() ? "NULL" : QuoteLiteral(rules.sha256), summary.periods,
                                   summary.steps, summary.pools, summary.pools_left, summary.lines));
    for (const char* table :
         {"alloc_position", "alloc_selected", "alloc_pool", "alloc_weight", "alloc_pool_weight", "alloc_split_in",
          "alloc_share", "alloc_target", "alloc_driver", "alloc_file_lines", "alloc_stale_file", "alloc_new_file"}) {
        connection.Execute(fmt::format("DROP TABLE IF EXISTS {}", table));
    }
    return summary;
}

} // namespace crosswalk::allocate
