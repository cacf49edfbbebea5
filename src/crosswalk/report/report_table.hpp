// The rows a report returns: named, typed columns and rows of exact text values. A report is one library
// function that builds a ReportTable from the store (SQL does the aggregation); every front end renders the
// same table (report_render.hpp: aligned table, CSV, JSON, XLSX; later the HTTP API), so they never disagree.
// See docs/reports.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crosswalk/store/connection.hpp"

namespace crosswalk::report {

enum class ColumnType {
    kText,       // any text; JSON string
    kInteger,    // a count, "-12"; JSON number
    kDecimal,    // an exact decimal, every value of the column with the same number of decimals; JSON string
    kMoney,      // a kDecimal amount in the currency of its row's `currency` column (which the table must have):
                 // rendered as kDecimal, except where a format rounds to the currency's minor unit (XLSX)
    kPercentage, // an exact decimal percentage (87.50 means 87.5 %); JSON string
    kDate,       // YYYY-MM-DD; JSON string
};

struct ReportColumn {
    std::string name;                    // the key in JSON and the header in CSV and tables (snake_case)
    ColumnType type = ColumnType::kText; //
    int scale = 0;                       // kDecimal, kPercentage: the fewest decimals shown (see RunReportQuery)
    std::string null_label;              // what a table shows for NULL in a row ("" unless set); CSV: empty, JSON: null

    [[nodiscard]] bool IsNumeric() const noexcept { return type != ColumnType::kText && type != ColumnType::kDate; }
};

// One value as canonical text (see ColumnType), nullopt for NULL.
using Cell = std::optional<std::string>;
using ReportRow = std::vector<Cell>;

struct ReportTable {
    std::string name;  // the report's name ("taxonomy")
    std::string title; // one line for people: "cost by TBM cost pool and tower, period 2026-11 (...)"
    std::vector<ReportColumn> columns;
    std::vector<ReportRow> rows;   // each has columns.size() cells
    std::vector<ReportRow> totals; // totals rows (one per currency), shown by the table renderer only

    // The index of the column called `name`. Throws kInternal if there is none.
    [[nodiscard]] size_t ColumnIndex(std::string_view name) const;
};

// Runs `rows_sql` and, when not empty, `totals_sql` (each a query whose result columns are `columns`, by name
// and in order) into a table. Values are converted exactly by DuckDB: text and dates to text, integers to
// BIGINT, decimals and percentages through DECIMAL(38,18) (the store's money type, so no digit is lost). Each
// decimal column is then printed with one number of decimals for all its values, rows and totals alike: the
// fewest that show every value exactly, and at least the column's scale; only zeros are ever cut, so a report
// never rounds (round in SQL, with money_round or money_div, where a report means to).
// Throws crosswalk::Error if a query fails, and kInternal if its columns are not `columns`.
[[nodiscard]] ReportTable RunReportQuery(store::Connection& connection, std::string name, std::string title,
                                         std::vector<ReportColumn> columns, std::string_view rows_sql,
                                         std::string_view totals_sql = {});

// For a table built in C++ (not by RunReportQuery): prints each decimal column's values, rows and totals alike,
// with one number of decimals, the fewest that show every value exactly and at least the column's scale.
// Throws kInternal for a value of such a column that is not a decimal.
void AlignDecimals(ReportTable& table);

} // namespace crosswalk::report
