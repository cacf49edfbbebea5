#include "crosswalk/report/report_table.hpp"

#include <algorithm>
#include <chrono>

#include "crosswalk/common/decimal.hpp"
#include "crosswalk/common/error.hpp"
#include "crosswalk/common/text.hpp"

namespace crosswalk::report {
namespace {

// A value as read, before decimal columns get their common scale.
struct RawCell {
    std::optional<std::string> text;
    std::optional<Decimal> decimal;
};

using RawRow = std::vector<RawCell>;

// The fewest decimals that show `value` exactly.
int SignificantScale(const Decimal& value) {
    Int128 unscaled = value.Unscaled();
    int scale = value.Scale();
    while (scale > 0 && unscaled % 10 == 0) {
        unscaled /= 10;
        --scale;
    }
    return scale;
}

std::string DateText(int32_t days) {
    const std::chrono::year_month_day date{std::chrono::sys_days{std::chrono::days{days}}};
    return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                       static_cast<unsigned>(date.day()));
}

RawCell ReadCell(const store::ColumnView& view, uint64_t row, const ReportColumn& column) {
    if (!view.IsValid(row)) {
        return {};
    }
    switch (column.type) {
    case ColumnType::kText:
        return RawCell{std::string(view.String(row)), std::nullopt};
    case ColumnType::kInteger:
        return RawCell{std::to_string(view.Int64(row)), std::nullopt};
    case ColumnType::kDecimal:
    case ColumnType::kMoney:
    case ColumnType::kPercentage:
        return RawCell{std::nullopt, view.DecimalValue(row)};
    case ColumnType::kDate:
        return RawCell{DateText(view.DateDays(row)), std::nullopt};
    }
    return {};
}

void ReadRows(store::Connection& connection, std::string_view name, std::string_view sql,
              const std::vector<ReportColumn>& columns, std::vector<RawRow>& rows) {
    store::Result result = connection.Query(sql);
    std::vector<std::string> names;
    for (uint64_t c = 0; c < result.ColumnCount(); ++c) {
        names.push_back(result.ColumnName(c));
    }
    bool same = names.size() == columns.size();
    for (size_t c = 0; same && c < names.size(); ++c) {
        same = names[c] == columns[c].name;
    }
    if (!same) {
        std::vector<std::string> expected;
        for (const ReportColumn& column : columns) {
            expected.push_back(column.name);
        }
        Throw(ErrorKind::kInternal, "report {}: its query returns the columns ({}), not ({})", name, Join(names),
              Join(expected));
    }
    while (auto chunk = result.NextChunk()) {
        for (uint64_t r = 0; r < chunk->Size(); ++r) {
            RawRow& row = rows.emplace_back();
            for (size_t c = 0; c < columns.size(); ++c) {
                row.push_back(ReadCell(chunk->Column(c), r, columns[c]));
            }
        }
    }
}

} // namespace

size_t ReportTable::ColumnIndex(std::string_view column_name) const {
    for (size_t c = 0; c < columns.size(); ++c) {
        if (columns[c].name == column_name) {
            return c;
        }
    }
    Throw(ErrorKind::kInternal, "report {} has no column '{}'", name, column_name);
}

ReportTable RunReportQuery(store::Connection& connection, std::string name, std::string title,
                           std::vector<ReportColumn> columns, std::string_view rows_sql, std::string_view totals_sql) {
    const bool has_money = std::any_of(columns.begin(), columns.end(),
                                       [](const ReportColumn& column) { return column.type == ColumnType::kMoney; });
    const bool has_currency = std::any_of(columns.begin(), columns.end(),
                                          [](const ReportColumn& column) { return column.name == "currency"; });
    if (has_money && !has_currency) {
        Throw(ErrorKind::kInternal, "report {} has money columns but no currency column", name);
    }
    std::vector<RawRow> rows;
    std::vector<RawRow> totals;
    ReadRows(connection, name, rows_sql, columns, rows);
    if (!totals_sql.empty()) {
        ReadRows(connection, name, totals_sql, columns, totals);
    }
    // One scale per decimal column, for rows and totals alike: the fewest digits that show every value.
    std::vector<int> scales;
    for (size_t c = 0; c < columns.size(); ++c) {
        int scale = columns[c].scale;
        for (const auto* lines : {&rows, &totals}) {
            for (const RawRow& row : *lines) {
                if (row[c].decimal) {
                    scale = std::max(scale, SignificantScale(*row[c].decimal));
                }
            }
        }
        scales.push_back(scale);
    }
    auto finish = [&](std::vector<RawRow>& raw) {
        std::vector<ReportRow> done;
        done.reserve(raw.size());
        for (RawRow& row : raw) {
            ReportRow& cells = done.emplace_back();
            for (size_t c = 0; c < row.size(); ++c) {
                if (row[c].decimal) {
                    cells.emplace_back(row[c].decimal->Rescaled(scales[c]).ToString());
                } else {
                    cells.push_back(std::move(row[c].text));
                }
            }
        }
        return done;
    };
    ReportTable table;
    table.name = std::move(name);
    table.title = std::move(title);
    table.columns = std::move(columns);
    table.rows = finish(rows);
    table.totals = finish(totals);
    return table;
}

void AlignDecimals(ReportTable& table) {
    for (size_t c = 0; c < table.columns.size(); ++c) {
        const ReportColumn& column = table.columns[c];
        if (!column.IsNumeric() || column.type == ColumnType::kInteger) {
            continue;
        }
        int scale = column.scale;
        for (std::vector<ReportRow>* rows : {&table.rows, &table.totals}) {
            for (const ReportRow& row : *rows) {
                if (row[c]) {
                    const std::optional<Decimal> value = Decimal::TryParse(*row[c]);
                    if (!value) {
                        Throw(ErrorKind::kInternal, "report {}: column {} holds '{}', not a decimal", table.name,
                              column.name, *row[c]);
                    }
                    scale = std::max(scale, SignificantScale(*value));
                }
            }
        }
        for (std::vector<ReportRow>* rows : {&table.rows, &table.totals}) {
            for (ReportRow& row : *rows) {
                if (row[c]) {
                    row[c] = Decimal::Parse(*row[c]).Rescaled(scale).ToString();
                }
            }
        }
    }
}

} // namespace crosswalk::report
