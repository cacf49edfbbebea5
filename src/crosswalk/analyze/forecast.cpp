#include "crosswalk/analyze/forecast.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include <fmt/format.h>

namespace crosswalk::analyze::forecast {
namespace {

// Below half a cent an actual is no cost: no percentage error is taken against it (lines that offset each
// other sum to a rounding residue, not to 0).
constexpr double kNoCost = 0.005;

// The horizon candidates are judged at: a week ahead, from every week's end. Short enough that the weeks
// after a break (a resource started or stopped) are judged before a month has passed.
constexpr int kCheckHorizon = kSeason;

double Mean(std::span<const double> values) {
    double sum = 0;
    for (double value : values) {
        sum += value;
    }
    return values.empty() ? 0 : sum / static_cast<double>(values.size());
}

// phi + phi^2 + ... + phi^steps: how much of the trend `steps` days ahead carries.
double DampedSteps(double phi, int steps) {
    double total = 0;
    double power = 1;
    for (int step = 0; step < steps; ++step) {
        power *= phi;
        total += power;
    }
    return total;
}

struct Accuracy {
    double mape = -1;
    double bias = 0;
};

Accuracy AccuracyOf(const std::vector<BacktestMonth>& months, double BacktestMonth::*forecast) {
    double ape_sum = 0;
    int ape_count = 0;
    double forecast_sum = 0;
    double actual_sum = 0;
    for (const BacktestMonth& month : months) {
        if (std::abs(month.actual) >= kNoCost) {
            ape_sum += std::abs(month.actual - month.*forecast) / std::abs(month.actual);
            ++ape_count;
        }
        forecast_sum += month.*forecast;
        actual_sum += month.actual;
    }
    Accuracy accuracy;
    if (ape_count > 0) {
        accuracy.mape = ape_sum / ape_count;
    }
    if (std::abs(actual_sum) >= kNoCost) {
        accuracy.bias = (forecast_sum - actual_sum) / std::abs(actual_sum);
    }
    return accuracy;
}

// The level since the last break, at the end of `values[0, day)`: the mean of the last 4, 3 or 2 weeks (the
// longest whose last week does not differ from the weeks before it by more than 2.5 standard errors), else of
// the last week; and each weekday's mean distance from it over those weeks. A break (a resource started or
// stopped) shortens the window to the days after it; in a stable stretch more days average out the noise.
struct LocalLevel {
    double level = 0;
    double season[kSeason] = {};
};

LocalLevel LocalLevelAt(std::span<const double> values, int day) {
    LocalLevel result;
    int weeks = 1;
    for (int w = 4; w >= 2; --w) {
        const int from = day - w * kSeason;
        if (from < 0) {
            continue;
        }
        const std::span<const double> older =
            values.subspan(static_cast<size_t>(from), static_cast<size_t>((w - 1) * kSeason));
        const std::span<const double> recent = values.subspan(static_cast<size_t>(day - kSeason), kSeason);
        const double older_mean = Mean(older);
        const double recent_mean = Mean(recent);
        // The noise: each week's days about their week's mean (a shift between weeks is not noise).
        double squares = 0;
        for (int week = 0; week < w; ++week) {
            const std::span<const double> days = values.subspan(static_cast<size_t>(from + week * kSeason), kSeason);
            const double mean = Mean(days);
            for (double value : days) {
                squares += (value - mean) * (value - mean);
            }
        }
        const double deviation = std::sqrt(squares / (w * (kSeason - 1)));
        const double standard_error = deviation * std::sqrt(1.0 / kSeason + 1.0 / ((w - 1) * kSeason));
        if (std::abs(recent_mean - older_mean) <= 2.5 * standard_error) {
            weeks = w;
            break;
        }
    }
    const int from = day - weeks * kSeason;
    result.level = Mean(values.subspan(static_cast<size_t>(from), static_cast<size_t>(weeks * kSeason)));
    for (int d = from; d < day; ++d) {
        result.season[d % kSeason] += (values[static_cast<size_t>(d)] - result.level) / weeks;
    }
    return result;
}

// The local level's forecast of `days` days from `day` on: with its weekday pattern or flat.
double LocalLevelSum(const LocalLevel& local, int day, int days, bool seasonal) {
    double sum = 0;
    for (int step = 0; step < days; ++step) {
        sum += local.level + (seasonal ? local.season[(day + step) % kSeason] : 0.0);
    }
    return sum;
}

} // namespace

State InitialState(std::span<const double> values) {
    State state;
    const double first = Mean(values.subspan(0, kSeason));
    const double second = Mean(values.subspan(kSeason, kSeason));
    state.trend = (second - first) / kSeason;
    // The line through the two weeks' means (each its middle day's level); a weekday's season is its distance
    // from the line, averaged over the two weeks; the level is the line's at the end of the second week.
    const auto line = [&](int day) {
        return first + state.trend * (day - (kSeason - 1) / 2.0);
    };
    for (int day = 0; day < kSeason; ++day) {
        state.season[day] = ((values[day] - line(day)) + (values[day + kSeason] - line(day + kSeason))) / 2;
    }
    state.level = line(2 * kSeason - 1);
    state.next_day = 2 * kSeason;
    return state;
}

double Update(State& state, const Parameters& parameters, double value) {
    double& season = state.season[state.next_day % kSeason];
    const double damped_trend = parameters.phi * state.trend;
    const double error = value - (state.level + damped_trend + season);
    const double level = parameters.alpha * (value - season) + (1 - parameters.alpha) * (state.level + damped_trend);
    state.trend = parameters.beta * (level - state.level) + (1 - parameters.beta) * damped_trend;
    season = parameters.gamma * (value - level) + (1 - parameters.gamma) * season;
    state.level = level;
    ++state.next_day;
    return error;
}

double ForecastSum(const State& state, const Parameters& parameters, int skip, int days) {
    double sum = 0;
    double damped = DampedSteps(parameters.phi, skip);
    double power = std::pow(parameters.phi, skip);
    for (int step = skip + 1; step <= skip + days; ++step) {
        power *= parameters.phi;
        damped += power;
        const int day = state.next_day + step - 1;
        sum += state.level + damped * state.trend + state.season[day % kSeason];
    }
    return sum;
}

std::vector<double> ForecastDays(const State& state, const Parameters& parameters, int days) {
    std::vector<double> forecast;
    forecast.reserve(static_cast<size_t>(days));
    double damped = 0;
    double power = 1;
    for (int step = 1; step <= days; ++step) {
        power *= parameters.phi;
        damped += power;
        const int day = state.next_day + step - 1;
        forecast.push_back(state.level + damped * state.trend + state.season[day % kSeason]);
    }
    return forecast;
}

std::span<const Parameters> ParameterGrid() {
    static const std::vector<Parameters> kGrid = [] {
        std::vector<Parameters> grid;
        for (bool seasonal : {true, false}) {
            for (double alpha : {0.05, 0.1, 0.2, 0.35, 0.5, 0.7}) {
                for (const auto& [beta, phi] : {std::pair{0.0, 0.0}, std::pair{0.02, 0.98}, std::pair{0.1, 0.98}}) {
                    for (double gamma : seasonal ? std::vector<double>{0.0, 0.05, 0.15, 0.3} : std::vector<double>{0}) {
                        grid.push_back(Parameters{alpha, beta, gamma, phi, seasonal});
                    }
                }
            }
        }
        return grid;
    }();
    return kGrid;
}

std::string Describe(const Parameters& parameters) {
    const bool trend = parameters.phi > 0;
    if (parameters.seasonal && trend) {
        return fmt::format("holt-winters, damped trend, weekly season (alpha {}, beta {}, gamma {}, phi {})",
                           parameters.alpha, parameters.beta, parameters.gamma, parameters.phi);
    }
    if (parameters.seasonal) {
        return fmt::format("exponential smoothing, weekly season (alpha {}, gamma {})", parameters.alpha,
                           parameters.gamma);
    }
    if (trend) {
        return fmt::format("holt, damped trend (alpha {}, beta {}, phi {})", parameters.alpha, parameters.beta,
                           parameters.phi);
    }
    return fmt::format("simple exponential smoothing (alpha {})", parameters.alpha);
}

SeriesForecast ForecastSeries(const ForecastInput& input) {
    const std::span<const double> values = input.values;
    const int length = static_cast<int>(values.size());
    // A series with no negative day is forecast at no less than 0; a back-tested month judges that on the days
    // before its origin only.
    const int first_negative = static_cast<int>(
        std::find_if(values.begin(), values.end(), [](double value) { return value < 0; }) - values.begin());
    const bool non_negative = first_negative == static_cast<int>(values.size());
    SeriesForecast result;

    // The months to back-test: whole months after enough history.
    struct Origin {
        int month = 0; // index into month_starts
        int first_day = 0;
        int days = 0;
    };

    std::vector<Origin> origins;
    const int min_training = std::max(input.min_training_days, 3 * kSeason);
    for (size_t m = 0; m < input.month_starts.size(); ++m) {
        const int first = input.month_starts[m];
        const int end = m + 1 < input.month_starts.size() ? input.month_starts[m + 1] : -1;
        if (end < 0 || end > length || first < min_training) {
            continue;
        }
        origins.push_back(Origin{static_cast<int>(m), first, end - first});
    }

    if (length < min_training) {
        // Too short to fit a season: the mean of the last week (or of what there is), flat.
        const int tail = std::min(length, kSeason);
        const double mean = tail > 0 ? Mean(values.subspan(static_cast<size_t>(length - tail))) : 0;
        result.daily.assign(static_cast<size_t>(input.horizon_days), mean);
        return result;
    }
    result.modeled = true;

    // One filter pass per parameter set serves every origin. A candidate is judged by the error of the week
    // sums it would have forecast from every week's end, counting only the weeks that ended before the origin:
    // no look-ahead. Before two such weeks exist, by the one-step errors. The state at the origin makes its
    // forecast.
    const std::span<const Parameters> grid = ParameterGrid();
    const State initial = InitialState(values);
    std::vector<double> prefix(static_cast<size_t>(length) + 1, 0.0);
    for (int day = 0; day < length; ++day) {
        prefix[static_cast<size_t>(day) + 1] = prefix[static_cast<size_t>(day)] + values[static_cast<size_t>(day)];
    }
    std::vector<int> known_at; // the day each checkpoint's week has been seen by
    for (int day = initial.next_day; day + kCheckHorizon <= length; day += kSeason) {
        known_at.push_back(day + kCheckHorizon);
    }
    const auto checkpoints_before = [&](int day) {
        return static_cast<size_t>(std::upper_bound(known_at.begin(), known_at.end(), day) - known_at.begin());
    };
    // Candidates: each parameter set alone (c < G), each averaged with the naive seasonal forecast (G <= c <
    // 2G: a forecast combination, which hedges a level shift the smoothing has not caught up with), and the naive
    // seasonal forecast alone (c = 2G).
    const size_t models = grid.size();
    const size_t candidates = 2 * models + 3;
    const size_t naive_candidate = 2 * models;
    const size_t local_candidate = 2 * models + 1; // + 1: with its weekday pattern
    const auto naive_sum = [&](int day, int days) {
        double sum = 0;
        for (int step = 0; step < days; ++step) {
            sum += values[static_cast<size_t>(day - kSeason + step % kSeason)];
        }
        return sum;
    };
    const double unusable = std::numeric_limits<double>::infinity();
    std::vector<double> origin_error(candidates * origins.size(), unusable);
    std::vector<double> origin_forecast(candidates * origins.size());
    std::vector<double> total_error(candidates, unusable);
    std::vector<State> final_state(models);
    std::vector<State> origin_state(models * origins.size()); // each model's state at each origin
    std::vector<double> checked(known_at.size() + 1);
    std::vector<double> checked_mix(known_at.size() + 1);
    std::vector<double> checked_naive(known_at.size() + 1);
    for (size_t k = 0; k < known_at.size(); ++k) {
        const int day = known_at[k] - kCheckHorizon;
        const double actual = prefix[static_cast<size_t>(day + kCheckHorizon)] - prefix[static_cast<size_t>(day)];
        const double error = naive_sum(day, kCheckHorizon) - actual;
        checked_naive[k + 1] = checked_naive[k] + error * error;
    }
    for (size_t o = 0; o < origins.size(); ++o) {
        const size_t usable = checkpoints_before(origins[o].first_day);
        if (usable >= 2) {
            origin_error[naive_candidate * origins.size() + o] = checked_naive[usable];
        }
        origin_forecast[naive_candidate * origins.size() + o] = naive_sum(origins[o].first_day, origins[o].days);
    }
    if (known_at.size() >= 2) {
        total_error[naive_candidate] = checked_naive[known_at.size()];
    }
    for (size_t variant = 0; variant < 2; ++variant) {
        const size_t c = local_candidate + variant;
        std::vector<double> checked_local(known_at.size() + 1);
        for (size_t k = 0; k < known_at.size(); ++k) {
            const int day = known_at[k] - kCheckHorizon;
            const double actual = prefix[static_cast<size_t>(day + kCheckHorizon)] - prefix[static_cast<size_t>(day)];
            const double error = LocalLevelSum(LocalLevelAt(values, day), day, kCheckHorizon, variant == 1) - actual;
            checked_local[k + 1] = checked_local[k] + error * error;
        }
        for (size_t o = 0; o < origins.size(); ++o) {
            const size_t usable = checkpoints_before(origins[o].first_day);
            if (usable >= 2) {
                origin_error[c * origins.size() + o] = checked_local[usable];
            }
            origin_forecast[c * origins.size() + o] = LocalLevelSum(
                LocalLevelAt(values, origins[o].first_day), origins[o].first_day, origins[o].days, variant == 1);
        }
        if (known_at.size() >= 2) {
            total_error[c] = checked_local[known_at.size()];
        }
    }
    State flat = initial; // the non-seasonal models' start: the same line, no season
    std::fill(std::begin(flat.season), std::end(flat.season), 0.0);
    for (size_t p = 0; p < models; ++p) {
        State state = grid[p].seasonal ? initial : flat;
        double squared = 0;
        size_t next_origin = 0;
        size_t checkpoint = 0;
        for (int day = state.next_day; day <= length; ++day) {
            if (checkpoint < known_at.size() && known_at[checkpoint] - kCheckHorizon == day) {
                const double actual =
                    prefix[static_cast<size_t>(day + kCheckHorizon)] - prefix[static_cast<size_t>(day)];
                const double forecast = ForecastSum(state, grid[p], 0, kCheckHorizon);
                const double mix = (forecast + naive_sum(day, kCheckHorizon)) / 2;
                checked[checkpoint + 1] = checked[checkpoint] + (forecast - actual) * (forecast - actual);
                checked_mix[checkpoint + 1] = checked_mix[checkpoint] + (mix - actual) * (mix - actual);
                ++checkpoint;
            }
            while (next_origin < origins.size() && origins[next_origin].first_day == day) {
                const size_t usable = checkpoints_before(day);
                const size_t o = next_origin;
                const double forecast = ForecastSum(state, grid[p], 0, origins[o].days);
                origin_error[p * origins.size() + o] = usable >= 2 ? checked[usable] : squared;
                origin_forecast[p * origins.size() + o] = forecast;
                origin_state[p * origins.size() + o] = state;
                if (usable >= 2) {
                    origin_error[(models + p) * origins.size() + o] = checked_mix[usable];
                }
                origin_forecast[(models + p) * origins.size() + o] =
                    (forecast + origin_forecast[naive_candidate * origins.size() + o]) / 2;
                ++next_origin;
            }
            if (day == length) {
                break;
            }
            const double error = Update(state, grid[p], values[static_cast<size_t>(day)]);
            squared += error * error;
        }
        total_error[p] = known_at.size() >= 2 ? checked[known_at.size()] : squared;
        if (known_at.size() >= 2) {
            total_error[models + p] = checked_mix[known_at.size()];
        }
        final_state[p] = state;
    }

    const auto CombinationOf = [&](size_t candidate) {
        return candidate == naive_candidate       ? Combination::kNaive
               : candidate == local_candidate     ? Combination::kLocalLevel
               : candidate == local_candidate + 1 ? Combination::kLocalLevelWeekly
               : candidate >= models              ? Combination::kWithNaive
                                                  : Combination::kModel;
    };
    double daily_error = 0;
    double daily_naive_error = 0;
    int daily_count = 0;
    for (size_t o = 0; o < origins.size(); ++o) {
        size_t best = 0;
        for (size_t c = 1; c < candidates; ++c) {
            if (origin_error[c * origins.size() + o] < origin_error[best * origins.size() + o]) {
                best = c;
            }
        }
        const Origin& origin = origins[o];
        BacktestMonth month;
        month.first_day = origin.first_day;
        month.days = origin.days;
        month.forecast = origin_forecast[best * origins.size() + o];
        const bool non_negative_before = first_negative >= origin.first_day;
        if (non_negative_before) {
            month.forecast = std::max(0.0, month.forecast);
        }
        month.naive = origin_forecast[naive_candidate * origins.size() + o];
        // The days of the month as the chosen candidate and the naive baseline forecast them.
        std::vector<double> days;
        if (best < naive_candidate) {
            days = ForecastDays(origin_state[(best % models) * origins.size() + o], grid[best % models], origin.days);
        } else if (best >= local_candidate) {
            const LocalLevel local = LocalLevelAt(values, origin.first_day);
            for (int day = 0; day < origin.days; ++day) {
                days.push_back(LocalLevelSum(local, origin.first_day + day, 1, best == local_candidate + 1));
            }
        }
        for (int day = 0; day < origin.days; ++day) {
            const double actual = values[static_cast<size_t>(origin.first_day + day)];
            const double naive = values[static_cast<size_t>(origin.first_day - kSeason + day % kSeason)];
            double forecast = best == naive_candidate                    ? naive
                              : best >= models && best < naive_candidate ? (days[static_cast<size_t>(day)] + naive) / 2
                                                                         : days[static_cast<size_t>(day)];
            if (non_negative_before) {
                forecast = std::max(0.0, forecast);
            }
            if (std::abs(actual) >= kNoCost) {
                daily_error += std::abs(actual - forecast) / std::abs(actual);
                daily_naive_error += std::abs(actual - naive) / std::abs(actual);
                ++daily_count;
            }
        }
        SeriesForecast chosen;
        chosen.modeled = true;
        chosen.parameters = grid[best % models];
        chosen.combination = CombinationOf(best);
        month.method = MethodOf(chosen);
        for (int day = 0; day < origin.days; ++day) {
            month.actual += values[static_cast<size_t>(origin.first_day + day)];
        }
        if (!input.monthly_carry.empty()) {
            const size_t m = static_cast<size_t>(origin.month);
            month.actual += input.monthly_carry[m];
            const double carried = m > 0 ? input.monthly_carry[m - 1] : 0;
            month.forecast += carried;
            month.naive += carried;
        }
        result.months.push_back(month);
    }

    const size_t best =
        static_cast<size_t>(std::min_element(total_error.begin(), total_error.end()) - total_error.begin());
    std::vector<double> naive_ahead;
    for (int step = 0; step < input.horizon_days; ++step) {
        naive_ahead.push_back(values[static_cast<size_t>(length - kSeason + step % kSeason)]);
    }
    result.combination = CombinationOf(best);
    if (best == naive_candidate) {
        result.daily = naive_ahead;
    } else if (best >= local_candidate) {
        const LocalLevel local = LocalLevelAt(values, length);
        for (int step = 0; step < input.horizon_days; ++step) {
            result.daily.push_back(LocalLevelSum(local, length + step, 1, best == local_candidate + 1));
        }
    } else {
        const size_t p = best % models;
        result.parameters = grid[p];
        result.daily = ForecastDays(final_state[p], grid[p], input.horizon_days);
        if (best >= models) {
            for (size_t step = 0; step < result.daily.size(); ++step) {
                result.daily[step] = (result.daily[step] + naive_ahead[step]) / 2;
            }
        }
    }
    if (non_negative) {
        for (double& day : result.daily) {
            day = std::max(0.0, day);
        }
    }

    if (daily_count > 0) {
        result.mape_daily = daily_error / daily_count;
        result.mape_daily_naive = daily_naive_error / daily_count;
    }
    const Accuracy model = AccuracyOf(result.months, &BacktestMonth::forecast);
    const Accuracy naive = AccuracyOf(result.months, &BacktestMonth::naive);
    result.mape = model.mape;
    result.bias = model.bias;
    result.mape_naive = naive.mape;
    double squared = 0;
    for (const BacktestMonth& month : result.months) {
        squared += (month.actual - month.forecast) * (month.actual - month.forecast);
    }
    if (!result.months.empty()) {
        result.rmse_month = std::sqrt(squared / static_cast<double>(result.months.size()));
    } else {
        // No month to test: the one-step error over a month of days, as if the days' errors were independent.
        const double steps = static_cast<double>(length - initial.next_day);
        const double error = std::isfinite(total_error[best]) ? total_error[best] : 0;
        result.rmse_month = steps > 0 ? std::sqrt(error / steps * 30.0) : 0;
    }
    return result;
}

std::string MethodOf(const SeriesForecast& forecast) {
    if (!forecast.modeled) {
        return "mean of the last week (under 8 weeks of history)";
    }
    switch (forecast.combination) {
    case Combination::kNaive:
        return "naive seasonal (the last week repeated)";
    case Combination::kWithNaive:
        return "mean of the naive seasonal and " + Describe(forecast.parameters);
    case Combination::kLocalLevel:
        return "level since the last break (mean of up to 4 weeks)";
    case Combination::kLocalLevelWeekly:
        return "level since the last break with its weekday pattern (up to 4 weeks)";
    case Combination::kModel:
        break;
    }
    return Describe(forecast.parameters);
}

} // namespace crosswalk::analyze::forecast
