// The FOCUS column catalog: every column of FOCUS 1.0, 1.1 and 1.2 (the union, 57 columns) under its 1.2 name,
// with its data type, the cost_line column type, the version that introduced it, its presence status in each
// version, the names earlier versions and previews used for it, whether it may be null, and the allowed values
// of the enumerated columns. It drives ingestion (header mapping, typed reads), conformance checks and exports.
// All data is static and constant: no allocation, safe to use from any thread and during static init.
//
// Sources: FOCUS_Spec CHANGELOG.md and specification/columns/*.md (1.0, 1.1, 1.2), the FOCUS 1.2 requirements
// model (shared/data/focus-rules/model-1.2.json), Microsoft's FOCUS dataset metadata (1.0-preview, 1.0,
// 1.2-preview) and the FinOps Foundation 1.0 sample header. See docs/data-model.md for the table it yields.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace crosswalk::model {

// The FOCUS versions crosswalk ingests. The value is the index into FocusColumn::presence. The enumerators
// spell the version numbers, so they keep the underscore.
enum class FocusVersion { k1_0, k1_1, k1_2 }; // NOLINT(readability-identifier-naming)

inline constexpr std::size_t kFocusVersionCount = 3;

// All versions, oldest first.
inline constexpr std::array<FocusVersion, kFocusVersionCount> kFocusVersions = {
    FocusVersion::k1_0,
    FocusVersion::k1_1,
    FocusVersion::k1_2,
};

// The FOCUS data types. kKeyValue is a JSON object (Tags, SkuPriceDetails).
enum class FocusType { kString, kDecimal, kDateTime, kKeyValue };

// A column's status in one FOCUS version: absent from that version, mandatory, conditional (must be present
// when the provider supports the feature), or optional (the spec's "Recommended": should be present).
enum class Presence { kAbsent, kMandatory, kConditional, kOptional };

struct FocusColumn {
    std::string_view name;                             // FOCUS 1.2 column id == cost_line column name
    FocusType type;                                    // FOCUS data type
    std::string_view sql_type;                         // the cost_line column type in DuckDB
    FocusVersion introduced;                           // first of 1.0/1.1/1.2 that has it (pre-1.0 columns say 1.0)
    std::array<Presence, kFocusVersionCount> presence; // per FocusVersion index: 1.0, 1.1, 1.2
    std::span<const std::string_view> former_names;    // names used by earlier versions/previews that map here
    bool nullable; // false where the spec says MUST NOT be null unconditionally (in the versions where present)
};

// Every FOCUS column, in the order of cost_line's FOCUS columns (alphabetical, as the spec lists them).
[[nodiscard]] std::span<const FocusColumn> FocusColumns();

// The column with this current or former name, matched in exact case (FOCUS column ids are PascalCase), or
// nullptr when the name is no FOCUS column id of 0.5 to 1.2 that maps to a 1.2 column (e.g. an x_ column, or
// the 1.0-preview ChargeSubcategory, which was removed without a successor).
[[nodiscard]] const FocusColumn* FindFocusColumn(std::string_view name);

// "1.0", "1.1", "1.2".
[[nodiscard]] std::string_view FocusVersionName(FocusVersion version);

// The version named exactly "1.0", "1.1" or "1.2"; nullopt for anything else (including "1.0-preview").
[[nodiscard]] std::optional<FocusVersion> ParseFocusVersion(std::string_view name);

// The column's presence status in one version.
[[nodiscard]] constexpr Presence PresenceIn(const FocusColumn& column, FocusVersion version) {
    return column.presence[static_cast<std::size_t>(version)];
}

// "String", "Decimal", "Date/Time", "Key-Value Format" (the spec's names).
[[nodiscard]] std::string_view FocusTypeName(FocusType type);

// "Absent", "Mandatory", "Conditional", "Optional".
[[nodiscard]] std::string_view PresenceName(Presence presence);

// The allowed values of an enumerated FOCUS column (FOCUS 1.2 value sets, exact case), looked up by the
// column's current or former name; an empty span when the column is not enumerated (e.g. CommitmentDiscountType,
// BillingAccountType and SubAccountType are free provider labels; currencies and units follow formats,
// not lists). Enumerated: CapacityReservationStatus, ChargeCategory, ChargeClass, ChargeFrequency,
// CommitmentDiscountCategory, CommitmentDiscountStatus, PricingCategory, ServiceCategory, ServiceSubcategory.
[[nodiscard]] std::span<const std::string_view> AllowedValues(std::string_view column);

// The one ServiceCategory a ServiceSubcategory value belongs to (FOCUS 1.2, rule ServiceSubcategory-C-004-M),
// or an empty view when the value is not an allowed ServiceSubcategory.
[[nodiscard]] std::string_view ServiceCategoryOf(std::string_view service_subcategory);

} // namespace crosswalk::model
