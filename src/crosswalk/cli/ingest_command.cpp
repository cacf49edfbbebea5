// crosswalk ingest KIND FILE...: loads billing exports (focus) or enterprise sources into the workspace.
#include <algorithm>

#include "crosswalk/cli/command.hpp"
#include "crosswalk/cli/summary_output.hpp"
#include "crosswalk/ingest/configured_sources.hpp"
#include "crosswalk/ingest/enterprise/enterprise_ingest.hpp"
#include "crosswalk/ingest/focus/focus_ingest.hpp"
#include "crosswalk/workspace/config.hpp"
#include "crosswalk/workspace/workspace.hpp"

namespace crosswalk::cli {
namespace {

struct IngestArguments {
    std::string workspace = ".";
    std::string kind;
    std::vector<std::string> inputs;
    std::string mapping;
    bool append = false;
    bool force = false;
    std::string provider;
    std::string date_order; // "", mdy, dmy or ymd
};

ingest::focus::DateOrder DateOrderOf(const std::string& name) {
    return name.empty() ? ingest::focus::DateOrder::kDetect : ingest::focus::ParseDateOrder(name).value();
}

int RunIngest(const IngestArguments& arguments, const Terminal& terminal) {
    workspace::Workspace workspace = workspace::Workspace::Open(arguments.workspace);
    if (arguments.inputs.empty()) { // what crosswalk.yaml lists
        if (!arguments.mapping.empty() || arguments.append) {
            Throw(ErrorKind::kInvalidInput, "--mapping and --append go with FILES; for configured sources, set "
                                            "them in crosswalk.yaml");
        }
        ingest::FocusIngestOptions options;
        options.progress = TerminalProgress(terminal);
        options.force = arguments.force;
        options.date_order = DateOrderOf(arguments.date_order);
        for (const ingest::IngestSummary& summary :
             ingest::IngestConfiguredSources(workspace, arguments.kind, options)) {
            terminal.out << fmt::format("== {} ==\n", summary.kind);
            PrintIngestSummary(summary, terminal.out);
        }
        return 0;
    }
    if (arguments.kind.empty()) {
        Throw(ErrorKind::kInvalidInput, "name the KIND of the files: crosswalk ingest KIND FILE...");
    }
    std::vector<std::string> command_line = {"ingest", arguments.kind};
    command_line.insert(command_line.end(), arguments.inputs.begin(), arguments.inputs.end());
    ingest::IngestSummary summary;
    if (arguments.kind == "focus") {
        if (!arguments.mapping.empty() || arguments.append) {
            Throw(ErrorKind::kInvalidInput, "--mapping and --append are for enterprise sources; FOCUS files are "
                                            "loaded by billing period");
        }
    } else if (!arguments.provider.empty()) {
        Throw(ErrorKind::kInvalidInput, "--provider is for FOCUS billing files");
    } else if (arguments.force) {
        Throw(ErrorKind::kInvalidInput, "--force is for FOCUS billing files: an enterprise file whose content "
                                        "is the current snapshot changes nothing when loaded again");
    }
    if (arguments.kind == "focus") {
        ingest::FocusIngestOptions options;
        options.progress = TerminalProgress(terminal);
        options.force = arguments.force;
        options.date_order = DateOrderOf(arguments.date_order);
        options.provider = arguments.provider;
        summary = ingest::IngestFocus(workspace, arguments.inputs, options, command_line);
    } else {
        if (!arguments.date_order.empty()) {
            Throw(ErrorKind::kInvalidInput, "--date-order is for FOCUS files; enterprise sources name their date "
                                            "formats in a mapping file");
        }
        ingest::EnterpriseIngestOptions options;
        options.mapping = arguments.mapping;
        options.append = arguments.append;
        summary = ingest::IngestEnterprise(workspace, arguments.kind, arguments.inputs, options, command_line);
    }
    PrintIngestSummary(summary, terminal.out);
    return 0;
}

} // namespace

Command AddIngestCommand(CLI::App& app) {
    auto arguments = std::make_shared<IngestArguments>();
    auto* command = app.add_subcommand(
        "ingest", "Load input files into the workspace: FOCUS billing exports (focus) or enterprise sources. "
                  "One transaction: on any error the store is unchanged. Files already loaded are skipped.");
    AddWorkspaceOption(*command, arguments->workspace);
    command
        ->add_option("KIND", arguments->kind,
                     "What the files are; without KIND and FILES, every source crosswalk.yaml lists is loaded")
        ->check(CLI::IsMember(workspace::SourceKinds()));
    command->add_option("FILES", arguments->inputs,
                        "Files, folders or globs (a folder or glob is one load); without FILES, the sources of "
                        "KIND that crosswalk.yaml lists");
    command->add_option("--mapping", arguments->mapping,
                        "Column-mapping file translating another tool's export (enterprise sources)");
    command->add_flag("--append", arguments->append,
                      "Add to the loaded snapshot instead of replacing it (enterprise sources)");
    command->add_option("--provider", arguments->provider,
                        "The provider of FOCUS files without a ProviderName column (every row takes it); files "
                        "whose rows name another provider get a warning");
    command->add_flag("--force", arguments->force,
                      "Load billing files even if their content was loaded before, each as the newest export of "
                      "the billing keys it holds (FOCUS)");
    command
        ->add_option("--date-order", arguments->date_order,
                     "Day/month order of FOCUS date-times that are not ISO 8601 (9/24/2024, 24.09.2024); by "
                     "default found in each file")
        ->check(CLI::IsMember({"mdy", "dmy", "ymd"}));
    command->footer("Examples:\n  crosswalk ingest                      (every source in crosswalk.yaml)\n"
                    "  crosswalk ingest focus exports/aws/2024-09/\n"
                    "  crosswalk ingest assets snipeit.csv --mapping mappings/snipeit-assets.yaml");
    return Command{command, [arguments](const Terminal& terminal) {
                       return RunIngest(*arguments, terminal);
                   }};
}

} // namespace crosswalk::cli
