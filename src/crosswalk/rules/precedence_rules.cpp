// rules/enrichment.yaml: the precedence of the sources of enriched dimensions. docs/rules.md, "Precedence".
#include <algorithm>
#include <array>
#include <set>

#include "crosswalk/rules/parse_support.hpp"
#include "crosswalk/rules/rule_set.hpp"
#include "crosswalk/workspace/strict_yaml.hpp"

namespace crosswalk::rules {
namespace {

using detail::DidYouMean;
using workspace::LocationOf;
using workspace::StrictMap;

constexpr std::array kSources = {DimensionSource::kTag, DimensionSource::kCmdb, DimensionSource::kAccount,
                                 DimensionSource::kName};

std::vector<std::string> SourceNames() {
    std::vector<std::string> names;
    for (const DimensionSource source : kSources) {
        names.emplace_back(SourceName(source));
    }
    return names;
}

// A list naming every source exactly once.
std::vector<DimensionSource> Order(const std::string& file, const YAML::Node& node, const std::string& what) {
    if (!node.IsSequence()) {
        ThrowAt(ErrorKind::kInvalidInput, LocationOf(file, node), "{} must be a list of the sources {}", what,
                fmt::join(SourceNames(), ", "));
    }
    std::vector<DimensionSource> order;
    std::set<std::string> seen;
    for (const YAML::Node& item : node) {
        const std::string name = item.IsScalar() ? item.Scalar() : "";
        const auto found = std::find_if(kSources.begin(), kSources.end(),
                                        [&](DimensionSource source) { return SourceName(source) == name; });
        if (found == kSources.end()) {
            ThrowAt(ErrorKind::kInvalidInput, LocationOf(file, item), "unknown source '{}' in {}{}", name, what,
                    DidYouMean(name, SourceNames()));
        }
        if (!seen.insert(name).second) {
            ThrowAt(ErrorKind::kInvalidInput, LocationOf(file, item), "source '{}' is listed twice in {}", name, what);
        }
        order.push_back(*found);
    }
    if (order.size() != kSources.size()) {
        std::vector<std::string> missing;
        for (const std::string& name : SourceNames()) {
            if (seen.count(name) == 0) {
                missing.push_back(name);
            }
        }
        ThrowAt(ErrorKind::kInvalidInput, LocationOf(file, node), "{} must name every source once; it lacks {}", what,
                fmt::join(missing, ", "));
    }
    return order;
}

} // namespace

std::string_view SourceName(DimensionSource source) {
    switch (source) {
    case DimensionSource::kTag:
        return "tag";
    case DimensionSource::kCmdb:
        return "cmdb";
    case DimensionSource::kAccount:
        return "account";
    case DimensionSource::kName:
        return "name";
    }
    return "unknown";
}

PrecedenceRules ParsePrecedenceRules(const std::string& file, std::string_view text) {
    PrecedenceRules rules;
    rules.file = file;
    const std::optional<YAML::Node> root = detail::Root(file, text);
    if (!root) {
        return rules;
    }
    StrictMap map(file, *root, "the enrichment file");
    rules.where = detail::ToRule(map.Where());
    if (const YAML::Node order = map.Node("precedence"); order && !order.IsNull()) {
        rules.where = detail::ToRule(LocationOf(file, order));
        rules.order = Order(file, order, "'precedence'");
    }
    if (const YAML::Node dimensions = map.Node("dimensions"); dimensions && !dimensions.IsNull()) {
        const StrictMap by_dimension(file, dimensions, "'dimensions'");
        const std::vector<std::string> known(std::begin(kEnrichedDimensions), std::end(kEnrichedDimensions));
        for (const auto& pair : dimensions) {
            const std::string& dimension = pair.first.Scalar();
            if (std::find(known.begin(), known.end(), dimension) == known.end()) {
                ThrowAt(ErrorKind::kInvalidInput, LocationOf(file, pair.first), "unknown dimension '{}'{}", dimension,
                        DidYouMean(dimension, known));
            }
            rules.per_dimension[dimension] = Order(file, pair.second, fmt::format("the precedence of '{}'", dimension));
        }
    }
    map.RejectUnknownKeys({"precedence", "dimensions"});
    return rules;
}

} // namespace crosswalk::rules
