// crosswalk generate DIR: writes the demo company's workspace (input files and expected.json).
#include <fmt/format.h>

#include "crosswalk/cli/command.hpp"
#include "crosswalk/cli/generate_options.hpp"
#include "crosswalk/generate/generate.hpp"

namespace crosswalk::cli {

Command AddGenerateCommand(CLI::App& app) {
    auto* command = app.add_subcommand(
        "generate", "Write a workspace with a generated company's input files: FOCUS billing for AWS (CSV), Azure "
                    "(Parquet), Google Cloud (gzip CSV) and a SaaS vendor, the enterprise sources, usage drivers, "
                    "and expected.json (the ground truth). Same options, same bytes.");
    auto directory = std::make_shared<std::string>();
    auto options = std::make_shared<generate::GenerateOptions>();
    command->add_option("DIR", *directory, "Folder to write (new, empty, or generated before)")->required();
    AddGenerateOptions(*command, *options);
    return Command{command, [directory, options](const Terminal& terminal) {
                       const generate::GenerateResult result = generate::GenerateWorkspace(*directory, *options);
                       PrintGenerateResult(result, terminal.out);
                       terminal.out << fmt::format("next: crosswalk ingest -w {}     (loads every source in "
                                                   "crosswalk.yaml)\n",
                                                   *directory);
                       return 0;
                   }};
}

} // namespace crosswalk::cli
