// The three reports on a small hand-built store: cost lines inserted by hand, their dimensions through the
// real cost_line_enriched view (enrichment_key + cost_dimension rows), tag sets through the real tag rules.
// Figures are checked to the last digit, taxonomy's total against the period's billed cost per currency.
#include <map>

#include <gtest/gtest.h>

#include "crosswalk/common/decimal.hpp"
#include "crosswalk/common/error.hpp"
#include "crosswalk/model/migrator.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/rules/evaluate.hpp"
#include "crosswalk/rules/rule_set.hpp"
#include "crosswalk/store/connection.hpp"
#include "crosswalk/store/database.hpp"
#include "crosswalk/store/transaction.hpp"

namespace crosswalk::report {
namespace {

constexpr const char* kTagRules = R"(keys:
  application:
    aliases: [app]
  owner:
    aliases: [Owner-Email]
required: [application, owner]
)";

class ReportsTest : public ::testing::Test {
protected:
    ReportsTest() {
        model::Migrate(connection_);
        // provider, billing account, sub account, resource, tags, service, currency, billed, effective, start
        connection_.Execute(R"(
INSERT INTO cost_line (source_file_id, source_row, ProviderName, BillingAccountId, SubAccountId, ResourceId, Tags,
                       ServiceName, BillingCurrency, BilledCost, EffectiveCost, ChargePeriodStart)
VALUES
 (1, 1, 'AWS', 'B1', 'S1', 'r1', '{"app": "pay", "owner": "a@x"}', 'EC2', 'USD', 10.123456789, 9.5, '2026-11-03'),
 (1, 2, 'AWS', 'B1', 'S1', 'r1', '{"app": "pay", "owner": "a@x"}', 'EC2', 'USD', 5.000000001, 5, '2026-11-04'),
 (1, 3, 'AWS', 'B1', 'S1', 'r2', '{"owner": "b@x"}', 'S3', 'USD', 20, 20, '2026-11-05'),
 (1, 4, 'AWS', 'B1', 'S1', NULL, NULL, 'Support', 'USD', 7.25, 7.25, '2026-11-01 00:00:00'),
 (1, 5, 'Azure', 'BA', NULL, 'r3', '{"App": "crm", "Owner-Email": "  "}', 'VM', 'EUR', 100, 90, '2026-11-30 23:59:59'),
 (1, 6, 'AWS', 'B1', 'S1', 'r1', '{"app": "pay"}', 'EC2', 'USD', 1000, 1000, '2026-10-31 23:59:59'),
 (1, 7, 'AWS', 'B1', 'S1', 'r2', '{"app": "pay", "owner": "b@x"}', 'S3', 'USD', 3, 3, '2026-11-20'),
 (1, 8, 'AWS', 'B1', 'S1', 'r9', '{"app": "pay", "owner": "b@x"}', 'S3', 'USD', 1, 1, '2026-12-01 00:00:00')
)");
        // What the enrich stage would decide, per distinct key: EC2 and S3 mapped, Support and VM not.
        connection_.Execute(R"(
INSERT INTO enrichment_key (ProviderName, BillingAccountId, SubAccountId, ResourceId, ResourceName, Tags,
                            ServiceCategory, ServiceSubcategory, ServiceName, SkuId, ResourceType)
SELECT DISTINCT ProviderName, BillingAccountId, SubAccountId, ResourceId, ResourceName, Tags::VARCHAR,
       ServiceCategory, ServiceSubcategory, ServiceName, SkuId, ResourceType FROM cost_line;
INSERT INTO cost_dimension (key_id, ProviderName, BillingAccountId, SubAccountId, ResourceId, ResourceName, Tags,
                            ServiceCategory, ServiceSubcategory, ServiceName, SkuId, ResourceType, application,
                            cost_center, cost_pool, tower, sub_tower)
SELECT key_id, ProviderName, BillingAccountId, SubAccountId, ResourceId, ResourceName, Tags, ServiceCategory,
       ServiceSubcategory, ServiceName, SkuId, ResourceType,
       CASE ServiceName WHEN 'EC2' THEN 'APP-PAY' END,
       CASE ServiceName WHEN 'EC2' THEN 'CC-1' WHEN 'S3' THEN 'CC-2' END,
       'Outside Services',
       CASE ServiceName WHEN 'EC2' THEN 'Compute' ELSE 'Storage' END,
       CASE ServiceName WHEN 'EC2' THEN 'Virtual Compute' END
FROM enrichment_key WHERE ServiceName IN ('EC2', 'S3');
)");
        tag_rules_ = rules::ParseTagRules("rules/tags.yaml", kTagRules);
    }

    // Fills tag_set as the pipeline does.
    void EvaluateTagRules() {
        rules::RuleSet set;
        set.tags = tag_rules_;
        set.sha256 = "test";
        store::Transaction transaction(connection_);
        (void)rules::EvaluateRules(transaction, set);
        transaction.Commit();
    }

    // The rows of `table` as maps of column name to value, for readable expectations.
    static std::vector<std::map<std::string, std::string>> Rows(const ReportTable& table,
                                                                const std::vector<ReportRow>& rows) {
        std::vector<std::map<std::string, std::string>> out;
        for (const ReportRow& row : rows) {
            auto& line = out.emplace_back();
            for (size_t c = 0; c < row.size(); ++c) {
                line[table.columns[c].name] = row[c].value_or("NULL");
            }
        }
        return out;
    }

    store::Database database_ = store::Database::OpenInMemory();
    store::Connection connection_{database_};
    rules::TagRules tag_rules_;
};

using Row = std::map<std::string, std::string>;

TEST_F(ReportsTest, TagsCountsResourcesAndCostPerKeyProviderAccountWorstFirst) {
    EvaluateTagRules();
    const ReportTable table = TagComplianceReport(connection_, TagComplianceOptions{Period{2026, 11}, tag_rules_});
    EXPECT_EQ(table.title, "tag compliance of the required keys (application, owner), period 2026-11");
    // r2 has one line without application (20.00) and one with (3.00): the resource is not compliant, 3.00
    // of its cost is. The Support line has no ResourceId and cannot be tagged: left out. Azure's owner is blank.
    // Azure has no SubAccountId, so its account is the billing account.
    const std::vector<Row> expected = {
        {{"key", "owner"},
         {"provider", "Azure"},
         {"account", "BA"},
         {"currency", "EUR"},
         {"resources", "1"},
         {"resources_compliant", "0"},
         {"cost", "100.00000000"},
         {"cost_compliant", "0.00000000"},
         {"cost_compliant_pct", "0.00"}},
        {{"key", "application"},
         {"provider", "AWS"},
         {"account", "S1"},
         {"currency", "USD"},
         {"resources", "2"},
         {"resources_compliant", "1"},
         {"cost", "38.12345679"},
         {"cost_compliant", "18.12345679"},
         {"cost_compliant_pct", "47.54"}},
        {{"key", "application"},
         {"provider", "Azure"},
         {"account", "BA"},
         {"currency", "EUR"},
         {"resources", "1"},
         {"resources_compliant", "1"},
         {"cost", "100.00000000"},
         {"cost_compliant", "100.00000000"},
         {"cost_compliant_pct", "100.00"}},
        {{"key", "owner"},
         {"provider", "AWS"},
         {"account", "S1"},
         {"currency", "USD"},
         {"resources", "2"},
         {"resources_compliant", "2"},
         {"cost", "38.12345679"},
         {"cost_compliant", "38.12345679"},
         {"cost_compliant_pct", "100.00"}},
    };
    EXPECT_EQ(Rows(table, table.rows), expected);
    EXPECT_TRUE(table.totals.empty());
}

TEST_F(ReportsTest, TagsWithoutAPipelineRunEvaluatesTheRulesOnTheFlyAlike) {
    const ReportTable before = TagComplianceReport(connection_, TagComplianceOptions{Period{2026, 11}, tag_rules_});
    EvaluateTagRules();
    const ReportTable after = TagComplianceReport(connection_, TagComplianceOptions{Period{2026, 11}, tag_rules_});
    EXPECT_EQ(before.rows, after.rows);
    EXPECT_EQ(before.rows.size(), 4U);
}

TEST_F(ReportsTest, TagsWithoutRequiredKeysSaysToAddThem) {
    rules::TagRules none;
    try {
        (void)TagComplianceReport(connection_, TagComplianceOptions{std::nullopt, none});
        FAIL() << "accepted";
    } catch (const Error& error) {
        EXPECT_EQ(error.Kind(), ErrorKind::kInvalidInput);
        EXPECT_NE(std::string(error.what()).find("add 'required: [application, owner, ...]' to rules/tags.yaml"),
                  std::string::npos)
            << error.what();
    }
}

TEST_F(ReportsTest, TheDefaultPeriodIsTheLatestMonthWithCostLines) {
    const ReportTable table = TaxonomyReport(connection_, PeriodOptions{});
    EXPECT_EQ(table.title, "cost by TBM cost pool, tower and sub-tower, period 2026-12 (the latest month with cost "
                           "lines)");
    ASSERT_EQ(table.rows.size(), 1U);
    EXPECT_EQ(table.rows[0][table.ColumnIndex("billed_cost")], "1.00");
}

TEST_F(ReportsTest, ReportsOnAnEmptyStoreWithoutAPeriodSayNothingIsLoaded) {
    connection_.Execute("DELETE FROM cost_line");
    try {
        (void)UnmappedReport(connection_, PeriodOptions{});
        FAIL() << "accepted";
    } catch (const Error& error) {
        EXPECT_EQ(error.Kind(), ErrorKind::kNotFound);
        EXPECT_NE(std::string(error.what()).find("no cost lines are loaded"), std::string::npos) << error.what();
    }
    EXPECT_TRUE(UnmappedReport(connection_, PeriodOptions{Period{2026, 11}}).rows.empty());
}

TEST_F(ReportsTest, UnmappedListsCostWithoutTowerApplicationOrCostCenterLargestFirst) {
    const ReportTable table = UnmappedReport(connection_, PeriodOptions{Period{2026, 11}});
    auto row = [](const char* dimension, const char* provider, const char* service, const char* currency,
                  const char* resources, const char* cost) {
        return Row{{"dimension", dimension}, {"provider", provider},   {"service_name", service},
                   {"currency", currency},   {"resources", resources}, {"cost", cost}};
    };
    const std::vector<Row> expected = {
        row("application", "Azure", "VM", "EUR", "1", "100.00"),
        row("cost_center", "Azure", "VM", "EUR", "1", "100.00"),
        row("tower", "Azure", "VM", "EUR", "1", "100.00"),
        row("application", "AWS", "S3", "USD", "1", "23.00"),
        row("application", "AWS", "Support", "USD", "0", "7.25"),
        row("cost_center", "AWS", "Support", "USD", "0", "7.25"),
        row("tower", "AWS", "Support", "USD", "0", "7.25"),
    };
    EXPECT_EQ(Rows(table, table.rows), expected);
}

TEST_F(ReportsTest, TaxonomyKeepsUnmappedCostAsARowAndTotalsEqualBilledCostPerCurrency) {
    const ReportTable table = TaxonomyReport(connection_, PeriodOptions{Period{2026, 11}});
    auto row = [](const char* pool, const char* tower, const char* sub, const char* currency, const char* billed,
                  const char* effective) {
        return Row{{"cost_pool", pool},    {"tower", tower},        {"sub_tower", sub},
                   {"currency", currency}, {"billed_cost", billed}, {"effective_cost", effective}};
    };
    EXPECT_EQ(Rows(table, table.rows),
              (std::vector<Row>{
                  row("NULL", "NULL", "NULL", "EUR", "100.00000000", "90.00"),
                  row("Outside Services", "Compute", "Virtual Compute", "USD", "15.12345679", "14.50"),
                  row("Outside Services", "Storage", "NULL", "USD", "23.00000000", "23.00"),
                  row("NULL", "NULL", "NULL", "USD", "7.25000000", "7.25"),
              }));
    EXPECT_EQ(Rows(table, table.totals), (std::vector<Row>{
                                             row("total", "NULL", "NULL", "EUR", "100.00000000", "90.00"),
                                             row("total", "NULL", "NULL", "USD", "45.37345679", "44.75"),
                                         }));
    // Conservation: per currency, the rows add up to the period's billed cost exactly.
    std::map<std::string, Decimal> sums;
    for (const ReportRow& line : table.rows) {
        const std::string currency = *line[table.ColumnIndex("currency")];
        const Decimal billed = Decimal::Parse(*line[table.ColumnIndex("billed_cost")]);
        sums[currency] = sums.count(currency) != 0 ? sums[currency] + billed : billed;
    }
    store::Result billed = connection_.Query(
        "SELECT BillingCurrency, sum(BilledCost)::VARCHAR FROM cost_line WHERE ChargePeriodStart >= '2026-11-01' "
        "AND ChargePeriodStart < '2026-12-01' GROUP BY 1 ORDER BY 1");
    size_t currencies = 0;
    while (auto chunk = billed.NextChunk()) {
        for (uint64_t r = 0; r < chunk->Size(); ++r) {
            const std::string currency(chunk->Column(0).String(r));
            EXPECT_EQ(sums.at(currency), Decimal::Parse(chunk->Column(1).String(r))) << currency;
            ++currencies;
        }
    }
    EXPECT_EQ(currencies, 2U);
}

TEST(ReportCatalogTest, FindsReportsByNameAndSuggestsTheNearestForATypo) {
    EXPECT_EQ(FindReport("taxonomy").name, "taxonomy");
    try {
        (void)FindReport("tag");
        FAIL() << "accepted";
    } catch (const Error& error) {
        EXPECT_EQ(error.Kind(), ErrorKind::kInvalidInput);
        EXPECT_STREQ(error.what(),
                     "unknown report 'tag' (did you mean 'tags'?); the reports are: tags, unmapped, "
                     "taxonomy, chargeback, showback, prepaid, license-position, license-findings, "
                     "renewals, reconcile-ledger, reconcile-inventory, vendor-spend, depreciation, "
                     "depreciation-schedule, tco, tco-services, tco-explain, unit-cost, forecast, anomalies, budget, "
                     "commitments, kpis, maturity, policy, lines");
    }
}

} // namespace
} // namespace crosswalk::report
