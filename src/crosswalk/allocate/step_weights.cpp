#include "crosswalk/allocate/step_weights.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <vector>

#include <fmt/format.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/store/sql_quote.hpp"
#include "crosswalk/workspace/strict_yaml.hpp"

namespace crosswalk::allocate::detail {
namespace {

namespace fs = std::filesystem;
using store::QuoteIdentifier;
using store::QuoteLiteral;

SourceLocation At(const rules::RuleLocation& where) {
    return SourceLocation{where.file, where.line, where.column > 0 ? std::to_string(where.column) : ""};
}

std::string ValuesList(const std::vector<std::string>& values) {
    std::string out;
    for (const std::string& value : values) {
        out += fmt::format("{}({})", out.empty() ? "" : ", ", QuoteLiteral(value));
    }
    return out;
}

// The pool's condition on the step's own target dimension, negated (allocation_line names its columns as
// alloc_position does): a target the pool selects would get its own cost back. The parser refuses named ones;
// this keeps them out of proportional's default targets.
std::string NotSelectedByPool(const rules::AllocationStep& step) {
    std::string out;
    for (const rules::PoolCondition& condition : step.pool) {
        if (condition.column == step.to) {
            rules::AllocationStep only = step;
            only.pool = {condition};
            out += fmt::format(" AND NOT coalesce(({}), FALSE)", PoolCondition(only));
        }
    }
    return out;
}

// The targets alloc_target knows for `dimension`, sorted.
std::vector<std::string> KnownTargets(store::Connection& connection, const std::string& dimension) {
    std::vector<std::string> known;
    for (const auto& row : connection
                               .Query(fmt::format("SELECT target FROM alloc_target WHERE dimension = {} ORDER BY 1",
                                                  QuoteLiteral(dimension)))
                               .TextRows()) {
        known.push_back(row[0].value_or(""));
    }
    return known;
}

std::vector<std::string> Columns(store::Connection& connection, const std::string& table) {
    std::vector<std::string> names;
    for (const auto& row : connection.Query("SELECT column_name FROM (DESCRIBE " + table + ")").TextRows()) {
        names.push_back(row[0].value_or(""));
    }
    return names;
}

// The header row's names: the first line, without a UTF-8 byte order mark or a carriage return, split on commas
// (a name in double quotes may hold one). Throws kInvalidInput for an empty file.
std::vector<std::string> HeaderOf(const fs::path& path, const std::string& file) {
    std::ifstream in(path, std::ios::binary);
    std::string line;
    if (!std::getline(in, line) || line.find_first_not_of(" \t\r\xef\xbb\xbf") == std::string::npos) {
        ThrowAt(ErrorKind::kInvalidInput, SourceLocation{file, 1, ""},
                "the driver file is empty: it needs a header row");
    }
    if (line.rfind("\xef\xbb\xbf", 0) == 0) {
        line.erase(0, 3);
    }
    if (!line.empty() && line.back() == '\r') {
        line.pop_back();
    }
    std::vector<std::string> names(1);
    bool quoted = false;
    for (const char c : line) {
        if (c == '"') {
            quoted = !quoted;
        } else if (c == ',' && !quoted) {
            names.emplace_back();
        } else {
            names.back().push_back(c);
        }
    }
    for (std::string& name : names) {
        const size_t first = name.find_first_not_of(' ');
        name = first == std::string::npos ? "" : name.substr(first, name.find_last_not_of(' ') - first + 1);
    }
    return names;
}

// DuckDB says "CSV Error on Line: 4 ... Expected Number of Columns: 5 Found: 6": the line, and the reason in
// our words.
int64_t CsvErrorLine(const std::string& message) {
    const size_t at = message.find("Line: ");
    return at == std::string::npos ? 0 : std::atoll(message.c_str() + at + 6);
}

std::string CsvErrorReason(const std::string& message, size_t columns) {
    const size_t found = message.find("Found: ");
    if (message.find("Expected Number of Columns") != std::string::npos && found != std::string::npos) {
        return fmt::format("the row has {} fields, the header has {}", std::atoll(message.c_str() + found + 7),
                           columns);
    }
    std::string first = message.substr(0, message.find('\n'));
    if (const size_t context = first.find(" [in: "); context != std::string::npos) {
        first.erase(context);
    }
    return first;
}

} // namespace

// Reads the driver file into TEMP TABLE alloc_driver(line, period, target, quantity), checking every row.
std::string ReadDriverFile(store::Connection& connection, const rules::AllocationStep& step, const fs::path& root) {
    const rules::DriverFile& driver = step.driver;
    const fs::path path = root / driver.file;
    std::error_code ignored;
    if (!fs::is_regular_file(path, ignored)) {
        ThrowAt(ErrorKind::kInvalidInput, At(driver.where), "step '{}': the driver file {} does not exist", step.name,
                driver.file);
    }
    // The header's names are given to read_csv, so DuckDB's sniffer cannot fall back to reading a file with a
    // ragged row as one column; a row with too many or too few fields is then an error at its line. One thread
    // keeps the file's order, so row_number() is the data row (line = row + 1, after the header).
    const std::vector<std::string> header = HeaderOf(path, driver.file);
    std::string types;
    for (const std::string& name : header) {
        types += fmt::format("{}{}: 'VARCHAR'", types.empty() ? "" : ", ", QuoteLiteral(name));
    }
    try {
        connection.Execute(fmt::format(
            "CREATE OR REPLACE TEMP TABLE alloc_driver_raw AS SELECT row_number() OVER () + 1 AS line, * FROM "
            "read_csv({}, header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', columns = "
            "{{{}}}, parallel = false)",
            QuoteLiteral(path.string()), types));
    } catch (const Error& error) {
        ThrowAt(ErrorKind::kInvalidInput, SourceLocation{driver.file, CsvErrorLine(error.Message()), ""},
                "cannot be read as CSV: {}", CsvErrorReason(error.Message(), header.size()));
    }
    const std::vector<std::string> columns = Columns(connection, "alloc_driver_raw");
    for (const std::string* wanted : {&driver.date_column, &driver.target_column, &driver.quantity_column}) {
        if (std::find(columns.begin(), columns.end(), *wanted) == columns.end()) {
            std::vector<std::string> present(columns.begin() + 1, columns.end());
            ThrowAt(ErrorKind::kInvalidInput, SourceLocation{driver.file, 1, *wanted},
                    "the driver file has no column '{}' (step '{}', {}); its columns are {}", *wanted, step.name,
                    step.where.Provenance(), fmt::join(present, ", "));
        }
    }
    const std::string date = QuoteIdentifier(driver.date_column);
    const std::string target = QuoteIdentifier(driver.target_column);
    const std::string quantity = QuoteIdentifier(driver.quantity_column);
    const auto first_bad = [&](const std::string& condition, const std::string& value) {
        return connection
            .Query(fmt::format("SELECT line::VARCHAR, coalesce({}, '') FROM alloc_driver_raw WHERE {} ORDER BY line "
                               "LIMIT 1",
                               value, condition))
            .TextRows();
    };
    const std::string day_ok =
        fmt::format("(regexp_full_match({0}, '[0-9]{{4}}-(0[1-9]|1[0-2])') OR TRY_CAST({0} AS DATE) IS NOT NULL AND "
                    "regexp_full_match({0}, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}'))",
                    date);
    if (const auto bad = first_bad(fmt::format("NOT coalesce({}, FALSE)", day_ok), date); !bad.empty()) {
        ThrowAt(ErrorKind::kInvalidInput, SourceLocation{driver.file, std::stoll(*bad[0][0]), driver.date_column},
                "'{}' is not a day (YYYY-MM-DD) or a month (YYYY-MM)", *bad[0][1]);
    }
    if (const auto bad = first_bad(fmt::format("coalesce(trim({}), '') = ''", target), target); !bad.empty()) {
        ThrowAt(ErrorKind::kInvalidInput, SourceLocation{driver.file, std::stoll(*bad[0][0]), driver.target_column},
                "the target is empty");
    }
    if (const auto bad = first_bad(
            fmt::format("coalesce(TRY_CAST(trim({0}) AS DECIMAL(38,6)) < 0, TRUE) OR NOT regexp_full_match(trim({0}), "
                        "'[0-9]+(\\.[0-9]+)?')",
                        quantity),
            quantity);
        !bad.empty()) {
        ThrowAt(ErrorKind::kInvalidInput, SourceLocation{driver.file, std::stoll(*bad[0][0]), driver.quantity_column},
                "'{}' is not a quantity (a number >= 0, e.g. 12.5)", *bad[0][1]);
    }
    connection.Execute(fmt::format(
        "CREATE OR REPLACE TEMP TABLE alloc_driver AS SELECT line, left({}, 7) AS period, trim({}) AS target, "
        "CAST(trim({}) AS DECIMAL(38,6)) AS quantity FROM alloc_driver_raw",
        date, target, quantity));
    const auto unknown = connection
                             .Query(fmt::format("SELECT line::VARCHAR, target FROM alloc_driver WHERE target NOT IN "
                                                "(SELECT target FROM alloc_target WHERE dimension = {}) ORDER BY line "
                                                "LIMIT 1",
                                                QuoteLiteral(step.to)))
                             .TextRows();
    if (!unknown.empty()) {
        const std::string nearest = workspace::NearestWord(*unknown[0][1], KnownTargets(connection, step.to));
        ThrowAt(ErrorKind::kInvalidInput, SourceLocation{driver.file, std::stoll(*unknown[0][0]), driver.target_column},
                "unknown {} '{}'{} (step '{}', {}: the CMDB, the org file and the enriched cost know no such {})",
                step.to, *unknown[0][1], nearest.empty() ? "" : fmt::format(" (did you mean '{}'?)", nearest),
                step.name, step.where.Provenance(), step.to);
    }
    connection.Execute("DROP TABLE alloc_driver_raw");
    // The file's hash as DuckDB read it (the same bytes read_csv parsed a moment ago), for the run's lineage.
    return connection.Query(fmt::format("SELECT sha256(content) FROM read_blob({})", QuoteLiteral(path.string())))
        .ScalarString()
        .value_or("");
}

std::string PoolCondition(const rules::AllocationStep& step) {
    std::string out;
    for (const rules::PoolCondition& condition : step.pool) {
        const std::string column = QuoteIdentifier(condition.column);
        std::vector<std::string> values;
        bool null = false;
        for (const std::optional<std::string>& value : condition.values) {
            if (value) {
                values.push_back(QuoteLiteral(*value));
            } else {
                null = true;
            }
        }
        std::string one;
        if (!values.empty()) {
            one = fmt::format("{} IN ({})", column, fmt::join(values, ", "));
        }
        if (null) {
            one += fmt::format("{}{} IS NULL", one.empty() ? "" : " OR ", column);
        }
        out += fmt::format("{}({})", out.empty() ? "" : " AND ", one);
    }
    return out.empty() ? "TRUE" : out;
}

void BuildTargets(store::Connection& connection) {
    connection.Execute(R"sql(
CREATE OR REPLACE TEMP TABLE alloc_target AS
WITH one_ci AS (SELECT * FROM ci QUALIFY row_number() OVER (PARTITION BY ci_id ORDER BY source_file_id, source_row) = 1),
one_cc AS (SELECT * FROM cost_center
           QUALIFY row_number() OVER (PARTITION BY cost_center_id ORDER BY source_file_id, source_row) = 1),
one_bu AS (SELECT * FROM business_unit
           QUALIFY row_number() OVER (PARTITION BY business_unit_id ORDER BY source_file_id, source_row) = 1),
service_of AS (
    SELECT r.child_ci_id AS application,
           CASE WHEN count(DISTINCT r.parent_ci_id) = 1 THEN min(r.parent_ci_id) END AS business_service
    FROM ci_relation AS r JOIN one_ci AS p ON p.ci_id = r.parent_ci_id AND p.class = 'business_service'
    WHERE r.relation_type = 'depends_on' GROUP BY r.child_ci_id),
applications AS (
    SELECT ci_id AS target FROM one_ci WHERE class = 'application'
    UNION SELECT application FROM cost_dimension WHERE application IS NOT NULL),
services AS (
    SELECT ci_id AS target FROM one_ci WHERE class = 'business_service'
    UNION SELECT business_service FROM cost_dimension WHERE business_service IS NOT NULL),
centers AS (
    SELECT cost_center_id AS target FROM one_cc
    UNION SELECT cost_center FROM cost_dimension WHERE cost_center IS NOT NULL),
units AS (
    SELECT business_unit_id AS target FROM one_bu
    UNION SELECT business_unit FROM cost_dimension WHERE business_unit IS NOT NULL)
SELECT 'application' AS dimension, a.target, a.target AS application, s.business_service,
       c.cost_center_id AS cost_center, coalesce(c.business_unit_id, cc.business_unit_id) AS business_unit,
       coalesce(c.owner, cc.owner) AS owner
FROM applications AS a LEFT JOIN one_ci AS c ON c.ci_id = a.target LEFT JOIN service_of AS s ON s.application = a.target
LEFT JOIN one_cc AS cc ON cc.cost_center_id = c.cost_center_id
UNION ALL
SELECT 'business_service', v.target, NULL, v.target, c.cost_center_id, coalesce(c.business_unit_id, cc.business_unit_id),
       coalesce(c.owner, cc.owner)
FROM services AS v LEFT JOIN one_ci AS c ON c.ci_id = v.target LEFT JOIN one_cc AS cc ON cc.cost_center_id = c.cost_center_id
UNION ALL
SELECT 'cost_center', v.target, NULL, NULL, v.target, cc.business_unit_id, cc.owner
FROM centers AS v LEFT JOIN one_cc AS cc ON cc.cost_center_id = v.target
UNION ALL
SELECT 'business_unit', v.target, NULL, NULL, NULL, v.target, bu.owner
FROM units AS v LEFT JOIN one_bu AS bu ON bu.business_unit_id = v.target)sql");
}

void CheckTargets(store::Connection& connection, const rules::AllocationStep& step) {
    std::vector<std::pair<std::string, rules::RuleLocation>> named;
    for (const std::string& target : step.targets) {
        named.emplace_back(target, step.where);
    }
    for (const rules::FixedWeight& weight : step.weights) {
        named.emplace_back(weight.target, weight.where);
    }
    if (named.empty()) {
        return;
    }
    const std::vector<std::string> known = KnownTargets(connection, step.to);
    for (const auto& [target, where] : named) {
        if (!std::binary_search(known.begin(), known.end(), target)) {
            const std::string nearest = workspace::NearestWord(target, known);
            ThrowAt(ErrorKind::kInvalidInput, At(where),
                    "step '{}': unknown {} '{}'{} (the CMDB, the org file and the enriched cost know no such {})",
                    step.name, step.to, target, nearest.empty() ? "" : fmt::format(" (did you mean '{}'?)", nearest),
                    step.to);
        }
    }
}

std::string BuildWeights(store::Connection& connection, const rules::AllocationStep& step,
                         const std::map<std::string, int>& step_numbers, const fs::path& workspace_root,
                         int64_t run_id) {
    const std::string months = "SELECT DISTINCT period FROM alloc_pool";
    std::string weights;
    std::string driver_sha256;
    switch (step.method) {
    case rules::AllocationMethod::kEven:
        weights = fmt::format("SELECT m.period, NULL::VARCHAR AS currency, t.target, 1::DECIMAL(38,18) AS weight "
                              "FROM ({}) AS m, (VALUES {}) AS t(target)",
                              months, ValuesList(step.targets));
        break;
    case rules::AllocationMethod::kFixed: {
        std::string rows;
        for (const rules::FixedWeight& weight : step.weights) {
            rows += fmt::format("{}({}, {}::DECIMAL(38,18))", rows.empty() ? "" : ", ", QuoteLiteral(weight.target),
                                QuoteLiteral(weight.percent));
        }
        weights = fmt::format("SELECT m.period, NULL::VARCHAR AS currency, t.target, t.weight FROM ({}) AS m, "
                              "(VALUES {}) AS t(target, weight)",
                              months, rows);
        break;
    }
    case rules::AllocationMethod::kProportional: {
        const std::string column = QuoteIdentifier(step.to);
        const int from_step = step.proportional_to.empty() ? 0 : step_numbers.at(step.proportional_to);
        std::string only;
        if (!step.targets.empty()) {
            only = fmt::format(" AND {} IN (SELECT target FROM (VALUES {}) AS t(target))", column,
                               ValuesList(step.targets));
        }
        weights = fmt::format(
            "SELECT period, currency, {0} AS target, sum(effective_cost) AS weight FROM "
            "allocation_line WHERE run_id = {1} AND step = {2} AND {3} AND {0} IS NOT NULL{4}{5} "
            "AND period IN ({6}) GROUP BY period, currency, {0}",
            column, run_id, from_step,
            from_step == 0 ? fmt::format("shared_from IS NULL AND NOT coalesce(({}), FALSE)", PoolCondition(step))
                           : fmt::format("shared_from = {}", QuoteLiteral(step.proportional_to)),
            only, NotSelectedByPool(step), months);
        break;
    }
    case rules::AllocationMethod::kDriver:
        driver_sha256 = ReadDriverFile(connection, step, workspace_root);
        weights = fmt::format("SELECT period, NULL::VARCHAR AS currency, target, sum(quantity)::DECIMAL(38,18) AS "
                              "weight FROM alloc_driver WHERE period IN ({}) GROUP BY period, target",
                              months);
        break;
    }
    connection.Execute(
        fmt::format("CREATE OR REPLACE TEMP TABLE alloc_weight AS SELECT * FROM ({}) WHERE weight > 0", weights));
    return driver_sha256;
}

} // namespace crosswalk::allocate::detail
