#include "crosswalk/cli/generate_options.hpp"

#include <fmt/format.h>

namespace crosswalk::cli {

void AddGenerateOptions(CLI::App& command, generate::GenerateOptions& options) {
    command
        .add_option("--scale", options.scale,
                    "Size: billing rows grow linearly (1: about 33,000 rows over 6 "
                    "months; 600: about 20 million)")
        ->check(CLI::Range(1, 10000))
        ->capture_default_str();
    command.add_option("--seed", options.seed, "Random seed: the same seed gives the same files")
        ->capture_default_str();
    command.add_option("--months", options.months, "Months of billing, from January 2026")
        ->check(CLI::Range(1, 60))
        ->capture_default_str();
}

void PrintGenerateResult(const generate::GenerateResult& result, std::ostream& out) {
    out << fmt::format("generated {} in {}: {} billing rows in {} files, {} rows of enterprise sources and drivers\n",
                       result.company_name, result.root.string(), result.billing_rows, result.billing_files,
                       result.source_rows);
}

} // namespace crosswalk::cli
