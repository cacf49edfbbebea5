#include "crosswalk/analyze/daily_cost.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "crosswalk/common/error.hpp"

namespace crosswalk::analyze {

namespace chrono = std::chrono;

int32_t DayNumber(chrono::year_month_day date) {
    return static_cast<int32_t>(chrono::sys_days(date).time_since_epoch().count());
}

chrono::year_month_day DateOf(int32_t day) {
    return chrono::year_month_day(chrono::sys_days(chrono::days(day)));
}

std::string MonthText(chrono::year_month month) {
    return fmt::format("{:04}-{:02}", static_cast<int>(month.year()), static_cast<unsigned>(month.month()));
}

std::string DayText(int32_t day) {
    const chrono::year_month_day date = DateOf(day);
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                       static_cast<unsigned>(date.day()));
}

double ToDouble(const Decimal& value) {
    return static_cast<double>(value.Unscaled()) / std::pow(10.0, value.Scale());
}

int DailyCost::MonthStart(size_t m) const {
    return DayNumber(months[m] / 1) - first_day;
}

DailyCost LoadDailyCost(store::Connection& connection, const std::vector<std::string>& key_expressions,
                        std::optional<int32_t> last_day, bool with_total) {
    const std::string until =
        last_day ? fmt::format("WHERE ChargePeriodStart < DATE '1970-01-01' + INTERVAL {} DAY", *last_day + 1) : "";
    std::string keys;
    std::string key_names;
    std::string key_select;
    for (size_t k = 0; k < key_expressions.size(); ++k) {
        keys += fmt::format("coalesce(CAST({} AS VARCHAR), '(unassigned)') AS k{}, ", key_expressions[k], k);
        key_names += fmt::format("k{}, ", k);
        key_select += fmt::format("k{}, ", k);
    }
    // Kind 0: billed per day; 1: billed per month or longer; 2: one-time. The totals are the grouping set
    // without the key, sorted last.
    const std::string grouping =
        with_total ? fmt::format("GROUPING SETS (({}currency, day, kind), (currency, day, kind))", key_names)
                   : fmt::format("{}currency, day, kind", key_names);
    const std::string total_flag = key_expressions.empty() || !with_total ? "false" : "grouping(k0) = 1";
    const std::string sql =
        fmt::format(R"(
WITH line AS (
    SELECT {keys}BillingCurrency AS currency, CAST(ChargePeriodStart AS DATE) AS day,
           CASE WHEN ChargeFrequency = 'One-Time' THEN 2
                WHEN ChargeFrequency = 'Usage-Based' AND ChargePeriodEnd <= ChargePeriodStart + INTERVAL 1 DAY THEN 0
                ELSE 1 END AS kind,
           EffectiveCost
    FROM cost_line_enriched {until}
)
SELECT {total_flag} AS total, {key_select}coalesce(currency, '') AS currency, day, kind, sum(EffectiveCost) AS cost
FROM line
GROUP BY {grouping}
ORDER BY total, {key_select}currency, day)",
                    fmt::arg("keys", keys), fmt::arg("until", until), fmt::arg("total_flag", total_flag),
                    fmt::arg("key_select", key_select), fmt::arg("grouping", grouping));

    DailyCost cost;
    // The bill's days, whatever the date asked for: a date outside them is refused, not read as days of no cost.
    const store::Result::TextRow span =
        connection
            .Query("SELECT CAST(min(ChargePeriodStart)::DATE - DATE '1970-01-01' AS VARCHAR), "
                   "CAST(max(ChargePeriodStart)::DATE - DATE '1970-01-01' AS VARCHAR) FROM cost_line_enriched")
            .TextRows()
            .at(0);
    if (!span[0] || !span[1]) {
        Throw(ErrorKind::kNotFound, "the store has no cost line; ingest a bill first (crosswalk ingest focus FILE)");
    }
    const int32_t bill_first = std::stoi(*span[0]);
    const int32_t bill_last = std::stoi(*span[1]);
    if (last_day && *last_day > bill_last) {
        Throw(ErrorKind::kInvalidInput,
              "the as-of date {} is after the bill's last day, {}: the days after it would count as days of no "
              "cost; leave --as-of out, or load the bill up to that day",
              DayText(*last_day), DayText(bill_last));
    }
    if (last_day && *last_day < bill_first) {
        Throw(ErrorKind::kInvalidInput, "the as-of date {} is before the bill's first day, {}", DayText(*last_day),
              DayText(bill_first));
    }
    cost.first_day = bill_first;
    cost.last_day = last_day.value_or(bill_last);
    const chrono::year_month first_month = DateOf(cost.first_day).year() / DateOf(cost.first_day).month();
    const chrono::year_month last_month = DateOf(cost.last_day).year() / DateOf(cost.last_day).month();
    for (chrono::year_month month = first_month; month <= last_month; month += chrono::months(1)) {
        cost.months.push_back(month);
    }
    const int days = cost.Days();
    const size_t key_count = key_expressions.size();

    store::Result result = connection.Query(sql);
    DailyCostSeries* current = nullptr;
    while (std::optional<store::DataChunk> chunk = result.NextChunk()) {
        for (uint64_t r = 0; r < chunk->Size(); ++r) {
            const bool total = chunk->Column(0).Bool(r);
            const std::string_view currency = chunk->Column(1 + key_count).String(r);
            bool same = current != nullptr && current->IsTotal() == total && current->currency == currency;
            for (size_t k = 0; same && !total && k < key_count; ++k) {
                same = current->key[k] == chunk->Column(1 + k).String(r);
            }
            if (!same) {
                DailyCostSeries& series = cost.series.emplace_back();
                for (size_t k = 0; !total && k < key_count; ++k) {
                    series.key.emplace_back(chunk->Column(1 + k).String(r));
                }
                series.currency = std::string(currency);
                series.daily.assign(static_cast<size_t>(days), 0.0);
                series.monthly.assign(cost.months.size(), 0.0);
                series.monthly_billed.assign(cost.months.size(), 0);
                series.actual.assign(cost.months.size(), Decimal(0, 0));
                current = &series;
            }
            const int32_t day = chunk->Column(2 + key_count).DateDays(r);
            const int index = day - cost.first_day;
            if (index < 0 || index >= days) {
                continue;
            }
            const chrono::year_month_day date = DateOf(day);
            const size_t month = static_cast<size_t>((date.year() / date.month() - first_month).count());
            const int kind = static_cast<int>(chunk->Column(3 + key_count).Int64(r));
            const Decimal amount =
                chunk->Column(4 + key_count).IsValid(r) ? chunk->Column(4 + key_count).DecimalValue(r) : Decimal(0, 0);
            current->first_line = current->first_line < 0 ? index : std::min(current->first_line, index);
            current->actual[month] = current->actual[month] + amount;
            if (kind == 0) {
                current->daily[static_cast<size_t>(index)] += ToDouble(amount);
            } else if (kind == 1) {
                current->monthly[month] += ToDouble(amount);
                current->monthly_billed[month] = 1;
            }
        }
    }
    return cost;
}

} // namespace crosswalk::analyze
