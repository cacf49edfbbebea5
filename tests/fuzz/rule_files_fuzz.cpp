// Fuzzes the readers of the rule files (rules/tags.yaml, naming.yaml, accounts.yaml, taxonomy.yaml,
// enrichment.yaml, allocation.yaml, licensing.yaml, budgets.yaml and policy.yaml): the first byte picks the reader
// ('L' licensing, 'B' budgets, 'P' policy, 'O' an onboarding plan, else its value modulo 6), the rest is the file. A
// reader must either return rules or throw crosswalk::Error (a message with the file, line and column); anything else
// is a bug. Each accepted naming pattern must also compile into a query DuckDB accepts.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "crosswalk/common/error.hpp"
#include "crosswalk/rules/onboard_plan.hpp"
#include "crosswalk/rules/rule_set.hpp"
#include "crosswalk/rules/sql_dialect.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) {
        return 0;
    }
    const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    try {
        if (data[0] == 'L') {
            (void)crosswalk::rules::ParseLicensingRules("rules/licensing.yaml", text);
            return 0;
        }
        if (data[0] == 'O') {
            (void)crosswalk::rules::ParseOnboardPlan("plan.yaml", text);
            return 0;
        }
        if (data[0] == 'P') {
            (void)crosswalk::rules::ParsePolicyRules("rules/policy.yaml", text);
            return 0;
        }
        if (data[0] == 'B') {
            (void)crosswalk::rules::ParseBudgetRules("rules/budgets.yaml", text);
            return 0;
        }
        switch (data[0] % 6) {
        case 0: {
            const crosswalk::rules::TagRules rules = crosswalk::rules::ParseTagRules("rules/tags.yaml", text);
            (void)crosswalk::rules::DuckDbDialect().TagNormalization(rules, {});
            break;
        }
        case 1: {
            const crosswalk::rules::NamingRules rules = crosswalk::rules::ParseNamingRules("rules/naming.yaml", text);
            (void)crosswalk::rules::DuckDbDialect().NamingExtraction(rules, {});
            break;
        }
        case 2: {
            const crosswalk::rules::AccountRules rules =
                crosswalk::rules::ParseAccountRules("rules/accounts.yaml", text);
            (void)crosswalk::rules::DuckDbDialect().AccountDefaults(rules, "enrichment_key");
            break;
        }
        case 3: {
            const crosswalk::rules::TaxonomyRules rules =
                crosswalk::rules::ParseTaxonomyRules("rules/taxonomy.yaml", text);
            (void)crosswalk::rules::DuckDbDialect().TaxonomyOverrides(rules, "enrichment_key");
            break;
        }
        case 4:
            (void)crosswalk::rules::ParsePrecedenceRules("rules/enrichment.yaml", text);
            break;
        default:
            (void)crosswalk::rules::ParseAllocationRules("rules/allocation.yaml", text);
            break;
        }
    } catch (const crosswalk::Error& error) {
        if (error.Message().empty()) {
            std::abort(); // every refusal says why
        }
    }
    return 0;
}
