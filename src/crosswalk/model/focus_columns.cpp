#include "crosswalk/model/focus_columns.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace crosswalk::model {

namespace {

// Short names for the presence table below: Absent, Mandatory, Conditional, Optional ("Recommended").
constexpr Presence kAbs = Presence::kAbsent;
constexpr Presence kMan = Presence::kMandatory;
constexpr Presence kCon = Presence::kConditional;
constexpr Presence kOpt = Presence::kOptional;

constexpr FocusVersion k10 = FocusVersion::k1_0;
constexpr FocusVersion k11 = FocusVersion::k1_1;
constexpr FocusVersion k12 = FocusVersion::k1_2;

// Billing amounts, prices and quantities: real exports carry up to 15 decimals and our sums must equal the file's.
constexpr std::string_view SqlTypeOf(FocusType type) {
    switch (type) {
    case FocusType::kString:
        return "VARCHAR";
    case FocusType::kDecimal:
        return "DECIMAL(38,18)";
    case FocusType::kDateTime:
        return "TIMESTAMP"; // UTC; never TIMESTAMPTZ, whose bad casts silently give NULL
    case FocusType::kKeyValue:
        return "JSON";
    }
    return "VARCHAR";
}

// Renames, from FOCUS_Spec CHANGELOG.md ("Columns History"): 0.5 AmortizedCost and ChargeType became
// EffectiveCost and ChargeCategory in 1.0-preview, and 1.0 renamed the 1.0-preview UsageQuantity, UsageUnit and
// Region to ConsumedQuantity, ConsumedUnit and RegionId (RegionName is new in 1.0). Nothing was renamed in 1.1 or
// 1.2. ChargeSubcategory (1.0-preview) was removed in 1.0 without a successor, so it maps nowhere.
constexpr std::string_view kChargeCategoryFormer[] = {"ChargeType"};
constexpr std::string_view kConsumedQuantityFormer[] = {"UsageQuantity"};
constexpr std::string_view kConsumedUnitFormer[] = {"UsageUnit"};
constexpr std::string_view kEffectiveCostFormer[] = {"AmortizedCost"};
constexpr std::string_view kRegionIdFormer[] = {"Region"};

constexpr std::span<const std::string_view> kNoFormer{};

constexpr FocusColumn Column(std::string_view name, FocusType type, FocusVersion introduced,
                             std::array<Presence, kFocusVersionCount> presence, bool nullable,
                             std::span<const std::string_view> former_names = kNoFormer) {
    return FocusColumn{name, type, SqlTypeOf(type), introduced, presence, former_names, nullable};
}

constexpr FocusType kS = FocusType::kString;
constexpr FocusType kD = FocusType::kDecimal;
constexpr FocusType kT = FocusType::kDateTime;
constexpr FocusType kKv = FocusType::kKeyValue;

constexpr bool kNullable = true;
constexpr bool kNotNull = false;

// Presence per version from each version's column pages ("Feature level"), checked against the 1.2 requirements
// model's CostAndUsage-D-* presence rules. Not-null = an unconditional "MUST NOT be null" (model *-C-*-M
// Nullability rules for 1.2; the same columns in 1.0 and 1.1 where present).
constexpr std::array kColumns = {
    Column("AvailabilityZone", kS, k10, {kOpt, kOpt, kOpt}, kNullable),
    Column("BilledCost", kD, k10, {kMan, kMan, kMan}, kNotNull),
    Column("BillingAccountId", kS, k10, {kMan, kMan, kMan}, kNotNull),
    Column("BillingAccountName", kS, k10, {kMan, kMan, kMan}, kNullable),
    Column("BillingAccountType", kS, k12, {kAbs, kAbs, kCon}, kNullable),
    Column("BillingCurrency", kS, k10, {kMan, kMan, kMan}, kNotNull),
    Column("BillingPeriodEnd", kT, k10, {kMan, kMan, kMan}, kNotNull),
    Column("BillingPeriodStart", kT, k10, {kMan, kMan, kMan}, kNotNull),
    Column("CapacityReservationId", kS, k11, {kAbs, kCon, kCon}, kNullable),
    Column("CapacityReservationStatus", kS, k11, {kAbs, kCon, kCon}, kNullable),
    Column("ChargeCategory", kS, k10, {kMan, kMan, kMan}, kNotNull, kChargeCategoryFormer),
    Column("ChargeClass", kS, k10, {kMan, kMan, kMan}, kNullable),
    Column("ChargeDescription", kS, k10, {kMan, kMan, kMan}, kNullable),
    Column("ChargeFrequency", kS, k10, {kOpt, kOpt, kOpt}, kNotNull),
    Column("ChargePeriodEnd", kT, k10, {kMan, kMan, kMan}, kNotNull),
    Column("ChargePeriodStart", kT, k10, {kMan, kMan, kMan}, kNotNull),
    Column("CommitmentDiscountCategory", kS, k10, {kCon, kCon, kCon}, kNullable),
    Column("CommitmentDiscountId", kS, k10, {kCon, kCon, kCon}, kNullable),
    Column("CommitmentDiscountName", kS, k10, {kCon, kCon, kCon}, kNullable),
    Column("CommitmentDiscountQuantity", kD, k11, {kAbs, kCon, kCon}, kNullable),
    Column("CommitmentDiscountStatus", kS, k10, {kCon, kCon, kCon}, kNullable),
    Column("CommitmentDiscountType", kS, k10, {kCon, kCon, kCon}, kNullable),
    Column("CommitmentDiscountUnit", kS, k11, {kAbs, kCon, kCon}, kNullable),
    Column("ConsumedQuantity", kD, k10, {kCon, kCon, kCon}, kNullable, kConsumedQuantityFormer),
    Column("ConsumedUnit", kS, k10, {kCon, kCon, kCon}, kNullable, kConsumedUnitFormer),
    Column("ContractedCost", kD, k10, {kMan, kMan, kMan}, kNotNull),
    Column("ContractedUnitPrice", kD, k10, {kCon, kCon, kCon}, kNullable),
    Column("EffectiveCost", kD, k10, {kMan, kMan, kMan}, kNotNull, kEffectiveCostFormer),
    Column("InvoiceId", kS, k12, {kAbs, kAbs, kOpt}, kNullable),
    Column("InvoiceIssuerName", kS, k10, {kMan, kMan, kMan}, kNotNull),
    Column("ListCost", kD, k10, {kMan, kMan, kMan}, kNotNull),
    Column("ListUnitPrice", kD, k10, {kCon, kCon, kCon}, kNullable),
    Column("PricingCategory", kS, k10, {kCon, kCon, kCon}, kNullable),
    Column("PricingCurrency", kS, k12, {kAbs, kAbs, kCon}, kNotNull),
    Column("PricingCurrencyContractedUnitPrice", kD, k12, {kAbs, kAbs, kCon}, kNullable),
    Column("PricingCurrencyEffectiveCost", kD, k12, {kAbs, kAbs, kCon}, kNotNull),
    Column("PricingCurrencyListUnitPrice", kD, k12, {kAbs, kAbs, kCon}, kNullable),
    Column("PricingQuantity", kD, k10, {kMan, kMan, kMan}, kNullable),
    Column("PricingUnit", kS, k10, {kMan, kMan, kMan}, kNullable),
    Column("ProviderName", kS, k10, {kMan, kMan, kMan}, kNotNull),
    Column("PublisherName", kS, k10, {kMan, kMan, kMan}, kNotNull),
    Column("RegionId", kS, k10, {kCon, kCon, kCon}, kNullable, kRegionIdFormer),
    Column("RegionName", kS, k10, {kCon, kCon, kCon}, kNullable),
    Column("ResourceId", kS, k10, {kCon, kCon, kCon}, kNullable),
    Column("ResourceName", kS, k10, {kCon, kCon, kCon}, kNullable),
    Column("ResourceType", kS, k10, {kCon, kCon, kCon}, kNullable),
    Column("ServiceCategory", kS, k10, {kMan, kMan, kMan}, kNotNull),
    Column("ServiceName", kS, k10, {kMan, kMan, kMan}, kNotNull),
    Column("ServiceSubcategory", kS, k11, {kAbs, kOpt, kOpt}, kNotNull),
    Column("SkuId", kS, k10, {kCon, kCon, kCon}, kNullable),
    Column("SkuMeter", kS, k11, {kAbs, kCon, kCon}, kNullable),
    Column("SkuPriceDetails", kKv, k11, {kAbs, kCon, kCon}, kNullable),
    Column("SkuPriceId", kS, k10, {kCon, kCon, kCon}, kNullable),
    Column("SubAccountId", kS, k10, {kCon, kCon, kCon}, kNullable),
    Column("SubAccountName", kS, k10, {kCon, kCon, kCon}, kNullable),
    Column("SubAccountType", kS, k12, {kAbs, kAbs, kCon}, kNullable),
    Column("Tags", kKv, k10, {kCon, kCon, kCon}, kNullable),
};

// The catalog's invariants, checked by the compiler.
constexpr std::size_t CountIn(FocusVersion version) {
    std::size_t count = 0;
    for (const FocusColumn& column : kColumns) {
        count += PresenceIn(column, version) == Presence::kAbsent ? 0 : 1;
    }
    return count;
}

constexpr bool IsSortedAndUnique() {
    for (std::size_t i = 1; i < kColumns.size(); ++i) {
        if (!(kColumns[i - 1].name < kColumns[i].name)) {
            return false;
        }
    }
    return true;
}

// Absent before the version that introduced it, present from it on.
constexpr bool IntroducedMatchesPresence() {
    for (const FocusColumn& column : kColumns) {
        for (FocusVersion version : kFocusVersions) {
            const bool present = PresenceIn(column, version) != Presence::kAbsent;
            if (present != (version >= column.introduced)) {
                return false;
            }
        }
    }
    return true;
}

// No former name is also a current name or the former name of another column, so a lookup is unambiguous.
constexpr bool FormerNamesAreUnambiguous() {
    for (const FocusColumn& column : kColumns) {
        for (std::string_view former : column.former_names) {
            for (const FocusColumn& other : kColumns) {
                if (other.name == former) {
                    return false;
                }
                for (std::string_view other_former : other.former_names) {
                    if (&other != &column && other_former == former) {
                        return false;
                    }
                }
            }
        }
    }
    return true;
}

static_assert(kColumns.size() == 57);
static_assert(CountIn(FocusVersion::k1_0) == 43);
static_assert(CountIn(FocusVersion::k1_1) == 50);
static_assert(CountIn(FocusVersion::k1_2) == 57);
static_assert(IsSortedAndUnique());
static_assert(IntroducedMatchesPresence());
static_assert(FormerNamesAreUnambiguous());

// Allowed values, FOCUS 1.2 (the requirements model's "MUST be one of the allowed values" rules, except
// CommitmentDiscountStatus: model-1.2.json lists Active/Expired/Pending there, a defect, while the spec's column
// page allows only Used and Unused). 1.0 and 1.1 have the same sets, except that 1.0 has no ServiceSubcategory.
constexpr std::string_view kCapacityReservationStatusValues[] = {"Used", "Unused"};
constexpr std::string_view kChargeCategoryValues[] = {"Usage", "Purchase", "Tax", "Credit", "Adjustment"};
constexpr std::string_view kChargeClassValues[] = {"Correction"};
constexpr std::string_view kChargeFrequencyValues[] = {"One-Time", "Recurring", "Usage-Based"};
constexpr std::string_view kCommitmentDiscountCategoryValues[] = {"Spend", "Usage"};
constexpr std::string_view kCommitmentDiscountStatusValues[] = {"Used", "Unused"};
constexpr std::string_view kPricingCategoryValues[] = {"Standard", "Dynamic", "Committed", "Other"};
constexpr std::string_view kServiceCategoryValues[] = {
    "AI and Machine Learning",
    "Analytics",
    "Business Applications",
    "Compute",
    "Databases",
    "Developer Tools",
    "Multicloud",
    "Identity",
    "Integration",
    "Internet of Things",
    "Management and Governance",
    "Media",
    "Migration",
    "Mobile",
    "Networking",
    "Security",
    "Storage",
    "Web",
    "Other",
};

struct SubcategoryParent {
    std::string_view subcategory;
    std::string_view category;
};

// ServiceSubcategory values and their one parent ServiceCategory (rule ServiceSubcategory-C-004-M), in the
// model's order.
constexpr std::array<SubcategoryParent, 82> kServiceSubcategories = {{
    {"AI Platforms", "AI and Machine Learning"},
    {"Bots", "AI and Machine Learning"},
    {"Generative AI", "AI and Machine Learning"},
    {"Machine Learning", "AI and Machine Learning"},
    {"Natural Language Processing", "AI and Machine Learning"},
    {"Other (AI and Machine Learning)", "AI and Machine Learning"},
    {"Analytics Platforms", "Analytics"},
    {"Business Intelligence", "Analytics"},
    {"Data Processing", "Analytics"},
    {"Search", "Analytics"},
    {"Streaming Analytics", "Analytics"},
    {"Other (Analytics)", "Analytics"},
    {"Productivity and Collaboration", "Business Applications"},
    {"Other (Business Applications)", "Business Applications"},
    {"Containers", "Compute"},
    {"End User Computing", "Compute"},
    {"Quantum Compute", "Compute"},
    {"Serverless Compute", "Compute"},
    {"Virtual Machines", "Compute"},
    {"Other (Compute)", "Compute"},
    {"Caching", "Databases"},
    {"Data Warehouses", "Databases"},
    {"Ledger Databases", "Databases"},
    {"NoSQL Databases", "Databases"},
    {"Relational Databases", "Databases"},
    {"Time Series Databases", "Databases"},
    {"Other (Databases)", "Databases"},
    {"Developer Platforms", "Developer Tools"},
    {"Continuous Integration and Deployment", "Developer Tools"},
    {"Development Environments", "Developer Tools"},
    {"Source Code Management", "Developer Tools"},
    {"Quality Assurance", "Developer Tools"},
    {"Other (Developer Tools)", "Developer Tools"},
    {"Identity and Access Management", "Identity"},
    {"Other (Identity)", "Identity"},
    {"API Management", "Integration"},
    {"Messaging", "Integration"},
    {"Workflow Orchestration", "Integration"},
    {"Other (Integration)", "Integration"},
    {"IoT Analytics", "Internet of Things"},
    {"IoT Platforms", "Internet of Things"},
    {"Other (Internet of Things)", "Internet of Things"},
    {"Architecture", "Management and Governance"},
    {"Compliance", "Management and Governance"},
    {"Cost Management", "Management and Governance"},
    {"Data Governance", "Management and Governance"},
    {"Disaster Recovery", "Management and Governance"},
    {"Endpoint Management", "Management and Governance"},
    {"Observability", "Management and Governance"},
    {"Support", "Management and Governance"},
    {"Other (Management and Governance)", "Management and Governance"},
    {"Content Creation", "Media"},
    {"Gaming", "Media"},
    {"Media Streaming", "Media"},
    {"Mixed Reality", "Media"},
    {"Other (Media)", "Media"},
    {"Data Migration", "Migration"},
    {"Resource Migration", "Migration"},
    {"Other (Migration)", "Migration"},
    {"Other (Mobile)", "Mobile"},
    {"Multicloud Integration", "Multicloud"},
    {"Other (Multicloud)", "Multicloud"},
    {"Application Networking", "Networking"},
    {"Content Delivery", "Networking"},
    {"Network Connectivity", "Networking"},
    {"Network Infrastructure", "Networking"},
    {"Network Routing", "Networking"},
    {"Network Security", "Networking"},
    {"Other (Networking)", "Networking"},
    {"Secret Management", "Security"},
    {"Security Posture Management", "Security"},
    {"Threat Detection and Response", "Security"},
    {"Other (Security)", "Security"},
    {"Backup Storage", "Storage"},
    {"Block Storage", "Storage"},
    {"File Storage", "Storage"},
    {"Object Storage", "Storage"},
    {"Storage Platforms", "Storage"},
    {"Other (Storage)", "Storage"},
    {"Application Platforms", "Web"},
    {"Other (Web)", "Web"},
    {"Other (Other)", "Other"},
}};

constexpr auto kServiceSubcategoryValues = [] {
    std::array<std::string_view, kServiceSubcategories.size()> values{};
    for (std::size_t i = 0; i < values.size(); ++i) {
        values[i] = kServiceSubcategories[i].subcategory;
    }
    return values;
}();

constexpr bool EverySubcategoryHasAnAllowedCategory() {
    for (const SubcategoryParent& entry : kServiceSubcategories) {
        bool found = false;
        for (std::string_view category : kServiceCategoryValues) {
            found = found || category == entry.category;
        }
        if (!found) {
            return false;
        }
    }
    return true;
}

static_assert(EverySubcategoryHasAnAllowedCategory());

struct AllowedValuesEntry {
    std::string_view column;
    std::span<const std::string_view> values;
};

constexpr AllowedValuesEntry kAllowedValues[] = {
    {"CapacityReservationStatus", kCapacityReservationStatusValues},
    {"ChargeCategory", kChargeCategoryValues},
    {"ChargeClass", kChargeClassValues},
    {"ChargeFrequency", kChargeFrequencyValues},
    {"CommitmentDiscountCategory", kCommitmentDiscountCategoryValues},
    {"CommitmentDiscountStatus", kCommitmentDiscountStatusValues},
    {"PricingCategory", kPricingCategoryValues},
    {"ServiceCategory", kServiceCategoryValues},
    {"ServiceSubcategory", kServiceSubcategoryValues},
};

} // namespace

std::span<const FocusColumn> FocusColumns() {
    return kColumns;
}

const FocusColumn* FindFocusColumn(std::string_view name) {
    for (const FocusColumn& column : kColumns) {
        if (column.name == name) {
            return &column;
        }
    }
    for (const FocusColumn& column : kColumns) {
        for (std::string_view former : column.former_names) {
            if (former == name) {
                return &column;
            }
        }
    }
    return nullptr;
}

std::string_view FocusVersionName(FocusVersion version) {
    switch (version) {
    case FocusVersion::k1_0:
        return "1.0";
    case FocusVersion::k1_1:
        return "1.1";
    case FocusVersion::k1_2:
        return "1.2";
    }
    return "";
}

std::optional<FocusVersion> ParseFocusVersion(std::string_view name) {
    for (FocusVersion version : kFocusVersions) {
        if (FocusVersionName(version) == name) {
            return version;
        }
    }
    return std::nullopt;
}

std::string_view FocusTypeName(FocusType type) {
    switch (type) {
    case FocusType::kString:
        return "String";
    case FocusType::kDecimal:
        return "Decimal";
    case FocusType::kDateTime:
        return "Date/Time";
    case FocusType::kKeyValue:
        return "Key-Value Format";
    }
    return "";
}

std::string_view PresenceName(Presence presence) {
    switch (presence) {
    case Presence::kAbsent:
        return "Absent";
    case Presence::kMandatory:
        return "Mandatory";
    case Presence::kConditional:
        return "Conditional";
    case Presence::kOptional:
        return "Optional";
    }
    return "";
}

std::span<const std::string_view> AllowedValues(std::string_view column) {
    const FocusColumn* focus_column = FindFocusColumn(column);
    if (focus_column == nullptr) {
        return {};
    }
    for (const AllowedValuesEntry& entry : kAllowedValues) {
        if (entry.column == focus_column->name) {
            return entry.values;
        }
    }
    return {};
}

std::string_view ServiceCategoryOf(std::string_view service_subcategory) {
    for (const SubcategoryParent& entry : kServiceSubcategories) {
        if (entry.subcategory == service_subcategory) {
            return entry.category;
        }
    }
    return {};
}

} // namespace crosswalk::model
