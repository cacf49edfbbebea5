#include "crosswalk/analyze/anomaly.hpp"

#include <algorithm>
#include <cmath>

namespace crosswalk::analyze::anomaly {
namespace {

double Median(std::vector<double>& values) {
    const size_t middle = values.size() / 2;
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(middle), values.end());
    const double upper = values[middle];
    if (values.size() % 2 == 1) {
        return upper;
    }
    return (upper + *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(middle))) / 2;
}

} // namespace

std::vector<Spike> DetectSpikes(std::span<const double> values, int first_line, const Settings& settings,
                                std::vector<double>* expected) {
    const int length = static_cast<int>(values.size());
    std::vector<double> cleaned(values.begin(), values.end());
    if (expected != nullptr) {
        expected->assign(values.size(), 0.0);
    }
    std::vector<Spike> spikes;
    std::optional<Spike> open;
    std::vector<double> window;
    std::vector<double> deviations;
    const auto close = [&] {
        if (open && open->cost - open->expected >= settings.min_anomaly_excess) {
            spikes.push_back(*open);
        }
        open.reset();
    };
    int regime_start = std::max(first_line, 0); // a level shift starts a new one
    for (int day = std::max(first_line, 0) + settings.min_history_days; day < length; ++day) {
        const int from = std::max({0, regime_start, day - settings.window_days});
        // A full window: the median of its recent half, moved on by the slope between its halves' medians (a
        // ramp, such as storage filling up, is expected, not anomalous). A shorter one: its median.
        double level = 0;
        double slope = 0;
        const int size = day - from;
        if (size >= settings.window_days) {
            const int half = size / 2;
            window.assign(cleaned.begin() + from, cleaned.begin() + from + half);
            const double older = Median(window);
            window.assign(cleaned.begin() + from + half, cleaned.begin() + day);
            const double recent = Median(window);
            slope = (recent - older) / half;
            level = recent + slope * (half + 1) / 2.0;
        } else {
            window.assign(cleaned.begin() + from, cleaned.begin() + day);
            level = Median(window);
        }
        deviations.clear();
        for (int d = from; d < day; ++d) {
            // Each day's distance from the line through the window.
            const double line = level - slope * (day - d);
            deviations.push_back(std::abs(cleaned[static_cast<size_t>(d)] - line));
        }
        const double scale = 1.4826 * Median(deviations);
        const double band = std::max({settings.band_deviations * scale, settings.min_band_fraction * std::abs(level),
                                      settings.min_daily_excess});
        const double value = values[static_cast<size_t>(day)];
        if (expected != nullptr) {
            (*expected)[static_cast<size_t>(day)] = level;
        }
        if (value > level + band) {
            cleaned[static_cast<size_t>(day)] = level;
            if (!open) {
                open = Spike{day, day, 0, 0, 0};
            }
            open->last_day = day;
            open->cost += value;
            open->expected += level;
            open->upper += level + band;
            if (open->last_day - open->first_day + 1 >= settings.max_spike_days) {
                // Not a spike but a new level: keep the days as they were and judge what follows by them.
                open->shift = true;
                for (int d = open->first_day; d <= open->last_day; ++d) {
                    cleaned[static_cast<size_t>(d)] = values[static_cast<size_t>(d)];
                }
                regime_start = open->first_day;
                close();
            }
        } else {
            close();
        }
    }
    close();
    return spikes;
}

std::optional<Trend> DetectTrend(std::span<const double> values, int first_line, const Settings& settings) {
    const int length = static_cast<int>(values.size());
    const int start = std::max(first_line, 0);
    const int weeks = (length - start) / 7;
    if (weeks < settings.min_trend_weeks) {
        return std::nullopt;
    }
    // Whole weeks ending on the last day.
    const int first_day = length - weeks * 7;
    double sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
    for (int week = 0; week < weeks; ++week) {
        double sum = 0;
        for (int day = 0; day < 7; ++day) {
            sum += values[static_cast<size_t>(first_day + week * 7 + day)];
        }
        if (sum <= 0) {
            return std::nullopt;
        }
        const double x = week;
        const double y = std::log(sum);
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
        syy += y * y;
    }
    const double n = weeks;
    const double sxx_c = sxx - sx * sx / n;
    const double syy_c = syy - sy * sy / n;
    const double sxy_c = sxy - sx * sy / n;
    if (sxx_c <= 0 || syy_c <= 0) {
        return std::nullopt;
    }
    const double slope = sxy_c / sxx_c;
    const double intercept = (sy - slope * sx) / n;
    Trend trend;
    trend.first_day = first_day;
    trend.weeks = weeks;
    trend.weekly_growth = std::exp(slope) - 1;
    trend.r_squared = sxy_c * sxy_c / (sxx_c * syy_c);
    trend.first_week = std::exp(intercept);
    trend.last_week = std::exp(intercept + slope * (n - 1));
    if (trend.weekly_growth < settings.min_weekly_growth || trend.r_squared < settings.min_trend_r_squared) {
        return std::nullopt;
    }
    return trend;
}

} // namespace crosswalk::analyze::anomaly
