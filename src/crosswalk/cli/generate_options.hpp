// The options `generate` and `demo` share, and how both report what was written.
#pragma once

#include <ostream>

#include <CLI/CLI.hpp>

#include "crosswalk/generate/generate.hpp"

namespace crosswalk::cli {

void AddGenerateOptions(CLI::App& command, generate::GenerateOptions& options);

void PrintGenerateResult(const generate::GenerateResult& result, std::ostream& out);

} // namespace crosswalk::cli
