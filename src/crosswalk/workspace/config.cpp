#include "crosswalk/workspace/config.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "crosswalk/workspace/strict_yaml.hpp"

namespace crosswalk::workspace {

const std::vector<std::string>& SourceKinds() {
    static const std::vector<std::string> kinds = {
        "focus",     "assets", "entitlements", "installations", "cis",     "ci-relations",
        "contracts", "ledger", "budgets",      "org",           "metrics",
    };
    return kinds;
}

WorkspaceConfig LoadConfig(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        Throw(ErrorKind::kNotFound, "{} not found", file.string());
    }
    std::ostringstream text;
    text << in.rdbuf();
    return ParseConfig(file.string(), text.str());
}

WorkspaceConfig ParseConfig(const std::string& file, std::string_view text) {
    const YAML::Node root = ParseYaml(file, text);
    if (!root || root.IsNull()) {
        ThrowAt(ErrorKind::kInvalidInput, SourceLocation{file, 0, ""},
                "the file is empty; expected the settings "
                "`crosswalk init` writes");
    }
    StrictMap map(file, root, std::string(kConfigFileName));
    WorkspaceConfig config;
    config.version = map.Integer("version").value_or(kConfigVersion);
    if (config.version != kConfigVersion) {
        ThrowAt(ErrorKind::kUnsupported, map.Where("version"),
                "version {} is not supported; this crosswalk reads version {}", config.version, kConfigVersion);
    }
    config.name = map.String("name").value_or("");
    if (auto database = map.String("database")) {
        if (database->empty()) {
            ThrowAt(ErrorKind::kInvalidInput, map.Where("database"), "'database' must name a file");
        }
        config.database = *database;
    }
    if (const YAML::Node duckdb = map.Node("duckdb")) {
        StrictMap settings(file, duckdb, "duckdb settings");
        if (auto threads = settings.Integer("threads")) {
            if (*threads < 1 || *threads > 1024) {
                ThrowAt(ErrorKind::kInvalidInput, settings.Where("threads"), "'threads' must be between 1 and 1024");
            }
            config.threads = static_cast<int>(*threads);
        }
        config.memory_limit = settings.String("memory_limit").value_or("");
        settings.RejectUnknownKeys({"threads", "memory_limit"});
    }
    if (const YAML::Node sources = map.Node("sources"); sources && !sources.IsNull()) {
        if (!sources.IsSequence()) {
            ThrowAt(ErrorKind::kInvalidInput, map.Where("sources"), "'sources' must be a list");
        }
        for (const YAML::Node& entry : sources) {
            StrictMap source(file, entry, "source");
            SourceConfig parsed;
            parsed.where = source.Where();
            if (!source.Has("kind")) {
                ThrowAt(ErrorKind::kInvalidInput, source.Where(), "source needs 'kind'");
            }
            parsed.kind = source.OneOf("kind", SourceKinds()).value_or("");
            parsed.path = source.RequiredString("path");
            parsed.mapping = source.String("mapping").value_or("");
            parsed.provider = source.String("provider").value_or("");
            source.RejectUnknownKeys({"kind", "path", "mapping", "provider"});
            config.sources.push_back(std::move(parsed));
        }
    }
    map.RejectUnknownKeys({"version", "name", "database", "duckdb", "sources"});
    return config;
}

namespace {

// A YAML scalar for `text`: bare when it is plainly safe, else double-quoted (JSON escaping is valid YAML).
std::string YamlScalar(std::string_view text) {
    const bool plain = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.';
    });
    if (plain) {
        return std::string(text);
    }
    std::string quoted = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            quoted.push_back('\\');
            quoted.push_back(c);
        } else if (static_cast<unsigned char>(c) < 0x20) {
            quoted += fmt::format("\\u{:04x}", static_cast<int>(c));
        } else {
            quoted.push_back(c);
        }
    }
    return quoted + "\"";
}

} // namespace

std::string DefaultConfigText(std::string_view name) {
    return fmt::format(R"(# crosswalk workspace settings. Paths are relative to this file's folder.
version: 1
name: {}

# The DuckDB file holding the unified data model. Query it with `crosswalk sql "SELECT ..."`.
database: crosswalk.duckdb

# DuckDB resource limits (optional; defaults: all cores, 80% of memory).
# duckdb:
#   threads: 4
#   memory_limit: 8GB

# Where each kind of input is found (file, folder or glob). Kinds: focus (cloud billing in FOCUS),
# assets, entitlements, installations, cis, ci-relations, contracts, ledger, budgets, org, metrics.
# `mapping` translates another tool's export (Snipe-IT, GLPI, ServiceNow) into crosswalk's columns.
sources: []
#  - kind: focus
#    path: inputs/billing/aws/*.csv.gz
#    provider: AWS            # the ProviderName of files that lack the column
#  - kind: assets
#    path: inputs/snipeit-assets.csv
#    mapping: mappings/snipeit-assets.yaml
)",
                       YamlScalar(name.empty() ? "my-workspace" : name));
}

} // namespace crosswalk::workspace
