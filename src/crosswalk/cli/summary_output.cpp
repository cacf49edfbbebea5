#include "crosswalk/cli/summary_output.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "crosswalk/common/money.hpp"
#include "crosswalk/common/text.hpp"

namespace crosswalk::cli {
namespace {

// An exact amount rounded to its currency's minor unit, grouped by thousands ("12,345.68"), for people.
std::string Amount(const std::string& exact, const std::string& currency) {
    const std::optional<Decimal> value = Decimal::TryParse(exact);
    if (!value) {
        return exact;
    }
    try {
        return WithThousands(money::RoundToCurrency(*value, currency).ToString());
    } catch (const Error&) {
        return WithThousands(exact); // a currency without minor units: shown as it is
    }
}

} // namespace

void PrintIngestSummary(const ingest::IngestSummary& summary, std::ostream& out) {
    for (const ingest::FileOutcome& file : summary.files) {
        if (file.skipped_unchanged) {
            out << fmt::format("{}: unchanged, already loaded as source file {}{} (skipped)\n", file.path,
                               file.source_file_id,
                               file.replaced_since ? ", since replaced by a newer export; --force loads it again" : "");
            continue;
        }
        out << fmt::format(
            "{}: {} rows read, {} loaded ({} repaired), {} rejected{}\n", file.path, WithThousands(file.counts.read),
            WithThousands(file.counts.loaded), WithThousands(file.counts.repaired), WithThousands(file.counts.rejected),
            file.superseded_rows == 0 ? std::string()
                                      : fmt::format("; {} not kept (a newer export holds their billing keys)",
                                                    WithThousands(file.superseded_rows)));
        // Columns as wide as their longest entry: enterprise rule ids run long.
        size_t rule_width = 0;
        size_t column_width = 0;
        // A link that does not resolve (action "warn") is told once, by its note (with an example), not here too.
        const auto noted = [](const ingest::RuleCount& rule) {
            return rule.action == "warn";
        };
        for (const ingest::RuleCount& rule : file.rules) {
            if (noted(rule)) {
                continue;
            }
            rule_width = std::max(rule_width, rule.rule_id.size());
            column_width = std::max(column_width, rule.column.size());
        }
        for (const ingest::RuleCount& rule : file.rules) {
            if (noted(rule)) {
                continue;
            }
            out << fmt::format("  {:>10} rows  {:<{}}  {:<{}}  {} (first: row {})\n", WithThousands(rule.rows),
                               rule.rule_id, rule_width, rule.column, column_width, rule.action, rule.first_row);
        }
        for (const std::string& warning : file.warnings) {
            out << "  note: " << warning << '\n';
        }
    }
    for (const ingest::SkippedInput& skipped : summary.skipped) {
        out << fmt::format("{}: skipped: {}\n", skipped.path.string(), skipped.reason);
    }
    const ingest::RowCounts totals = summary.Totals();
    int64_t superseded = 0;
    for (const ingest::FileOutcome& file : summary.files) {
        superseded += file.superseded_rows;
    }
    out << fmt::format("{} {} file(s): {} rows read, {} loaded ({} repaired), {} rejected{}; run {}\n",
                       summary.files.size(), summary.kind, WithThousands(totals.read), WithThousands(totals.loaded),
                       WithThousands(totals.repaired), WithThousands(totals.rejected),
                       superseded == 0 ? std::string() : fmt::format(", {} not kept", WithThousands(superseded)),
                       summary.run_id);
}

void PrintRunResult(const pipeline::RunResult& result, bool detailed, std::ostream& out) {
    for (const pipeline::StageResult& stage : result.stages) {
        if (!stage.ingest.empty()) {
            if (detailed) {
                for (const ingest::IngestSummary& summary : stage.ingest) {
                    out << fmt::format("== {} ==\n", summary.kind);
                    PrintIngestSummary(summary, out);
                }
            }
            // One figure per kind, in the order kinds first load (a kind may load in several parts).
            std::vector<std::pair<std::string, int64_t>> loaded;
            int64_t rejected = 0;
            for (const ingest::IngestSummary& summary : stage.ingest) {
                const ingest::RowCounts totals = summary.Totals();
                auto kind = std::find_if(loaded.begin(), loaded.end(),
                                         [&](const auto& entry) { return entry.first == summary.kind; });
                if (kind == loaded.end()) {
                    loaded.emplace_back(summary.kind, 0);
                    kind = loaded.end() - 1;
                }
                kind->second += totals.loaded;
                rejected += totals.rejected;
            }
            out << "loaded:";
            for (const auto& [kind, rows] : loaded) {
                out << fmt::format(" {} {}", kind, WithThousands(rows));
            }
            out << fmt::format(" (rows); rejected {}\n", WithThousands(rejected));
        }
        if (stage.enrichment) {
            const enrich::EnrichmentSummary& e = *stage.enrichment;
            std::string by_source;
            for (const char* kind : {"tag", "cmdb", "account", "name", "none"}) {
                const auto found = e.application_keys_by_source.find(kind);
                by_source +=
                    fmt::format("{}{} {}", by_source.empty() ? "" : ", ", kind,
                                WithThousands(found == e.application_keys_by_source.end() ? 0 : found->second));
            }
            if (e.unchanged) {
                out << fmt::format("enriched: unchanged since the last run (rules and inputs the same): {} keys; "
                                   "application from {}; tower on {}\n",
                                   WithThousands(e.keys), by_source, WithThousands(e.keys_with_tower));
            } else {
                out << fmt::format("enriched: {} keys ({} new, {} dropped); application from {}; tower on {}\n",
                                   WithThousands(e.keys), WithThousands(e.keys_added), WithThousands(e.keys_removed),
                                   by_source, WithThousands(e.keys_with_tower));
            }
        }
        if (stage.allocation) {
            const allocate::AllocationSummary& a = *stage.allocation;
            std::string money;
            for (const allocate::CurrencyPosition& c : a.currencies) {
                money +=
                    fmt::format("; {} {} amortized, {} of it shared by the steps, {} on no cost center", c.currency,
                                Amount(c.effective_total, c.currency), Amount(c.effective_shared, c.currency),
                                Amount(c.effective_unallocated, c.currency));
            }
            out << fmt::format("allocated: {} step{} over {} month{}, {} pools spread, {} left{}\n", a.steps,
                               a.steps == 1 ? "" : "s", a.periods, a.periods == 1 ? "" : "s", WithThousands(a.pools),
                               WithThousands(a.pools_left), money);
        }
        for (const std::string& note : stage.notes) {
            out << fmt::format("{}: {}\n", stage.stage, note);
        }
    }
}

ProgressCallback TerminalProgress(const Terminal& terminal) {
    if (!terminal.err_is_terminal) {
        return {};
    }
    std::ostream* err = &terminal.err;
    return [err](const Progress& progress) {
        if (progress.done) {
            *err << "\r\033[K" << std::flush; // clear the line
            return;
        }
        *err << fmt::format("\r\033[K{}: {:.0f}% of {:.0f} MB, {:.0f} MB/s, about {:.0f} s left", progress.label,
                            progress.percent, progress.megabytes, progress.megabytes_per_s, progress.seconds_left)
             << std::flush;
    };
}

} // namespace crosswalk::cli
