#include "crosswalk/ingest/focus/date_order.hpp"

#include <array>
#include <cstdint>
#include <vector>

#include "crosswalk/common/error.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::ingest::focus {
namespace {

using store::QuoteIdentifier;
using store::QuoteLiteral;

// A day/month/year value: one or two digits, a separator, one or two digits, a separator, a four-digit year. An
// ISO value starts with four digits, so it never matches.
constexpr std::string_view kDayMonthPattern = R"(^\s*(\d{1,2})[/.-](\d{1,2})[/.-]\d{4}(\s|T|$))";
// A year-first value with dots (2024.09.24), which DuckDB's cast does not read (it reads 2024/09/24).
constexpr std::string_view kYearFirstPattern = R"(^\s*\d{4}\.\d{1,2}\.\d{1,2}(\s|T|$))";
// Rows looked at before deciding that a whole-file aggregate is needed.
constexpr int kSampleRows = 20000;

constexpr std::array<std::string_view, 8> kTimeFormats = {
    "", " %H:%M", " %H:%M:%S", " %H:%M:%S.%f", " %I:%M %p", " %I:%M:%S %p", "T%H:%M", "T%H:%M:%S",
};

// Per column of the file: how many values read only day first, only month first, either way, and year first
// with dots, each with an example. One pass over `relation_sql`.
std::string DetectionSql(std::string_view relation_sql, std::span<const std::string> columns) {
    std::string values;
    for (size_t i = 0; i < columns.size(); ++i) {
        values += fmt::format("{}{{'i': {}, 'v': CAST(src.{} AS VARCHAR)}}", i == 0 ? "" : ", ", i,
                              QuoteIdentifier(columns[i]));
    }
    const std::string day_first = "a > 12 AND b <= 12";
    const std::string month_first = "b > 12 AND a <= 12";
    const std::string either = "a <= 12 AND b <= 12";
    return fmt::format(
        "SELECT i, count(*) FILTER (WHERE {0}), any_value(v) FILTER (WHERE {0}), count(*) FILTER (WHERE {1}), "
        "any_value(v) FILTER (WHERE {1}), count(*) FILTER (WHERE {2}), any_value(v) FILTER (WHERE {2}), "
        "count(*) FILTER (WHERE y), any_value(v) FILTER (WHERE y) FROM ("
        "SELECT d.i AS i, d.v AS v, TRY_CAST(regexp_extract(d.v, {3}, 1) AS INTEGER) AS a, "
        "TRY_CAST(regexp_extract(d.v, {3}, 2) AS INTEGER) AS b, regexp_matches(d.v, {4}) AS y "
        "FROM (SELECT unnest([{5}]) AS d FROM {6} AS src) "
        "WHERE regexp_matches(d.v, {3}) OR regexp_matches(d.v, {4})) GROUP BY i ORDER BY i",
        day_first, month_first, either, QuoteLiteral(kDayMonthPattern), QuoteLiteral(kYearFirstPattern), values,
        relation_sql);
}

struct ColumnEvidence {
    std::string column;
    int64_t day_first = 0;
    std::string day_first_example;
    int64_t month_first = 0;
    std::string month_first_example;
    int64_t either = 0;
    std::string either_example;
    int64_t year_first = 0;
};

std::vector<ColumnEvidence> Evidence(store::Connection& connection, std::string_view relation_sql,
                                     std::span<const std::string> columns) {
    std::vector<ColumnEvidence> evidence;
    store::Result result = connection.Query(DetectionSql(relation_sql, columns));
    while (auto chunk = result.NextChunk()) {
        for (uint64_t row = 0; row < chunk->Size(); ++row) {
            const auto text = [&](uint64_t column) {
                return chunk->Column(column).IsValid(row) ? std::string(chunk->Column(column).String(row)) : "";
            };
            evidence.push_back(ColumnEvidence{columns[static_cast<size_t>(chunk->Column(0).Int64(row))],
                                              chunk->Column(1).Int64(row), text(2), chunk->Column(3).Int64(row),
                                              text(4), chunk->Column(5).Int64(row), text(6),
                                              chunk->Column(7).Int64(row)});
        }
    }
    return evidence;
}

} // namespace

std::string_view DateOrderName(DateOrder order) {
    switch (order) {
    case DateOrder::kMdy:
        return "mdy";
    case DateOrder::kDmy:
        return "dmy";
    case DateOrder::kYmd:
        return "ymd";
    case DateOrder::kDetect:
        break;
    }
    return "";
}

std::optional<DateOrder> ParseDateOrder(std::string_view name) {
    for (const DateOrder order : {DateOrder::kMdy, DateOrder::kDmy, DateOrder::kYmd}) {
        if (name == DateOrderName(order)) {
            return order;
        }
    }
    return std::nullopt;
}

std::string DateInOrderSql(std::string_view text, DateOrder order) {
    CROSSWALK_ASSERT(order != DateOrder::kDetect, "a date order to read in");
    std::vector<std::string_view> dates = {"%Y/%m/%d"};
    if (order == DateOrder::kMdy) {
        dates.insert(dates.begin(), "%m/%d/%Y");
    } else if (order == DateOrder::kDmy) {
        dates.insert(dates.begin(), "%d/%m/%Y");
    }
    std::string formats;
    for (const std::string_view date : dates) {
        for (const std::string_view time : kTimeFormats) {
            formats += fmt::format("{}{}", formats.empty() ? "" : ", ", QuoteLiteral(fmt::format("{}{}", date, time)));
        }
    }
    // One separator for the formats: 24.09.2024 and 24-09-2024 read as 24/09/2024.
    return fmt::format(
        R"(try_strptime(regexp_replace(trim({}), '^(\d{{1,4}})[.-](\d{{1,2}})[.-](\d{{1,4}})', '\1/\2/\3'), [{}]))",
        text, formats);
}

DateOrder ResolveDateOrder(store::Connection& connection, std::string_view path, std::string_view relation_sql,
                           std::span<const std::string> columns, DateOrder requested) {
    if (requested != DateOrder::kDetect || columns.empty()) {
        return requested;
    }
    // An ISO file: nothing in the sample needs an order, and the file is not read a second time.
    if (Evidence(connection, fmt::format("(SELECT * FROM {} LIMIT {})", relation_sql, kSampleRows), columns).empty()) {
        return DateOrder::kDetect;
    }
    const std::vector<ColumnEvidence> evidence = Evidence(connection, relation_sql, columns);
    const ColumnEvidence* day_first = nullptr;
    const ColumnEvidence* month_first = nullptr;
    const ColumnEvidence* either = nullptr;
    bool year_first = false;
    for (const ColumnEvidence& column : evidence) {
        day_first = day_first == nullptr && column.day_first > 0 ? &column : day_first;
        month_first = month_first == nullptr && column.month_first > 0 ? &column : month_first;
        either = either == nullptr && column.either > 0 ? &column : either;
        year_first = year_first || column.year_first > 0;
    }
    if (day_first != nullptr && month_first != nullptr) {
        Throw(ErrorKind::kInvalidInput,
              "{}: dates are written both day first ({} '{}') and month first ({} '{}'): name the order with "
              "--date-order mdy or --date-order dmy (values that do not fit it are then rejected)",
              path, day_first->column, day_first->day_first_example, month_first->column,
              month_first->month_first_example);
    }
    if (day_first != nullptr) {
        return DateOrder::kDmy;
    }
    if (month_first != nullptr) {
        return DateOrder::kMdy;
    }
    if (either != nullptr) {
        Throw(ErrorKind::kInvalidInput,
              "{}: column {}: dates such as '{}' read as month/day or as day/month (no day above 12 in the file): "
              "use --date-order mdy or --date-order dmy",
              path, either->column, either->either_example);
    }
    return year_first ? DateOrder::kYmd : DateOrder::kDetect;
}

} // namespace crosswalk::ingest::focus
