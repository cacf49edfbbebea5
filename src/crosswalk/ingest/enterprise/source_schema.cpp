#include "crosswalk/ingest/enterprise/source_schema.hpp"

#include <array>

namespace crosswalk::ingest::enterprise {
namespace {

// Allowed values, as the CHECK constraints of model/migrations/0001_initial.sql spell them.
constexpr std::array<std::string_view, 3> kAssetCategories = {"hardware", "virtual", "cloud"};
constexpr std::array<std::string_view, 7> kLifecycleStates = {"ordered",  "procured", "deployed", "in_use",
                                                              "in_stock", "retired",  "disposed"};
constexpr std::array<std::string_view, 3> kDepreciationMethods = {"straight_line", "declining_balance", "none"};
constexpr std::array<std::string_view, 7> kLicenseMetrics = {"per_core",     "per_processor", "per_user", "per_device",
                                                             "per_instance", "subscription",  "capacity"};
constexpr std::array<std::string_view, 2> kHostKinds = {"asset", "resource"};
constexpr std::array<std::string_view, 14> kCiClasses = {
    "business_service", "technical_service", "application",        "database", "server",
    "virtual_machine",  "cluster",           "container_platform", "storage",  "network_device",
    "load_balancer",    "cloud_resource",    "end_user_device",    "other"};
constexpr std::array<std::string_view, 4> kRelationTypes = {"runs_on", "depends_on", "hosted_by", "member_of"};
constexpr std::array<std::string_view, 5> kContractTypes = {"support", "maintenance", "saas", "cloud_commitment",
                                                            "license"};
constexpr std::array<std::string_view, 3> kPaymentSchedules = {"prepaid", "monthly", "annual"};
constexpr std::array<std::string_view, 4> kBudgetScopes = {"cost_center", "business_unit", "application", "tower"};
constexpr std::array<std::string_view, 2> kOrgUnitTypes = {"cost_center", "business_unit"};
constexpr std::array<std::string_view, 2> kGrains = {"day", "month"};
constexpr std::array<std::string_view, 6> kMetricScopes = {"organization", "business_unit",    "cost_center",
                                                           "application",  "business_service", "tower"};

FieldSpec Text(std::string_view name, bool required = false) {
    return FieldSpec{.name = name, .type = FieldType::kText, .required = required};
}

FieldSpec Integer(std::string_view name, Bound bound) {
    return FieldSpec{.name = name, .type = FieldType::kInteger, .bound = bound};
}

FieldSpec Money(std::string_view name, bool required = false, Bound bound = Bound::kNone) {
    return FieldSpec{.name = name, .type = FieldType::kDecimal, .required = required, .bound = bound};
}

FieldSpec Date(std::string_view name) {
    return FieldSpec{.name = name, .type = FieldType::kDate};
}

FieldSpec Boolean(std::string_view name) {
    return FieldSpec{.name = name, .type = FieldType::kBoolean};
}

FieldSpec Currency(bool required = false) {
    return FieldSpec{.name = "currency", .type = FieldType::kCurrency, .required = required};
}

template <size_t N>
FieldSpec Enum(std::string_view name, const std::array<std::string_view, N>& allowed, bool required = false) {
    return FieldSpec{.name = name, .type = FieldType::kEnum, .required = required, .allowed = allowed};
}

// A money amount needs its currency: the same 100 is not the same cost in USD and JPY.
RowRule CurrencyWithMoney(std::string_view rule_id, std::string_view violated) {
    return RowRule{rule_id, "currency", violated, "'currency is required when the row has an amount'"};
}

std::vector<KindSpec> MakeKinds() {
    std::vector<KindSpec> kinds;

    kinds.push_back(KindSpec{
        .kind = "assets",
        .noun = "asset",
        .fields =
            {
                Text("asset_tag", true),
                Text("serial_number"),
                Text("name"),
                Enum("category", kAssetCategories),
                Text("asset_type"),
                Text("model"),
                Text("manufacturer"),
                Enum("lifecycle_state", kLifecycleStates),
                Date("acquisition_date"),
                Date("in_service_date"),
                Date("retired_date"),
                Money("acquisition_cost", false, Bound::kZeroOrMore),
                Currency(),
                Enum("depreciation_method", kDepreciationMethods),
                FieldSpec{.name = "declining_balance_factor",
                          .type = FieldType::kDecimal,
                          .precision = 9,
                          .scale = 4,
                          .bound = Bound::kPositive},
                Integer("useful_life_months", Bound::kPositive),
                Money("salvage_value", false, Bound::kZeroOrMore),
                Text("owner"),
                Text("cost_center_id"),
                Text("location"),
                Text("ci_id"),
                Text("cloud_provider"),
                Text("resource_id"),
                Text("host_asset_tag"),
                Integer("physical_cores", Bound::kZeroOrMore),
                Integer("processors", Bound::kZeroOrMore),
                Text("processor_model"),
            },
        .key = {"asset_tag"},
        .rules =
            {
                {"assets.salvage_value.max", "salvage_value", "v_salvage_value > v_acquisition_cost",
                 "format('salvage_value {} is more than acquisition_cost {}', r_salvage_value, r_acquisition_cost)"},
                {"assets.host_asset_tag.self", "host_asset_tag", "v_host_asset_tag = v_asset_tag",
                 "'an asset cannot be its own host'"},
                CurrencyWithMoney("assets.currency.required_with_amount",
                                  "r_currency IS NULL AND (v_acquisition_cost IS NOT NULL OR v_salvage_value IS NOT "
                                  "NULL)"),
                {"assets.resource_id.cloud", "resource_id", "v_category = 'cloud' AND r_resource_id IS NULL",
                 "'a cloud asset needs resource_id (the ResourceId its bills carry)'"},
                {"assets.cloud_provider.cloud", "cloud_provider", "v_category = 'cloud' AND r_cloud_provider IS NULL",
                 "'a cloud asset needs cloud_provider (the ProviderName its bills carry)'"},
            },
        .targets = {{.table = "asset"}},
        .period_start = "min(acquisition_date)",
        .period_end = "max(acquisition_date)",
    });

    kinds.push_back(KindSpec{
        .kind = "entitlements",
        .noun = "entitlement",
        .fields =
            {
                Text("entitlement_id", true),
                Text("publisher"),
                Text("product", true),
                Text("edition"),
                Text("version"),
                Text("sku"),
                Enum("metric", kLicenseMetrics, true),
                FieldSpec{.name = "quantity",
                          .type = FieldType::kDecimal,
                          .required = true,
                          .precision = 18,
                          .scale = 4,
                          .bound = Bound::kZeroOrMore},
                Money("unit_cost"),
                Money("total_cost"),
                Currency(),
                Date("purchase_date"),
                Date("term_start"),
                Date("term_end"),
                Boolean("maintenance"),
                Date("maintenance_end"),
                Boolean("license_mobility"),
                Boolean("hybrid_benefit"),
                Boolean("byol_allowed"),
                Text("contract_id"),
                Text("cost_center_id"),
            },
        .key = {"entitlement_id"},
        .rules =
            {
                {"entitlements.term_end.order", "term_end", "v_term_end < v_term_start",
                 "format('term_end {} is before term_start {}', r_term_end, r_term_start)"},
                CurrencyWithMoney("entitlements.currency.required_with_amount",
                                  "r_currency IS NULL AND (v_unit_cost IS NOT NULL OR v_total_cost IS NOT NULL)"),
            },
        .targets = {{.table = "entitlement"}},
        .period_start = "min(term_start)",
        .period_end = "max(term_end)",
    });

    kinds.push_back(KindSpec{
        .kind = "installations",
        .noun = "installation",
        .fields =
            {
                Text("installation_id", true),
                Text("publisher"),
                Text("product", true),
                Text("edition"),
                Text("version"),
                Enum("host_kind", kHostKinds),
                Text("host_id", true),
                Text("cloud_provider"),
                Integer("physical_cores", Bound::kZeroOrMore),
                Integer("vcpus", Bound::kZeroOrMore),
                Integer("threads_per_core", Bound::kOneOrMore),
                Integer("users", Bound::kZeroOrMore),
                Date("last_used_date"),
                Text("discovery_source"),
            },
        .key = {"installation_id"},
        .derivations =
            {
                // A host named without its kind: an asset tag of the register, else a cloud resource when billing
                // or the register knows it as one, or it reads like a provider id; else an asset tag.
                "UPDATE crosswalk_typed SET v_host_kind = CASE "
                "WHEN v_cloud_provider IS NOT NULL THEN 'resource' "
                "WHEN EXISTS (SELECT 1 FROM asset a WHERE a.asset_tag = v_host_id) THEN 'asset' "
                "WHEN EXISTS (SELECT 1 FROM resource r WHERE r.resource_id = v_host_id) "
                "  OR EXISTS (SELECT 1 FROM asset a WHERE a.resource_id = v_host_id) THEN 'resource' "
                "WHEN regexp_matches(v_host_id, '^(arn:|/subscriptions/|//|projects/)') THEN 'resource' "
                "ELSE 'asset' END "
                "WHERE r_host_kind IS NULL AND v_host_id IS NOT NULL",
            },
        .targets = {{.table = "installation"}},
        .period_start = "min(last_used_date)",
        .period_end = "max(last_used_date)",
    });

    kinds.push_back(KindSpec{
        .kind = "cis",
        .noun = "CI",
        .fields =
            {
                Text("ci_id", true),
                Enum("class", kCiClasses, true),
                Text("name"),
                Text("owner"),
                Text("cost_center_id"),
                Text("business_unit_id"),
                Text("environment"),
                Text("status"),
                Text("asset_tag"),
                Text("cloud_provider"),
                Text("resource_id"),
                Text("serial_number"),
                Date("install_date"),
                Money("cost", false, Bound::kZeroOrMore),
                Currency(),
                Text("assigned_to"),
                Text("discovery_source"),
            },
        .key = {"ci_id"},
        .rules =
            {
                CurrencyWithMoney("cis.currency.required_with_amount", "r_currency IS NULL AND v_cost IS NOT NULL"),
            },
        .targets = {{.table = "ci"}},
    });

    kinds.push_back(KindSpec{
        .kind = "ci-relations",
        .noun = "relation",
        .fields =
            {
                Text("parent_ci_id", true),
                Text("child_ci_id", true),
                Enum("relation_type", kRelationTypes, true),
            },
        .key = {"parent_ci_id", "child_ci_id", "relation_type"},
        .rules =
            {
                {"ci-relations.child_ci_id.self", "child_ci_id", "v_child_ci_id = v_parent_ci_id",
                 "'a CI cannot be related to itself'"},
            },
        .targets = {{.table = "ci_relation"}},
    });

    kinds.push_back(KindSpec{
        .kind = "contracts",
        .noun = "contract",
        .fields =
            {
                Text("contract_id", true),
                Text("name"),
                Text("vendor"),
                Enum("contract_type", kContractTypes),
                Date("start_date"),
                Date("end_date"),
                Money("total_value"),
                Currency(),
                Enum("payment_schedule", kPaymentSchedules),
                Money("consumption_allowance", false, Bound::kZeroOrMore),
                Text("consumption_unit"),
                Boolean("auto_renew"),
                Integer("notice_days", Bound::kZeroOrMore),
                Text("cloud_provider"),
                Text("cost_center_id"),
            },
        .key = {"contract_id"},
        .rules =
            {
                {"contracts.end_date.order", "end_date", "v_end_date < v_start_date",
                 "format('end_date {} is before start_date {}', r_end_date, r_start_date)"},
                {"contracts.consumption_allowance.required_with_unit", "consumption_allowance",
                 "r_consumption_unit IS NOT NULL AND r_consumption_allowance IS NULL",
                 "'consumption_unit is given without consumption_allowance'"},
                CurrencyWithMoney("contracts.currency.required_with_amount",
                                  "r_currency IS NULL AND (v_total_value IS NOT NULL OR (v_consumption_allowance IS "
                                  "NOT NULL AND r_consumption_unit IS NULL))"),
            },
        .targets = {{.table = "contract"}},
        .period_start = "min(start_date)",
        .period_end = "max(end_date)",
    });

    kinds.push_back(KindSpec{
        .kind = "ledger",
        .noun = "ledger line",
        .fields =
            {
                Text("entry_id"),
                FieldSpec{.name = "posting_period",
                          .type = FieldType::kMonth,
                          .required = true,
                          .derived_from = "posting_date"},
                Date("posting_date"),
                Text("account", true),
                Text("account_name"),
                Text("cost_center_id"),
                Text("vendor"),
                Money("amount", true),
                Currency(true),
                Text("invoice_id"),
                Text("description"),
            },
        .key = {"entry_id"},
        .rules =
            {
                {"ledger.posting_period.first_day", "posting_period",
                 "v_posting_period <> date_trunc('month', v_posting_period)",
                 "format('posting_period {} is not a month: write YYYY-MM or the first day of the month', "
                 "r_posting_period)"},
            },
        .derivations =
            {
                // Extracts often carry only the posting date; its month is the posting period.
                "UPDATE crosswalk_typed SET v_posting_period = CAST(date_trunc('month', v_posting_date) AS DATE) "
                "WHERE r_posting_period IS NULL AND v_posting_date IS NOT NULL",
            },
        .targets = {{.table = "ledger_line"}},
        .period_start = "min(posting_period)",
        .period_end = "max(posting_period)",
        .restated_period = "posting_period",
    });

    kinds.push_back(KindSpec{
        .kind = "budgets",
        .noun = "budget line",
        .fields =
            {
                FieldSpec{.name = "period", .type = FieldType::kMonth, .required = true},
                Enum("scope_kind", kBudgetScopes, true),
                Text("scope_id", true),
                Money("amount", true),
                Currency(true),
            },
        .key = {"period", "scope_kind", "scope_id", "currency"},
        .rules =
            {
                {"budgets.period.first_day", "period", "v_period <> date_trunc('month', v_period)",
                 "format('period {} is not a month: write YYYY-MM or the first day of the month', r_period)"},
            },
        .targets = {{.table = "budget"}},
        .period_start = "min(period)",
        .period_end = "max(period)",
        .restated_period = "period",
    });

    kinds.push_back(KindSpec{
        .kind = "org",
        .noun = "org unit",
        .fields =
            {
                Enum("type", kOrgUnitTypes, true),
                Text("id", true),
                Text("name"),
                Text("parent_id"),
                Text("business_unit_id"),
                Text("owner"),
            },
        .key = {"id", "type"},
        .rules =
            {
                {"org.parent_id.self", "parent_id", "v_parent_id = v_id", "'a unit cannot be its own parent'"},
                {"org.business_unit_id.cost_center_only", "business_unit_id",
                 "v_type = 'business_unit' AND r_business_unit_id IS NOT NULL",
                 "'business_unit_id is for cost centers; a business unit names its parent in parent_id'"},
            },
        .targets =
            {
                {.table = "cost_center",
                 .where = "v_type = 'cost_center'",
                 .columns = {{"cost_center_id", "id"},
                             {"name", "name"},
                             {"parent_cost_center_id", "parent_id"},
                             {"business_unit_id", "business_unit_id"},
                             {"owner", "owner"}}},
                {.table = "business_unit",
                 .where = "v_type = 'business_unit'",
                 .columns = {{"business_unit_id", "id"},
                             {"name", "name"},
                             {"parent_business_unit_id", "parent_id"},
                             {"owner", "owner"}}},
            },
    });

    kinds.push_back(KindSpec{
        .kind = "metrics",
        .noun = "metric value",
        .fields =
            {
                FieldSpec{.name = "period", .type = FieldType::kMonth, .required = true},
                FieldSpec{.name = "grain", .type = FieldType::kEnum, .allowed = kGrains, .default_value = "month"},
                Text("metric_name", true),
                FieldSpec{.name = "scope_kind",
                          .type = FieldType::kEnum,
                          .allowed = kMetricScopes,
                          .default_value = "organization"},
                Text("scope_id"),
                Money("value", true),
                Text("unit"),
            },
        .key = {"period", "grain", "metric_name", "scope_kind", "scope_id"},
        .rules =
            {
                {"metrics.period.first_day", "period",
                 "v_grain = 'month' AND v_period <> date_trunc('month', v_period)",
                 "format('period {} is not a month: write YYYY-MM, the first day of the month, or grain day', "
                 "r_period)"},
                {"metrics.scope_id.required", "scope_id", "v_scope_kind <> 'organization' AND r_scope_id IS NULL",
                 "format('scope_id is required for scope_kind {}', v_scope_kind)"},
                {"metrics.scope_id.organization", "scope_id",
                 "v_scope_kind = 'organization' AND r_scope_id IS NOT NULL",
                 "'scope_id must be empty for scope_kind organization (the whole organization)'"},
            },
        .targets = {{.table = "business_metric"}},
        .period_start = "min(period)",
        .period_end = "max(period)",
        .restated_period = "period",
    });
    return kinds;
}

} // namespace

std::span<const KindSpec> EnterpriseKinds() {
    static const std::vector<KindSpec> kinds = MakeKinds();
    return kinds;
}

const KindSpec* FindKind(std::string_view kind) {
    for (const KindSpec& spec : EnterpriseKinds()) {
        if (spec.kind == kind) {
            return &spec;
        }
    }
    return nullptr;
}

const FieldSpec* FindField(const KindSpec& kind, std::string_view name) {
    for (const FieldSpec& field : kind.fields) {
        if (field.name == name) {
            return &field;
        }
    }
    return nullptr;
}

std::vector<std::pair<std::string_view, std::string_view>> TargetColumns(const KindSpec& kind,
                                                                         const TargetTable& target) {
    if (!target.columns.empty()) {
        return target.columns;
    }
    std::vector<std::pair<std::string_view, std::string_view>> columns;
    for (const FieldSpec& field : kind.fields) {
        columns.emplace_back(field.name, field.name);
    }
    return columns;
}

} // namespace crosswalk::ingest::enterprise
