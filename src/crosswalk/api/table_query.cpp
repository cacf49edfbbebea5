#include "crosswalk/api/table_query.hpp"

#include <algorithm>
#include <map>
#include <numeric>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "crosswalk/api/http_error.hpp"
#include "crosswalk/common/decimal.hpp"
#include "crosswalk/common/text.hpp"

namespace crosswalk::api {
namespace {

using report::Cell;
using report::ColumnType;
using report::ReportTable;

std::optional<size_t> FindColumn(const ReportTable& table, std::string_view name) {
    for (size_t c = 0; c < table.columns.size(); ++c) {
        if (table.columns[c].name == name) {
            return c;
        }
    }
    return std::nullopt;
}

std::string ColumnNames(const ReportTable& table) {
    std::vector<std::string> names;
    for (const report::ReportColumn& column : table.columns) {
        names.push_back(column.name);
    }
    return Join(names);
}

size_t RequireColumn(const ReportTable& table, std::string_view name, std::string_view what) {
    const std::optional<size_t> column = FindColumn(table, name);
    if (!column) {
        throw HttpError(400, "invalid_input",
                        fmt::format("report {} has no column '{}' to {}; its columns are: {}", table.name, name, what,
                                    ColumnNames(table)));
    }
    return *column;
}

// -1, 0, 1: numbers by value (exactly), the rest as text; NULL after every value, whichever the direction.
int CompareCells(const Cell& a, const Cell& b, bool numeric) {
    if (!a || !b) {
        return a ? -1 : (b ? 1 : 0);
    }
    if (numeric) {
        const std::optional<Decimal> x = Decimal::TryParse(*a);
        const std::optional<Decimal> y = Decimal::TryParse(*b);
        if (x && y) {
            return *x < *y ? -1 : (*y < *x ? 1 : 0);
        }
    }
    return a->compare(*b) < 0 ? -1 : (a->compare(*b) > 0 ? 1 : 0);
}

std::string Hex(std::string_view bytes) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string text;
    for (const char c : bytes) {
        text.push_back(kHex[static_cast<unsigned char>(c) >> 4]);
        text.push_back(kHex[static_cast<unsigned char>(c) & 0xF]);
    }
    return text;
}

std::optional<std::string> Unhex(std::string_view text) {
    if (text.size() % 2 != 0) {
        return std::nullopt;
    }
    std::string bytes;
    for (size_t i = 0; i < text.size(); i += 2) {
        const auto digit = [](char c) -> int {
            return c >= '0' && c <= '9' ? c - '0' : (c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1);
        };
        const int high = digit(text[i]);
        const int low = digit(text[i + 1]);
        if (high < 0 || low < 0) {
            return std::nullopt;
        }
        bytes.push_back(static_cast<char>(high * 16 + low));
    }
    return bytes;
}

// Per currency (or one group without a currency column): each numeric column's sum and the count of rows.
struct Group {
    std::vector<std::optional<Decimal>> sums;
    int64_t rows = 0;
};

std::map<Cell, Group> SumsByCurrency(const ReportTable& table, const std::vector<const report::ReportRow*>& rows,
                                     std::optional<size_t> currency) {
    std::map<Cell, Group> groups;
    for (const report::ReportRow* row : rows) {
        Group& group = groups[currency ? (*row)[*currency] : Cell()];
        group.sums.resize(table.columns.size());
        ++group.rows;
        for (size_t c = 0; c < table.columns.size(); ++c) {
            const std::optional<Decimal> value =
                table.columns[c].IsNumeric() && (*row)[c] ? Decimal::TryParse(*(*row)[c]) : std::nullopt;
            if (value) {
                group.sums[c] = group.sums[c] ? *group.sums[c] + *value : *value;
            }
        }
    }
    return groups;
}

// The totals of the rows left, the way the report's own totals add up: a column whose total is the sum of its
// rows gives the sum of the rows left, one whose total is the count of rows the count (a report's totals row
// counting lines in an id column); any other column (a percentage, a rate, an id) is NULL. A report without
// totals gets the sums of its money columns.
std::vector<report::ReportRow> RecomputeTotals(const ReportTable& table, const std::vector<size_t>& kept) {
    enum class Mode { kNone, kSum, kCount };
    const std::optional<size_t> currency = FindColumn(table, "currency");
    std::vector<Mode> modes(table.columns.size(), Mode::kNone);
    if (table.totals.empty()) {
        for (size_t c = 0; c < table.columns.size(); ++c) {
            modes[c] = table.columns[c].type == ColumnType::kMoney ? Mode::kSum : Mode::kNone;
        }
    } else {
        std::vector<const report::ReportRow*> all;
        for (const report::ReportRow& row : table.rows) {
            all.push_back(&row);
        }
        const std::map<Cell, Group> whole = SumsByCurrency(table, all, currency);
        for (size_t c = 0; c < table.columns.size(); ++c) {
            if (!table.columns[c].IsNumeric()) {
                continue;
            }
            bool sums = true;
            bool counts = true;
            bool any = false;
            for (const report::ReportRow& total : table.totals) {
                const auto group = whole.find(currency ? total[*currency] : Cell());
                const std::optional<Decimal> value = total[c] ? Decimal::TryParse(*total[c]) : std::nullopt;
                if (!value || group == whole.end()) {
                    sums = counts = false;
                    continue;
                }
                any = true;
                sums = sums && group->second.sums[c] && *group->second.sums[c] == *value;
                counts = counts && Decimal(group->second.rows, 0) == *value;
            }
            modes[c] = !any ? Mode::kNone : sums ? Mode::kSum : counts ? Mode::kCount : Mode::kNone;
        }
    }
    std::vector<const report::ReportRow*> rows;
    for (const size_t r : kept) {
        rows.push_back(&table.rows[r]);
    }
    std::vector<report::ReportRow> totals;
    for (const auto& [key, group] : SumsByCurrency(table, rows, currency)) {
        report::ReportRow row(table.columns.size());
        for (size_t c = 0; c < table.columns.size(); ++c) {
            if (modes[c] == Mode::kSum && group.sums[c]) {
                row[c] = group.sums[c]->ToString();
            } else if (modes[c] == Mode::kCount) {
                row[c] = std::to_string(group.rows);
            }
        }
        if (currency) {
            row[*currency] = key;
        }
        totals.push_back(std::move(row));
    }
    return totals;
}

// A filter value equals a cell: numbers by value (0 matches 0.0000), the rest as text; "" matches NULL.
bool CellEquals(const Cell& cell, const std::string& value, bool numeric) {
    if (!cell) {
        return value.empty();
    }
    if (numeric) {
        const std::optional<Decimal> x = Decimal::TryParse(*cell);
        const std::optional<Decimal> y = Decimal::TryParse(value);
        if (x && y) {
            return *x == *y;
        }
    }
    return *cell == value;
}

} // namespace

TablePage QueryTable(const ReportTable& table, const TableQuery& query, const std::optional<Principal>& principal) {
    std::vector<size_t> kept(table.rows.size());
    std::iota(kept.begin(), kept.end(), size_t{0});
    const auto keep_if = [&](auto&& predicate) {
        kept.erase(std::remove_if(kept.begin(), kept.end(), [&](size_t r) { return !predicate(table.rows[r]); }),
                   kept.end());
    };
    bool narrowed = false;
    if (principal && principal->Scoped()) {
        // The cost center is a column of its own, or the series of a report by cost center, or a budget's scope.
        const std::optional<size_t> column = FindColumn(table, query.scope_column);
        const std::optional<size_t> kind = FindColumn(table, "scope_kind");
        const std::optional<size_t> id = FindColumn(table, "scope_id");
        if (column) {
            keep_if([&](const report::ReportRow& row) {
                return row[*column] && principal->MaySeeCostCenter(*row[*column]);
            });
        } else if (kind && id) {
            keep_if([&](const report::ReportRow& row) {
                return row[*kind] == Cell("cost_center") && row[*id] && principal->MaySeeCostCenter(*row[*id]);
            });
        } else {
            throw HttpError(403, "forbidden",
                            fmt::format("user {} sees only cost centers {}; report {} has no cost_center column to "
                                        "limit it to them",
                                        principal->user, Join(principal->cost_centers), table.name));
        }
        narrowed = true;
    }
    for (const ColumnFilter& filter : query.filters) {
        const size_t column = RequireColumn(table, filter.column, "filter on");
        const bool numeric = table.columns[column].IsNumeric();
        keep_if([&](const report::ReportRow& row) {
            return std::any_of(filter.values.begin(), filter.values.end(),
                               [&](const std::string& value) { return CellEquals(row[column], value, numeric); });
        });
        narrowed = true;
    }
    if (!query.search.empty()) {
        const std::string needle = ToLower(query.search);
        keep_if([&](const report::ReportRow& row) {
            return std::any_of(row.begin(), row.end(), [&](const Cell& cell) {
                return cell && ToLower(*cell).find(needle) != std::string::npos;
            });
        });
        narrowed = true;
    }
    // The order: the sort column, then the report's own order (its row index), which makes every key unique.
    std::optional<size_t> sort_column;
    bool descending = false;
    if (query.sort && !query.sort->empty()) {
        descending = query.sort->front() == '-';
        sort_column = RequireColumn(table, descending ? query.sort->substr(1) : *query.sort, "sort by");
    }
    const bool numeric = sort_column && table.columns[*sort_column].IsNumeric();
    const auto before = [&](const Cell& a, size_t ia, const Cell& b, size_t ib) {
        if (sort_column) {
            int order = CompareCells(a, b, numeric);
            if (descending && a && b) {
                order = -order;
            }
            if (order != 0) {
                return order < 0;
            }
        }
        return ia < ib;
    };
    const auto cell_of = [&](size_t r) {
        return sort_column ? table.rows[r][*sort_column] : Cell();
    };
    std::stable_sort(kept.begin(), kept.end(),
                     [&](size_t a, size_t b) { return before(cell_of(a), a, cell_of(b), b); });

    TablePage page;
    page.matched = kept.size();
    size_t first = 0;
    if (query.cursor) {
        // The cursor is the last row's key (sort, its value, its index): the page starts after it, wherever that
        // row is now.
        const std::optional<std::string> bytes = Unhex(*query.cursor);
        nlohmann::json key;
        try {
            key = nlohmann::json::parse(bytes.value_or("x"));
        } catch (const nlohmann::json::exception&) {
        }
        if (!key.is_array() || key.size() != 3 || key[0] != query.sort.value_or("") || !key[2].is_number_unsigned()) {
            throw HttpError(400, "invalid_input",
                            "the cursor is not one this list gave with this sort; start again "
                            "without a cursor");
        }
        const Cell value = key[1].is_string() ? Cell(key[1].get<std::string>()) : Cell();
        const size_t index = key[2].get<size_t>();
        first =
            static_cast<size_t>(std::upper_bound(kept.begin(), kept.end(), 0,
                                                 [&](int, size_t r) { return before(value, index, cell_of(r), r); }) -
                                kept.begin());
    }
    const size_t last = query.limit == 0 ? kept.size() : std::min(kept.size(), first + query.limit);
    page.table.name = table.name;
    page.table.title = table.title;
    page.table.columns = table.columns;
    for (size_t i = first; i < last; ++i) {
        page.table.rows.push_back(table.rows[kept[i]]);
    }
    if (last < kept.size()) {
        const size_t r = kept[last - 1];
        const Cell value = cell_of(r);
        const nlohmann::json key = {query.sort.value_or(""), value ? nlohmann::json(*value) : nlohmann::json(nullptr),
                                    r};
        page.next_cursor = Hex(key.dump());
    }
    if (!narrowed) {
        page.table.totals = table.totals;
    } else {
        page.table.totals = RecomputeTotals(table, kept);
    }
    return page;
}

} // namespace crosswalk::api
