// Renderers of a ReportTable: each writes the same rows in one format. An XLSX workbook or an HTTP response is
// one more function here taking the same table; none of them computes anything.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "crosswalk/report/report_table.hpp"

namespace crosswalk::report {

enum class ReportFormat {
    kTable, // for people: the title line, aligned columns (numbers right), NULL as the column's label, totals
    kCsv,   // RFC 4180: header row of the column names, NULL as an empty field, no totals
    kJson,  // an array of objects keyed by column name: integers as numbers, decimals as exact strings, NULL as
            // null, no totals
};

// "table", "csv" or "json". Throws kInvalidInput naming the accepted names for anything else.
[[nodiscard]] ReportFormat ParseReportFormat(std::string_view text);

void WriteReportTable(const ReportTable& table, std::ostream& out);
void WriteReportCsv(const ReportTable& table, std::ostream& out);
void WriteReportJson(const ReportTable& table, std::ostream& out);

// Dispatches on `format`.
void WriteReport(const ReportTable& table, ReportFormat format, std::ostream& out);

// `text` as a JSON string literal, with quotes: "a\"b", control characters as \u00XX. REQUIRES: UTF-8 text.
[[nodiscard]] std::string JsonString(std::string_view text);

} // namespace crosswalk::report
