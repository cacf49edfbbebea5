#include "crosswalk/generate/billing_files.hpp"

#include <fstream>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/common/text.hpp"
#include "crosswalk/model/focus_columns.hpp"
#include "crosswalk/store/appender.hpp"
#include "crosswalk/store/connection.hpp"
#include "crosswalk/store/database.hpp"
#include "crosswalk/store/result.hpp"
#include "crosswalk/store/sql_quote.hpp"
#include "crosswalk/store/transaction.hpp"

namespace crosswalk::generate {
namespace {

constexpr std::string_view kSchema = R"sql(
CREATE TABLE provider_info(provider INTEGER, ProviderName VARCHAR, BillingAccountId VARCHAR,
    BillingAccountName VARCHAR, BillingAccountType VARCHAR);
CREATE TABLE day(day_index INTEGER, day DATE, month_index INTEGER);
CREATE TABLE invoice(provider INTEGER, month_index INTEGER, InvoiceId VARCHAR, BillingPeriodStart TIMESTAMP,
    BillingPeriodEnd TIMESTAMP);
CREATE TABLE meter(meter_index BIGINT, provider INTEGER, SubAccountId VARCHAR, SubAccountName VARCHAR,
    SubAccountType VARCHAR, ResourceId VARCHAR, ResourceName VARCHAR, ResourceType VARCHAR, RegionId VARCHAR,
    RegionName VARCHAR, AvailabilityZone VARCHAR, Tags VARCHAR, application VARCHAR, first_day DATE, last_day DATE,
    ServiceName VARCHAR, ServiceCategory VARCHAR, ServiceSubcategory VARCHAR, PublisherName VARCHAR, SkuId VARCHAR,
    SkuPriceId VARCHAR, SkuMeter VARCHAR, SkuPriceDetails VARCHAR, ChargeDescription VARCHAR, PricingUnit VARCHAR,
    ConsumedUnit VARCHAR, ListUnitPrice DECIMAL(18,7), ContractedUnitPrice DECIMAL(18,7),
    effective_unit_price DECIMAL(18,7), base_quantity DECIMAL(18,3), varying BOOLEAN, anomalous BOOLEAN,
    drifting BOOLEAN, CommitmentDiscountId VARCHAR, CommitmentDiscountName VARCHAR,
    CommitmentDiscountCategory VARCHAR, CommitmentDiscountType VARCHAR, x_Operation VARCHAR, x_UsageType VARCHAR,
    x_SkuMeterCategory VARCHAR, x_SkuMeterSubcategory VARCHAR, x_SkuDetails VARCHAR);
CREATE TABLE commitment(commitment_index INTEGER, provider INTEGER, SubAccountId VARCHAR, SubAccountName VARCHAR,
    SubAccountType VARCHAR, CommitmentDiscountId VARCHAR, CommitmentDiscountName VARCHAR,
    CommitmentDiscountCategory VARCHAR, CommitmentDiscountType VARCHAR, unused DECIMAL(38,10), ServiceName VARCHAR);
CREATE TABLE monthly(charge_index INTEGER, provider INTEGER, month_index INTEGER, SubAccountId VARCHAR,
    SubAccountName VARCHAR, SubAccountType VARCHAR, ChargeCategory VARCHAR, ChargeClass VARCHAR,
    ChargeFrequency VARCHAR, ServiceName VARCHAR, ServiceCategory VARCHAR, ServiceSubcategory VARCHAR,
    PublisherName VARCHAR, ChargeDescription VARCHAR, SkuId VARCHAR, CommitmentDiscountId VARCHAR,
    CommitmentDiscountName VARCHAR, CommitmentDiscountCategory VARCHAR, CommitmentDiscountType VARCHAR,
    ResourceId VARCHAR, ResourceName VARCHAR, Tags VARCHAR, application VARCHAR, period_start DATE, period_end DATE,
    billed DECIMAL(18,2), effective DECIMAL(18,2));
)sql";

// The rows of all files, typed, with the generator's own columns (provider, month_index, day_index, sort_key,
// application, anomalous) beside the FOCUS ones. Daily usage: every meter on every day its resource exists.
// The quantity varies by a hash of (meter, day, seed): deterministic, and independent of thread scheduling.
constexpr std::string_view kViews = R"sql(
CREATE VIEW usage_rows AS
WITH quantified AS (
    SELECT m.*, d.day_index, d.day, d.month_index,
        CAST(round(
            CASE WHEN m.varying
                 THEN m.base_quantity * (CAST(85 + hash(m.meter_index, d.day_index, {seed}) % 31 AS DECIMAL(4,0)) * 0.01)
                 ELSE m.base_quantity END
            * CASE WHEN m.anomalous AND d.day BETWEEN DATE '{anomaly_start}' AND DATE '{anomaly_end}'
                   THEN {anomaly_factor} ELSE 1 END
            * CASE WHEN m.drifting
                   THEN CAST(100 + {drift_percent} * (d.day_index // 7) AS DECIMAL(6,0)) * 0.01 ELSE 1 END,
            3) AS DECIMAL(18,3)) AS quantity
    FROM meter m JOIN day d ON d.day BETWEEN m.first_day AND m.last_day
)
SELECT
    q.provider, q.month_index, q.day_index, q.meter_index AS sort_key, q.application,
    q.anomalous AND q.day BETWEEN DATE '{anomaly_start}' AND DATE '{anomaly_end}' AS anomalous,
    p.ProviderName, coalesce(q.PublisherName, p.ProviderName) AS PublisherName, p.ProviderName AS InvoiceIssuerName,
    p.BillingAccountId, p.BillingAccountName, p.BillingAccountType, i.InvoiceId, i.BillingPeriodStart,
    i.BillingPeriodEnd, 'USD' AS BillingCurrency, 'USD' AS PricingCurrency,
    q.SubAccountId, q.SubAccountName, q.SubAccountType,
    CAST(q.day AS TIMESTAMP) AS ChargePeriodStart, CAST(q.day + 1 AS TIMESTAMP) AS ChargePeriodEnd,
    'Usage' AS ChargeCategory, NULL::VARCHAR AS ChargeClass, 'Usage-Based' AS ChargeFrequency, q.ChargeDescription,
    q.ServiceName, q.ServiceCategory, q.ServiceSubcategory, q.SkuId, q.SkuPriceId, q.SkuMeter, q.SkuPriceDetails,
    q.ResourceId, q.ResourceName, q.ResourceType, q.RegionId, q.RegionName, q.AvailabilityZone, q.Tags,
    CASE WHEN q.effective_unit_price IS NULL THEN 'Standard' ELSE 'Committed' END AS PricingCategory,
    q.PricingUnit, q.quantity AS PricingQuantity, q.ConsumedUnit, q.quantity AS ConsumedQuantity,
    q.ListUnitPrice, q.ContractedUnitPrice, q.ListUnitPrice AS PricingCurrencyListUnitPrice,
    q.ContractedUnitPrice AS PricingCurrencyContractedUnitPrice,
    CAST(q.ListUnitPrice * q.quantity AS DECIMAL(38,10)) AS ListCost,
    CAST(q.ContractedUnitPrice * q.quantity AS DECIMAL(38,10)) AS ContractedCost,
    CAST(CASE WHEN q.effective_unit_price IS NULL THEN q.ContractedUnitPrice * q.quantity ELSE 0 END
         AS DECIMAL(38,10)) AS BilledCost,
    CAST(coalesce(q.effective_unit_price, q.ContractedUnitPrice) * q.quantity AS DECIMAL(38,10)) AS EffectiveCost,
    q.CommitmentDiscountId, q.CommitmentDiscountName, q.CommitmentDiscountCategory, q.CommitmentDiscountType,
    CASE WHEN q.CommitmentDiscountId IS NOT NULL THEN 'Used' END AS CommitmentDiscountStatus,
    CASE WHEN q.CommitmentDiscountId IS NOT NULL THEN q.quantity END AS CommitmentDiscountQuantity,
    CASE WHEN q.CommitmentDiscountId IS NOT NULL THEN 'Hours' END AS CommitmentDiscountUnit,
    q.x_Operation, q.x_UsageType, q.x_SkuMeterCategory, q.x_SkuMeterSubcategory, q.x_SkuDetails
FROM quantified q
JOIN provider_info p USING (provider)
JOIN invoice i ON i.provider = q.provider AND i.month_index = q.month_index;

-- The part of each commitment's daily fee that no usage drew on.
CREATE VIEW unused_rows AS
SELECT c.provider, d.month_index, d.day_index, 1000000000 + c.commitment_index AS sort_key, NULL AS application,
    false AS anomalous, p.ProviderName, p.ProviderName AS PublisherName, p.ProviderName AS InvoiceIssuerName,
    p.BillingAccountId, p.BillingAccountName, p.BillingAccountType, i.InvoiceId, i.BillingPeriodStart,
    i.BillingPeriodEnd, 'USD' AS BillingCurrency, 'USD' AS PricingCurrency,
    c.SubAccountId, c.SubAccountName, c.SubAccountType,
    CAST(d.day AS TIMESTAMP) AS ChargePeriodStart, CAST(d.day + 1 AS TIMESTAMP) AS ChargePeriodEnd,
    'Usage' AS ChargeCategory, NULL::VARCHAR AS ChargeClass, 'Usage-Based' AS ChargeFrequency,
    c.CommitmentDiscountName || ': unused commitment' AS ChargeDescription, c.ServiceName, 'Compute' AS ServiceCategory,
    'Virtual Machines' AS ServiceSubcategory, c.CommitmentDiscountType AS SkuId,
    c.CommitmentDiscountId AS ResourceId, c.CommitmentDiscountName AS ResourceName,
    c.CommitmentDiscountType AS ResourceType, 'Committed' AS PricingCategory,
    CAST(0 AS DECIMAL(38,10)) AS ListCost, CAST(0 AS DECIMAL(38,10)) AS ContractedCost,
    CAST(0 AS DECIMAL(38,10)) AS BilledCost, c.unused AS EffectiveCost,
    c.CommitmentDiscountId, c.CommitmentDiscountName, c.CommitmentDiscountCategory, c.CommitmentDiscountType,
    'Unused' AS CommitmentDiscountStatus
FROM commitment c CROSS JOIN day d
JOIN provider_info p USING (provider)
JOIN invoice i ON i.provider = c.provider AND i.month_index = d.month_index;

CREATE VIEW monthly_rows AS
SELECT c.provider, c.month_index, -1 AS day_index, c.charge_index AS sort_key, c.application, false AS anomalous,
    p.ProviderName, coalesce(c.PublisherName, p.ProviderName) AS PublisherName, p.ProviderName AS InvoiceIssuerName,
    p.BillingAccountId, p.BillingAccountName, p.BillingAccountType, i.InvoiceId, i.BillingPeriodStart,
    i.BillingPeriodEnd, 'USD' AS BillingCurrency, 'USD' AS PricingCurrency,
    c.SubAccountId, c.SubAccountName, c.SubAccountType,
    CAST(c.period_start AS TIMESTAMP) AS ChargePeriodStart, CAST(c.period_end AS TIMESTAMP) AS ChargePeriodEnd,
    c.ChargeCategory, c.ChargeClass, c.ChargeFrequency, c.ChargeDescription, c.ServiceName, c.ServiceCategory,
    c.ServiceSubcategory, c.SkuId, c.ResourceId, c.ResourceName, c.Tags,
    CASE WHEN c.ChargeCategory IN ('Usage', 'Purchase') THEN 'Standard' END AS PricingCategory,
    CAST(c.billed AS DECIMAL(38,10)) AS ListCost, CAST(c.billed AS DECIMAL(38,10)) AS ContractedCost,
    CAST(c.billed AS DECIMAL(38,10)) AS BilledCost, CAST(c.effective AS DECIMAL(38,10)) AS EffectiveCost,
    c.CommitmentDiscountId, c.CommitmentDiscountName, c.CommitmentDiscountCategory, c.CommitmentDiscountType,
    CASE WHEN c.CommitmentDiscountId IS NOT NULL AND c.ChargeCategory = 'Usage' THEN 'Used' END
        AS CommitmentDiscountStatus
FROM monthly c
JOIN provider_info p USING (provider)
JOIN invoice i ON i.provider = c.provider AND i.month_index = c.month_index;

-- Sales tax on the month's usage, for the providers that charge it here.
CREATE VIEW tax_rows AS
SELECT u.provider, u.month_index, 99999 AS day_index, 0 AS sort_key, NULL AS application, false AS anomalous,
    any_value(u.ProviderName) AS ProviderName, any_value(u.ProviderName) AS PublisherName,
    any_value(u.ProviderName) AS InvoiceIssuerName, any_value(u.BillingAccountId) AS BillingAccountId,
    any_value(u.BillingAccountName) AS BillingAccountName, any_value(u.BillingAccountType) AS BillingAccountType,
    any_value(u.InvoiceId) AS InvoiceId, any_value(u.BillingPeriodStart) AS BillingPeriodStart,
    any_value(u.BillingPeriodEnd) AS BillingPeriodEnd, 'USD' AS BillingCurrency, 'USD' AS PricingCurrency,
    any_value(u.BillingPeriodStart) AS ChargePeriodStart, any_value(u.BillingPeriodEnd) AS ChargePeriodEnd,
    'Tax' AS ChargeCategory, NULL::VARCHAR AS ChargeClass, 'Recurring' AS ChargeFrequency,
    'Sales tax ({tax_percent}%)' AS ChargeDescription, 'Tax' AS ServiceName, 'Other' AS ServiceCategory,
    'Other (Other)' AS ServiceSubcategory, 'Tax' AS SkuId,
    CAST(0 AS DECIMAL(38,10)) AS ListCost, CAST(0 AS DECIMAL(38,10)) AS ContractedCost,
    CAST(round(sum(u.BilledCost) * {tax_rate}, 2) AS DECIMAL(38,10)) AS BilledCost,
    CAST(round(sum(u.BilledCost) * {tax_rate}, 2) AS DECIMAL(38,10)) AS EffectiveCost
FROM usage_rows u
WHERE u.provider IN ({taxed_providers})
GROUP BY u.provider, u.month_index;

-- Everything is priced in the billing currency, so the pricing-currency cost is the effective cost.
CREATE VIEW all_rows AS
SELECT *, EffectiveCost AS PricingCurrencyEffectiveCost FROM (
    SELECT * FROM usage_rows
    UNION ALL BY NAME SELECT * FROM unused_rows
    UNION ALL BY NAME SELECT * FROM monthly_rows
    UNION ALL BY NAME SELECT * FROM tax_rows);
)sql";

enum class FileFormat { kCsv, kParquet, kGzipCsv };

FileFormat FormatOf(Provider provider) {
    switch (provider) {
    case Provider::kAzure:
        return FileFormat::kParquet;
    case Provider::kGcp:
        return FileFormat::kGzipCsv;
    default:
        return FileFormat::kCsv;
    }
}

std::string_view Extension(FileFormat format) {
    switch (format) {
    case FileFormat::kParquet:
        return "parquet";
    case FileFormat::kGzipCsv:
        return "csv.gz";
    default:
        return "csv";
    }
}

// The provider's own extension columns, as its FOCUS export names them.
std::vector<std::string_view> ExtensionColumns(Provider provider) {
    switch (provider) {
    case Provider::kAws:
        return {"x_Operation", "x_UsageType"};
    case Provider::kAzure:
        return {"x_SkuMeterCategory", "x_SkuMeterSubcategory", "x_SkuDetails"};
    default:
        return {};
    }
}

// The SELECT list of one file: every FOCUS 1.2 column in the catalog's order, then the extension columns. CSV
// carries date-times in the spec's format; Parquet keeps the types (timestamps in UTC, decimals exact).
std::string SelectList(Provider provider, FileFormat format, const std::set<std::string>& present) {
    std::string list;
    for (const model::FocusColumn& column : model::FocusColumns()) {
        if (model::PresenceIn(column, model::FocusVersion::k1_2) == model::Presence::kAbsent) {
            continue;
        }
        const std::string name(column.name);
        std::string expression = store::QuoteIdentifier(name);
        if (!present.contains(name)) { // a column no row of the company uses: present, and NULL
            expression = column.type == model::FocusType::kDecimal ? "NULL::DECIMAL(38,10)" : "NULL::VARCHAR";
            list += fmt::format("{}{} AS {}", list.empty() ? "" : ", ", expression, store::QuoteIdentifier(name));
            continue;
        }
        if (column.type == model::FocusType::kDateTime) {
            expression = format == FileFormat::kParquet ? fmt::format("timezone('UTC', {})", expression)
                                                        : fmt::format("strftime({}, '%Y-%m-%dT%H:%M:%SZ')", expression);
        }
        list += fmt::format("{}{} AS {}", list.empty() ? "" : ", ", expression, store::QuoteIdentifier(name));
    }
    for (const std::string_view extension : ExtensionColumns(provider)) {
        list += fmt::format(", {}", store::QuoteIdentifier(std::string(extension)));
    }
    return list;
}

std::string CopyOptions(FileFormat format, bool header = true) {
    switch (format) {
    case FileFormat::kParquet:
        return "(FORMAT parquet, COMPRESSION zstd)";
    case FileFormat::kGzipCsv:
        return fmt::format("(FORMAT csv, HEADER {}, COMPRESSION gzip)", header);
    default:
        return fmt::format("(FORMAT csv, HEADER {})", header);
    }
}

std::string InvoiceId(const Company& company, Provider provider, int month) {
    const std::string& name = company.calendar.month_names[month]; // 2026-01
    const std::string yymm = name.substr(2, 2) + name.substr(5, 2);
    switch (provider) {
    case Provider::kAws:
        return fmt::format("{}{}{:04}", InfoOf(provider).invoice_prefix, yymm, 3181 + 7 * month);
    case Provider::kAzure:
        return fmt::format("{}{}{:05}", InfoOf(provider).invoice_prefix, yymm, 48213 + 11 * month);
    default:
        return fmt::format("{}{}-{:06}", InfoOf(provider).invoice_prefix, yymm, 770142 + 13 * month);
    }
}

void AppendText(store::Appender& appender, const std::string& text) {
    if (text.empty()) {
        appender.AppendNull();
    } else {
        appender.Append(text);
    }
}

void LoadCompany(store::Connection& connection, const Company& company) {
    connection.Execute(kSchema);
    store::Transaction transaction(connection);
    const Calendar& calendar = company.calendar;
    {
        store::Appender providers(transaction, "provider_info");
        for (int p = 0; p < kProviderCount; ++p) {
            const ProviderInfo& info = InfoOf(static_cast<Provider>(p));
            providers.Append(p).Append(info.name).Append(info.billing_account_id).Append(info.billing_account_name);
            providers.Append(info.billing_account_type);
            providers.EndRow();
        }
        providers.Close();
    }
    {
        store::Appender days(transaction, "day");
        for (int i = 0; i < calendar.day_count; ++i) {
            days.Append(i).Append(IsoDate(calendar.first_day + i)).Append(calendar.MonthOf(calendar.first_day + i));
            days.EndRow();
        }
        days.Close();
        store::Appender invoices(transaction, "invoice");
        for (int p = 0; p < kProviderCount; ++p) {
            for (int m = 0; m < static_cast<int>(calendar.month_names.size()); ++m) {
                invoices.Append(p).Append(m).Append(InvoiceId(company, static_cast<Provider>(p), m));
                invoices.Append(IsoDate(calendar.month_starts[m])).Append(IsoDate(calendar.month_starts[m + 1]));
                invoices.EndRow();
            }
        }
        invoices.Close();
    }
    const auto commitment_of = [&](const std::string& id) -> const Commitment* {
        for (const Commitment& commitment : company.commitments) {
            if (commitment.id == id) {
                return &commitment;
            }
        }
        return nullptr;
    };
    {
        store::Appender meters(transaction, "meter");
        int64_t index = 0;
        for (const Resource& resource : company.resources) {
            const SubAccount& account = company.sub_accounts[resource.sub_account];
            for (std::size_t m = 0; m < resource.meters.size(); ++m) {
                const Meter& meter = resource.meters[m];
                const bool covered = m == 0 && !resource.commitment_id.empty();
                const Commitment* commitment = covered ? commitment_of(resource.commitment_id) : nullptr;
                meters.Append(index++).Append(static_cast<int>(resource.provider));
                meters.Append(account.id).Append(account.name).Append(InfoOf(resource.provider).sub_account_type);
                meters.Append(resource.id).Append(resource.name).Append(resource.type);
                meters.Append(resource.region_id).Append(resource.region_name).Append(resource.availability_zone);
                AppendText(meters, resource.tags_json);
                meters.Append(resource.application_code);
                meters.Append(IsoDate(resource.first_day)).Append(IsoDate(resource.last_day));
                meters.Append(meter.service_name).Append(meter.service_category).Append(meter.service_subcategory);
                AppendText(meters, meter.publisher);
                meters.Append(meter.sku_id).Append(meter.sku_price_id).Append(meter.sku_meter);
                AppendText(meters, meter.sku_price_details);
                meters.Append(meter.description).Append(meter.pricing_unit).Append(meter.consumed_unit);
                meters.Append(meter.list_unit_price).Append(meter.contracted_unit_price);
                if (covered) {
                    meters.Append(resource.effective_unit_price);
                } else {
                    meters.AppendNull();
                }
                meters.Append(meter.base_quantity).Append(meter.shape == QuantityShape::kVarying);
                meters.Append(resource.anomalous && meter.service_name == company.anomaly.service_name);
                meters.Append(resource.drifting && meter.service_name == company.drift.service_name);
                if (commitment != nullptr) {
                    meters.Append(commitment->id).Append(commitment->name).Append(commitment->category);
                    meters.Append(commitment->type);
                } else {
                    meters.AppendNull().AppendNull().AppendNull().AppendNull();
                }
                AppendText(meters, meter.x_operation);
                AppendText(meters, meter.x_usage_type);
                AppendText(meters, meter.x_meter_category);
                AppendText(meters, meter.x_meter_subcategory);
                AppendText(meters, meter.x_sku_details);
                meters.EndRow();
            }
        }
        meters.Close();
    }
    {
        store::Appender commitments(transaction, "commitment");
        int index = 0;
        for (const Commitment& commitment : company.commitments) {
            const int account_index = [&] {
                for (const Resource& resource : company.resources) {
                    if (resource.commitment_id == commitment.id) {
                        return resource.sub_account;
                    }
                }
                return 0;
            }();
            const SubAccount& account = company.sub_accounts[account_index];
            commitments.Append(index++).Append(static_cast<int>(commitment.provider));
            commitments.Append(account.id).Append(account.name).Append(InfoOf(commitment.provider).sub_account_type);
            commitments.Append(commitment.id).Append(commitment.name).Append(commitment.category);
            commitments.Append(commitment.type).Append(commitment.daily_fee + -commitment.daily_used);
            commitments.Append(commitment.provider == Provider::kAws     ? "Savings Plans for AWS Compute usage"
                               : commitment.provider == Provider::kAzure ? "Virtual Machines"
                                                                         : "Compute Engine");
            commitments.EndRow();
        }
        commitments.Close();
    }
    {
        store::Appender monthly(transaction, "monthly");
        int index = 0;
        for (const MonthlyCharge& charge : company.monthly_charges) {
            const bool saas = charge.provider == Provider::kDatadog;
            monthly.Append(index++).Append(static_cast<int>(charge.provider)).Append(charge.month);
            if (saas) {
                monthly.AppendNull().AppendNull().AppendNull();
            } else {
                const SubAccount& account = company.sub_accounts[charge.sub_account];
                monthly.Append(account.id).Append(account.name).Append(InfoOf(charge.provider).sub_account_type);
            }
            monthly.Append(charge.charge_category);
            AppendText(monthly, charge.charge_class);
            monthly.Append(charge.charge_frequency).Append(charge.service_name).Append(charge.service_category);
            monthly.Append(charge.service_subcategory);
            AppendText(monthly, charge.publisher);
            monthly.Append(charge.description).Append(charge.sku_id);
            const Commitment* commitment = commitment_of(charge.commitment_id);
            if (commitment != nullptr) {
                monthly.Append(commitment->id).Append(commitment->name).Append(commitment->category);
                monthly.Append(commitment->type);
            } else if (saas && !charge.commitment_id.empty()) {
                monthly.Append(charge.commitment_id).Append("Datadog prepaid credits").Append("Spend");
                monthly.Append("Prepaid Commitment");
            } else {
                monthly.AppendNull().AppendNull().AppendNull().AppendNull();
            }
            AppendText(monthly, charge.resource_id);
            AppendText(monthly, charge.resource_name);
            AppendText(monthly, charge.tags_json);
            AppendText(monthly, charge.application_code);
            // A correction belongs to the month it corrects; it is billed in the current one.
            const int period_month =
                charge.charge_class == "Correction" && charge.month > 0 ? charge.month - 1 : charge.month;
            monthly.Append(IsoDate(calendar.month_starts[period_month]));
            monthly.Append(IsoDate(calendar.month_starts[period_month + 1]));
            monthly.Append(charge.billed_cost).Append(charge.effective_cost);
            monthly.EndRow();
        }
        monthly.Close();
    }
    transaction.Commit();
    constexpr std::string_view kTaxRate = "0.06";
    const Anomaly& anomaly = company.anomaly;
    connection.Execute(fmt::format(
        kViews, fmt::arg("seed", company.options.seed), fmt::arg("anomaly_start", IsoDate(anomaly.first_day)),
        fmt::arg("anomaly_end", IsoDate(anomaly.first_day + anomaly.day_count - 1)),
        fmt::arg("anomaly_factor", anomaly.factor), fmt::arg("drift_percent", company.drift.percent_per_week),
        fmt::arg("tax_rate", kTaxRate), fmt::arg("tax_percent", "6"),
        fmt::arg("taxed_providers",
                 fmt::format("{}, {}", static_cast<int>(Provider::kAws), static_cast<int>(Provider::kGcp)))));
}

// Appends the effective cost of the billing rows that match `where`, per provider, month and key.
void AddCostsBy(store::Connection& connection, std::string_view key_sql, std::string_view where,
                std::vector<CostByKey>& costs) {
    store::Result result = connection.Query(fmt::format(
        "SELECT provider, month_index, coalesce(CAST({0} AS VARCHAR), '') AS key, sum(EffectiveCost) FROM all_rows "
        "WHERE {1} GROUP BY ALL ORDER BY ALL",
        key_sql, where));
    while (auto chunk = result.NextChunk()) {
        for (uint64_t row = 0; row < chunk->Size(); ++row) {
            costs.push_back(CostByKey{static_cast<Provider>(chunk->Column(0).Int64(row)),
                                      static_cast<int>(chunk->Column(1).Int64(row)),
                                      std::string(chunk->Column(2).String(row)), chunk->Column(3).DecimalValue(row)});
        }
    }
}

// Consecutive day ranges of the rows matching `where`, each holding at most `max_rows` rows (a day is never
// split), so that ordering one range fits in memory.
std::vector<std::pair<int64_t, int64_t>> DayRanges(store::Connection& connection, std::string_view where,
                                                   int64_t max_rows) {
    std::vector<std::pair<int64_t, int64_t>> ranges;
    int64_t rows_in_range = 0;
    store::Result days = connection.Query(
        fmt::format("SELECT day_index, count(*) FROM all_rows WHERE {} GROUP BY ALL ORDER BY ALL", where));
    while (auto chunk = days.NextChunk()) {
        for (uint64_t row = 0; row < chunk->Size(); ++row) {
            const int64_t day = chunk->Column(0).Int64(row);
            const int64_t rows = chunk->Column(1).Int64(row);
            if (ranges.empty() || rows_in_range + rows > max_rows) {
                ranges.emplace_back(day, day);
                rows_in_range = 0;
            }
            ranges.back().second = day;
            rows_in_range += rows;
        }
    }
    return ranges;
}

void AppendFile(const std::filesystem::path& from, std::ofstream& to) {
    std::ifstream in(from, std::ios::binary);
    to << in.rdbuf();
    if (!to) {
        Throw(ErrorKind::kIo, "{}: cannot be written", from.string());
    }
}

// Writes the rows matching `where` to `path` in a stable order. A month too large to order in memory is written
// as parts of whole days, then joined: CSV parts are concatenated (only the first has a header; gzip members
// concatenate into a valid gzip file) and Parquet parts are copied in order into one file.
void WriteOrdered(store::Connection& connection, const std::string& select, std::string_view where, FileFormat format,
                  const std::filesystem::path& path, const std::filesystem::path& scratch, int64_t max_rows) {
    const auto copy = [&](std::string_view range, const std::filesystem::path& target, bool header) {
        connection.Execute(
            fmt::format("COPY (SELECT {} FROM all_rows WHERE {}{} ORDER BY day_index, sort_key) TO {} {}", select,
                        where, range, store::QuoteLiteral(target.string()), CopyOptions(format, header)));
    };
    const std::vector<std::pair<int64_t, int64_t>> ranges = DayRanges(connection, where, max_rows);
    if (ranges.size() <= 1) {
        copy("", path, true);
        return;
    }
    std::filesystem::create_directories(scratch);
    std::vector<std::filesystem::path> parts;
    for (const auto& [first, last] : ranges) {
        parts.push_back(scratch / fmt::format("part-{}{}", parts.size(), path.extension().string()));
        copy(fmt::format(" AND day_index BETWEEN {} AND {}", first, last), parts.back(), parts.size() == 1);
    }
    if (format == FileFormat::kParquet) {
        const std::string list =
            Join(parts, ", ", [](const std::filesystem::path& part) { return store::QuoteLiteral(part.string()); });
        connection.Execute(fmt::format("COPY (SELECT * FROM read_parquet([{}])) TO {} {}", list,
                                       store::QuoteLiteral(path.string()), CopyOptions(format)));
    } else {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        for (const std::filesystem::path& part : parts) {
            AppendFile(part, out);
        }
    }
    for (const std::filesystem::path& part : parts) {
        std::filesystem::remove(part);
    }
}

} // namespace

BillingOutput WriteBillingFiles(const Company& company, const std::filesystem::path& root) {
    // Rows are built one provider-month at a time, and ordered a bounded number of days at a time (WriteOrdered),
    // so memory stays flat however large the scale.
    store::DatabaseOptions options;
    options.memory_limit = "512MB";
    store::Database database = store::Database::OpenInMemory(options);
    store::Connection connection(database);
    const std::filesystem::path scratch = root / ".generate-scratch";
    connection.Execute("SET temp_directory = " + store::QuoteLiteral(scratch.string()));
    LoadCompany(connection, company);

    std::set<std::string> present;
    store::Result columns = connection.Query("SELECT column_name FROM (DESCRIBE all_rows)");
    while (auto chunk = columns.NextChunk()) {
        for (uint64_t row = 0; row < chunk->Size(); ++row) {
            present.emplace(chunk->Column(0).String(row));
        }
    }

    BillingOutput output;
    for (int p = 0; p < kProviderCount; ++p) {
        const auto provider = static_cast<Provider>(p);
        const FileFormat format = FormatOf(provider);
        const std::filesystem::path folder = std::filesystem::path("billing") / InfoOf(provider).folder;
        std::filesystem::create_directories(root / folder);
        for (int m = 0; m < static_cast<int>(company.calendar.month_names.size()); ++m) {
            BillingFile file;
            file.provider = provider;
            file.month = m;
            file.path =
                (folder / fmt::format("focus-{}.{}", company.calendar.month_names[m], Extension(format))).string();
            file.invoice_id = InvoiceId(company, provider, m);
            // The sums read the view again: DuckDB computes only the columns they use, which is cheap next to
            // formatting every column.
            const std::string month = fmt::format("provider = {} AND month_index = {}", p, m);
            WriteOrdered(connection, SelectList(provider, format, present), month, format, root / file.path, scratch,
                         company.options.max_rows_per_sort);
            store::Result totals = connection.Query(fmt::format(
                "SELECT count(*), sum(BilledCost), sum(EffectiveCost), sum(ListCost) FROM all_rows WHERE {}", month));
            auto chunk = totals.NextChunk();
            file.rows = chunk->Column(0).Int64(0);
            file.billed_cost = chunk->Column(1).DecimalValue(0);
            file.effective_cost = chunk->Column(2).DecimalValue(0);
            file.list_cost = chunk->Column(3).DecimalValue(0);
            output.files.push_back(std::move(file));
            AddCostsBy(connection, "application", month, output.by_application);
            AddCostsBy(connection, "CAST(ChargePeriodStart AS DATE)", month + " AND anomalous", output.anomaly_days);
        }
    }
    std::filesystem::remove_all(scratch);
    return output;
}

} // namespace crosswalk::generate
