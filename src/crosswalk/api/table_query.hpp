// What a list endpoint does to a report's rows before it answers: the caller's cost-center scope, column filters
// (?provider=AWS,Azure), a search over the text (?q=), a sort (?sort=-total_billed) and keyset pagination
// (?limit=50&cursor=...). The rows themselves come from the report, untouched: filtering and sorting only pick
// and order them, so a page's values are the CLI's, byte for byte.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "crosswalk/api/access.hpp"
#include "crosswalk/report/report_table.hpp"

namespace crosswalk::api {

struct ColumnFilter {
    std::string column;
    std::vector<std::string> values; // a row matches when its cell equals one of them ("" matches NULL)
};

struct TableQuery {
    std::vector<ColumnFilter> filters;
    std::string search;                // case-insensitive, in any cell
    std::optional<std::string> sort;   // a column; '-' first for descending
    size_t limit = 0;                  // 0: every row
    std::optional<std::string> cursor; // the next_cursor of the page before
    // The column a scoped principal's cost centers are matched on ("series" for a forecast by cost center); a
    // table without it but with scope_kind and scope_id (the budgets) keeps its cost_center scopes' rows.
    std::string scope_column = "cost_center";
};

struct TablePage {
    report::ReportTable table; // the page's rows; totals: the report's (over every page) when no filter, search
                               // or scope left rows out, else recomputed over the matching rows per currency, column
                               // by column as the report's own totals add up (a sum, a count of rows, or NULL)
    size_t matched = 0;        // rows that match, over all pages
    std::optional<std::string> next_cursor; // set when more rows follow
};

// Applies `query` and `principal`'s scope to `table`. Throws HttpError 403 when the principal is scoped and the
// table has no cost_center column (it could not be limited to the scope), 400 for a filter or sort column the
// table does not have (naming its columns) and for a cursor that is not one of this sort's.
[[nodiscard]] TablePage QueryTable(const report::ReportTable& table, const TableQuery& query,
                                   const std::optional<Principal>& principal);

} // namespace crosswalk::api
