// rules/taxonomy.yaml: overrides of the default taxonomy mapping of cloud charges, ledger accounts and asset
// types. docs/rules.md, "Taxonomy overrides".
#include <algorithm>
#include <set>
#include <tuple>

#include "crosswalk/common/text.hpp"
#include "crosswalk/model/migrator.hpp"
#include "crosswalk/model/taxonomy_data.hpp"
#include "crosswalk/rules/parse_support.hpp"
#include "crosswalk/rules/rule_set.hpp"
#include "crosswalk/store/result.hpp"
#include "crosswalk/workspace/strict_yaml.hpp"

namespace crosswalk::rules {
namespace {

using detail::DidYouMean;
using detail::Lower;
using detail::ToRule;
using workspace::LocationOf;
using workspace::StrictMap;

struct Node {
    std::string layer;
    std::string name;
    std::string parent; // empty for a tower or a cost pool
};

struct Alias {
    std::string layer;  // the v4 layer
    std::string name;   // the v4 name
    std::string parent; // the v4 tower of a v4 sub-tower, the v4 pool of a v4 sub-pool
    Node target;        // the v5 node it stands for
};

// A candidate for a written sub-tower or sub-pool: the v5 (parent, name), and the v4 parent when it was found
// as a v4 name (so that a v4 pair, e.g. Outside Services / Cloud Service Providers, is accepted as written).
struct SubCandidate {
    std::string parent;
    std::string name;
    std::string v4_parent;

    bool operator<(const SubCandidate& other) const {
        return std::tie(parent, name, v4_parent) < std::tie(other.parent, other.name, other.v4_parent);
    }
};

// A (tower, sub-tower) or (cost pool, sub-pool) as the file writes it, with where each was written.
struct Named {
    std::string top;
    SourceLocation top_where;
    std::string sub;
    SourceLocation sub_where;
};

struct Levels {
    std::string top;      // taxonomy_node.layer of the upper level
    std::string sub;      // of the lower level
    std::string top_word; // as messages and the file say it
    std::string sub_word;
};

const Levels kTowers{"tower", "sub_tower", "tower", "sub_tower"};
const Levels kPools{"cost_pool", "cost_sub_pool", "cost_pool", "cost_sub_pool"};

// The shipped TBM taxonomy, read once per parse. It is loaded into an in-memory DuckDB by the same code that
// loads it into a workspace (model::LoadShippedTaxonomy), rather than by reading the embedded CSVs here: the
// v4-to-v5 crosswalk's rules ('A | B' targets, '(same sub-pool)', towers derived from sub-towers) then live
// in one place, and a name accepted here is a name the workspace's taxonomy_node holds. It costs the
// migrations and the load (about 0.3 s on a shared 2-core machine), paid once per parse and only by a file that
// names a taxonomy element.
class Catalog {
public:
    explicit Catalog(detail::ScratchDatabase& scratch) : scratch_(scratch) {}

    // The v5 (top, sub) the file's names stand for: v5 names as written (case aside), v4 names translated.
    // Throws kInvalidInput for an unknown or ambiguous name, or a sub not under its top.
    std::pair<std::string, std::string> Resolve(const Named& named, const Levels& levels) {
        Load();
        if (named.top.empty()) {
            ThrowAt(ErrorKind::kInvalidInput, named.sub_where, "a {} needs its {}", levels.sub_word, levels.top_word);
        }
        const std::set<std::string> tops = Tops(named, levels);
        if (named.sub.empty()) {
            if (tops.size() > 1) {
                ThrowAt(ErrorKind::kInvalidInput, named.top_where,
                        "'{}' is a TBM v4 {} that stands for several v5 ones ({}); write the v5 name you mean",
                        named.top, levels.top_word, Join(tops));
            }
            return {*tops.begin(), ""};
        }
        std::set<SubCandidate> subs;
        for (const Node& node : nodes_) {
            if (node.layer == levels.sub && Lower(node.name) == Lower(named.sub)) {
                subs.insert({node.parent, node.name, ""});
            }
        }
        if (subs.empty()) {
            for (const Alias& alias : aliases_) {
                if (alias.layer == levels.sub && Lower(alias.name) == Lower(named.sub)) {
                    subs.insert(alias.target.layer == levels.sub
                                    ? SubCandidate{alias.target.parent, alias.target.name, alias.parent}
                                    : SubCandidate{alias.target.name, "", alias.parent});
                }
            }
        }
        if (subs.empty()) {
            std::vector<std::string> candidates;
            for (const Node& node : nodes_) {
                if (node.layer == levels.sub && (tops.count(node.parent) != 0)) {
                    candidates.push_back(node.name);
                }
            }
            ThrowAt(ErrorKind::kInvalidInput, named.sub_where, "unknown {} '{}' of {} '{}'{}", levels.sub_word,
                    named.sub, levels.top_word, Join(tops, "' or '"), DidYouMean(named.sub, candidates));
        }
        std::set<std::pair<std::string, std::string>> under;
        for (const SubCandidate& sub : subs) {
            if (tops.count(sub.parent) != 0 || (!sub.v4_parent.empty() && Lower(sub.v4_parent) == Lower(named.top))) {
                under.emplace(sub.parent, sub.name);
            }
        }
        if (under.empty()) {
            std::set<std::string> parents;
            for (const SubCandidate& sub : subs) {
                parents.insert(sub.parent);
            }
            ThrowAt(ErrorKind::kInvalidInput, named.sub_where, "{} '{}' belongs to {} '{}', not to '{}'",
                    levels.sub_word, named.sub, levels.top_word, Join(parents, "' or '"), Join(tops, "' or '"));
        }
        if (under.size() > 1) {
            std::vector<std::string> listed;
            for (const auto& [parent, name] : under) {
                listed.push_back(name.empty() ? parent : parent + " / " + name);
            }
            ThrowAt(ErrorKind::kInvalidInput, named.sub_where,
                    "'{}' is a TBM v4 {} that stands for several v5 ones ({}); write the v5 name you mean", named.sub,
                    levels.sub_word, Join(listed));
        }
        return *under.begin();
    }

private:
    std::set<std::string> Tops(const Named& named, const Levels& levels) const {
        std::set<std::string> tops;
        for (const Node& node : nodes_) {
            if (node.layer == levels.top && Lower(node.name) == Lower(named.top)) {
                tops.insert(node.name);
            }
        }
        if (!tops.empty()) {
            return tops;
        }
        for (const Alias& alias : aliases_) {
            if (alias.layer == levels.top && Lower(alias.name) == Lower(named.top)) {
                tops.insert(alias.target.layer == levels.top ? alias.target.name : alias.target.parent);
            }
        }
        if (tops.empty()) {
            std::vector<std::string> candidates;
            for (const Node& node : nodes_) {
                if (node.layer == levels.top) {
                    candidates.push_back(node.name);
                }
            }
            ThrowAt(ErrorKind::kInvalidInput, named.top_where, "unknown {} '{}' (not in TBM v5.0.1 nor v4){}",
                    levels.top_word, named.top, DidYouMean(named.top, candidates));
        }
        return tops;
    }

    void Load() {
        if (loaded_) {
            return;
        }
        store::Connection& connection = scratch_.Get();
        (void)model::Migrate(connection);
        (void)model::LoadShippedTaxonomy(connection);
        const std::string v5 =
            fmt::format("taxonomy = '{}' AND taxonomy_version = '{}'", model::kTbm, model::kTbmVersion5);
        Read(connection,
             "SELECT layer, name, coalesce(parent_name, ''), '', '', '' FROM taxonomy_node WHERE " + v5 +
                 " AND layer IN ('tower', 'sub_tower', 'cost_pool', 'cost_sub_pool') ORDER BY id",
             false);
        Read(connection,
             "SELECT a.alias_layer, a.alias_name, coalesce(a.alias_parent_name, ''), n.layer, n.name, "
             "coalesce(n.parent_name, '') FROM taxonomy_alias "
             "a JOIN taxonomy_node n ON n.id = a.node_id ORDER BY a.alias_layer, a.alias_name, n.id",
             true);
        loaded_ = true;
    }

    void Read(store::Connection& connection, const std::string& sql, bool alias) {
        store::Result result = connection.Query(sql);
        while (auto chunk = result.NextChunk()) {
            for (uint64_t row = 0; row < chunk->Size(); ++row) {
                const auto text = [&](uint64_t column) {
                    return std::string(chunk->Column(column).String(row));
                };
                if (alias) {
                    aliases_.push_back({text(0), text(1), text(2), {text(3), text(4), text(5)}});
                } else {
                    nodes_.push_back({text(0), text(1), text(2)});
                }
            }
        }
    }

    detail::ScratchDatabase& scratch_;
    bool loaded_ = false;
    std::vector<Node> nodes_;
    std::vector<Alias> aliases_;
};

Named NamedIn(StrictMap& entry, const std::string& top, const std::string& sub) {
    Named named;
    named.top = entry.String(top).value_or("");
    if (!named.top.empty()) {
        named.top_where = entry.Where(top);
    }
    named.sub = entry.String(sub).value_or("");
    if (!named.sub.empty()) {
        named.sub_where = entry.Where(sub);
    }
    return named;
}

// The entries of a top-level list, or none.
std::vector<YAML::Node> Entries(StrictMap& map, const std::string& key) {
    std::vector<YAML::Node> entries;
    const YAML::Node list = map.Node(key);
    if (!list || list.IsNull()) {
        return entries;
    }
    if (!list.IsSequence()) {
        ThrowAt(ErrorKind::kInvalidInput, map.Where(key), "'{}' must be a list", key);
    }
    for (const YAML::Node& entry : list) {
        entries.push_back(entry);
    }
    return entries;
}

// A regex entry: compiled now, so a bad one fails at its line.
std::string Pattern(StrictMap& entry, const std::string& key, detail::ScratchDatabase& scratch) {
    const std::string pattern = entry.String(key).value_or("");
    if (entry.Has(key) && pattern.empty()) {
        ThrowAt(ErrorKind::kInvalidInput, entry.Where(key), "'{}' must not be empty", key);
    }
    if (!pattern.empty()) {
        scratch.CheckRegex(pattern, entry.Where(key));
    }
    return pattern;
}

TaxonomyOverride CloudOverride(const std::string& file, const YAML::Node& node, Catalog& catalog) {
    StrictMap entry(file, node, "cloud override");
    entry.RejectUnknownKeys({"match", "tower", "sub_tower", "cost_pool", "solution"});
    TaxonomyOverride rule;
    rule.where = ToRule(entry.Where());
    const YAML::Node match = entry.Node("match");
    if (!match || match.IsNull()) {
        ThrowAt(ErrorKind::kInvalidInput, entry.Where(), "cloud override needs 'match' (e.g. {{ServiceName: ...}})");
    }
    const StrictMap conditions(file, match, "'match'"); // refuses duplicates
    std::vector<std::string> columns(std::begin(kTaxonomyMatchColumns), std::end(kTaxonomyMatchColumns));
    for (const auto& pair : match) {
        const std::string& column = pair.first.Scalar();
        const SourceLocation where = LocationOf(file, pair.first);
        const bool tag = column.rfind("tag.", 0) == 0;
        if (tag && column.size() == 4) {
            ThrowAt(ErrorKind::kInvalidInput, where, "'tag.' needs a tag key, e.g. tag.environment");
        }
        if (!tag && std::find(columns.begin(), columns.end(), column) == columns.end()) {
            ThrowAt(ErrorKind::kInvalidInput, where, "cannot match on '{}': use one of {} or tag.<key>{}", column,
                    Join(columns), DidYouMean(column, columns));
        }
        if (!pair.second.IsScalar() || pair.second.Scalar().empty()) {
            ThrowAt(ErrorKind::kInvalidInput, LocationOf(file, pair.second),
                    "the value of '{}' must be a non-empty text", column);
        }
        rule.match.emplace_back(column, pair.second.Scalar());
    }
    if (rule.match.empty()) {
        ThrowAt(ErrorKind::kInvalidInput, entry.Where("match"), "'match' needs at least one condition");
    }
    const Named towers = NamedIn(entry, "tower", "sub_tower");
    if (!towers.top.empty() || !towers.sub.empty()) {
        std::tie(rule.tower, rule.sub_tower) = catalog.Resolve(towers, kTowers);
    }
    const Named pool = NamedIn(entry, "cost_pool", "cost_sub_pool");
    if (!pool.sub.empty()) {
        ThrowAt(ErrorKind::kInvalidInput, pool.sub_where,
                "a cloud rule sets the cost pool only (cost_dimension has no sub-pool)");
    }
    if (!pool.top.empty()) {
        rule.cost_pool = catalog.Resolve(pool, kPools).first;
    }
    rule.solution = entry.String("solution").value_or("");
    if (rule.tower.empty() && rule.cost_pool.empty() && rule.solution.empty()) {
        ThrowAt(ErrorKind::kInvalidInput, entry.Where(),
                "cloud override sets nothing: name a tower, cost_pool or solution");
    }
    return rule;
}

LedgerAccountOverride LedgerOverride(const std::string& file, const YAML::Node& node, Catalog& catalog,
                                     detail::ScratchDatabase& scratch) {
    StrictMap entry(file, node, "ledger override");
    entry.RejectUnknownKeys({"account", "account_name", "cost_pool", "cost_sub_pool"});
    LedgerAccountOverride rule;
    rule.where = ToRule(entry.Where());
    rule.account_pattern = Pattern(entry, "account", scratch);
    rule.account_name_pattern = Pattern(entry, "account_name", scratch);
    if (rule.account_pattern.empty() && rule.account_name_pattern.empty()) {
        ThrowAt(ErrorKind::kInvalidInput, entry.Where(), "ledger override needs 'account' or 'account_name'");
    }
    const Named pool = NamedIn(entry, "cost_pool", "cost_sub_pool");
    if (pool.top.empty() && pool.sub.empty()) {
        ThrowAt(ErrorKind::kInvalidInput, entry.Where(), "ledger override needs 'cost_pool'");
    }
    std::tie(rule.cost_pool, rule.cost_sub_pool) = catalog.Resolve(pool, kPools);
    return rule;
}

AssetOverride AssetTypeOverride(const std::string& file, const YAML::Node& node, Catalog& catalog,
                                detail::ScratchDatabase& scratch) {
    StrictMap entry(file, node, "asset override");
    entry.RejectUnknownKeys({"category", "asset_type", "tower", "sub_tower", "cost_pool", "cost_sub_pool"});
    AssetOverride rule;
    rule.where = ToRule(entry.Where());
    rule.category = entry.String("category").value_or("");
    rule.asset_type_pattern = Pattern(entry, "asset_type", scratch);
    if (rule.category.empty() && rule.asset_type_pattern.empty()) {
        ThrowAt(ErrorKind::kInvalidInput, entry.Where(), "asset override needs 'category' or 'asset_type'");
    }
    const Named towers = NamedIn(entry, "tower", "sub_tower");
    if (!towers.top.empty() || !towers.sub.empty()) {
        std::tie(rule.tower, rule.sub_tower) = catalog.Resolve(towers, kTowers);
    }
    const Named pool = NamedIn(entry, "cost_pool", "cost_sub_pool");
    if (!pool.top.empty() || !pool.sub.empty()) {
        std::tie(rule.cost_pool, rule.cost_sub_pool) = catalog.Resolve(pool, kPools);
    }
    if (rule.tower.empty() && rule.cost_pool.empty()) {
        ThrowAt(ErrorKind::kInvalidInput, entry.Where(), "asset override sets nothing: name a tower or cost_pool");
    }
    return rule;
}

} // namespace

TaxonomyRules ParseTaxonomyRules(const std::string& file, std::string_view text) {
    TaxonomyRules rules;
    rules.file = file;
    const std::optional<YAML::Node> root = detail::Root(file, text);
    if (!root) {
        return rules;
    }
    StrictMap map(file, *root, "the taxonomy file");
    map.RejectUnknownKeys({"cloud", "ledger", "assets"});
    detail::ScratchDatabase scratch;
    Catalog catalog(scratch);
    for (const YAML::Node& entry : Entries(map, "cloud")) {
        rules.cloud.push_back(CloudOverride(file, entry, catalog));
    }
    for (const YAML::Node& entry : Entries(map, "ledger")) {
        rules.ledger.push_back(LedgerOverride(file, entry, catalog, scratch));
    }
    for (const YAML::Node& entry : Entries(map, "assets")) {
        rules.assets.push_back(AssetTypeOverride(file, entry, catalog, scratch));
    }
    return rules;
}

} // namespace crosswalk::rules
