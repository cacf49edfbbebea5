// Anomaly detection on daily cost (docs/anomalies.md): a day is anomalous when its cost is above the series'
// expected value by more than its band; consecutive such days are one anomaly. A slow, steady growth is not an
// anomaly but a trend, reported apart. The FinOps Foundation defines an anomaly as an unpredicted variation
// resulting in an increase, larger than would be expected given historical spending patterns: only increases.
//
// Expected value: the median of the series' previous 28 days (anomalous days replaced by their expected value,
// so a spike does not raise its own baseline). A rise that lasts more than a week is a level shift (a new
// resource, a new price), reported as such: from its first day the series is judged against the new level. Band: 4
// robust standard deviations (1.4826 x the median absolute deviation of those days), at least 20 % of the expected
// value and at least the minimum daily excess. Medians rather than means: one bad day in the window does not move them.
#pragma once

#include <optional>
#include <span>
#include <vector>

namespace crosswalk::analyze::anomaly {

struct Settings {
    int window_days = 28;           // the days the expected value and band are read from
    int min_history_days = 14;      // after a series' first line, days before it is judged
    double band_deviations = 4;     // robust standard deviations above the expected value
    double min_band_fraction = 0.2; // the band is at least this share of the expected value
    double min_daily_excess = 5;    // ... and at least this much a day, in the series' currency
    double min_anomaly_excess = 25; // an anomaly smaller than this in all is dropped as noise
    int max_spike_days = 7;         // a rise that lasts longer is a level shift: the new normal from its first day
    // Trends: weekly cost growing at least this fraction a week, over at least min_trend_weeks whole weeks,
    // with a log-linear fit at least this good.
    double min_weekly_growth = 0.01;
    int min_trend_weeks = 8;
    double min_trend_r_squared = 0.8;
};

struct Spike {
    int first_day = 0; // indices into the series
    int last_day = 0;
    double cost = 0;     // the days' cost
    double expected = 0; // the days' expected cost
    double upper = 0;    // the days' band top, summed
    bool shift = false;  // a level shift: max_spike_days above the band, then judged against the new level
};

// The anomalies of a daily series, judged from day `first_line + min_history_days` on. `expected`, when given,
// receives every day's expected value (0 before judging starts).
[[nodiscard]] std::vector<Spike> DetectSpikes(std::span<const double> values, int first_line, const Settings& settings,
                                              std::vector<double>* expected = nullptr);

struct Trend {
    int first_day = 0; // the first day of the first whole week fitted
    int weeks = 0;
    double weekly_growth = 0; // e^slope - 1 of log(weekly cost) on the week
    double r_squared = 0;
    double first_week = 0; // the fit's weekly cost at the first and at the last week
    double last_week = 0;
};

// A steady growth of the series' weekly cost (whole weeks from `first_line`, the last week ending on the last
// day), or nullopt.
[[nodiscard]] std::optional<Trend> DetectTrend(std::span<const double> values, int first_line,
                                               const Settings& settings);

} // namespace crosswalk::analyze::anomaly
