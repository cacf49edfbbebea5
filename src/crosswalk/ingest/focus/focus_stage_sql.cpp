#include "crosswalk/ingest/focus/focus_stage_sql.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <utility>
#include <vector>

#include "crosswalk/common/error.hpp"
#include "crosswalk/common/text.hpp"
#include "crosswalk/ingest/focus/currency_codes.hpp"
#include "crosswalk/ingest/focus/focus_rule_ids.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::ingest::focus {
namespace {

using model::FocusColumn;
using model::FocusType;
using store::QuoteIdentifier;
using store::QuoteLiteral;

constexpr std::string_view kDecimalType = "DECIMAL(38,18)";
constexpr int kDecimalWidth = 38;
constexpr int kDecimalScale = 18;
constexpr std::string_view kViolationType =
    "STRUCT(rule VARCHAR, \"column\" VARCHAR, action VARCHAR, original VARCHAR)";
// The stage query's column holding the row as read (a struct of the file's columns).
constexpr std::string_view kRawRowColumn = "raw_row";
// Whether a row of the stage query is rejected, from its violations.
constexpr std::string_view kRejectedSql = "list_contains(list_transform(violations, v -> v.action), 'reject')";
// DuckDB's virtual column numbering the files of a multi-file read from 0, in the order given.
constexpr std::string_view kFileIndexColumn = "file_index";
constexpr std::string_view kEmptyViolation =
    "NULL::STRUCT(rule VARCHAR, \"column\" VARCHAR, action VARCHAR, original VARCHAR)";

// Rows whose accounting depends on these are rejected when they are missing or unreadable.
constexpr std::array<std::string_view, 10> kRejectWhenMissing = {
    "BilledCost",       "EffectiveCost",   "ChargePeriodStart", "ChargePeriodEnd",  "BillingPeriodStart",
    "BillingPeriodEnd", "BillingCurrency", "ProviderName",      "BillingAccountId", "ChargeCategory",
};

bool RejectsWhenMissing(std::string_view column) {
    return std::find(kRejectWhenMissing.begin(), kRejectWhenMissing.end(), column) != kRejectWhenMissing.end();
}

// The first non-empty rule id, or a crosswalk-specific one when the model has none for this check.
std::string RuleId(std::initializer_list<std::string_view> candidates, std::string_view column,
                   std::string_view check) {
    for (const std::string_view candidate : candidates) {
        if (!candidate.empty()) {
            return std::string(candidate);
        }
    }
    return fmt::format("crosswalk-{}-{}", column, check);
}

std::string InList(std::span<const std::string_view> values) {
    return Join(values, ", ", [](std::string_view value) { return QuoteLiteral(value); });
}

// The width and scale of a DECIMAL(w,s) type name; (38, 38) when unreadable, which sends the column through the
// checked path.
std::pair<int, int> DecimalWidthAndScale(std::string_view sql_type) {
    int width = 0;
    int scale = 0;
    if (std::sscanf(std::string(sql_type).c_str(), "DECIMAL(%d,%d)", &width, &scale) == 2) {
        return {width, scale};
    }
    return {kDecimalWidth, kDecimalWidth};
}

// The stage column holding the typed value of a FOCUS column.
std::string Typed(std::string_view name) {
    return QuoteIdentifier(fmt::format("t_{}", name));
}

// Whether a number's text is in exponent form (1.5e-20, 2.5E3).
std::string HasExponentSql(const std::string& text) {
    return fmt::format("(contains({0}, 'e') OR contains({0}, 'E'))", text);
}

// Whether a number in exponent form (text for which HasExponentSql holds) has a non-zero digit past the 18th
// decimal, which the cast rounds away: its significant digits, less trailing zeros, reach past decimal 18. Text
// only: DuckDB's cast reads exponent text exactly (a decimal parse, not a double), but silently (1.5e-20 is 0).
std::string ExponentRoundedSql(const std::string& text) {
    const std::string parts = fmt::format(
        R"(regexp_extract({}, '^\s*[+-]?(\d*)(?:\.(\d*))?[eE]([+-]?\d{{1,9}})\s*$', ['whole', 'fraction', 'exponent']))",
        text);
    const std::string digits = fmt::format("({0}.whole || {0}.fraction)", parts);
    return fmt::format("(rtrim({1}, '0') <> '' AND length({0}.fraction) - TRY_CAST({0}.exponent AS BIGINT) - "
                       "(length({1}) - length(rtrim({1}, '0'))) > {2})",
                       parts, digits, kDecimalScale);
}

// Accumulates the stage query's parts for one file.
class StageBuilder {
public:
    explicit StageBuilder(const FocusLayout& layout) : layout_(layout), relation_sql_(layout.relation_sql) {}

    // Reads `relation_sql` (several files of the layout's shape) instead, adding their file_index column.
    StageBuilder(const FocusLayout& layout, std::string relation_sql)
        : layout_(layout), relation_sql_(std::move(relation_sql)), with_file_index_(true) {}

    std::string Build() {
        for (const FocusColumn& column : model::FocusColumns()) {
            const SourceColumn* source = layout_.SourceOf(column.name);
            if (source == nullptr && column.name == "ProviderName" && !layout_.default_provider.empty()) {
                typed_.push_back(
                    fmt::format("{}::VARCHAR AS {}", QuoteLiteral(layout_.default_provider), Typed(column.name)));
                continue;
            }
            if (source == nullptr) {
                typed_.push_back(fmt::format("NULL::{} AS {}", column.sql_type, Typed(column.name)));
                continue;
            }
            AddColumn(column, *source);
        }
        AddPeriodOrder("ChargePeriodStart", "ChargePeriodEnd");
        AddPeriodOrder("BillingPeriodStart", "BillingPeriodEnd");

        std::string select = "SELECT ";
        for (const std::string& expression : typed_) {
            select += expression + ",\n    ";
        }
        select += ExtraColumnsJson() + " AS x_columns,\n    ";
        // Conformant rows, the common case, skip building the list: one OR of the conditions decides.
        std::string any_violation;
        for (const std::string& condition : conditions_) {
            any_violation += (any_violation.empty() ? "(" : " OR (") + condition + ")";
        }
        select +=
            fmt::format("CASE WHEN {} THEN list_filter([\n        ", any_violation.empty() ? "false" : any_violation);
        for (size_t i = 0; i < checks_.size(); ++i) {
            select += (i == 0 ? "" : ",\n        ") + checks_[i];
        }
        if (checks_.empty()) {
            select += std::string(kEmptyViolation);
        }
        // The row itself as a struct (kept for rejected rows' raw values). What depends on `violations` is left to
        // the query around this one: a lateral alias is copied into each use, and planning the copies of this
        // large expression was most of a small file's fixed cost.
        select += fmt::format("], v -> v IS NOT NULL) ELSE []::{}[] END AS violations,\n    src AS {}", kViolationType,
                              kRawRowColumn);
        if (with_file_index_) {
            // A virtual column: it tells the files apart without becoming part of src (nor of raw_json).
            select += fmt::format(",\n    src.file_index AS {}", kFileIndexColumn);
        }
        select += "\nFROM " + relation_sql_ + " AS src";
        return select;
    }

private:
    // A violation entry: when `condition` holds, the row violates `rule` on `column`, handled by `action` (a SQL
    // expression of type VARCHAR), with `original` (VARCHAR) as the value found.
    void AddCheck(const std::string& condition, const std::string& rule, std::string_view column,
                  const std::string& action, const std::string& original) {
        conditions_.push_back(condition);
        checks_.push_back(
            fmt::format("CASE WHEN {} THEN {{'rule': {}, 'column': {}, 'action': {}, 'original': {}}} END", condition,
                        QuoteLiteral(rule), QuoteLiteral(column), action, original));
    }

    void AddColumn(const FocusColumn& column, const SourceColumn& source) {
        const std::string raw = "src." + QuoteIdentifier(source.name);
        const bool is_text = source.type == "VARCHAR";
        const std::string text = is_text ? raw : fmt::format("CAST({} AS VARCHAR)", raw);
        const FocusRuleIds& rules = RuleIdsOf(column.name);
        switch (column.type) {
        case FocusType::kDecimal:
            AddDecimal(column, source, raw, text, rules);
            break;
        case FocusType::kDateTime:
            AddDateTime(column, source, raw, text, rules);
            break;
        case FocusType::kKeyValue:
            AddKeyValue(column, source, raw, text, rules);
            break;
        case FocusType::kString:
            AddString(column, text, rules);
            break;
        }
        // A null where FOCUS requires a value, in the versions that have the column.
        if (!column.nullable && model::PresenceIn(column, layout_.version) != model::Presence::kAbsent) {
            const std::string rule = RuleId({rules.not_null}, column.name, "not-null");
            const bool reject = RejectsWhenMissing(column.name);
            AddCheck(fmt::format("{} IS NULL", raw), rule, column.name, reject ? "'reject'" : "'kept_null'",
                     "NULL::VARCHAR");
            Message(rule, fmt::format("{} is missing; FOCUS requires a value", column.name));
        }
    }

    void AddDecimal(const FocusColumn& column, const SourceColumn& source, const std::string& raw,
                    const std::string& text, const FocusRuleIds& rules) {
        const std::string unreadable = RuleId({rules.valid_decimal, rules.format, rules.type}, column.name, "decimal");
        const std::string rounded = RuleId({rules.format, rules.type}, column.name, "format");
        Message(unreadable, fmt::format("{} is not a decimal number", column.name));
        if (source.type == "DECIMAL") {
            const auto [width, scale] = DecimalWidthAndScale(source.sql_type);
            if (scale <= kDecimalScale && width - scale <= kDecimalWidth - kDecimalScale) {
                // Every value fits DECIMAL(38,18) exactly: no check can fire, and the stored type needs no cast.
                typed_.push_back(fmt::format(
                    "{} AS {}", scale == kDecimalScale ? raw : fmt::format("CAST({} AS {})", raw, kDecimalType),
                    Typed(column.name)));
                return;
            }
            typed_.push_back(fmt::format("TRY_CAST({} AS {}) AS {}", raw, kDecimalType, Typed(column.name)));
            AddCheck(fmt::format("{} IS NOT NULL AND {} IS NULL", raw, Typed(column.name)), unreadable, column.name,
                     "'reject'", text);
            if (scale > kDecimalScale) {
                // The text of a DECIMAL has exactly `scale` decimals; a non-zero digit past the 18th is rounded.
                AddCheck(fmt::format("{0} IS NOT NULL AND regexp_matches(substr({1}, strpos({1}, '.') + {2}), '[1-9]')",
                                     Typed(column.name), text, kDecimalScale + 1),
                         rounded, column.name, "'rounded'", text);
            }
            return;
        }
        if (source.type == "INTEGER") {
            // Only a HUGEINT can exceed the 20 integer digits of DECIMAL(38,18).
            typed_.push_back(fmt::format("TRY_CAST({} AS {}) AS {}", raw, kDecimalType, Typed(column.name)));
            AddCheck(fmt::format("{} IS NOT NULL AND {} IS NULL", raw, Typed(column.name)), unreadable, column.name,
                     "'reject'", text);
            return;
        }
        // Text, and a binary float (Parquet DOUBLE or FLOAT) through its shortest round-trip decimal text: a DOUBLE
        // 0.1 is the 0.1 its writer meant, not 0.1000000000000000055511151231257827. NaN and infinities are not
        // numbers and reject the row.
        typed_.push_back(fmt::format("TRY_CAST({} AS {}) AS {}", text, kDecimalType, Typed(column.name)));
        AddCheck(fmt::format("{} IS NOT NULL AND {} IS NULL", raw, Typed(column.name)), unreadable, column.name,
                 "'reject'", text);
        if (source.type == "VARCHAR") {
            // More than 18 decimals, or exponent form (1.5e-20, 2.5E3) rounded to 18: recorded, never a silent 0.
            AddCheck(
                fmt::format("CASE WHEN {0} THEN {1} ELSE strpos({2}, '.') > 0 AND length({2}) - strpos({2}, '.') > "
                            "{3} END AND {4} IS NOT NULL",
                            HasExponentSql(raw), ExponentRoundedSql(raw), raw, kDecimalScale, Typed(column.name)),
                rounded, column.name, "'rounded'", text);
        } else if (source.type == "DOUBLE") {
            // A float's shortest text has at most 17 significant digits, so only a magnitude below 0.01 can need
            // more than 18 decimals: count them (digits after the point, minus the exponent) only there.
            AddCheck(fmt::format("CASE WHEN {0} IS NOT NULL AND abs({1}) < 0.01 AND {1} <> 0 THEN "
                                 "length(split_part(split_part({2}, 'e', 1), '.', 2)) - "
                                 "coalesce(TRY_CAST(split_part({2}, 'e', 2) AS INTEGER), 0) > {3} ELSE false END",
                                 Typed(column.name), raw, text, kDecimalScale),
                     rounded, column.name, "'rounded'", text);
        }
    }

    void AddDateTime(const FocusColumn& column, const SourceColumn& source, const std::string& raw,
                     const std::string& text, const FocusRuleIds& rules) {
        const std::string unreadable = RuleId({rules.format, rules.type}, column.name, "datetime");
        Message(unreadable, fmt::format("{} is not a date-time", column.name));
        if (source.type == "TIMESTAMP" || source.type == "DATE") {
            // Already a date-time without a zone, read as UTC (a TIMESTAMP_MS or _NS changes unit only): no check.
            typed_.push_back(fmt::format("{} AS {}",
                                         source.sql_type == "TIMESTAMP" ? raw : "CAST(" + raw + " AS TIMESTAMP)",
                                         Typed(column.name)));
            return;
        }
        std::string value;
        if (source.type == "TIMESTAMPTZ") {
            // An instant: its UTC wall time from the epoch, plain arithmetic. (AT TIME ZONE and a cast to TIMESTAMP
            // both go through the ICU calendar.) An infinite instant gives NULL and is not a date-time.
            value = fmt::format("make_timestamp(epoch_us({}))", raw);
        } else {
            // Text: an offset converts to UTC; no offset means UTC (every connection's TimeZone is UTC).
            value = fmt::format("(TRY_CAST({} AS TIMESTAMPTZ) AT TIME ZONE 'UTC')", text);
            if (layout_.date_order != DateOrder::kDetect) {
                // Only values the ISO cast cannot read are tried in the file's day/month order.
                value = fmt::format("coalesce({}, {})", value, DateInOrderSql(text, layout_.date_order));
            }
        }
        typed_.push_back(fmt::format("{} AS {}", value, Typed(column.name)));
        const bool reject = RejectsWhenMissing(column.name);
        AddCheck(fmt::format("{} IS NOT NULL AND {} IS NULL", raw, Typed(column.name)), unreadable, column.name,
                 reject ? "'reject'" : "'dropped_invalid'", text);
        if (source.type == "VARCHAR") {
            // FOCUS DateTimeFormat: YYYY-MM-DDTHH:mm:ssZ, UTC.
            // A value read in the file's day/month order says so (read_as_mdy, ...).
            const std::string action =
                layout_.date_order == DateOrder::kDetect
                    ? std::string("'normalized_datetime'")
                    : fmt::format(
                          "CASE WHEN TRY_CAST({} AS TIMESTAMPTZ) IS NULL THEN {} ELSE 'normalized_datetime' END", text,
                          QuoteLiteral(fmt::format("read_as_{}", DateOrderName(layout_.date_order))));
            AddCheck(fmt::format("{1} IS NOT NULL AND NOT (length({0}) = 20 AND {0}[11] = 'T' AND {0}[20] = 'Z')", raw,
                                 Typed(column.name)),
                     unreadable, column.name, action, text);
        }
    }

    void AddKeyValue(const FocusColumn& column, const SourceColumn& source, const std::string& raw,
                     const std::string& text, const FocusRuleIds& rules) {
        if (source.type == "MAP" || source.type == "STRUCT") {
            // A map or struct is a JSON object by construction: nothing to check.
            typed_.push_back(fmt::format("to_json({}) AS {}", raw, Typed(column.name)));
            return;
        }
        const std::string rule = RuleId({rules.format, rules.type}, column.name, "key-value");
        Message(rule, fmt::format("{} is not a JSON object", column.name));
        // Nested, not AND: DuckDB evaluates both sides of AND in a projection, and json_type fails on bad JSON.
        // Anything but an object (a bare word, an Excel-truncated {"app":"pay) is dropped to null, recorded: tags
        // never carry money, period or identity.
        const std::string object = fmt::format("CASE WHEN json_valid({0}) THEN json_type({0}) = 'OBJECT' END", text);
        if (column.name != "Tags") {
            typed_.push_back(fmt::format("CASE WHEN {} THEN json({}) END AS {}", object, text, Typed(column.name)));
            AddCheck(fmt::format("{} IS NOT NULL AND {} IS NULL", raw, Typed(column.name)), rule, column.name,
                     "'dropped_invalid'", text);
            return;
        }
        // FOCUS tag values are strings, one per key. A repeated key keeps its last value (deduplicated_keys); a
        // number, boolean, object or array value is kept as its JSON text (values_as_text): {"n":5} -> {"n":"5"}.
        // Most objects are flat strings: a value that does not start with a quote (or null) and a repeated key
        // are cheap tests that send only the others through the rewrite.
        // One json_keys per use, bound by a lambda.
        const std::string repeated =
            fmt::format("list_transform([json_keys({})], k -> len(k) <> len(list_distinct(k)))[1]", text);
        const std::string non_string_suspect = fmt::format(R"(regexp_matches({}, ':\s*[^"\sn]'))", text);
        const std::string suspect = fmt::format("({} OR {})", non_string_suspect, repeated);
        const std::string non_string = fmt::format(
            "list_bool_or(list_transform(map_values(from_json({}, '\"MAP(VARCHAR, JSON)\"')), v -> v IS NOT NULL AND "
            "NOT starts_with(CAST(v AS VARCHAR), '\"')))",
            text);
        const std::string entries = fmt::format("map_entries(from_json({}, '\"MAP(VARCHAR, VARCHAR)\"'))", text);
        const std::string rewritten = fmt::format(
            "to_json(map_from_entries(list_filter({0}, (e, i) -> NOT list_contains(list_transform({0}[i + 1:], "
            "later -> later.key), e.key))))",
            entries);
        const std::string typed = Typed(column.name);
        typed_.push_back(fmt::format("CASE WHEN {0} THEN CASE WHEN {1} THEN {2} ELSE json({3}) END END AS {4}", object,
                                     suspect, rewritten, text, typed));
        // One condition for the row's pass over all checks (a flat object of strings costs a regular expression and
        // one json_keys); the entries below are evaluated only for rows that have some violation.
        conditions_.push_back(
            fmt::format("{} IS NOT NULL AND CASE WHEN {} THEN {} ELSE true END", raw, object, suspect));
        const auto entry = [&](std::string_view action) {
            return fmt::format("{{'rule': {}, 'column': {}, 'action': {}, 'original': {}}}", QuoteLiteral(rule),
                               QuoteLiteral(column.name), QuoteLiteral(action), text);
        };
        checks_.push_back(
            fmt::format("CASE WHEN {} IS NOT NULL AND {} IS NULL THEN {} END", raw, typed, entry("dropped_invalid")));
        // Nested, not AND, again: json_keys and from_json fail on text that is not JSON.
        checks_.push_back(fmt::format("CASE WHEN {} IS NOT NULL THEN CASE WHEN {} THEN {} END END", typed, repeated,
                                      entry("deduplicated_keys")));
        checks_.push_back(
            fmt::format("CASE WHEN {} IS NOT NULL THEN CASE WHEN {} THEN CASE WHEN {} THEN {} END END END", typed,
                        non_string_suspect, non_string, entry("values_as_text")));
    }

    void AddString(const FocusColumn& column, const std::string& text, const FocusRuleIds& rules) {
        const bool currency = column.name.ends_with("Currency");
        const auto allowed = currency ? CurrencyCodes() : model::AllowedValues(column.name);
        if (allowed.empty()) {
            typed_.push_back(fmt::format("{} AS {}", text, Typed(column.name)));
            return;
        }
        // Exact values pass; a value in another case becomes the canonical one; anything else follows the column's
        // policy: ChargeCategory and BillingCurrency reject, ServiceCategory maps to Other, the rest become null.
        std::string canonical =
            fmt::format("CASE {} ", currency ? fmt::format("upper({})", text) : fmt::format("lower({})", text));
        for (const std::string_view value : allowed) {
            std::string key(value);
            if (!currency) {
                std::transform(key.begin(), key.end(), key.begin(),
                               [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            }
            canonical += fmt::format("WHEN {} THEN {} ", QuoteLiteral(key), QuoteLiteral(value));
        }
        const bool reject = column.name == "ChargeCategory" || column.name == "BillingCurrency";
        const bool to_other = column.name == "ServiceCategory";
        canonical += fmt::format("ELSE {} END", to_other ? "'Other'" : "NULL");
        // list_contains, not IN: DuckDB rewrites a long IN list into a join, and that plan gives the stage table
        // row ids out of file order (found with 180 currency codes; pinned by RowNumbersFollowTheFileAtScale).
        const std::string exact = fmt::format("list_contains([{}], {})", InList(allowed), text);
        typed_.push_back(fmt::format("CASE WHEN {0} IS NULL OR {1} THEN {0} ELSE {2} END AS {3}", text, exact,
                                     canonical, Typed(column.name)));
        const std::string rule =
            RuleId({currency ? rules.format : rules.allowed_values, rules.allowed_values}, column.name, "allowed");
        const std::string fallback = reject ? "'reject'" : to_other ? "'mapped_to_other'" : "'dropped_invalid'";
        AddCheck(fmt::format("{} IS NOT NULL AND NOT {}", text, exact), rule, column.name,
                 fmt::format("CASE WHEN {} IS NOT NULL AND {} <> 'Other' THEN 'case_fixed' "
                             "WHEN {} = 'Other' AND {} THEN 'mapped_to_other' ELSE {} END",
                             Typed(column.name), Typed(column.name), Typed(column.name), to_other ? "true" : "false",
                             fallback),
                 text);
        Message(rule, fmt::format("{} is not one of the allowed values", column.name));
    }

    void AddPeriodOrder(std::string_view start, std::string_view end) {
        if (layout_.SourceOf(start) == nullptr || layout_.SourceOf(end) == nullptr) {
            return;
        }
        const std::string rule = RuleId({RuleIdsOf(end).end_bound}, end, "end-bound");
        AddCheck(fmt::format("{0} IS NOT NULL AND {1} IS NOT NULL AND {1} <= {0}", Typed(start), Typed(end)), rule, end,
                 "'reject'", fmt::format("CAST({} AS VARCHAR)", Typed(end)));
        Message(rule, fmt::format("{} is not later than {}", end, start));
    }

    std::string ExtraColumnsJson() const {
        if (layout_.extra_columns.empty()) {
            return "NULL::JSON";
        }
        std::string arguments;
        for (const SourceColumn& column : layout_.extra_columns) {
            arguments += fmt::format("{}{}, src.{}", arguments.empty() ? "" : ", ", QuoteLiteral(column.name),
                                     QuoteIdentifier(column.name));
        }
        return fmt::format("json_object({})", arguments);
    }

    void Message(const std::string& rule, std::string text) { messages_.emplace(rule, std::move(text)); }

public:
    // The message for each rule id used, for the rejection insert.
    const std::map<std::string, std::string>& Messages() const { return messages_; }

private:
    const FocusLayout& layout_;
    std::string relation_sql_;
    bool with_file_index_ = false;
    std::vector<std::string> typed_;
    std::vector<std::string> checks_;
    std::vector<std::string> conditions_;
    std::map<std::string, std::string> messages_;
};

std::string CostLineColumns() {
    std::string columns;
    for (const FocusColumn& column : model::FocusColumns()) {
        columns += QuoteIdentifier(column.name) + ", ";
    }
    return columns + "source_file_id, source_row, x_columns, repairs";
}

std::string StageColumns() {
    std::string columns;
    for (const FocusColumn& column : model::FocusColumns()) {
        columns += Typed(column.name) + ", ";
    }
    return columns;
}

// INSERT INTO cost_line from a stage query, with `file_id` (an expression) as each row's source_file_id. Rejected
// rows come in too, carrying their raw values in x_columns; MoveRejectedRowsSql takes them out.
std::string LoadSql(const std::string& stage_select, const std::string& file_id) {
    return fmt::format("INSERT INTO cost_line ({}) SELECT {} {}, 0, CASE WHEN {} THEN to_json({}) ELSE x_columns END, "
                       "CASE WHEN len(violations) > 0 THEN to_json(violations) END FROM ({})",
                       CostLineColumns(), StageColumns(), file_id, kRejectedSql, kRawRowColumn, stage_select);
}

} // namespace

std::string StageSql(const FocusLayout& layout) {
    StageBuilder builder(layout);
    return fmt::format("CREATE OR REPLACE TEMP TABLE {0} AS\nSELECT * EXCLUDE ({1}), {2} AS rejected, CASE WHEN {2} "
                       "THEN to_json({1}) END AS raw_json FROM (\n{3})",
                       kStageTable, kRawRowColumn, kRejectedSql, builder.Build());
}

std::string LoadCostLinesSql(const FocusLayout& layout) {
    StageBuilder builder(layout);
    return LoadSql(builder.Build(), "$1");
}

bool CanLoadTogether(const FocusLayout& layout) {
    return std::none_of(layout.columns.begin(), layout.columns.end(), [](const SourceColumn& column) {
        std::string name = column.name;
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return name == kFileIndexColumn;
    });
}

std::string LoadCostLinesSql(const FocusLayout& layout, std::span<const std::string> paths,
                             std::span<const int64_t> file_ids) {
    CROSSWALK_ASSERT(paths.size() == file_ids.size() && CanLoadTogether(layout), "one id per file, told apart");
    StageBuilder builder(layout, FocusRelationSql(layout, paths));
    std::string ids;
    for (const int64_t id : file_ids) {
        ids += fmt::format("{}{}", ids.empty() ? "[" : ", ", id);
    }
    return LoadSql(builder.Build(), fmt::format("{}][CAST({} AS BIGINT) + 1]", ids, kFileIndexColumn));
}

std::string StageRowBaseSql() {
    return fmt::format("SELECT coalesce(min(rowid), 0) - 1 FROM {}", kStageTable);
}

std::string RuleCountsSql(int examples, int64_t row_base) {
    return fmt::format(
        "SELECT v.rule, v.\"column\", v.action, count(*) AS rows, min(row_number) AS first_row, "
        "list('row ' || row_number || ': ' || coalesce(v.original, 'NULL') ORDER BY row_number)[1:{}] AS examples "
        "FROM (SELECT rowid - {} AS row_number, unnest(violations) AS v FROM {} WHERE len(violations) > 0) "
        "GROUP BY ALL ORDER BY rows DESC, v.rule, v.\"column\", v.action",
        examples, row_base, kStageTable);
}

std::string RowCountsSql() {
    return fmt::format("SELECT count(*), count(*) FILTER (WHERE rejected), "
                       "count(*) FILTER (WHERE NOT rejected AND len(violations) > 0) FROM {}",
                       kStageTable);
}

namespace {

// A cost line loaded by LoadCostLinesSql whose violations include a rejection. The JSON text cannot hold the
// quoted pair inside a string value (quotes there are escaped), so a substring test is exact.
constexpr std::string_view kLoadedRejected = "contains(CAST(repairs AS VARCHAR), '\"action\":\"reject\"')";

constexpr std::string_view kViolationsJsonType =
    "'[{\"rule\": \"VARCHAR\", \"column\": \"VARCHAR\", \"action\": \"VARCHAR\", \"original\": \"VARCHAR\"}]'";

} // namespace

std::string NumberLoadedRowsSql() {
    return "UPDATE cost_line SET source_row = rowid - (SELECT min(rowid) - 1 FROM cost_line WHERE source_file_id = $1) "
           "WHERE source_file_id = $1";
}

std::string LoadedRowCountsSql() {
    return fmt::format(
        "SELECT count(*), count(*) FILTER (WHERE repairs IS NOT NULL AND {0}), "
        "count(*) FILTER (WHERE repairs IS NOT NULL AND NOT {0}) FROM cost_line WHERE source_file_id = $1",
        kLoadedRejected);
}

std::string LoadedRuleCountsSql() {
    return fmt::format(
        "SELECT v.rule, v.\"column\", v.action, count(*) AS rows, min(source_row) AS first_row FROM "
        "(SELECT source_row, unnest(from_json(repairs, {})) AS v FROM cost_line "
        "WHERE source_file_id = $1 AND repairs IS NOT NULL) GROUP BY ALL ORDER BY rows DESC, v.rule, v.\"column\", "
        "v.action",
        kViolationsJsonType);
}

std::string MoveRejectedRowsSql(const FocusLayout& layout) {
    StageBuilder builder(layout);
    (void)builder.Build();
    std::string message = "CASE v.rule ";
    for (const auto& [rule, text] : builder.Messages()) {
        message += fmt::format("WHEN {} THEN {} ", QuoteLiteral(rule), QuoteLiteral(text));
    }
    message += "ELSE v.rule END";
    return fmt::format(
        "INSERT INTO rejected_row (source_file_id, run_id, source_kind, row_number, column_name, rule_id, message, "
        "raw) "
        "SELECT $1, $2, 'focus', source_row, v.\"column\", v.rule, "
        "{} || CASE WHEN v.original IS NOT NULL THEN ': ''' || v.original || '''' ELSE '' END, x_columns "
        "FROM (SELECT source_row, unnest(from_json(repairs, {})) AS v, x_columns FROM cost_line "
        "WHERE source_file_id = $1 AND repairs IS NOT NULL AND {}) WHERE v.action = 'reject'",
        message, kViolationsJsonType, kLoadedRejected);
}

std::string DeleteRejectedRowsSql() {
    return fmt::format("DELETE FROM cost_line WHERE source_file_id = $1 AND repairs IS NOT NULL AND {}",
                       kLoadedRejected);
}

} // namespace crosswalk::ingest::focus
