// The XLSX renderer: a workbook finance can open, one worksheet per report table, written with libxlsxwriter
// (Debian's libxlsxwriter-dev). Excel holds every number as a binary double with 15 significant digits, so the
// workbook is where exact text becomes a float, once, for display and for the spreadsheet's own sums: money is
// first rounded to its currency's minor unit with the lines of each column and currency apportioned by largest
// remainder (money::RoundKeepingSum), so the cents shown add up to the totals row exactly; the CSV and JSON keep
// every digit.
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unistd.h>
#include <vector>

#include <fmt/format.h>
#include <xlsxwriter.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/common/money.hpp"
#include "crosswalk/report/report_render.hpp"

namespace crosswalk::report {
namespace {

// Where things go on a worksheet: the title line, the header (frozen with it), then the rows and totals.
constexpr lxw_row_t kTitleRow = 0;
constexpr lxw_row_t kHeaderRow = 1;
constexpr lxw_row_t kFirstDataRow = 2;
constexpr double kMaxColumnWidth = 60;

// A temporary file that is removed when this goes out of scope: libxlsxwriter writes to a path only.
class TemporaryFile {
public:
    TemporaryFile() {
        std::string pattern = (std::filesystem::temp_directory_path() / "crosswalk-XXXXXX.xlsx").string();
        const int descriptor = ::mkstemps(pattern.data(), 5);
        if (descriptor < 0) {
            Throw(ErrorKind::kIo, "cannot create a temporary file for the workbook in {}",
                  std::filesystem::temp_directory_path().string());
        }
        ::close(descriptor);
        path_ = pattern;
    }

    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;

    ~TemporaryFile() {
        std::error_code ignored;
        std::filesystem::remove(path_, ignored);
    }

    [[nodiscard]] const std::string& Path() const noexcept { return path_; }

private:
    std::string path_;
};

void Check(lxw_error error, std::string_view what) {
    if (error != LXW_NO_ERROR) {
        Throw(ErrorKind::kInternal, "writing the workbook ({}): {}", what, lxw_strerror(error));
    }
}

// Exact decimal text as the double Excel will hold (the nearest one; from_chars ignores the locale).
double ToDouble(const std::string& text) {
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) {
        Throw(ErrorKind::kInternal, "'{}' is not a number the workbook can hold", text);
    }
    return value;
}

// Excel's number format for `decimals` digits after the point, with thousands separators.
std::string NumberFormat(int decimals) {
    return decimals <= 0 ? "#,##0" : "#,##0." + std::string(static_cast<size_t>(decimals), '0');
}

int DecimalsOf(const std::string& text) {
    const size_t point = text.find('.');
    return point == std::string::npos ? 0 : static_cast<int>(text.size() - point - 1);
}

// A worksheet name Excel accepts (at most 31 characters, none of []:*?/\) and unique in the workbook.
std::string SheetName(const std::string& name, std::set<std::string>& used) {
    std::string clean;
    for (const char c : name) {
        clean.push_back(std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : '_');
    }
    if (clean.empty()) {
        clean = "report";
    }
    clean = clean.substr(0, 31);
    std::string unique = clean;
    for (int n = 2; used.contains(unique); ++n) {
        const std::string suffix = fmt::format(" ({})", n);
        unique = clean.substr(0, 31 - suffix.size()) + suffix;
    }
    used.insert(unique);
    return unique;
}

// The minor units money of `currency` is shown with; nullopt (shown exactly) for a currency ISO 4217 gives none,
// a NULL currency or text that is not a currency code.
std::optional<int> MoneyScale(const Cell& currency) {
    if (!currency) {
        return std::nullopt;
    }
    try {
        return money::MinorUnits(*currency);
    } catch (const Error&) {
        return std::nullopt;
    }
}

// The money cells of one column as the workbook shows them: each currency's rows rounded so that they add up
// to their rounded sum, and the totals rows rounded alike (a totals row that is the sum of its currency's rows,
// as every report's is, then equals the rounded rows' sum to the unit).
struct RoundedColumn {
    std::vector<Cell> rows;
    std::vector<Cell> totals;
};

RoundedColumn RoundMoney(const ReportTable& table, size_t column, size_t currency_column) {
    RoundedColumn rounded{std::vector<Cell>(table.rows.size()), std::vector<Cell>(table.totals.size())};
    std::map<Cell, std::vector<size_t>> rows_of; // currency -> its rows with a value, in order
    for (size_t r = 0; r < table.rows.size(); ++r) {
        if (table.rows[r][column]) {
            rows_of[table.rows[r][currency_column]].push_back(r);
        }
    }
    for (const auto& [currency, rows] : rows_of) {
        const std::optional<int> scale = MoneyScale(currency);
        std::vector<Decimal> values;
        for (const size_t r : rows) {
            values.push_back(Decimal::Parse(*table.rows[r][column]));
        }
        const std::vector<Decimal> shown = scale ? money::RoundKeepingSum(values, *scale) : values;
        for (size_t i = 0; i < rows.size(); ++i) {
            rounded.rows[rows[i]] = shown[i].ToString();
        }
    }
    for (size_t r = 0; r < table.totals.size(); ++r) {
        if (const Cell& cell = table.totals[r][column]) {
            const std::optional<int> scale = MoneyScale(table.totals[r][currency_column]);
            const Decimal value = Decimal::Parse(*cell);
            rounded.totals[r] = (scale ? money::Round(value, *scale) : value).ToString();
        }
    }
    return rounded;
}

class WorkbookWriter {
public:
    explicit WorkbookWriter(const std::string& path) : workbook_(workbook_new(path.c_str())) {
        if (workbook_ == nullptr) {
            Throw(ErrorKind::kIo, "cannot create the workbook {}", path);
        }
        title_ = workbook_add_format(workbook_);
        format_set_bold(title_);
        format_set_font_size(title_, 12);
        header_ = workbook_add_format(workbook_);
        format_set_bold(header_);
        format_set_bottom(header_, LXW_BORDER_THIN);
        format_set_bg_color(header_, 0xE7E6E6);
        note_ = workbook_add_format(workbook_);
        format_set_italic(note_);
        format_set_font_color(note_, 0x595959);
    }

    WorkbookWriter(const WorkbookWriter&) = delete;
    WorkbookWriter& operator=(const WorkbookWriter&) = delete;

    ~WorkbookWriter() {
        if (workbook_ != nullptr) {
            workbook_close(workbook_); // only on an error path: Close() has not run
        }
    }

    void AddSheet(const ReportTable& table) {
        lxw_worksheet* sheet = workbook_add_worksheet(workbook_, SheetName(table.name, sheet_names_).c_str());
        if (sheet == nullptr) {
            Throw(ErrorKind::kInternal, "cannot add the worksheet for report {}", table.name);
        }
        if (properties_title_.empty()) {
            properties_title_ = table.title;
        }
        Check(worksheet_write_string(sheet, kTitleRow, 0, table.title.c_str(), title_), "title");
        const size_t currency_column = CurrencyColumn(table);
        std::vector<RoundedColumn> money(table.columns.size());
        bool has_money = false;
        for (size_t c = 0; c < table.columns.size(); ++c) {
            if (table.columns[c].type == ColumnType::kMoney) {
                money[c] = RoundMoney(table, c, currency_column);
                has_money = true;
            }
        }
        std::vector<double> widths;
        for (size_t c = 0; c < table.columns.size(); ++c) {
            const ReportColumn& column = table.columns[c];
            Check(worksheet_write_string(sheet, kHeaderRow, Col(c), column.name.c_str(), header_), "header");
            widths.push_back(static_cast<double>(column.name.size()));
        }
        lxw_row_t row = kFirstDataRow;
        for (size_t r = 0; r < table.rows.size(); ++r, ++row) {
            for (size_t c = 0; c < table.columns.size(); ++c) {
                const Cell& cell = table.columns[c].type == ColumnType::kMoney ? money[c].rows[r] : table.rows[r][c];
                WriteCell(sheet, row, c, table.columns[c], cell, CurrencyOf(table.rows[r], currency_column), false,
                          widths);
            }
        }
        for (size_t r = 0; r < table.totals.size(); ++r, ++row) {
            for (size_t c = 0; c < table.columns.size(); ++c) {
                const Cell& cell =
                    table.columns[c].type == ColumnType::kMoney ? money[c].totals[r] : table.totals[r][c];
                WriteCell(sheet, row, c, table.columns[c], cell, CurrencyOf(table.totals[r], currency_column), true,
                          widths);
            }
        }
        if (has_money && !table.rows.empty()) {
            const char* note = table.totals.empty()
                                   ? "Amounts are rounded to the currency's minor unit, the lines of each column and "
                                     "currency by largest remainder, so that they add up to their rounded sum; the "
                                     "CSV and JSON of this report carry every digit."
                                   : "Amounts are rounded to the currency's minor unit, the lines of each column and "
                                     "currency by largest remainder, so that they add up to the totals exactly "
                                     "(amounts of one row may differ by a cent from their sum in another column); "
                                     "the CSV and JSON of this report carry every digit.";
            Check(worksheet_write_string(sheet, row + 1, 0, note, note_), "note");
        }
        for (size_t c = 0; c < widths.size(); ++c) {
            Check(worksheet_set_column(sheet, Col(c), Col(c), std::min(widths[c] + 2, kMaxColumnWidth), nullptr),
                  "column width");
        }
        worksheet_freeze_panes(sheet, kFirstDataRow, 0);
        if (!table.columns.empty()) {
            const lxw_row_t last = table.rows.empty() ? kHeaderRow : kFirstDataRow + Row(table.rows.size()) - 1;
            Check(worksheet_autofilter(sheet, kHeaderRow, 0, last, Col(table.columns.size() - 1)), "filter");
        }
    }

    void Close() {
        std::string author = "crosswalk";
        lxw_doc_properties properties{};
        properties.title = properties_title_.data();
        properties.author = author.data();
        Check(workbook_set_properties(workbook_, &properties), "properties");
        lxw_workbook* workbook = workbook_;
        workbook_ = nullptr;
        Check(workbook_close(workbook), "close");
    }

private:
    static lxw_col_t Col(size_t c) { return static_cast<lxw_col_t>(c); }

    static lxw_row_t Row(size_t r) { return static_cast<lxw_row_t>(r); }

    // The `currency` column of a table with money (kInternal without one), else SIZE_MAX.
    static size_t CurrencyColumn(const ReportTable& table) {
        for (const ReportColumn& column : table.columns) {
            if (column.type == ColumnType::kMoney) {
                return table.ColumnIndex("currency");
            }
        }
        return SIZE_MAX;
    }

    static Cell CurrencyOf(const ReportRow& row, size_t currency_column) {
        return currency_column == SIZE_MAX ? Cell{} : row[currency_column];
    }

    // One format per (kind, decimals, totals), made once: Excel files carry a table of distinct formats.
    lxw_format* Format(std::string_view number_format, bool totals) {
        const std::string key = fmt::format("{}|{}", number_format, totals);
        if (auto found = formats_.find(key); found != formats_.end()) {
            return found->second;
        }
        lxw_format* format = workbook_add_format(workbook_);
        if (!number_format.empty()) {
            format_set_num_format(format, std::string(number_format).c_str());
        }
        if (totals) {
            format_set_bold(format);
            format_set_top(format, LXW_BORDER_THIN);
        }
        formats_.emplace(key, format);
        return format;
    }

    void WriteCell(lxw_worksheet* sheet, lxw_row_t row, size_t c, const ReportColumn& column, const Cell& cell,
                   const Cell& currency, bool totals, std::vector<double>& widths) {
        const lxw_col_t col = Col(c);
        if (!cell) {
            // A NULL in a totals row is a column the total spans; in a row, the column's label for it.
            if (!totals && !column.IsNumeric() && !column.null_label.empty()) {
                Check(worksheet_write_string(sheet, row, col, column.null_label.c_str(), Format("", totals)), "cell");
                widths[c] = std::max(widths[c], static_cast<double>(column.null_label.size()));
            } else {
                Check(worksheet_write_blank(sheet, row, col, Format("", totals)), "cell");
            }
            return;
        }
        const std::string& text = *cell;
        widths[c] = std::max(widths[c], static_cast<double>(text.size()) + (column.IsNumeric() ? 2 : 0));
        switch (column.type) {
        case ColumnType::kText:
            Check(worksheet_write_string(sheet, row, col, text.c_str(), Format("", totals)), "cell");
            return;
        case ColumnType::kInteger:
            Check(worksheet_write_number(sheet, row, col, ToDouble(text), Format("#,##0", totals)), "cell");
            return;
        case ColumnType::kMoney: {
            const std::optional<int> scale = MoneyScale(currency);
            Check(worksheet_write_number(sheet, row, col, ToDouble(text),
                                         Format(NumberFormat(scale.value_or(DecimalsOf(text))), totals)),
                  "cell");
            return;
        }
        case ColumnType::kDecimal:
            Check(
                worksheet_write_number(sheet, row, col, ToDouble(text), Format(NumberFormat(DecimalsOf(text)), totals)),
                "cell");
            return;
        case ColumnType::kPercentage: {
            // 87.50 (percent) is the fraction 0.875, shown as 87.50 %.
            const Decimal fraction = money::Divide(Decimal::Parse(text), Decimal(100, 0), DecimalsOf(text) + 2);
            Check(worksheet_write_number(sheet, row, col, ToDouble(fraction.ToString()),
                                         Format(fmt::format("0.{}%", std::string(DecimalsOf(text), '0')), totals)),
                  "cell");
            return;
        }
        case ColumnType::kDate: {
            lxw_datetime date{};
            if (std::sscanf(text.c_str(), "%4d-%2d-%2d", &date.year, &date.month, &date.day) != 3) {
                Throw(ErrorKind::kInternal, "'{}' is not a YYYY-MM-DD date", text);
            }
            Check(worksheet_write_datetime(sheet, row, col, &date, Format("yyyy-mm-dd", totals)), "cell");
            return;
        }
        }
    }

    lxw_workbook* workbook_ = nullptr;
    lxw_format* title_ = nullptr;
    lxw_format* header_ = nullptr;
    lxw_format* note_ = nullptr;
    std::map<std::string, lxw_format*> formats_;
    std::set<std::string> sheet_names_;
    std::string properties_title_;
};

} // namespace

void WriteReportWorkbook(std::span<const ReportTable> sheets, std::ostream& out) {
    const TemporaryFile file;
    {
        WorkbookWriter writer(file.Path());
        for (const ReportTable& table : sheets) {
            writer.AddSheet(table);
        }
        writer.Close();
    }
    std::ifstream in(file.Path(), std::ios::binary);
    out << in.rdbuf();
    if (!in || !out) {
        Throw(ErrorKind::kIo, "cannot copy the workbook from {}", file.Path());
    }
}

void WriteReportXlsx(const ReportTable& table, std::ostream& out) {
    WriteReportWorkbook(std::span<const ReportTable>(&table, 1), out);
}

} // namespace crosswalk::report
