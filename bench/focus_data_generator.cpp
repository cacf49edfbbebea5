#include "focus_data_generator.hpp"

#include <fmt/format.h>

#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::bench {
namespace {

// The value expressions that differ between the formats. CSV is text throughout, as CSV exports are. Parquet
// carries the types that providers' FOCUS Parquet exports carry: exact decimals for the amounts, UTC
// timestamps for the date-times, and Tags as a map of strings.
struct Typing {
    // An amount of `expression` (a DECIMAL(18,scale) value).
    std::string (*amount)(const std::string& expression);
    // A date-time `expression` (a TIMESTAMP in UTC).
    std::string (*date_time)(const std::string& expression);
    // Tags from the three values (VARCHAR expressions).
    std::string (*tags)(const std::string& app, const std::string& env, const std::string& cost_center);
};

const Typing kCsvTyping = {
    [](const std::string& expression) { return fmt::format("({})::VARCHAR", expression); },
    [](const std::string& expression) { return fmt::format("strftime({}, '%Y-%m-%dT%H:%M:%SZ')", expression); },
    [](const std::string& app, const std::string& env, const std::string& cost_center) {
        return fmt::format(R"('{{"app": "' || {} || '", "env": "' || {} || '", "cost-center": "' || {} || '"}}')", app,
                           env, cost_center);
    },
};

const Typing kParquetTyping = {
    [](const std::string& expression) { return fmt::format("({})::DECIMAL(38,18)", expression); },
    [](const std::string& expression) { return fmt::format("timezone('UTC', {})", expression); },
    [](const std::string& app, const std::string& env, const std::string& cost_center) {
        return fmt::format("MAP {{'app': {}, 'env': {}, 'cost-center': {}}}", app, env, cost_center);
    },
};

} // namespace

void WriteFocusData(store::Connection& connection, const std::filesystem::path& path, int64_t rows,
                    BenchFormat format) {
    const Typing& typed = format == BenchFormat::kCsv ? kCsvTyping : kParquetTyping;
    // Every value derives from i, so the data is deterministic; hash(i) spreads the choices.
    const std::string select = fmt::format(
        R"sql(
SELECT
    ['AWS', 'Microsoft', 'Google Cloud'][1 + i % 3] AS ProviderName,
    ['AWS', 'Microsoft', 'Google Cloud'][1 + i % 3] AS PublisherName,
    ['AWS', 'Microsoft', 'Google Cloud'][1 + i % 3] AS InvoiceIssuerName,
    'acct-' || (i % 7) AS BillingAccountId,
    'Account ' || (i % 7) AS BillingAccountName,
    'sub-' || ((hash(i) % 200)::BIGINT) AS SubAccountId,
    'Project ' || ((hash(i) % 200)::BIGINT) AS SubAccountName,
    'USD' AS BillingCurrency,
    {} AS BillingPeriodStart,
    {} AS BillingPeriodEnd,
    {} AS ChargePeriodStart,
    {} AS ChargePeriodEnd,
    CASE WHEN i % 50 = 0 THEN 'Purchase' WHEN i % 97 = 0 THEN 'Credit' ELSE 'Usage' END AS ChargeCategory,
    NULL::VARCHAR AS ChargeClass,
    'Charge for ' || ['compute', 'storage', 'egress', 'database'][1 + (hash(i) % 4)::BIGINT] AS ChargeDescription,
    CASE WHEN i % 50 = 0 THEN 'One-Time' ELSE 'Usage-Based' END AS ChargeFrequency,
    ['Compute', 'Storage', 'Networking', 'Databases'][1 + (hash(i) % 4)::BIGINT] AS ServiceCategory,
    ['Virtual Machines', 'Object Storage', 'Network Connectivity', 'Relational Databases'][1 + (hash(i) % 4)::BIGINT]
        AS ServiceSubcategory,
    ['EC2', 'S3', 'VPC', 'RDS', 'Virtual Machines', 'Storage', 'Compute Engine', 'BigQuery'][1 + (hash(i) % 8)::BIGINT]
        AS ServiceName,
    ['us-east-1', 'eu-west-1', 'westeurope', 'us-central1'][1 + (hash(i + 1) % 4)::BIGINT] AS RegionId,
    ['US East', 'EU West', 'West Europe', 'US Central'][1 + (hash(i + 1) % 4)::BIGINT] AS RegionName,
    'res-' || ((hash(i) % 50000)::BIGINT) AS ResourceId,
    'prd-app' || ((hash(i) % 40)::BIGINT) || '-vm-' || ((hash(i) % 50000)::BIGINT) AS ResourceName,
    'Virtual Machine' AS ResourceType,
    'sku-' || ((hash(i) % 300)::BIGINT) AS SkuId,
    'price-' || ((hash(i) % 900)::BIGINT) AS SkuPriceId,
    'Standard' AS PricingCategory,
    'Hours' AS PricingUnit,
    'Hours' AS ConsumedUnit,
    {} AS PricingQuantity,
    {} AS ConsumedQuantity,
    {} AS ListUnitPrice,
    {} AS ContractedUnitPrice,
    {} AS ListCost,
    {} AS ContractedCost,
    {} AS BilledCost,
    {} AS EffectiveCost,
    CASE WHEN i % 5 = 0 THEN 'cd-' || (i % 11) END AS CommitmentDiscountId,
    CASE WHEN i % 5 = 0 THEN 'Spend' END AS CommitmentDiscountCategory,
    CASE WHEN i % 5 = 0 THEN 'Used' END AS CommitmentDiscountStatus,
    'INV-2024-09-' || (i % 7) AS InvoiceId,
    CASE WHEN (hash(i) % 7)::BIGINT <> 0 THEN {} END AS Tags
FROM range({}) t(i)
)sql",
        typed.date_time("TIMESTAMP '2024-09-01'"), typed.date_time("TIMESTAMP '2024-10-01'"),
        typed.date_time("TIMESTAMP '2024-09-01' + INTERVAL (i % 720) HOUR"),
        typed.date_time("TIMESTAMP '2024-09-01' + INTERVAL (i % 720 + 1) HOUR"),
        typed.amount("(((hash(i) % 100000)::BIGINT) / 1000.0)::DECIMAL(18,3)"),
        typed.amount("(((hash(i) % 100000)::BIGINT) / 1000.0)::DECIMAL(18,3)"),
        typed.amount("(((hash(i) % 1000000)::BIGINT) / 10000000.0)::DECIMAL(18,7)"),
        typed.amount("(((hash(i) % 1000000)::BIGINT) / 11000000.0)::DECIMAL(18,10)"),
        typed.amount("(((hash(i) % 100000000)::BIGINT) / 10000000000.0)::DECIMAL(18,10)"),
        typed.amount("(((hash(i) % 100000000)::BIGINT) / 11000000000.0)::DECIMAL(18,10)"),
        typed.amount("(((hash(i) % 100000000)::BIGINT) / 12000000000.0)::DECIMAL(18,10)"),
        typed.amount("(((hash(i) % 100000000)::BIGINT) / 13000000000.0)::DECIMAL(18,10)"),
        typed.tags("'app' || ((hash(i) % 40)::BIGINT)", "['prd', 'dev', 'stg'][1 + (hash(i) % 3)::BIGINT]",
                   "'CC-' || ((hash(i) % 25)::BIGINT)"),
        rows);
    const std::string options = format == BenchFormat::kCsv ? "(FORMAT csv, HEADER)" : "(FORMAT parquet)";
    connection.Execute(fmt::format("COPY ({}) TO {} {}", select, store::QuoteLiteral(path.string()), options));
}

} // namespace crosswalk::bench
