#include "crosswalk/ingest/mapping/mapping_sql.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "crosswalk/common/text.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::ingest::mapping {
namespace {

std::string Folded(std::string_view text) {
    size_t begin = 0;
    size_t end = text.size();
    while (begin < end && std::isspace(static_cast<unsigned char>(text[begin])) != 0) {
        ++begin;
    }
    while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1])) != 0) {
        --end;
    }
    return ToLower(text.substr(begin, end - begin));
}

} // namespace

std::vector<std::string> FindSourceColumns(std::span<const std::string> file_columns,
                                           std::span<const std::string> candidates) {
    std::vector<std::string> found;
    for (const std::string& candidate : candidates) {
        const std::string wanted = Folded(candidate);
        for (const std::string& column : file_columns) {
            if (Folded(column) == wanted && std::find(found.begin(), found.end(), column) == found.end()) {
                found.push_back(column);
                break;
            }
        }
    }
    return found;
}

std::string ValueExpression(const ColumnMapping* column, std::span<const std::string> sources) {
    if (column != nullptr && column->constant) {
        return column->constant->empty() ? std::string("NULL::VARCHAR") : store::QuoteLiteral(*column->constant);
    }
    std::vector<std::string> trimmed;
    for (const std::string& source : sources) {
        // trim() removes spaces only; exports also pad with tabs and non-breaking spaces.
        trimmed.push_back(fmt::format(
            "NULLIF(regexp_replace(CAST({} AS VARCHAR), '^[\\s\\x{{00A0}}]+|[\\s\\x{{00A0}}]+$', '', 'g'), '')",
            source));
    }
    std::string value = "NULL::VARCHAR";
    if (trimmed.size() == 1) {
        value = trimmed.front();
    } else if (trimmed.size() > 1) {
        value = fmt::format("COALESCE({})", Join(trimmed));
    }
    if (column == nullptr) {
        return value;
    }
    if (!column->extract.empty()) {
        // Keep the first group where the pattern matches, the value itself where it does not.
        value = fmt::format("COALESCE(NULLIF(regexp_extract({0}, {1}, 1), ''), {0})", value,
                            store::QuoteLiteral(column->extract));
    }
    if (!column->values.empty()) {
        std::string cases;
        std::string keys;
        for (const auto& [from, to] : column->values) {
            const std::string key = store::QuoteLiteral(Folded(from));
            cases += fmt::format(" WHEN {} THEN {}", key, to.empty() ? std::string("NULL") : store::QuoteLiteral(to));
            keys += (keys.empty() ? "" : ", ") + key;
        }
        const std::string others = !column->otherwise           ? value
                                   : column->otherwise->empty() ? std::string("NULL")
                                                                : store::QuoteLiteral(*column->otherwise);
        value = fmt::format("(CASE WHEN {0} IS NULL THEN NULL WHEN lower({0}) IN ({1}) THEN CASE lower({0}){2} END "
                            "ELSE {3} END)",
                            value, keys, cases, others);
    }
    if (column->multiply) {
        // Whole numbers only, exactly (years -> months); anything else passes unchanged and is checked later.
        value =
            fmt::format("(CASE WHEN regexp_full_match({0}, '[+-]?[0-9]{{1,18}}') THEN CAST(CAST({0} AS HUGEINT) * {1} "
                        "AS VARCHAR) ELSE {0} END)",
                        value, *column->multiply);
    }
    if (column->default_value) {
        value = fmt::format("COALESCE({}, {})", value,
                            column->default_value->empty() ? std::string("NULL::VARCHAR")
                                                           : store::QuoteLiteral(*column->default_value));
    }
    return value;
}

} // namespace crosswalk::ingest::mapping
