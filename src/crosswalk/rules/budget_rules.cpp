// rules/budgets.yaml: alert thresholds, the webhook, the forecast's known changes. docs/forecasts.md.
#include "crosswalk/rules/budget_rules.hpp"

#include "crosswalk/rules/parse_support.hpp"
#include "crosswalk/workspace/strict_yaml.hpp"

namespace crosswalk::rules {
namespace {

using workspace::StrictMap;

const std::vector<std::string> kChangeDimensions = {"provider",    "account",     "service",
                                                    "application", "cost_center", "business_unit"};

Decimal Percentage(StrictMap& map, std::string_view key, bool allow_negative) {
    const std::string text = map.RequiredString(key);
    const std::optional<Decimal> value = Decimal::TryParse(text);
    if (!value || (!allow_negative && *value < Decimal(0, 0))) {
        ThrowAt(ErrorKind::kInvalidInput, map.Where(key), "'{}' must be a{} number, not '{}'", key,
                allow_negative ? "" : " non-negative", text);
    }
    return *value;
}

std::string Month(StrictMap& map, std::string_view key) {
    const std::string text = map.RequiredString(key);
    if (!detail::IsMonth(text)) {
        ThrowAt(ErrorKind::kInvalidInput, map.Where(key), "'{}' must be a month, YYYY-MM, not '{}'", key, text);
    }
    return text;
}

ForecastChange ParseChange(const std::string& file, const YAML::Node& node) {
    StrictMap entry(file, node, "forecast change");
    ForecastChange change;
    change.where = detail::ToRule(entry.Where());
    for (const char* key : {"by", "series", "from"}) {
        if (!entry.Has(key)) {
            ThrowAt(ErrorKind::kInvalidInput, entry.Where(), "a forecast change needs '{}'", key);
        }
    }
    change.by = *entry.OneOf("by", kChangeDimensions);
    change.series = entry.RequiredString("series");
    change.from = Month(entry, "from");
    if (entry.Has("until")) {
        change.until = Month(entry, "until");
        if (change.until < change.from) {
            ThrowAt(ErrorKind::kInvalidInput, entry.Where("until"), "'until' {} is before 'from' {}", change.until,
                    change.from);
        }
    }
    if (entry.Has("percent") && entry.Has("amount")) {
        ThrowAt(ErrorKind::kInvalidInput, entry.Where("amount"),
                "a forecast change gives 'percent' or 'amount', not both");
    }
    if (!entry.Has("percent") && !entry.Has("amount")) {
        ThrowAt(ErrorKind::kInvalidInput, entry.Where(),
                "a forecast change needs 'percent' (of the forecast) or 'amount' (a month)");
    }
    if (entry.Has("percent")) {
        change.percent = Percentage(entry, "percent", true);
    } else {
        change.amount = Percentage(entry, "amount", true);
    }
    change.reason = entry.String("reason").value_or("");
    entry.RejectUnknownKeys({"by", "series", "from", "until", "percent", "amount", "reason"});
    return change;
}

} // namespace

BudgetRules ParseBudgetRules(const std::string& file, std::string_view text) {
    BudgetRules rules;
    rules.file = file;
    const std::optional<YAML::Node> root = detail::Root(file, text);
    if (!root) {
        return rules;
    }
    StrictMap map(file, *root, "the budgets file");
    const YAML::Node alerts = map.Node("alerts");
    const YAML::Node changes = map.Node("forecast_changes");
    map.RejectUnknownKeys({"alerts", "forecast_changes"});
    if (alerts && !alerts.IsNull()) {
        StrictMap alert(file, alerts, "alerts");
        if (alert.Has("overspend_pct")) {
            rules.overspend_where = detail::ToRule(alert.Where("overspend_pct"));
            rules.overspend_pct = Percentage(alert, "overspend_pct", false);
        }
        if (alert.Has("underspend_pct")) {
            rules.underspend_where = detail::ToRule(alert.Where("underspend_pct"));
            rules.underspend_pct = Percentage(alert, "underspend_pct", false);
        }
        if (const std::optional<std::string> webhook = alert.String("webhook")) {
            if (webhook->rfind("http://", 0) != 0 && webhook->rfind("https://", 0) != 0) {
                ThrowAt(ErrorKind::kInvalidInput, alert.Where("webhook"),
                        "'webhook' must be an http:// or https:// URL, not '{}'", *webhook);
            }
            rules.webhook = *webhook;
        }
        alert.RejectUnknownKeys({"overspend_pct", "underspend_pct", "webhook"});
    }
    if (changes && !changes.IsNull()) {
        if (!changes.IsSequence()) {
            ThrowAt(ErrorKind::kInvalidInput, map.Where("forecast_changes"), "'forecast_changes' must be a list");
        }
        for (const YAML::Node& node : changes) {
            rules.changes.push_back(ParseChange(file, node));
        }
    }
    return rules;
}

} // namespace crosswalk::rules
