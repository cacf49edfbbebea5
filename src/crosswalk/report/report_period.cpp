#include "crosswalk/report/report_period.hpp"

#include <fmt/format.h>

#include "crosswalk/common/error.hpp"

namespace crosswalk::report {
namespace {

bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}

} // namespace

Period Period::Parse(std::string_view text) {
    const bool shaped = text.size() == 7 && text[4] == '-' && IsDigit(text[0]) && IsDigit(text[1]) &&
                        IsDigit(text[2]) && IsDigit(text[3]) && IsDigit(text[5]) && IsDigit(text[6]);
    if (shaped) {
        Period period;
        period.year = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
        period.month = (text[5] - '0') * 10 + (text[6] - '0');
        if (period.month >= 1 && period.month <= 12 && period.year >= 1) {
            return period;
        }
    }
    Throw(ErrorKind::kInvalidInput, "bad period '{}': expected a month as YYYY-MM, e.g. 2026-11", text);
}

std::string Period::ToString() const {
    return fmt::format("{:04d}-{:02d}", year, month);
}

Period Period::Next() const {
    return month == 12 ? Period{year + 1, 1} : Period{year, month + 1};
}

std::string ResolvedPeriod::Describe() const {
    return latest ? fmt::format("period {} (the latest month with cost lines)", period.ToString())
                  : fmt::format("period {}", period.ToString());
}

std::string ResolvedPeriod::Condition(std::string_view column) const {
    // Literals from two validated integers: nothing of the user's text reaches the SQL.
    return fmt::format("({0} >= TIMESTAMP '{1}-01 00:00:00' AND {0} < TIMESTAMP '{2}-01 00:00:00')", column,
                       period.ToString(), period.Next().ToString());
}

ResolvedPeriod ResolvePeriod(store::Connection& connection, const std::optional<Period>& requested) {
    if (requested) {
        return ResolvedPeriod{*requested, false};
    }
    const std::optional<std::string> latest =
        connection.Query("SELECT strftime(max(ChargePeriodStart), '%Y-%m') FROM cost_line").ScalarString();
    if (!latest) {
        Throw(ErrorKind::kNotFound, "no cost lines are loaded, so there is no latest month to report on: "
                                    "ingest FOCUS files first (crosswalk ingest), or name one with --period YYYY-MM");
    }
    return ResolvedPeriod{Period::Parse(*latest), true};
}

ResolvedPeriod ResolveBilledPeriod(store::Connection& connection, const std::optional<Period>& requested,
                                   std::string_view what) {
    const ResolvedPeriod resolved = ResolvePeriod(connection, requested);
    const int64_t lines =
        connection.Query("SELECT count(*) FROM (SELECT 1 FROM cost_line WHERE " + resolved.Condition() + " LIMIT 1)")
            .ScalarInt64()
            .value_or(0);
    if (lines == 0) {
        const std::string span = connection
                                     .Query("SELECT strftime(min(ChargePeriodStart), '%Y-%m') || ' to ' || "
                                            "strftime(max(ChargePeriodStart), '%Y-%m') FROM cost_line")
                                     .ScalarString()
                                     .value_or("nothing");
        Throw(ErrorKind::kNotFound, "no cost lines are loaded for {}: {} covers the months the bill covers ({})",
              resolved.period.ToString(), what, span);
    }
    return resolved;
}

} // namespace crosswalk::report
