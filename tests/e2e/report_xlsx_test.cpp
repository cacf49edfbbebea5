// `crosswalk report chargeback --output FILE.xlsx` on the demo, read back with a real reader (openpyxl, through
// tests/support/xlsx_dump.py): the workbook has a sheet per view (chargeback, showback), a frozen header with a
// filter, the same rows as the CSV, money shown to the cent with a number format, and totals rows that equal
// both the CSV's exact sums rounded to the cent and the sum of the cents shown above them.
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "crosswalk/common/decimal.hpp"
#include "crosswalk/common/money.hpp"
#include "crosswalk/report/report_render.hpp"

#include "support/crosswalk_cli.hpp"
#include "support/generated_workspace.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace crosswalk {
namespace {

namespace fs = std::filesystem;
using testing::Crosswalk;
using testing::ProcessResult;

using Row = std::vector<std::string>;

std::vector<std::string> Split(const std::string& line, char separator) {
    std::vector<std::string> fields(1);
    for (const char c : line) {
        if (c == separator) {
            fields.emplace_back();
        } else {
            fields.back().push_back(c);
        }
    }
    return fields;
}

// The rows of a CSV the report wrote (RFC 4180; no field of the demo's spans lines).
std::vector<Row> ParseCsv(const std::string& text) {
    std::vector<Row> rows;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        Row row(1);
        bool quoted = false;
        for (size_t i = 0; i < line.size(); ++i) {
            const char c = line[i];
            if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                row.back().push_back('"');
                ++i;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                row.emplace_back();
            } else {
                row.back().push_back(c);
            }
        }
        rows.push_back(row);
    }
    return rows;
}

struct Sheet {
    std::string name;
    std::string freeze;
    std::string filter;
    std::vector<Row> rows;                     // from the first row of the sheet (the title)
    std::map<std::string, std::string> format; // cell ("G3") -> number format, for numeric cells
};

std::vector<Sheet> ReadWorkbook(const fs::path& path) {
    const fs::path script = fs::path(CROSSWALK_REPOSITORY_DIR) / "tests" / "support" / "xlsx_dump.py";
    const ProcessResult dump = testing::RunProcess("/usr/bin/python3", {script.string(), path.string()});
    EXPECT_EQ(dump.exit_code, 0) << "reading " << path << " with openpyxl (Debian's python3-openpyxl, which "
                                 << "scripts/setup.sh installs): " << dump.err;
    std::vector<Sheet> sheets;
    std::istringstream lines(dump.out);
    for (std::string line; std::getline(lines, line);) {
        const std::vector<std::string> fields = Split(line, '\t');
        if (fields[0] == "sheet") {
            sheets.push_back(Sheet{fields.at(1), fields.at(2), fields.at(3), {}, {}});
        } else if (fields[0] == "row") {
            sheets.back().rows.emplace_back(fields.begin() + 2, fields.end());
        } else if (fields[0] == "format") {
            sheets.back().format[fields.at(1)] = fields.at(2);
        }
    }
    return sheets;
}

Decimal Amount(const std::string& text) {
    return text.empty() ? Decimal(0, 0) : Decimal::Parse(text);
}

// One sheet against the CSV of its report: header, rows, money to the cent, totals.
void ExpectSheetMatchesCsv(const Sheet& sheet, const std::vector<Row>& csv) {
    SCOPED_TRACE("sheet " + sheet.name);
    EXPECT_EQ(sheet.freeze, "A3"); // the title and the header stay in view
    EXPECT_EQ(sheet.filter.rfind("A2:", 0), 0U) << sheet.filter;
    ASSERT_GE(sheet.rows.size(), csv.size() + 2);
    const Row& header = csv.front();
    ASSERT_EQ(sheet.rows[1], header);
    const size_t currency = header.size() - 1;
    ASSERT_EQ(header[currency], "currency");
    const std::vector<std::string> money = {"direct_billed", "direct_effective", "shared_allocated", "license",
                                            "support",       "total_billed",     "total_effective"};
    std::map<std::string, std::map<std::string, Decimal>> exact; // column -> currency -> CSV sum
    std::map<std::string, std::map<std::string, Decimal>> shown; // column -> currency -> workbook sum
    for (size_t r = 1; r < csv.size(); ++r) {
        const Row& expected = csv[r];
        const Row& cells = sheet.rows[r + 1];
        ASSERT_EQ(cells.size(), expected.size()) << "row " << r;
        for (size_t c = 0; c < header.size(); ++c) {
            const bool is_money = std::find(money.begin(), money.end(), header[c]) != money.end();
            if (!is_money) {
                if (!expected[c].empty() && header[c] != "usage_quantity") {
                    EXPECT_EQ(cells[c], expected[c]) << "row " << r << " column " << header[c];
                }
                continue;
            }
            const Decimal exact_value = Amount(expected[c]);
            const Decimal shown_value = Amount(cells[c]);
            const Decimal error = shown_value + -exact_value;
            EXPECT_TRUE(error < Decimal(1, 2) && Decimal(-1, 2) < error)
                << "row " << r << " column " << header[c] << ": " << cells[c] << " for " << expected[c];
            auto& exact_sum = exact[header[c]].try_emplace(expected[currency], 0, 0).first->second;
            exact_sum = exact_sum + exact_value;
            auto& shown_sum = shown[header[c]].try_emplace(expected[currency], 0, 0).first->second;
            shown_sum = shown_sum + shown_value;
        }
    }
    // The totals rows: one per currency, right after the rows.
    const size_t first_total = csv.size() + 1;
    size_t totals = 0;
    for (size_t r = first_total; r < sheet.rows.size() && sheet.rows[r][0] == "total"; ++r, ++totals) {
        const Row& cells = sheet.rows[r];
        for (size_t c = 0; c < header.size(); ++c) {
            if (std::find(money.begin(), money.end(), header[c]) == money.end()) {
                continue;
            }
            const Decimal total = Decimal::Parse(cells[c]);
            EXPECT_EQ(money::Round(exact[header[c]][cells[currency]], 2), total)
                << header[c] << " total " << cells[c] << " is not the CSV's sum rounded to the cent";
            EXPECT_EQ(shown[header[c]][cells[currency]], total)
                << header[c] << " total " << cells[c] << " is not the sum of the cents shown";
        }
    }
    EXPECT_EQ(totals, exact["total_billed"].size()) << "one totals row per currency";
    const std::string first_money_cell = "G3";
    EXPECT_EQ(sheet.format.at(first_money_cell), "#,##0.00");
}

TEST(GeneratedReportXlsxTest, ChargebackWorkbookHasBothViewsAndItsTotalsEqualTheCsv) {
    const fs::path workspace = testing::LoadedWorkspace();
    testing::TempDir directory;
    const fs::path workbook = directory / "chargeback.xlsx";
    const ProcessResult written =
        Crosswalk({"report", "chargeback", "-w", workspace.string(), "--output", workbook.string()});
    ASSERT_EQ(written.exit_code, 0) << written.err;
    EXPECT_NE(written.err.find(", with sheet showback ("), std::string::npos) << written.err;
    const std::vector<Sheet> sheets = ReadWorkbook(workbook);
    ASSERT_EQ(sheets.size(), 2U);
    EXPECT_EQ(sheets[0].name, "chargeback");
    EXPECT_EQ(sheets[1].name, "showback");
    for (const Sheet& sheet : sheets) {
        const ProcessResult csv = Crosswalk({"report", sheet.name, "-w", workspace.string(), "--format", "csv"});
        ASSERT_EQ(csv.exit_code, 0) << csv.err;
        ExpectSheetMatchesCsv(sheet, ParseCsv(csv.out));
        EXPECT_EQ(sheet.rows[0][0].rfind(sheet.name + " per cost center", 0), 0U) << sheet.rows[0][0];
    }
}

// Any report can be a workbook; to a pipe it is the bytes of one (a ZIP file), and --format takes xlsx.
TEST(GeneratedReportXlsxTest, AnyReportIsAWorkbookOnRequest) {
    const fs::path workspace = testing::LoadedWorkspace();
    const ProcessResult piped = Crosswalk({"report", "taxonomy", "-w", workspace.string(), "--format", "xlsx"});
    ASSERT_EQ(piped.exit_code, 0) << piped.err;
    EXPECT_EQ(piped.out.rfind("PK\x03\x04", 0), 0U);
    testing::TempDir directory;
    const fs::path workbook = directory / "taxonomy.xlsx";
    testing::WriteFile(workbook, piped.out);
    const std::vector<Sheet> sheets = ReadWorkbook(workbook);
    ASSERT_EQ(sheets.size(), 1U);
    EXPECT_EQ(sheets[0].name, "taxonomy");
    EXPECT_EQ(sheets[0].rows.at(1).at(0), "cost_pool");
}

// The renderer on a hand-made table in two currencies: yen shown whole and dollars to the cent, each currency's
// rows adding up to its own totals row; a NULL shows the column's label; dates are dates, percentages Excel
// percentages; sheet names are made valid and unique.
TEST(ReportXlsxTest, MoneyIsShownInTheMinorUnitOfEachRowsCurrency) {
    report::ReportTable table;
    table.name = "costs/by:currency";
    table.title = "costs, period 2026-11";
    table.columns = {{"team", report::ColumnType::kText, 0, "(none)"},
                     {"cost", report::ColumnType::kMoney, 2, ""},
                     {"share_pct", report::ColumnType::kPercentage, 2, ""},
                     {"day", report::ColumnType::kDate, 0, ""},
                     {"currency", report::ColumnType::kText, 0, ""}};
    table.rows = {{"a", "100.4", "33.33", "2026-11-01", "JPY"},
                  {"b", "100.4", "33.33", "2026-11-02", "JPY"},
                  {std::nullopt, "100.4", "33.34", std::nullopt, "JPY"},
                  {"a", "0.333", "50.00", "2026-11-30", "USD"},
                  {"b", "0.333", "50.00", "2026-11-30", "USD"}};
    table.totals = {{"total", "301.2", "100.00", std::nullopt, "JPY"},
                    {"total", "0.666", "100.00", std::nullopt, "USD"}};
    const std::vector<report::ReportTable> tables = {table, table};
    testing::TempDir directory;
    const fs::path path = directory / "costs.xlsx";
    std::ostringstream bytes;
    report::WriteReportWorkbook(tables, bytes);
    testing::WriteFile(path, bytes.str());
    const std::vector<Sheet> sheets = ReadWorkbook(path);
    ASSERT_EQ(sheets.size(), 2U);
    EXPECT_EQ(sheets[0].name, "costs_by_currency");
    EXPECT_EQ(sheets[1].name, "costs_by_currency (2)");
    const Sheet& sheet = sheets[0];
    ASSERT_EQ(sheet.rows.size(), 11U); // title, header, 5 rows, 2 totals, a blank row, the note
    EXPECT_EQ(sheet.rows[2], (Row{"a", "101", "0.3333", "2026-11-01 00:00:00", "JPY"}));
    EXPECT_EQ(sheet.rows[3], (Row{"b", "100", "0.3333", "2026-11-02 00:00:00", "JPY"}));
    EXPECT_EQ(sheet.rows[4], (Row{"(none)", "100", "0.3334", "", "JPY"}));
    EXPECT_EQ(sheet.rows[5], (Row{"a", "0.34", "0.5", "2026-11-30 00:00:00", "USD"}));
    EXPECT_EQ(sheet.rows[6], (Row{"b", "0.33", "0.5", "2026-11-30 00:00:00", "USD"}));
    EXPECT_EQ(sheet.rows[7], (Row{"total", "301", "1", "", "JPY"}));
    EXPECT_EQ(sheet.rows[8], (Row{"total", "0.67", "1", "", "USD"}));
    EXPECT_EQ(sheet.format.at("B3"), "#,##0");
    EXPECT_EQ(sheet.format.at("B6"), "#,##0.00");
    EXPECT_EQ(sheet.format.at("C3"), "0.00%");
    EXPECT_EQ(sheet.format.at("D3"), "yyyy-mm-dd");
    EXPECT_NE(sheet.rows[10][0].find("largest remainder"), std::string::npos);
}

} // namespace
} // namespace crosswalk
