// Date-times that are not ISO 8601 but that a billing file writes unambiguously: 9/24/2024 0:00 (month first, as
// Excel writes in the US), 24.09.2024 (day first), 2024/09/24 (year first). The day/month order is named by the
// user (--date-order) or found in the file: the order holds when some value has a day above 12 and no value
// contradicts it. A file whose values read both ways (every day and month at most 12) is refused, since no
// row's dates can be trusted without the order.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "crosswalk/store/connection.hpp"

namespace crosswalk::ingest::focus {

enum class DateOrder {
    kDetect, // found in the file; stays kDetect when no value needs an order (ISO files)
    kMdy,    // month/day/year, plus year-first values
    kDmy,    // day/month/year, plus year-first values
    kYmd,    // year-first values only
};

// "mdy", "dmy", "ymd" ("" for kDetect); ParseDateOrder is its inverse (nullopt for anything else).
[[nodiscard]] std::string_view DateOrderName(DateOrder order);
[[nodiscard]] std::optional<DateOrder> ParseDateOrder(std::string_view name);

// A SQL expression: the TIMESTAMP (UTC) that the VARCHAR expression `text` gives in `order` (separators /, . or
// -; an optional time H:MM, H:MM:SS, H:MM:SS.fff, or with AM/PM), NULL when it does not fit. REQUIRES: order is
// not kDetect.
[[nodiscard]] std::string DateInOrderSql(std::string_view text, DateOrder order);

// The order of the non-ISO dates in the text columns `columns` (source column names) of the file that
// `relation_sql` reads. `requested` other than kDetect is returned as it is. Otherwise a sample of the file is
// looked at first, so that an ISO file costs no second read; when it holds day/month/year values, one aggregate
// over the whole file decides. Throws kInvalidInput naming the file and column when the values fit both orders
// (or contradict each other), saying which option fixes it.
[[nodiscard]] DateOrder ResolveDateOrder(store::Connection& connection, std::string_view path,
                                         std::string_view relation_sql, std::span<const std::string> columns,
                                         DateOrder requested);

} // namespace crosswalk::ingest::focus
