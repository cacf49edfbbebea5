// The demo enterprise as the generator knows it: the organization, its applications, its cloud estate (the
// resources and the meters they are billed by), its on-prem estate, and its software licenses. Everything the
// generated files say derives from this one model, which is also what makes expected.json true by construction.
// Built from a seed and a scale; the same arguments always give the same company.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crosswalk/common/decimal.hpp"

namespace crosswalk::generate {

struct GenerateOptions {
    int scale = 1;         // billing rows grow linearly with it: about 33,000 over 6 months at scale 1
    uint64_t seed = 42;    // same seed, same company, same bytes
    int months = 6;        // billing months, daily charge periods
    int start_year = 2026; // first billing month
    int start_month = 1;   // 1..12
    // Rows of one billing file ordered in memory at once; a larger month is written a few whole days at a time.
    // The files are the same either way (tests lower it to check that).
    int64_t max_rows_per_sort = 200'000;
};

// A calendar day as days since 1970-01-01, and the generator's view of the billing window.
struct Calendar {
    int first_day = 0;                    // the first day of the first month
    int day_count = 0;                    // days in the window
    std::vector<int> month_starts;        // first day of each month, plus the day after the window
    std::vector<std::string> month_names; // "2026-01"

    [[nodiscard]] int MonthOf(int day) const;

    [[nodiscard]] int DaysIn(int month) const { return month_starts[month + 1] - month_starts[month]; }
};

[[nodiscard]] Calendar MakeCalendar(const GenerateOptions& options);
[[nodiscard]] std::string IsoDate(int day); // "2026-01-31"

struct BusinessUnit {
    std::string id, name, parent_id, owner;
};

struct CostCenter {
    std::string id, name, parent_id, business_unit_id, owner;
};

struct BusinessService {
    std::string ci_id, name, business_unit_id, cost_center_id, owner;
};

struct Application {
    std::string ci_id; // APP-PAY
    std::string code;  // pay: the naming standard's application part
    std::string name;  // Payments
    std::string business_service_id, cost_center_id, business_unit_id, owner;
};

// The three clouds, and a SaaS vendor that publishes FOCUS too (the prepaid subscription's drawdown).
enum class Provider { kAws, kAzure, kGcp, kDatadog };
inline constexpr int kProviderCount = 4;

struct ProviderInfo {
    std::string name;   // FOCUS ProviderName
    std::string folder; // billing/<folder>/
    std::string billing_account_id, billing_account_name, billing_account_type, sub_account_type;
    std::string invoice_prefix;
};

[[nodiscard]] const ProviderInfo& InfoOf(Provider provider);

struct SubAccount {
    Provider provider;
    std::string id, name;
    std::string application_code; // "" when shared by several applications
    std::string environment;      // prd, stg, dev
};

// How a resource's daily quantity moves: constant (a VM running all day, a commitment-covered VM), or varying
// around its base (storage, requests, data transfer).
enum class QuantityShape { kConstant, kVarying };

// One billed meter of a resource: a row per day the resource exists.
struct Meter {
    std::string service_name, service_category, service_subcategory;
    std::string sku_id, sku_price_id, sku_meter, description;
    std::string pricing_unit, consumed_unit;
    Decimal list_unit_price;       // scale 7
    Decimal contracted_unit_price; // scale 7 (negotiated discount applied)
    Decimal base_quantity;         // scale 3, per day
    QuantityShape shape = QuantityShape::kVarying;
    std::string publisher;                 // "" = the provider; a marketplace seller otherwise
    std::string sku_price_details;         // JSON object or ""
    std::string x_operation, x_usage_type; // AWS extension columns
    std::string x_meter_category, x_meter_subcategory, x_sku_details; // Azure extension columns
};

// Licensed software on a cloud VM, and how its license is paid.
enum class LicenseMode { kIncluded, kByol };

struct CloudLicense {
    std::string product; // a LicensedProduct name
    LicenseMode mode = LicenseMode::kIncluded;
};

struct Resource {
    Provider provider;
    int sub_account = 0; // index into Company::sub_accounts
    std::string id, name, type;
    std::string region_id, region_name, availability_zone;
    std::string application_code; // the truth, tagged or not
    std::string environment;
    std::string tags_json;           // "" = untagged
    std::string attribution;         // for untagged: how its application can be found: name, cmdb, account, none
    std::string ci_id;               // "" = no CI in the CMDB
    int first_day = 0, last_day = 0; // inclusive, as days since 1970-01-01
    int vcpus = 0;
    std::vector<CloudLicense> licenses;
    std::string commitment_id;    // "" = on demand
    Decimal effective_unit_price; // for commitment-covered compute, scale 7
    std::string shared_pool;      // "k8s", "datalake" or ""
    bool anomalous = false;       // in the injected spike
    bool drifting = false;        // in the slow drift
    std::vector<Meter> meters;
};

struct Commitment {
    Provider provider;
    std::string id, name, category, type; // category: Usage or Spend
    Decimal daily_fee;                    // scale 2: what is billed per day of the month
    Decimal daily_used;                   // scale 7: what covered usage amortizes per day
};

// Charges that come once a month: commitment fees, support, marketplace subscriptions, credits, refunds. Tax
// is derived from the month's usage when the billing files are written.
struct MonthlyCharge {
    Provider provider;
    int month = 0;
    int sub_account = 0;
    std::string charge_category, charge_class, charge_frequency;
    std::string service_name, service_category, service_subcategory, publisher;
    std::string description, sku_id, commitment_id, resource_id, resource_name, tags_json;
    std::string application_code;        // the truth: "" when the charge belongs to no single application
    Decimal billed_cost, effective_cost; // scale 2
};

// On-prem hardware in the asset register.
struct Server {
    std::string asset_tag, name, ci_id, asset_type, model, manufacturer, location, cost_center_id;
    std::string lifecycle_state; // in_use, retired, ...
    std::string category = "hardware";
    std::string ci_class;       // server, storage, network_device, virtual_machine
    std::string host_asset_tag; // for a VM
    std::string cluster_ci_id;  // ESX cluster membership
    std::string application_code;
    int acquisition_day = 0, retired_day = -1;
    Decimal acquisition_cost, monthly_depreciation; // scale 2; cost = monthly x life exactly
    int useful_life_months = 60;
    int processors = 0, cores_per_processor = 0, vcpus = 0;
};

// Software found on a host (an on-prem asset or a cloud resource).
struct Installation {
    std::string id, product, publisher, edition, version;
    std::string host_kind; // asset or resource
    std::string host_id, cloud_provider;
    int physical_cores = 0, processors = 0, vcpus = 0, threads_per_core = 0, users = 0;
    int last_used_day = 0;
    std::string discovery_source;
    bool license_included = false; // the cloud bill pays for it
    std::string note;              // why it counts as it does (for expected.json)
    int64_t required = 0;          // licenses it needs under the product's rule (0 when license-included)
};

// A product licensed by the company, with its counting rule and what is entitled.
struct LicensedProduct {
    std::string name, publisher, edition, metric, rule;
    Decimal unit_cost; // scale 2, per license
    int64_t delta = 0; // entitled - required, chosen by the generator: short when negative
};

struct Entitlement {
    std::string id, publisher, product, edition, metric, contract_id, cost_center_id;
    int64_t quantity = 0;
    Decimal unit_cost;
    int purchase_day = 0, term_start = 0, term_end = -1, maintenance_end = -1;
    bool maintenance = false, license_mobility = false, hybrid_benefit = false, byol_allowed = false;
};

struct Contract {
    std::string id, name, vendor, type, payment_schedule, consumption_unit, cloud_provider, cost_center_id;
    int start_day = 0, end_day = 0;
    Decimal total_value, consumption_allowance; // scale 2
    Decimal monthly_amount;                     // scale 2: what the ledger posts per month (0 = upfront)
    bool auto_renew = false;
    int notice_days = 0;
};

struct Person {
    std::string name, cost_center_id;
    bool contractor = false;
    Decimal monthly_cost; // scale 2, loaded labor cost
};

struct Anomaly {
    Provider provider;
    std::string sub_account_id, service_name;
    int first_day = 0, day_count = 3, factor = 6;
};

struct Drift {
    Provider provider;
    std::string service_name;
    int percent_per_week = 2;
};

struct Company {
    GenerateOptions options;
    Calendar calendar;
    std::string name = "Northwind Outfitters";
    std::vector<BusinessUnit> business_units;
    std::vector<CostCenter> cost_centers;
    std::vector<BusinessService> business_services;
    std::vector<Application> applications;
    std::vector<SubAccount> sub_accounts;
    std::vector<Resource> resources;
    std::vector<Commitment> commitments;
    std::vector<MonthlyCharge> monthly_charges;
    std::vector<Server> servers;
    std::vector<LicensedProduct> products;
    std::vector<Installation> installations;
    std::vector<Entitlement> entitlements;
    std::vector<Contract> contracts;
    std::vector<Person> people;
    Anomaly anomaly;
    Drift drift;
    std::string platform_cost_center = "CC-1200"; // cloud platform team: owns shared resources
    std::string saas_contract_id = "CTR-DDOG-2026";

    [[nodiscard]] const Application& ApplicationByCode(const std::string& code) const;
};

// The whole company for these options.
[[nodiscard]] Company BuildCompany(const GenerateOptions& options);

// Parts of BuildCompany, in the order it calls them (each fills its part of `company`).
void BuildOrganization(Company& company);
void BuildCloudEstate(Company& company);
void BuildOnPremEstate(Company& company);
void BuildLicenses(Company& company);
void BuildContractsAndPeople(Company& company);

// Licenses `product` requires under its counting rule, over all installations (license-included ones need none).
[[nodiscard]] int64_t RequiredLicenses(const Company& company, const LicensedProduct& product);

// Counted per pair of VMs: one subscription covers two, so each VM needs half of one.
inline constexpr std::string_view kRhelProduct = "Red Hat Enterprise Linux Server";

} // namespace crosswalk::generate
