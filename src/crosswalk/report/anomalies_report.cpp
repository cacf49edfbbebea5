// `crosswalk report anomalies`: cost spikes on daily series with the dimensions that drove them and their owner,
// steady trends reported apart, and license and SaaS overage from the license stage. docs/anomalies.md.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "crosswalk/analyze/anomaly.hpp"
#include "crosswalk/analyze/daily_cost.hpp"
#include "crosswalk/common/error.hpp"
#include "crosswalk/common/text.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::report {
namespace {

namespace chrono = std::chrono;
using analyze::DayText;
using detail::EstimateText;

struct SeriesKind {
    std::vector<std::string> expressions; // over cost_line_enriched
    std::vector<std::string> names;       // what each is, in the series name
};

SeriesKind KindOf(const std::string& by) {
    if (by == "service") {
        return {{"ProviderName", "coalesce(SubAccountId, BillingAccountId)", "ServiceName"},
                {"provider", "account", "service"}};
    }
    if (by == "application" || by == "cost_center") {
        return {{by}, {by}};
    }
    Throw(ErrorKind::kInvalidInput,
          "anomalies are found by service (each service in each account), application "
          "or cost_center, not '{}'",
          by);
}

// One anomaly found, before its drivers are read.
struct Found {
    const analyze::DailyCostSeries* series = nullptr;
    analyze::anomaly::Spike spike;
    int32_t first_day = 0; // days since 1970-01-01
    int32_t last_day = 0;
};

// The drivers of each anomaly: per dimension, the value whose cost rose most above its own level in the days
// before (its average day over the window before the anomaly, times the anomaly's days), with its share of the
// rise; and the application, owner and cost center of the resource that rose most (who to call).
struct Drivers {
    std::map<std::string, std::pair<std::string, std::string>> top; // dimension -> (value, share %)
    std::string application, owner, cost_center;
    std::string cost; // the days' cost, exact
};

std::vector<Drivers> ReadDrivers(store::Connection& connection, const SeriesKind& kind, const std::vector<Found>& found,
                                 int window_days) {
    std::vector<Drivers> drivers(found.size());
    if (found.empty()) {
        return drivers;
    }
    std::string values;
    int32_t earliest = found.front().first_day;
    int32_t latest = found.front().last_day;
    for (size_t i = 0; i < found.size(); ++i) {
        std::string keys;
        for (const std::string& key : found[i].series->key) {
            keys += ", " + store::QuoteLiteral(key);
        }
        values +=
            fmt::format("{}({}{}, DATE '{}', DATE '{}', {})", i == 0 ? "" : ", ", i, keys, DayText(found[i].first_day),
                        DayText(found[i].last_day), found[i].last_day - found[i].first_day + 1);
        earliest = std::min(earliest, found[i].first_day);
        latest = std::max(latest, found[i].last_day);
    }
    std::string key_columns;
    std::string key_match;
    for (size_t k = 0; k < kind.expressions.size(); ++k) {
        key_columns += fmt::format(", k{}", k);
        key_match += fmt::format(" AND coalesce(CAST({} AS VARCHAR), '(unassigned)') = s.k{}", kind.expressions[k], k);
    }
    const std::string sql = fmt::format(R"(
WITH spike(id{key_columns}, first_day, last_day, days) AS (VALUES {values}),
line AS (
    SELECT s.id, CAST(c.ChargePeriodStart AS DATE) AS day,
           CAST(c.ChargePeriodStart AS DATE) BETWEEN s.first_day AND s.last_day AS during, s.days,
           concat_ws(' ', c.ProviderName, coalesce(c.SubAccountId, c.BillingAccountId)) AS account,
           c.ServiceName AS service, c.ResourceId AS resource, c.RegionId AS region, c.SkuMeter AS meter,
           c.application, c.owner, c.cost_center, c.EffectiveCost
    FROM spike AS s
    JOIN cost_line_enriched AS c
        ON c.ChargePeriodStart >= s.first_day - INTERVAL {window} DAY
       AND c.ChargePeriodStart < s.last_day + INTERVAL 1 DAY{key_match}
    WHERE c.ChargePeriodStart >= DATE '{earliest}' - INTERVAL {window} DAY
      AND c.ChargePeriodStart < DATE '{latest}' + INTERVAL 1 DAY
      AND c.ChargeFrequency = 'Usage-Based' AND c.ChargePeriodEnd <= c.ChargePeriodStart + INTERVAL 1 DAY
),
before_days AS (SELECT id, greatest(count(DISTINCT day) FILTER (WHERE NOT during), 1) AS n FROM line GROUP BY id),
dims AS (
    SELECT id, 'account' AS dim, account AS value, during, days, EffectiveCost FROM line
    UNION ALL SELECT id, 'service', service, during, days, EffectiveCost FROM line
    UNION ALL SELECT id, 'resource', resource, during, days, EffectiveCost FROM line
    UNION ALL SELECT id, 'region', region, during, days, EffectiveCost FROM line
    UNION ALL SELECT id, 'meter', meter, during, days, EffectiveCost FROM line
    UNION ALL SELECT id, 'application', application, during, days, EffectiveCost FROM line
),
rise AS (
    SELECT d.id, d.dim, d.value,
           coalesce(sum(d.EffectiveCost) FILTER (WHERE d.during), 0)
             - money_div(coalesce(sum(d.EffectiveCost) FILTER (WHERE NOT d.during), 0) * any_value(d.days),
                         any_value(b.n), 10) AS rise
    FROM dims AS d JOIN before_days AS b USING (id)
    WHERE d.value IS NOT NULL
    GROUP BY d.id, d.dim, d.value
),
ranked AS (
    SELECT id, dim, value, rise, sum(rise) OVER (PARTITION BY id, dim) AS total,
           row_number() OVER (PARTITION BY id, dim ORDER BY rise DESC, value) AS rank
    FROM rise
),
top_resource AS (SELECT id, value AS resource FROM ranked WHERE dim = 'resource' AND rank = 1),
spent AS (SELECT id, CAST(sum(EffectiveCost) AS VARCHAR) AS cost FROM line WHERE during GROUP BY id),
owners AS (
    SELECT c.id, arg_max(c.application, c.cost) AS application, arg_max(c.owner, c.cost) AS owner,
           arg_max(c.cost_center, c.cost) AS cost_center
    FROM (SELECT id, resource, application, owner, cost_center, sum(EffectiveCost) AS cost FROM line WHERE during
          GROUP BY ALL) AS c
    LEFT JOIN top_resource AS t USING (id)
    WHERE t.resource IS NULL OR c.resource = t.resource
    GROUP BY c.id
)
SELECT r.id, r.dim, r.value,
       CAST(CAST(CASE WHEN r.total > 0 THEN least(100, money_div(100 * greatest(r.rise, 0), r.total, 0)) END AS BIGINT)
            AS VARCHAR) AS share,
       o.application, o.owner, o.cost_center, t.cost
FROM ranked AS r LEFT JOIN owners AS o USING (id) LEFT JOIN spent AS t USING (id)
WHERE r.rank = 1
ORDER BY r.id, r.dim)",
                                        fmt::arg("key_columns", key_columns), fmt::arg("values", values),
                                        fmt::arg("window", window_days), fmt::arg("key_match", key_match),
                                        fmt::arg("earliest", DayText(earliest)), fmt::arg("latest", DayText(latest)));
    store::Result result = connection.Query(sql);
    while (std::optional<store::DataChunk> chunk = result.NextChunk()) {
        for (uint64_t r = 0; r < chunk->Size(); ++r) {
            Drivers& d = drivers[static_cast<size_t>(chunk->Column(0).Int64(r))];
            const auto text = [&](uint64_t column) {
                return chunk->Column(column).IsValid(r) ? std::string(chunk->Column(column).String(r)) : "";
            };
            d.top[text(1)] = {text(2), text(3)};
            d.application = text(4);
            d.owner = text(5);
            d.cost_center = text(6);
            d.cost = text(7);
        }
    }
    return drivers;
}

std::string DriversText(const Drivers& drivers, const SeriesKind& kind) {
    std::string text;
    for (const char* dimension : {"account", "service", "resource", "meter", "region", "application"}) {
        // The series' own dimensions are the series.
        if (std::find(kind.names.begin(), kind.names.end(), dimension) != kind.names.end()) {
            continue;
        }
        const auto found = drivers.top.find(dimension);
        if (found == drivers.top.end() || found->second.first.empty()) {
            continue;
        }
        text +=
            fmt::format("{}{} {}{}", text.empty() ? "" : "; ", dimension, found->second.first,
                        found->second.second.empty() ? "" : fmt::format(" ({} % of the rise)", found->second.second));
    }
    return text;
}

} // namespace

ReportTable AnomaliesReport(store::Connection& connection, const AnomalyOptions& options) {
    const SeriesKind kind = KindOf(options.by);
    const analyze::DailyCost cost = analyze::LoadDailyCost(connection, kind.expressions, options.last_day, false);
    const analyze::anomaly::Settings settings;

    std::vector<Found> found;

    struct TrendFound {
        const analyze::DailyCostSeries* series;
        analyze::anomaly::Trend trend;
    };

    std::vector<TrendFound> trends;
    for (const analyze::DailyCostSeries& series : cost.series) {
        for (const analyze::anomaly::Spike& spike :
             analyze::anomaly::DetectSpikes(series.daily, series.first_line, settings)) {
            found.push_back(Found{&series, spike, cost.first_day + spike.first_day, cost.first_day + spike.last_day});
        }
        if (const std::optional<analyze::anomaly::Trend> trend =
                analyze::anomaly::DetectTrend(series.daily, series.first_line, settings)) {
            trends.push_back(TrendFound{&series, *trend});
        }
    }
    std::stable_sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
        return a.spike.cost - a.spike.expected > b.spike.cost - b.spike.expected;
    });
    const std::vector<Drivers> drivers = ReadDrivers(connection, kind, found, settings.window_days);

    ReportTable table;
    table.name = "anomalies";
    table.columns = {
        {"kind", ColumnType::kText, 0, ""},        {"series", ColumnType::kText, 0, ""},
        {"first_day", ColumnType::kDate, 0, "-"},  {"last_day", ColumnType::kDate, 0, "-"},
        {"days", ColumnType::kInteger, 0, "-"},    {"cost", ColumnType::kMoney, 2, "-"},
        {"expected", ColumnType::kMoney, 2, "-"},  {"cost_above_expected", ColumnType::kMoney, 2, "-"},
        {"drivers", ColumnType::kText, 0, ""},     {"application", ColumnType::kText, 0, "(none)"},
        {"owner", ColumnType::kText, 0, "(none)"}, {"cost_center", ColumnType::kText, 0, "(none)"},
        {"status", ColumnType::kText, 0, ""},      {"currency", ColumnType::kText, 0, ""},
    };
    const auto name_of = [&](const analyze::DailyCostSeries& series) {
        return Join(series.key, " / ");
    };
    const auto optional = [](const std::string& text) {
        return text.empty() ? Cell{} : Cell{text};
    };
    std::map<std::pair<std::string, std::string>, double> anomaly_cost; // per month (of the first day), currency
    for (size_t i = 0; i < found.size(); ++i) {
        const Found& f = found[i];
        // The days' cost exactly as billed (the detector's doubles only judge); expected is an estimate.
        const std::string cost_text = drivers[i].cost.empty() ? EstimateText(f.spike.cost) : drivers[i].cost;
        const double above = analyze::ToDouble(Decimal::Parse(cost_text)) - f.spike.expected;
        if (!f.spike.shift) {
            anomaly_cost[{DayText(f.first_day).substr(0, 7), f.series->currency}] += above;
        }
        table.rows.push_back({f.spike.shift ? "level_shift" : "spike", name_of(*f.series), DayText(f.first_day),
                              DayText(f.last_day), std::to_string(f.last_day - f.first_day + 1), cost_text,
                              EstimateText(f.spike.expected), EstimateText(above), DriversText(drivers[i], kind),
                              optional(drivers[i].application), optional(drivers[i].owner),
                              optional(drivers[i].cost_center),
                              f.spike.shift                 ? "new level"
                              : f.last_day == cost.last_day ? "open"
                                                            : "ended",
                              f.series->currency});
    }
    for (const TrendFound& t : trends) {
        const int32_t first = cost.first_day + t.trend.first_day;
        table.rows.push_back(
            {"trend", name_of(*t.series), DayText(first), DayText(cost.last_day), std::to_string(t.trend.weeks * 7),
             EstimateText(t.trend.last_week), EstimateText(t.trend.first_week),
             EstimateText(t.trend.last_week - t.trend.first_week),
             fmt::format("weekly cost growing {:.1f} % a week over {} weeks (fit r2 {:.2f}); cost: the last week's, "
                         "expected: the first week's",
                         t.trend.weekly_growth * 100, t.trend.weeks, t.trend.r_squared),
             Cell{}, Cell{}, Cell{}, "rising", t.series->currency});
    }

    // License and SaaS overage from the license stage; a shortfall is compared with the position a month before.
    LicenseOptions license{std::nullopt, DayText(cost.last_day), options.licensing};
    const ReportTable findings = LicenseFindingsReport(connection, license);
    const chrono::year_month_day last = analyze::DateOf(cost.last_day);
    LicenseOptions before_options{std::nullopt, DayText(analyze::DayNumber(last.year() / last.month() / 1) - 1),
                                  options.licensing};
    std::map<std::string, Decimal> shortfall_before;
    const ReportTable before = LicensePositionReport(connection, before_options);
    for (const ReportRow& row : before.rows) {
        const Cell& product = row[before.ColumnIndex("product")];
        const Cell& shortfall = row[before.ColumnIndex("shortfall")];
        if (product && shortfall) {
            const Decimal value = Decimal::Parse(*shortfall);
            const auto [it, inserted] = shortfall_before.emplace(*product, value);
            if (!inserted) {
                it->second = it->second + value;
            }
        }
    }
    const size_t kind_column = findings.ColumnIndex("kind");
    for (const ReportRow& row : findings.rows) {
        const std::string& finding = row[kind_column].value_or("");
        if (finding != "shortfall" && finding != "saas_overage") {
            continue;
        }
        const auto cell = [&](const char* column) {
            return row[findings.ColumnIndex(column)];
        };
        std::string status = "open";
        std::string detail = cell("detail").value_or("");
        if (finding == "shortfall") {
            const std::string product = cell("product").value_or("");
            const auto was = shortfall_before.find(product);
            // "required 48, entitled 42: 6 short": the number before " short".
            const size_t colon = detail.rfind(": ");
            const std::string now_text =
                colon == std::string::npos ? "" : detail.substr(colon + 2, detail.find(' ', colon + 2) - colon - 2);
            const std::optional<Decimal> now = Decimal::TryParse(now_text);
            if (was == shortfall_before.end() || was->second == Decimal(0, 0)) {
                status = "new";
            } else if (now && was->second < *now) {
                status = "growing";
            } else {
                status = "steady";
            }
            detail += fmt::format("; on {}: {} short", before_options.as_of.value_or(""),
                                  was == shortfall_before.end() ? "0" : was->second.ToString());
        }
        table.rows.push_back({finding == "shortfall" ? "license_overage" : "saas_overage", cell("product").value_or(""),
                              Cell{}, DayText(cost.last_day), Cell{}, Cell{}, Cell{}, cell("amount"), detail, Cell{},
                              cell("owner"), cell("cost_center"), status, cell("currency")});
    }
    for (const auto& [key, amount] : anomaly_cost) {
        table.totals.push_back({"anomaly cost", key.first, Cell{}, Cell{}, Cell{}, Cell{}, Cell{}, EstimateText(amount),
                                Cell{}, Cell{}, Cell{}, Cell{}, Cell{}, key.second});
    }
    AlignDecimals(table);
    table.title = fmt::format("cost anomalies per {} to {} (a day above its expected cost, from the 28 days before, "
                              "by 4 robust deviations and at least 20 %); trends apart; license and SaaS overage; "
                              "totals: the anomaly cost per month, the spikes' cost above expected",
                              Join(kind.names, ", "), DayText(cost.last_day));
    return table;
}

} // namespace crosswalk::report
