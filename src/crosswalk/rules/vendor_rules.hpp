// Vendor names as one spelling (rules/vendors.yaml, docs/rules.md): the ledger's "Amazon Web Services, Inc.",
// the bill's "AWS" and a contract's "Amazon Web Services EMEA SARL" are one vendor. Names are compared folded
// (the store's vendor_fold macro: lower case, punctuation as space, legal-form words at the end dropped); a
// rule names the vendor and the folded names or RE2 pattern that mean it. The shipped defaults
// (rules/data/vendors.yaml) apply after the workspace's own rules, which therefore win.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "crosswalk/rules/rule_location.hpp"

namespace crosswalk::rules {

struct VendorRule {
    std::string name;                 // the vendor's one spelling, e.g. "Microsoft"; matches itself, folded
    std::vector<std::string> aliases; // other names, as written (compared folded)
    std::string pattern;              // RE2, found in the folded name (use ^ and \b to anchor); empty: none
    RuleLocation where;
};

struct VendorRules {
    std::vector<VendorRule> vendors;
    std::string file; // "rules/vendors.yaml", empty when the workspace has none
};

// Parses the text of a vendors file. Throws kInvalidInput at the first error: an entry without a name, a name
// given twice (naming the first line), a pattern DuckDB's RE2 refuses.
[[nodiscard]] VendorRules ParseVendorRules(const std::string& file, std::string_view text);

// The shipped defaults (rules/data/vendors.yaml).
[[nodiscard]] const VendorRules& ShippedVendorRules();

// A SQL query of the columns (name, vendor, rule) for every distinct non-NULL name that `names_sql` (a query of
// one column, `name`) returns: the vendor of the first rule that matches, the workspace's before the shipped
// ones, in file order; `rule` is its provenance ("vendors.yaml:12"). A name no rule matches is its own vendor,
// spelled as the first of the names that fold alike ("Globant" and "Globant S.A." are one), with rule NULL; a
// name that folds to nothing ('', "-") has no row. Evaluated once per distinct name.
[[nodiscard]] std::string VendorOfSql(const VendorRules& workspace, std::string_view names_sql);

} // namespace crosswalk::rules
