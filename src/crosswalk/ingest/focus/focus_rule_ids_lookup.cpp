#include <algorithm>

#include "crosswalk/ingest/focus/focus_rule_ids.hpp"

namespace crosswalk::ingest::focus {

const FocusRuleIds& RuleIdsOf(std::string_view column) {
    static constexpr FocusRuleIds kNone{};
    const auto all = AllFocusRuleIds();
    const auto found =
        std::lower_bound(all.begin(), all.end(), column,
                         [](const FocusRuleIds& ids, std::string_view name) { return ids.column < name; });
    return found != all.end() && found->column == column ? *found : kNone;
}

} // namespace crosswalk::ingest::focus
