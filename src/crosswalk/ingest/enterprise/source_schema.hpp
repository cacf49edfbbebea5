// The input schema of each enterprise source kind (docs/sources.md is its readable form): the columns a file
// may have, their types, which are required, the allowed values, the rules across columns, the natural key
// and which table(s) the rows go to. Pure data: the loader turns it into SQL (validation_sql.hpp).
//
// In the SQL snippets below, a field's text (after mapping and trimming, NULL when empty) is `r_<field>` and its
// typed value is `v_<field>` (NULL when empty or unreadable).
#pragma once

#include <span>
#include <string_view>
#include <utility>
#include <vector>

namespace crosswalk::ingest::enterprise {

enum class FieldType {
    kText,     // any text
    kInteger,  // whole number, up to 9 digits (INTEGER)
    kDecimal,  // exact decimal with at most `scale` decimals (money: DECIMAL(38,6)); never through a float
    kDate,     // ISO 8601 date (or the mapping's date_format)
    kMonth,    // a month: YYYY-MM, or a date on the first day of a month
    kBoolean,  // true/false, yes/no, y/n, 1/0 (any case)
    kEnum,     // one of `allowed`, compared ignoring case with spaces and hyphens read as '_'
    kCurrency, // ISO 4217 alphabetic code (three letters, stored upper-case)
};

enum class Bound {
    kNone,
    kZeroOrMore, // >= 0
    kPositive,   // > 0
    kOneOrMore,  // >= 1
};

struct FieldSpec {
    std::string_view name; // the input column (and, unless a target says otherwise, the table column)
    FieldType type = FieldType::kText;
    bool required = false;
    std::span<const std::string_view> allowed = {}; // kEnum
    int precision = 38;                             // kDecimal
    int scale = 6;                                  // kDecimal
    Bound bound = Bound::kNone;
    std::string_view default_value = {}; // text used when the value is empty
    std::string_view derived_from = {};  // another field this one is derived from when its column is absent
};

// A rule across fields. Evaluated only on rows whose fields involved are readable.
struct RowRule {
    std::string_view rule_id;  // "<kind>.<field>.<what>"
    std::string_view field;    // the column it concerns
    std::string_view violated; // SQL condition over r_/v_ columns: true when the row breaks the rule
    std::string_view message;  // SQL expression giving the message
};

// Where loaded rows go. Several targets split one file (org: cost centers and business units).
struct TargetTable {
    std::string_view table;
    std::string_view where = {}; // SQL condition over v_ columns choosing the rows; empty = all
    // table column -> field; empty = every field into the column of the same name.
    std::vector<std::pair<std::string_view, std::string_view>> columns = {};
};

struct KindSpec {
    std::string_view kind; // as on the command line: "assets", "ci-relations"
    std::string_view noun; // one row: "asset", "relation"
    std::vector<FieldSpec> fields = {};
    std::vector<std::string_view> key = {}; // natural key fields; rows whose first key field is empty are not keyed
    std::vector<RowRule> rules = {};
    // SQL statements run on the typed rows (table crosswalk_typed) before checks: derived values, such as a
    // ledger line's posting period from its posting date, or an installation's host kind.
    std::vector<std::string_view> derivations = {};
    std::vector<TargetTable> targets = {};
    // SQL aggregates over the first target's active rows for `crosswalk status`; empty = not dated.
    std::string_view period_start = {};
    std::string_view period_end = {};
    // The month field of a dated kind (ledger, budgets, metrics): a file loaded with --append restates the months
    // it contains, replacing the rows loaded earlier for those months. Empty = --append only adds.
    std::string_view restated_period = {};
};

// Every enterprise kind, in the order of workspace::SourceKinds().
[[nodiscard]] std::span<const KindSpec> EnterpriseKinds();

// The kind's spec, or nullptr for "focus" and unknown kinds.
[[nodiscard]] const KindSpec* FindKind(std::string_view kind);

// The field named `name` (or nullptr).
[[nodiscard]] const FieldSpec* FindField(const KindSpec& kind, std::string_view name);

// The table columns a target fills, with the field each comes from.
[[nodiscard]] std::vector<std::pair<std::string_view, std::string_view>> TargetColumns(const KindSpec& kind,
                                                                                       const TargetTable& target);

} // namespace crosswalk::ingest::enterprise
