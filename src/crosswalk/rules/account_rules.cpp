// rules/accounts.yaml: dimension defaults per cloud account. docs/rules.md, "Account defaults".
#include <algorithm>
#include <map>

#include "crosswalk/rules/parse_support.hpp"
#include "crosswalk/rules/rule_set.hpp"
#include "crosswalk/workspace/strict_yaml.hpp"

namespace crosswalk::rules {

using detail::DidYouMean;
using detail::Lower;
using detail::ToRule;
using workspace::LocationOf;
using workspace::StrictMap;

AccountRules ParseAccountRules(const std::string& file, std::string_view text) {
    AccountRules rules;
    rules.file = file;
    const std::optional<YAML::Node> root = detail::Root(file, text);
    if (!root) {
        return rules;
    }
    StrictMap map(file, *root, "the accounts file");
    const YAML::Node accounts = map.Node("accounts");
    map.RejectUnknownKeys({"accounts"});
    if (!accounts || accounts.IsNull()) {
        return rules;
    }
    if (!accounts.IsSequence()) {
        ThrowAt(ErrorKind::kInvalidInput, map.Where("accounts"), "'accounts' must be a list");
    }
    const std::vector<std::string> dimensions(std::begin(kEnrichedDimensions), std::end(kEnrichedDimensions));
    std::vector<std::string> known = dimensions;
    known.insert(known.begin(), {"account", "provider"});
    std::map<std::pair<std::string, std::string>, int64_t> first_line; // (lower provider, account) -> line
    for (const YAML::Node& node : accounts) {
        StrictMap entry(file, node, "account entry");
        AccountDefault account;
        account.where = ToRule(entry.Where());
        if (!entry.Has("account")) {
            ThrowAt(ErrorKind::kInvalidInput, entry.Where(), "account entry needs 'account'");
        }
        // The scalar's text as written, so an unquoted 012345 keeps its leading zero.
        account.account = entry.RequiredString("account");
        if (account.account.empty()) {
            ThrowAt(ErrorKind::kInvalidInput, entry.Where("account"), "'account' must not be empty");
        }
        account.provider = entry.String("provider").value_or("");
        for (const auto& pair : node) {
            const std::string& key = pair.first.Scalar();
            if (key == "account" || key == "provider") {
                continue;
            }
            const SourceLocation where = LocationOf(file, pair.first);
            if (std::find(dimensions.begin(), dimensions.end(), key) == dimensions.end()) {
                ThrowAt(ErrorKind::kInvalidInput, where, "unknown dimension '{}' in account '{}'{}", key,
                        account.account, DidYouMean(key, known));
            }
            const std::optional<std::string> value = entry.String(key);
            if (!value || value->empty()) {
                ThrowAt(ErrorKind::kInvalidInput, entry.Where(key), "'{}' must be a non-empty text", key);
            }
            account.dimensions[key] = *value;
            account.dimension_where[key] = ToRule(where);
        }
        if (account.dimensions.empty()) {
            ThrowAt(ErrorKind::kInvalidInput, entry.Where(),
                    "account '{}' gives no dimension; name at least one of application, business_service, "
                    "cost_center, business_unit, owner, environment",
                    account.account);
        }
        entry.RejectUnknownKeys(known);
        const auto [it, inserted] =
            first_line.emplace(std::make_pair(Lower(account.provider), account.account), account.where.line);
        if (!inserted) {
            ThrowAt(ErrorKind::kInvalidInput, entry.Where("account"), "account '{}'{} is already given on line {}",
                    account.account,
                    account.provider.empty() ? " (any provider)" : fmt::format(" of provider '{}'", account.provider),
                    it->second);
        }
        rules.accounts.push_back(std::move(account));
    }
    return rules;
}

} // namespace crosswalk::rules
