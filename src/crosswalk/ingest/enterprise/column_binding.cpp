#include "crosswalk/ingest/enterprise/column_binding.hpp"

#include <algorithm>

#include "crosswalk/common/error.hpp"
#include "crosswalk/common/text.hpp"
#include "crosswalk/ingest/mapping/mapping_sql.hpp"
#include "crosswalk/store/sql_quote.hpp"
#include "crosswalk/workspace/strict_yaml.hpp"

namespace crosswalk::ingest::enterprise {
namespace {

std::vector<std::string> FieldNames(const KindSpec& kind) {
    std::vector<std::string> names;
    for (const FieldSpec& field : kind.fields) {
        names.emplace_back(field.name);
    }
    return names;
}

// Whether the file has a column for one of the fields `column`'s derived key is made of.
bool CanDerive(const Binding& binding, const mapping::ColumnMapping& column) {
    for (const mapping::DeriveRule& rule : column.derive) {
        for (const std::string& input : rule.from) {
            for (const BoundField& bound : binding.fields) {
                if (bound.field->name == input && !bound.source_column.empty()) {
                    return true;
                }
            }
        }
    }
    return false;
}

} // namespace

void CheckMapping(const mapping::Mapping& mapping, const KindSpec& kind) {
    if (mapping.kind != kind.kind) {
        Throw(ErrorKind::kInvalidInput, "{}: this mapping is for kind '{}', not '{}'", mapping.file, mapping.kind,
              kind.kind);
    }
    const std::vector<std::string> names = FieldNames(kind);
    for (const mapping::ColumnMapping& column : mapping.columns) {
        if (FindField(kind, column.target) != nullptr) {
            continue;
        }
        const std::string nearest = workspace::NearestWord(column.target, names);
        ThrowAt(ErrorKind::kInvalidInput, column.where, "'{}' is not a column of {} (docs/sources.md){}", column.target,
                kind.kind, nearest.empty() ? "" : fmt::format("; did you mean '{}'?", nearest));
    }
}

Binding BindColumns(const KindSpec& kind, std::span<const std::string> file_columns, const mapping::Mapping* mapping,
                    const std::string& file) {
    Binding binding;
    binding.file_columns.assign(file_columns.begin(), file_columns.end());
    std::vector<std::string> used;
    // First where each field's text comes from, as read (derived keys are made of other fields' texts)...
    std::vector<std::vector<std::string>> quoted_sources;
    std::vector<mapping::MultiValue> multi_values;
    std::vector<std::string> read_texts;
    for (const FieldSpec& field : kind.fields) {
        const mapping::ColumnMapping* column = mapping != nullptr ? mapping::FindColumn(*mapping, field.name) : nullptr;
        BoundField bound;
        bound.field = &field;
        std::vector<std::string> sources;
        if (column != nullptr) {
            sources = mapping::FindSourceColumns(file_columns, column->from);
            if (sources.empty() && !column->from.empty() && !field.required) {
                binding.missing.push_back(fmt::format("{} (for {})", column->from.front(), field.name));
            }
        } else {
            const std::string own_name(field.name);
            sources = mapping::FindSourceColumns(file_columns, std::span<const std::string>(&own_name, 1));
        }
        std::vector<std::string> quoted;
        for (const std::string& source : sources) {
            used.push_back(source);
            quoted.push_back(store::QuoteIdentifier(source));
        }
        if (!sources.empty()) {
            bound.source_column = sources.front();
        }
        const mapping::MultiValue multi_value = column != nullptr && column->multi_value ? *column->multi_value
                                                : mapping != nullptr                     ? mapping->format.multi_value
                                                                                         : mapping::MultiValue::kAsIs;
        read_texts.push_back(mapping::SourceText(quoted, multi_value));
        quoted_sources.push_back(std::move(quoted));
        multi_values.push_back(multi_value);
        if (mapping != nullptr) {
            bound.date_formats = column != nullptr && !column->date_formats.empty() ? column->date_formats
                                                                                    : mapping->format.date_formats;
            bound.decimal_separator = mapping->format.decimal_separator;
            bound.thousands_separator = mapping->format.thousands_separator;
            bound.currency_symbols = mapping->format.currency_symbols;
        }
        bound.display_name = sources.empty() ? std::string(field.name) : sources.front();
        binding.fields.push_back(std::move(bound));
    }
    // ...then each field's expression.
    for (size_t i = 0; i < binding.fields.size(); ++i) {
        BoundField& bound = binding.fields[i];
        const FieldSpec& field = *bound.field;
        const mapping::ColumnMapping* column = mapping != nullptr ? mapping::FindColumn(*mapping, field.name) : nullptr;
        std::string derived;
        if (column != nullptr && !column->derive.empty()) {
            std::vector<std::vector<std::string>> inputs;
            for (const mapping::DeriveRule& rule : column->derive) {
                std::vector<std::string> texts;
                for (const std::string& input : rule.from) {
                    for (size_t j = 0; j < binding.fields.size(); ++j) {
                        if (binding.fields[j].field->name == input) {
                            const mapping::ColumnMapping* from = mapping::FindColumn(*mapping, input);
                            texts.push_back(from != nullptr ? mapping::KeyText(read_texts[j], from->key_values)
                                                            : read_texts[j]);
                        }
                    }
                }
                inputs.push_back(std::move(texts));
            }
            derived = mapping::DerivedKeyExpression(column->derive, inputs);
            {
                // How many rows repeat a derived key: numbered, their keys hang on the file's order; rejected,
                // they are most likely one item written once per seat or assignment. The load says which.
                mapping::ColumnMapping given = *column;
                given.derive.clear();
                given.default_value.reset();
                const std::string value = mapping::ValueExpression(&given, quoted_sources[i], multi_values[i]);
                binding.repeats.push_back(RepeatCount{
                    std::string(field.name),
                    fmt::format("SELECT coalesce(sum(n - 1), 0), count(*) FILTER (WHERE n > 1) FROM (SELECT count(*) "
                                "AS n FROM temp.crosswalk_raw WHERE ({}) IS NULL AND ({}) IS NOT NULL GROUP BY ({}))",
                                value, derived, derived),
                    column->number_repeats});
            }
        }
        if (column != nullptr && !quoted_sources[i].empty()) {
            if (std::string sql = mapping::UnmappedValuesSql(*column, quoted_sources[i], multi_values[i]);
                !sql.empty()) {
                binding.unmapped.push_back(
                    UnmappedValues{std::string(field.name), bound.source_column, *column->otherwise, std::move(sql)});
            }
        }
        bound.text_sql = mapping::ValueExpression(column, quoted_sources[i], multi_values[i], derived);
        if (!field.default_value.empty()) {
            bound.text_sql = fmt::format("COALESCE({}, {})", bound.text_sql, store::QuoteLiteral(field.default_value));
        }
    }
    // A required column may be missing only when the field it is derived from is there (a ledger's posting
    // period from its posting date).
    for (const BoundField& bound : binding.fields) {
        const FieldSpec& field = *bound.field;
        const mapping::ColumnMapping* column = mapping != nullptr ? mapping::FindColumn(*mapping, field.name) : nullptr;
        const bool filled = !bound.source_column.empty() ||
                            (column != nullptr && (column->constant || column->default_value)) ||
                            !field.default_value.empty() || (column != nullptr && CanDerive(binding, *column));
        if (!field.required || filled) {
            continue;
        }
        if (!field.derived_from.empty() && !FieldOf(binding, field.derived_from).source_column.empty()) {
            continue;
        }
        std::string wanted = column != nullptr && !column->from.empty()
                                 ? fmt::format("'{}' (mapped from {})", field.name, Join(column->from))
                                 : fmt::format("'{}'", field.name);
        if (column != nullptr && !column->derive.empty()) {
            std::vector<std::string> inputs;
            for (const mapping::DeriveRule& rule : column->derive) {
                inputs.insert(inputs.end(), rule.from.begin(), rule.from.end());
            }
            wanted += fmt::format(", or a column of {} to derive it from,", Join(inputs));
        }
        Throw(ErrorKind::kInvalidInput, "{}: the required column {} is missing for {}; the file has: {}", file, wanted,
              kind.kind, file_columns.empty() ? std::string("no columns") : Join(file_columns));
    }
    for (const std::string& column : file_columns) {
        if (std::find(used.begin(), used.end(), column) == used.end()) {
            binding.unused.push_back(column);
        }
    }
    return binding;
}

const BoundField& FieldOf(const Binding& binding, std::string_view name) {
    for (const BoundField& bound : binding.fields) {
        if (bound.field->name == name) {
            return bound;
        }
    }
    Throw(ErrorKind::kInternal, "internal error: field {} is not bound", name);
}

} // namespace crosswalk::ingest::enterprise
