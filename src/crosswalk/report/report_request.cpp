#include "crosswalk/report/report_request.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "crosswalk/common/error.hpp"
#include "crosswalk/common/text.hpp"

namespace crosswalk::report {
namespace {

constexpr std::array<std::string_view, 16> kOptions = {
    "--period",  "--product",           "--as-of",      "--idle-days", "--lag",     "--year",        "--application",
    "--asset",   "--fiscal-year-start", "--convention", "--by",        "--horizon", "--cost-center", "--provider",
    "--service", "--fail-on-violation"};

int ParseInt(std::string_view option, std::string_view value, int low, int high) {
    int parsed = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), parsed);
    if (error != std::errc() || end != value.data() + value.size() || parsed < low || parsed > high) {
        Throw(ErrorKind::kInvalidInput, "{} takes a whole number from {} to {}, not '{}'", option, low, high, value);
    }
    return parsed;
}

std::string OneOf(std::string_view option, std::string_view value, std::initializer_list<std::string_view> accepted) {
    if (std::find(accepted.begin(), accepted.end(), value) == accepted.end()) {
        std::vector<std::string> names(accepted.begin(), accepted.end());
        Throw(ErrorKind::kInvalidInput, "{} takes {}, not '{}'", option, Join(names), value);
    }
    return std::string(value);
}

} // namespace

std::span<const std::string_view> ReportOptionNames() {
    return kOptions;
}

void SetReportOption(const ReportInfo& info, ReportRequest& request, std::string_view option, std::string_view value) {
    if (std::find(kOptions.begin(), kOptions.end(), option) == kOptions.end()) {
        Throw(ErrorKind::kInvalidInput, "no report takes {}", option);
    }
    if (std::find(info.options.begin(), info.options.end(), option) == info.options.end()) {
        Throw(ErrorKind::kInvalidInput, "report {} does not take {}; it takes {}", info.name, option,
              info.options.empty() ? std::string("no options") : Join(info.options));
    }
    if (option == "--period") {
        request.period = Period::Parse(value);
    } else if (option == "--product") {
        request.product = std::string(value);
    } else if (option == "--as-of") {
        request.as_of = std::string(value);
    } else if (option == "--idle-days") {
        request.idle_days = ParseInt(option, value, 0, 100000);
    } else if (option == "--lag") {
        request.lag = ParseInt(option, value, -24, 24);
    } else if (option == "--year") {
        request.year = ParseInt(option, value, 1900, 9999);
    } else if (option == "--application") {
        request.application = std::string(value);
    } else if (option == "--asset") {
        request.asset = std::string(value);
    } else if (option == "--fiscal-year-start") {
        request.fiscal_year_start = ParseInt(option, value, 1, 12);
    } else if (option == "--convention") {
        const std::string convention = OneOf(option, value, {"full-month", "mid-month", "next-month"});
        request.convention = convention == "full-month"  ? analyze::DepreciationConvention::kFullMonth
                             : convention == "mid-month" ? analyze::DepreciationConvention::kMidMonth
                                                         : analyze::DepreciationConvention::kNextMonth;
    } else if (option == "--by") {
        request.by = std::string(value);
    } else if (option == "--cost-center") {
        request.cost_center = std::string(value);
    } else if (option == "--provider") {
        request.provider = std::string(value);
    } else if (option == "--service") {
        request.service = std::string(value);
    } else if (option == "--horizon") {
        request.horizon = ParseInt(option, value, 0, 36);
    }
    // --fail-on-violation changes what the CLI does after the report, not the report.
}

} // namespace crosswalk::report
