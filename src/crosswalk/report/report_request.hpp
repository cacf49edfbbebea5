// A report's options as text (`--period 2026-06` on the command line, `?period=2026-06` in the API) into its
// ReportRequest: one parser, so the CLI and the server accept and refuse the same things.
#pragma once

#include <span>
#include <string_view>

#include "crosswalk/report/reports.hpp"

namespace crosswalk::report {

// Sets `option` (as `crosswalk report` spells it: "--period", "--as-of") to `value` in `request`. Throws
// kInvalidInput when `info` does not take the option (naming those it takes), for an option no report has, and
// for a value the option cannot have (naming the option and what it accepts).
void SetReportOption(const ReportInfo& info, ReportRequest& request, std::string_view option, std::string_view value);

// The options every report may take, as SetReportOption spells them ("--period", ...).
[[nodiscard]] std::span<const std::string_view> ReportOptionNames();

} // namespace crosswalk::report
