#include "crosswalk/ingest/enterprise/validation_sql.hpp"

#include <fmt/format.h>

#include "crosswalk/common/text.hpp"
#include "crosswalk/ingest/focus/currency_codes.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::ingest::enterprise {
namespace {

using store::QuoteIdentifier;
using store::QuoteLiteral;

std::string TextColumn(std::string_view field) {
    return fmt::format("r_{}", field);
}

std::string ValueColumn(std::string_view field) {
    return fmt::format("v_{}", field);
}

std::string JoinedAllowed(const FieldSpec& field, std::string_view separator, bool quoted) {
    return Join(field.allowed, separator,
                [quoted](std::string_view value) { return quoted ? QuoteLiteral(value) : std::string(value); });
}

std::string Joined(const std::vector<std::string>& items, std::string_view separator) {
    return Join(items, separator);
}

// The text with the mapping's number separators normalized to a plain "1234.56".
std::string NumberText(const BoundField& bound, const std::string& text) {
    std::string number = text;
    for (const std::string& symbol : bound.currency_symbols) {
        // "$1,299.00", "1 299,00 €", "-$5": the symbol and the spaces beside it go.
        number = fmt::format("trim(replace({}, {}, ''))", number, QuoteLiteral(symbol));
    }
    if (bound.decimal_separator == "auto") {
        // Either convention, told apart value by value: spaces (also no-break and narrow no-break) and
        // apostrophes group thousands; with both '.' and ',' the last is the decimal separator; one of them
        // written several times groups thousands; once it is the decimal separator, except before exactly three
        // digits after 1 to 3 (1,234 or 1.234), which could be either: left unread (the message says what to set).
        const std::string t = fmt::format("regexp_replace({}, '[\\s\\x{{00A0}}\\x{{202F}}'']', '', 'g')", number);
        return fmt::format(
            "(CASE WHEN strpos({0}, '.') > 0 AND strpos({0}, ',') > 0 THEN "
            "CASE WHEN strpos(reverse({0}), ',') < strpos(reverse({0}), '.') THEN replace(replace({0}, '.', ''), ',', "
            "'.') ELSE replace({0}, ',', '') END "
            "WHEN length({0}) - length(replace({0}, ',', '')) > 1 THEN replace({0}, ',', '') "
            "WHEN length({0}) - length(replace({0}, '.', '')) > 1 THEN replace({0}, '.', '') "
            "WHEN regexp_full_match({0}, '[+-]?[1-9][0-9]{{0,2}}[.,][0-9]{{3}}') THEN NULL "
            "ELSE replace({0}, ',', '.') END)",
            t);
    }
    if (!bound.thousands_separator.empty()) {
        number = fmt::format("replace({}, {}, '')", number, QuoteLiteral(bound.thousands_separator));
    }
    if (!bound.decimal_separator.empty() && bound.decimal_separator != ".") {
        number = fmt::format("replace({}, {}, '.')", number, QuoteLiteral(bound.decimal_separator));
    }
    return number;
}

std::string DateSql(const BoundField& bound, const std::string& text) {
    if (bound.date_formats.empty()) {
        // ISO 8601; a time part ("2024-09-01 10:00:00", "...T10:00:00") is dropped by the cast.
        return fmt::format("TRY_CAST({} AS DATE)", text);
    }
    std::vector<std::string> formats;
    for (const std::string& format : bound.date_formats) {
        formats.push_back(QuoteLiteral(format));
    }
    return fmt::format("CAST(try_strptime({}, [{}]) AS DATE)", text, Joined(formats, ", "));
}

std::string DateDescription(const BoundField& bound) {
    return bound.date_formats.empty() ? "a date (YYYY-MM-DD)"
                                      : fmt::format("a date in the format {}", Joined(bound.date_formats, " or "));
}

// The message of a value that cannot be read as the field's type.
std::string TypeMessageSql(const BoundField& bound) {
    const FieldSpec& field = *bound.field;
    const std::string text = TextColumn(field.name);
    std::string expected;
    switch (field.type) {
    case FieldType::kText:
        return "''";
    case FieldType::kInteger:
        expected = "a whole number";
        break;
    case FieldType::kDecimal:
        expected = fmt::format("a number with at most {} decimals", field.scale);
        break;
    case FieldType::kDate:
        expected = DateDescription(bound);
        break;
    case FieldType::kMonth:
        expected = fmt::format("a month (YYYY-MM) or {}", DateDescription(bound));
        break;
    case FieldType::kBoolean:
        expected = "true or false (or yes/no, y/n, 1/0)";
        break;
    case FieldType::kEnum:
        expected = fmt::format("one of {}", JoinedAllowed(field, ", ", false));
        break;
    case FieldType::kCurrency:
        expected = "a currency code (three letters, ISO 4217)";
        break;
    }
    // DuckDB's format() fills the {} with the value as written.
    const std::string message =
        fmt::format("format({}, {})", QuoteLiteral(fmt::format("{} '{{}}' is not {}", field.name, expected)), text);
    if (field.type == FieldType::kDecimal || field.type == FieldType::kInteger) {
        // A number written with other separators than the mapping says: name the setting that reads it.
        const std::string separators =
            bound.decimal_separator.empty() && bound.thousands_separator.empty()
                ? std::string("no mapping format, so 1234.56")
                : fmt::format("the mapping's format: decimal_separator '{}', thousands_separator '{}'",
                              bound.decimal_separator.empty() ? "." : bound.decimal_separator,
                              bound.thousands_separator);
        const std::string hint = fmt::format(
            " (read with {}; set the mapping's format decimal_separator to the export's, or to auto for 1,234.56 and "
            "1 234,56 alike; auto leaves 1,234 and 1.234 unread: name the separator for those)",
            separators);
        // Only where the value looks written in another convention: a comma or space between digits, or an
        // ambiguous 1,234 / 1.234.
        return fmt::format("{0} || CASE WHEN regexp_matches({1}, '[0-9][,\\s\\x{{00A0}}\\x{{202F}}''][0-9]') OR "
                           "regexp_full_match({1}, '[+-]?[1-9][0-9]{{0,2}}[.,][0-9]{{3}}') THEN {2} ELSE '' END",
                           message, text, QuoteLiteral(hint));
    }
    return message;
}

std::string BoundCondition(const FieldSpec& field) {
    const std::string value = ValueColumn(field.name);
    switch (field.bound) {
    case Bound::kNone:
        return "";
    case Bound::kZeroOrMore:
        return value + " < 0";
    case Bound::kPositive:
        return value + " <= 0";
    case Bound::kOneOrMore:
        return value + " < 1";
    }
    return "";
}

std::string BoundWords(Bound bound) {
    switch (bound) {
    case Bound::kNone:
        return "";
    case Bound::kZeroOrMore:
        return "zero or more";
    case Bound::kPositive:
        return "more than zero";
    case Bound::kOneOrMore:
        return "one or more";
    }
    return "";
}

// One SELECT producing error rows (source_row, column_name, rule_id, message).
std::string ErrorSelect(std::string_view column, std::string_view rule_id, std::string_view message,
                        std::string_view condition) {
    return fmt::format("SELECT source_row, {}, {}, {} FROM temp.crosswalk_typed WHERE {}", QuoteLiteral(column),
                       QuoteLiteral(rule_id), message, condition);
}

std::string RuleId(const KindSpec& kind, std::string_view field, std::string_view what) {
    return fmt::format("{}.{}.{}", kind.kind, field, what);
}

// "asset_tag 'A-1'" or "period '2024-09-01', scope_kind 'cost_center', ..." for messages; `prefix` qualifies.
std::string KeyDescription(const KindSpec& kind, std::string_view prefix) {
    std::vector<std::string> parts;
    for (const std::string_view field : kind.key) {
        parts.push_back(
            fmt::format("'{} ''' || coalesce(CAST({}{} AS VARCHAR), '') || ''''", field, prefix, ValueColumn(field)));
    }
    return fmt::format("concat_ws(', ', {})", Joined(parts, ", "));
}

std::string WithoutEarlierErrors(std::string_view prefix) {
    return fmt::format("{}source_row NOT IN (SELECT source_row FROM temp.crosswalk_errors)", prefix);
}

std::string CreateTyped(const Binding& binding) {
    std::vector<std::string> raw_pairs;
    for (const std::string& column : binding.file_columns) {
        raw_pairs.push_back(fmt::format("{}, {}", QuoteLiteral(column), QuoteIdentifier(column)));
    }
    const std::string raw_json =
        raw_pairs.empty() ? std::string("'{}'::JSON") : fmt::format("json_object({})", Joined(raw_pairs, ", "));
    std::vector<std::string> texts;
    std::vector<std::string> values;
    for (const BoundField& bound : binding.fields) {
        texts.push_back(fmt::format("{} AS {}", bound.text_sql, TextColumn(bound.field->name)));
        values.push_back(fmt::format("{} AS {}", TypedValueSql(bound), ValueColumn(bound.field->name)));
    }
    // DuckDB keeps insertion order, and a table's rowids run in that order, so the rowid gives the data row
    // (pinned by tests/unit/ingest/enterprise/raw_stage_test.cpp).
    return fmt::format("CREATE TEMP TABLE crosswalk_typed AS SELECT *, {} FROM ("
                       "SELECT CAST(rowid - (SELECT min(rowid) FROM temp.crosswalk_raw) + 1 AS BIGINT) AS source_row, "
                       "{} AS raw_json, {} FROM temp.crosswalk_raw) ORDER BY source_row",
                       Joined(values, ", "), raw_json, Joined(texts, ", "));
}

std::string CreateErrors(const KindSpec& kind, const Binding& binding) {
    std::vector<std::string> selects;
    for (const BoundField& bound : binding.fields) {
        const FieldSpec& field = *bound.field;
        const std::string text = TextColumn(field.name);
        const std::string value = ValueColumn(field.name);
        const std::string& column = bound.display_name;
        if (field.required) {
            selects.push_back(ErrorSelect(column, RuleId(kind, field.name, "required"),
                                          QuoteLiteral(fmt::format("{} is required", field.name)),
                                          fmt::format("{} IS NULL AND {} IS NULL", text, value)));
        }
        if (field.type != FieldType::kText) {
            selects.push_back(
                ErrorSelect(column, RuleId(kind, field.name, field.type == FieldType::kEnum ? "allowed" : "type"),
                            TypeMessageSql(bound), fmt::format("{} IS NOT NULL AND {} IS NULL", text, value)));
        }
        if (const std::string condition = BoundCondition(field); !condition.empty()) {
            selects.push_back(ErrorSelect(
                column, RuleId(kind, field.name, "range"),
                fmt::format("format('{} must be {}, not {{}}', {})", field.name, BoundWords(field.bound), text),
                condition));
        }
    }
    for (const RowRule& rule : kind.rules) {
        selects.push_back(ErrorSelect(FieldOf(binding, rule.field).display_name, rule.rule_id, rule.message,
                                      fmt::format("({})", rule.violated)));
    }
    return fmt::format("CREATE TEMP TABLE crosswalk_errors (source_row BIGINT, column_name VARCHAR, rule_id VARCHAR, "
                       "message VARCHAR); INSERT INTO temp.crosswalk_errors {}",
                       Joined(selects, " UNION ALL "));
}

std::string DuplicatesInFile(const KindSpec& kind, const Binding& binding) {
    std::vector<std::string> partition;
    for (const std::string_view field : kind.key) {
        partition.push_back(ValueColumn(field));
    }
    const std::string_view first = kind.key.front();
    return fmt::format(
        "INSERT INTO temp.crosswalk_errors SELECT source_row, {}, {}, "
        "format('{{}} appears more than once in the file (first at row {{}})', key_text, first_row) FROM ("
        "SELECT source_row, {} AS key_text, min(source_row) OVER (PARTITION BY {}) AS first_row "
        "FROM temp.crosswalk_typed WHERE {} IS NOT NULL AND {}) WHERE source_row > first_row",
        QuoteLiteral(FieldOf(binding, first).display_name), QuoteLiteral(RuleId(kind, first, "unique")),
        KeyDescription(kind, ""), Joined(partition, ", "), ValueColumn(first), WithoutEarlierErrors(""));
}

std::string DuplicatesLoaded(const KindSpec& kind, const Binding& binding, const TargetTable& target) {
    const auto columns = TargetColumns(kind, target);
    std::vector<std::string> join;
    for (const std::string_view field : kind.key) {
        for (const auto& [table_column, source_field] : columns) {
            if (source_field == field) {
                join.push_back(fmt::format("x.{} IS NOT DISTINCT FROM t.{}", table_column, ValueColumn(field)));
            }
        }
    }
    const std::string_view first = kind.key.front();
    return fmt::format(
        "INSERT INTO temp.crosswalk_errors SELECT t.source_row, {}, {}, "
        "format('{{}} is already loaded (from {{}} row {{}})', {}, coalesce(f.path, 'an earlier load'), x.source_row) "
        "FROM temp.crosswalk_typed t JOIN main.{} x ON {} LEFT JOIN main.source_file f ON f.id = x.source_file_id "
        "WHERE t.{} IS NOT NULL AND {}{} "
        "QUALIFY row_number() OVER (PARTITION BY t.source_row ORDER BY x.source_row) = 1",
        QuoteLiteral(FieldOf(binding, first).display_name), QuoteLiteral(RuleId(kind, first, "unique")),
        KeyDescription(kind, "t."), target.table, Joined(join, " AND "), ValueColumn(first), WithoutEarlierErrors("t."),
        target.where.empty() ? std::string() : fmt::format(" AND ({})", target.where));
}

std::string InsertTarget(const KindSpec& kind, const TargetTable& target, int64_t source_file_id) {
    std::vector<std::string> table_columns;
    std::vector<std::string> values;
    for (const auto& [table_column, field] : TargetColumns(kind, target)) {
        table_columns.emplace_back(table_column);
        values.push_back(ValueColumn(field));
    }
    return fmt::format("INSERT INTO main.{} ({}, source_file_id, source_row) SELECT {}, {}, source_row "
                       "FROM temp.crosswalk_typed WHERE {}{} ORDER BY source_row",
                       target.table, Joined(table_columns, ", "), Joined(values, ", "), source_file_id,
                       WithoutEarlierErrors(""),
                       target.where.empty() ? std::string() : fmt::format(" AND ({})", target.where));
}

} // namespace

std::string TypedValueSql(const BoundField& bound) {
    const FieldSpec& field = *bound.field;
    const std::string text = TextColumn(field.name);
    switch (field.type) {
    case FieldType::kText:
        return text;
    case FieldType::kInteger: {
        // Nine digits at most fit an INTEGER; a pattern rather than TRY_CAST, which would round "10.7" to 11.
        const std::string number = NumberText(bound, text);
        return fmt::format("CASE WHEN regexp_full_match({0}, '[+-]?[0-9]{{1,9}}') THEN CAST({0} AS INTEGER) END",
                           number);
    }
    case FieldType::kDecimal: {
        // A pattern first: DuckDB's cast would round "1.2345678" to 6 decimals without a word. Trailing zeros
        // beyond the scale are harmless ("1.5000000").
        const std::string number = NumberText(bound, text);
        const int digits = field.precision - field.scale;
        return fmt::format(
            "CASE WHEN regexp_full_match({0}, '[+-]?([0-9]{{1,{1}}}(\\.[0-9]{{0,{2}}}0*)?|\\.[0-9]{{1,{2}}}0*)') "
            "THEN CAST({0} AS DECIMAL({3},{2})) END",
            number, digits, field.scale, field.precision);
    }
    case FieldType::kDate:
        return DateSql(bound, text);
    case FieldType::kMonth:
        return fmt::format(
            "CASE WHEN regexp_full_match({0}, '[0-9]{{4}}-[0-9]{{1,2}}') THEN TRY_CAST({0} || '-01' AS DATE) "
            "ELSE {1} END",
            text, DateSql(bound, text));
    case FieldType::kBoolean:
        return fmt::format("CASE WHEN lower({0}) IN ('true', 'yes', 'y', '1', 't') THEN true "
                           "WHEN lower({0}) IN ('false', 'no', 'n', '0', 'f') THEN false END",
                           text);
    case FieldType::kEnum: {
        // "In Use", "in-use" and "IN_USE" all mean in_use.
        const std::string normalized = fmt::format("regexp_replace(lower({}), '[\\s-]+', '_', 'g')", text);
        return fmt::format("CASE WHEN {0} IN ({1}) THEN {0} END", normalized, JoinedAllowed(field, ", ", true));
    }
    case FieldType::kCurrency: {
        // The same ISO 4217 list billing is checked against, so ledger and bills speak the same currencies.
        std::string codes;
        for (const std::string_view code : focus::CurrencyCodes()) {
            codes += (codes.empty() ? "'" : ", '") + std::string(code) + "'";
        }
        return fmt::format("CASE WHEN upper({0}) IN ({1}) THEN upper({0}) END", text, codes);
    }
    }
    return text;
}

LoadSql BuildLoadSql(const KindSpec& kind, const Binding& binding, int64_t source_file_id, int64_t run_id) {
    LoadSql sql;
    sql.create_typed = CreateTyped(binding);
    for (const std::string_view derivation : kind.derivations) {
        sql.derivations.emplace_back(derivation);
    }
    sql.create_errors = CreateErrors(kind, binding);
    if (!kind.key.empty()) {
        sql.duplicates_in_file = DuplicatesInFile(kind, binding);
        for (const TargetTable& target : kind.targets) {
            sql.duplicates_loaded.push_back(DuplicatesLoaded(kind, binding, target));
        }
    }
    sql.insert_rejects = fmt::format(
        "INSERT INTO main.rejected_row (source_file_id, run_id, source_kind, row_number, column_name, rule_id, "
        "message, raw) SELECT {}, {}, {}, e.source_row, e.column_name, e.rule_id, e.message, t.raw_json "
        "FROM temp.crosswalk_errors e JOIN temp.crosswalk_typed t ON t.source_row = e.source_row "
        "ORDER BY e.source_row, e.rule_id",
        source_file_id, run_id, QuoteLiteral(kind.kind));
    for (const TargetTable& target : kind.targets) {
        sql.insert_targets.push_back(InsertTarget(kind, target, source_file_id));
    }
    sql.rule_counts = "SELECT rule_id, column_name, count(*) AS rows, min(source_row) AS first_row "
                      "FROM temp.crosswalk_errors GROUP BY rule_id, column_name ORDER BY rows DESC, rule_id";
    sql.drop_work_tables = "DROP TABLE IF EXISTS temp.crosswalk_typed; DROP TABLE IF EXISTS temp.crosswalk_errors";
    return sql;
}

} // namespace crosswalk::ingest::enterprise
