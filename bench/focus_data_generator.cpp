#include "focus_data_generator.hpp"

#include <fmt/format.h>

#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::bench {

void WriteFocusData(store::Connection& connection, const std::filesystem::path& path, int64_t rows,
                    BenchFormat format) {
    // Every value derives from i, so the data is deterministic; hash(i) spreads the choices.
    const std::string select = fmt::format(R"sql(
SELECT
    ['AWS', 'Microsoft', 'Google Cloud'][1 + i % 3] AS ProviderName,
    ['AWS', 'Microsoft', 'Google Cloud'][1 + i % 3] AS PublisherName,
    ['AWS', 'Microsoft', 'Google Cloud'][1 + i % 3] AS InvoiceIssuerName,
    'acct-' || (i % 7) AS BillingAccountId,
    'Account ' || (i % 7) AS BillingAccountName,
    'sub-' || ((hash(i) % 200)::BIGINT) AS SubAccountId,
    'Project ' || ((hash(i) % 200)::BIGINT) AS SubAccountName,
    'USD' AS BillingCurrency,
    '2024-09-01T00:00:00Z' AS BillingPeriodStart,
    '2024-10-01T00:00:00Z' AS BillingPeriodEnd,
    strftime(TIMESTAMP '2024-09-01' + INTERVAL (i % 720) HOUR, '%Y-%m-%dT%H:%M:%SZ') AS ChargePeriodStart,
    strftime(TIMESTAMP '2024-09-01' + INTERVAL (i % 720 + 1) HOUR, '%Y-%m-%dT%H:%M:%SZ') AS ChargePeriodEnd,
    CASE WHEN i % 50 = 0 THEN 'Purchase' WHEN i % 97 = 0 THEN 'Credit' ELSE 'Usage' END AS ChargeCategory,
    NULL AS ChargeClass,
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
    (((hash(i) % 100000)::BIGINT) / 1000.0)::DECIMAL(18,3)::VARCHAR AS PricingQuantity,
    (((hash(i) % 100000)::BIGINT) / 1000.0)::DECIMAL(18,3)::VARCHAR AS ConsumedQuantity,
    (((hash(i) % 1000000)::BIGINT) / 10000000.0)::DECIMAL(18,7)::VARCHAR AS ListUnitPrice,
    (((hash(i) % 1000000)::BIGINT) / 11000000.0)::DECIMAL(18,10)::VARCHAR AS ContractedUnitPrice,
    (((hash(i) % 100000000)::BIGINT) / 10000000000.0)::DECIMAL(18,10)::VARCHAR AS ListCost,
    (((hash(i) % 100000000)::BIGINT) / 11000000000.0)::DECIMAL(18,10)::VARCHAR AS ContractedCost,
    (((hash(i) % 100000000)::BIGINT) / 12000000000.0)::DECIMAL(18,10)::VARCHAR AS BilledCost,
    (((hash(i) % 100000000)::BIGINT) / 13000000000.0)::DECIMAL(18,10)::VARCHAR AS EffectiveCost,
    CASE WHEN i % 5 = 0 THEN 'cd-' || (i % 11) END AS CommitmentDiscountId,
    CASE WHEN i % 5 = 0 THEN 'Spend' END AS CommitmentDiscountCategory,
    CASE WHEN i % 5 = 0 THEN 'Used' END AS CommitmentDiscountStatus,
    'INV-2024-09-' || (i % 7) AS InvoiceId,
    CASE WHEN (hash(i) % 7)::BIGINT = 0 THEN NULL
         ELSE '{{"app": "app' || ((hash(i) % 40)::BIGINT) || '", "env": "' || ['prd', 'dev', 'stg'][1 + (hash(i) % 3)::BIGINT] ||
              '", "cost-center": "CC-' || ((hash(i) % 25)::BIGINT) || '"}}' END AS Tags
FROM range({}) t(i)
)sql",
                                           rows);
    const std::string options = format == BenchFormat::kCsv ? "(FORMAT csv, HEADER)" : "(FORMAT parquet)";
    connection.Execute(fmt::format("COPY ({}) TO {} {}", select, store::QuoteLiteral(path.string()), options));
}

} // namespace crosswalk::bench
