#include "crosswalk/report/report_render.hpp"

#include <vector>

#include <fmt/format.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/report/text_table.hpp"

namespace crosswalk::report {
namespace {

std::vector<std::string> TableLine(const ReportTable& table, const ReportRow& row, bool totals) {
    std::vector<std::string> line;
    for (size_t c = 0; c < row.size(); ++c) {
        if (row[c]) {
            line.push_back(*row[c]);
        } else {
            // A NULL in a totals row is a column the total spans, not a missing value.
            line.push_back(totals ? "" : table.columns[c].null_label);
        }
    }
    return line;
}

} // namespace

ReportFormat ParseReportFormat(std::string_view text) {
    if (text == "table") {
        return ReportFormat::kTable;
    }
    if (text == "csv") {
        return ReportFormat::kCsv;
    }
    if (text == "json") {
        return ReportFormat::kJson;
    }
    if (text == "xlsx") {
        return ReportFormat::kXlsx;
    }
    Throw(ErrorKind::kInvalidInput, "unknown report format '{}': use table, csv, json or xlsx", text);
}

void WriteReportTable(const ReportTable& table, std::ostream& out) {
    if (!table.title.empty()) {
        out << table.title << "\n\n";
    }
    std::vector<TextColumn> columns;
    for (const ReportColumn& column : table.columns) {
        columns.push_back(TextColumn{column.name, column.IsNumeric()});
    }
    std::vector<std::vector<std::string>> rows;
    for (const ReportRow& row : table.rows) {
        rows.push_back(TableLine(table, row, false));
    }
    std::vector<std::vector<std::string>> totals;
    for (const ReportRow& row : table.totals) {
        totals.push_back(TableLine(table, row, true));
    }
    WriteAlignedTable(out, columns, rows, totals);
    out << fmt::format("({} {})\n", table.rows.size(), table.rows.size() == 1 ? "row" : "rows");
}

void WriteReportCsv(const ReportTable& table, std::ostream& out) {
    for (size_t c = 0; c < table.columns.size(); ++c) {
        if (c > 0) {
            out.put(',');
        }
        WriteCsvField(out, table.columns[c].name);
    }
    out.put('\n');
    for (const ReportRow& row : table.rows) {
        for (size_t c = 0; c < row.size(); ++c) {
            if (c > 0) {
                out.put(',');
            }
            if (row[c]) {
                WriteCsvField(out, *row[c]);
            }
        }
        out.put('\n');
    }
}

std::string JsonString(std::string_view text) {
    std::string json = "\"";
    for (const char c : text) {
        switch (c) {
        case '"':
            json += "\\\"";
            break;
        case '\\':
            json += "\\\\";
            break;
        case '\n':
            json += "\\n";
            break;
        case '\r':
            json += "\\r";
            break;
        case '\t':
            json += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                json += fmt::format("\\u{:04x}", static_cast<unsigned>(static_cast<unsigned char>(c)));
            } else {
                json.push_back(c);
            }
        }
    }
    json.push_back('"');
    return json;
}

void WriteReportJson(const ReportTable& table, std::ostream& out) {
    out << '[';
    for (size_t r = 0; r < table.rows.size(); ++r) {
        out << (r == 0 ? "\n  {" : ",\n  {");
        const ReportRow& row = table.rows[r];
        for (size_t c = 0; c < row.size(); ++c) {
            out << (c == 0 ? "" : ", ") << JsonString(table.columns[c].name) << ": ";
            if (!row[c]) {
                out << "null";
            } else if (table.columns[c].type == ColumnType::kInteger) {
                out << *row[c]; // a BIGINT's digits: a JSON number every parser reads exactly
            } else {
                out << JsonString(*row[c]); // decimals too: a JSON number would be read as a double
            }
        }
        out << '}';
    }
    out << (table.rows.empty() ? "]\n" : "\n]\n");
}

void WriteReport(const ReportTable& table, ReportFormat format, std::ostream& out) {
    switch (format) {
    case ReportFormat::kTable:
        WriteReportTable(table, out);
        return;
    case ReportFormat::kCsv:
        WriteReportCsv(table, out);
        return;
    case ReportFormat::kJson:
        WriteReportJson(table, out);
        return;
    case ReportFormat::kXlsx:
        WriteReportXlsx(table, out);
        return;
    }
}

} // namespace crosswalk::report
