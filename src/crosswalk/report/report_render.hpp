// Renderers of a ReportTable: each writes the same rows in one format. An HTTP response is one more function
// here taking the same table; none of them computes anything (the workbook only rounds money to show it).
#pragma once

#include <ostream>
#include <span>
#include <string>
#include <string_view>

#include "crosswalk/report/report_table.hpp"

namespace crosswalk::report {

enum class ReportFormat {
    kTable, // for people: the title line, aligned columns (numbers right), NULL as the column's label, totals
    kCsv,   // RFC 4180: header row of the column names, NULL as an empty field, no totals
    kJson,  // an array of objects keyed by column name: integers as numbers, decimals as exact strings, NULL as
            // null, no totals
    kXlsx,  // an Excel workbook (binary): see WriteReportWorkbook
};

// "table", "csv", "json" or "xlsx". Throws kInvalidInput naming the accepted names for anything else.
[[nodiscard]] ReportFormat ParseReportFormat(std::string_view text);

void WriteReportTable(const ReportTable& table, std::ostream& out);
void WriteReportCsv(const ReportTable& table, std::ostream& out);
void WriteReportJson(const ReportTable& table, std::ostream& out);

// An XLSX workbook (report_xlsx.cpp), one worksheet per table, named after it, in order: the title in the first
// row, the column names in the second (both frozen, with a filter), then the rows and the totals rows (bold,
// ruled). Numbers are numeric cells with a number format (thousands separators; the column's decimals; dates
// as dates; percentages as Excel percentages); NULL is the column's label in a text cell, else blank. Money
// (kMoney) is shown to its currency's minor unit: the rows of each column and currency rounded by largest
// remainder to add up to their rounded sum, each less than one unit from its exact value, and totals rows
// rounded half away from zero, so a totals row that is the sum of its rows equals their shown sum exactly; a
// note under the totals says so. Throws kIo when the temporary file libxlsxwriter needs cannot be written.
void WriteReportWorkbook(std::span<const ReportTable> sheets, std::ostream& out);
void WriteReportXlsx(const ReportTable& table, std::ostream& out); // a workbook of one sheet

// Dispatches on `format`.
void WriteReport(const ReportTable& table, ReportFormat format, std::ostream& out);

// `text` as a JSON string literal, with quotes: "a\"b", control characters as \u00XX. REQUIRES: UTF-8 text.
[[nodiscard]] std::string JsonString(std::string_view text);

} // namespace crosswalk::report
