// `report commitments` on the FOCUS specification's commitment examples (shared/data/focus-samples/spec-examples,
// loaded as they are into cost_line) and on a hand-built provider commitment, each figure computed by hand.
#include <map>
#include <string>

#include <gtest/gtest.h>

#include "crosswalk/model/migrator.hpp"
#include "crosswalk/report/reports.hpp"

#include "support/store_fixture.hpp"

namespace crosswalk::report {
namespace {

using Rows = std::map<std::string, std::map<std::string, std::string>>;

class CommitmentsReportTest : public testing::StoreTest {
protected:
    CommitmentsReportTest() { model::Migrate(connection_); }

    // One spec example as its rows: the columns cost_line has (x_ columns and the misspelt SkuPriceid are not
    // FOCUS columns). The examples show no negotiated rate, so ContractedCost is their ListCost, and no
    // BillingCurrency: their amounts are USD (CommitmentDiscountUnit of the spend examples).
    void LoadExample(const std::string& name) {
        const std::string path = std::string(CROSSWALK_SHARED_DATA_DIR) + "/focus-samples/spec-examples/" + name;
        connection_.Execute("INSERT INTO cost_line BY NAME SELECT COLUMNS(c -> NOT starts_with(c, 'x_') AND c <> "
                            "'SkuPriceid'), 1 AS source_file_id, row_number() OVER () AS source_row FROM read_csv('" +
                            path + "', nullstr = 'null', header = true)");
        connection_.Execute("UPDATE cost_line SET ContractedCost = ListCost, BillingCurrency = 'USD'");
    }

    // Rows by kind and commitment_id (or publisher), the totals as "total CURRENCY".
    Rows Report(const std::string& month) {
        const ReportTable table = CommitmentsReport(connection_, CommitmentsOptions{Period::Parse(month), {}});
        Rows rows;
        for (const auto* lines : {&table.rows, &table.totals}) {
            for (const ReportRow& row : *lines) {
                std::string key = "total " + row.back().value_or("");
                if (lines == &table.rows) {
                    key = *row[0] + " " + *row[1] + (*row[0] == "marketplace" ? " " + *row[2] : "");
                }
                for (size_t c = 0; c < table.columns.size(); ++c) {
                    rows[key][table.columns[c].name] = row[c].value_or("NULL");
                }
            }
        }
        return rows;
    }
};

constexpr const char* kId = "commitment_discount <my-commitment-discount-id>";

// commitment_discount_usage_scenario_3: 0.75 of an hour's commitment used, 0.25 unused.
TEST_F(CommitmentsReportTest, UsedAndUnusedMakeTheUtilization) {
    LoadExample("commitment_discount_usage_scenario_3.csv");
    Rows rows = Report("2023-01");
    ASSERT_EQ(rows.size(), 2U);
    EXPECT_EQ(rows[kId]["used"], "0.75");
    EXPECT_EQ(rows[kId]["unused"], "0.25");
    EXPECT_EQ(rows[kId]["commitment_cost"], "1.00");
    EXPECT_EQ(rows[kId]["utilization_pct"], "75.00");
}

// one_hundred_percent_utilization_with_commitment_discount_flexibility_with_2_resources: a 4.00 (list) commitment
// bought for 2.00, used by two medium VMs listed at 2.00 each, whose EffectiveCost is 1.00 each. Savings vs
// list: 4.00 - 2.00; the VMs are all the eligible usage, so coverage is 100 % and the ESR 2.00 / 4.00.
TEST_F(CommitmentsReportTest, FullUtilizationWithFlexibilitySavesHalfTheList) {
    LoadExample("one_hundred_percent_utilization_with_commitment_discount_flexibility_with_2_resources.csv");
    Rows rows = Report("2023-01");
    EXPECT_EQ(rows[kId]["used"], "2.00");
    EXPECT_EQ(rows[kId]["unused"], "0.00");
    EXPECT_EQ(rows[kId]["utilization_pct"], "100.00");
    EXPECT_EQ(rows[kId]["covered_contracted"], "4.00");
    EXPECT_EQ(rows[kId]["eligible_contracted"], "4.00");
    EXPECT_EQ(rows[kId]["coverage_pct"], "100.00");
    EXPECT_EQ(rows[kId]["savings_vs_list"], "2.00");
    EXPECT_EQ(rows[kId]["esr_pct"], "50.00");
    EXPECT_EQ(rows[kId]["esr_list_pct"], "50.00");
    EXPECT_EQ(rows["total USD"]["esr_pct"], "50.00");
}

// zero_percent_utilization_without_commitment_discount_flexibility: the large VM's commitment (1.50 an hour)
// goes unused while a medium VM runs on demand at 2.00 (an hour, the same unit): nothing covered, 1.50 lost, so
// the savings are -1.50 and the ESR over the 2.00 eligible is -75 %.
TEST_F(CommitmentsReportTest, AnUnusedCommitmentIsANegativeSaving) {
    LoadExample("zero_percent_utilization_without_commitment_discount_flexibility.csv");
    Rows rows = Report("2023-01");
    EXPECT_EQ(rows[kId]["used"], "0.00");
    EXPECT_EQ(rows[kId]["unused"], "1.50");
    EXPECT_EQ(rows[kId]["utilization_pct"], "0.00");
    EXPECT_EQ(rows[kId]["eligible_contracted"], "2.00");
    EXPECT_EQ(rows[kId]["coverage_pct"], "0.00");
    EXPECT_EQ(rows[kId]["savings_vs_list"], "-1.50");
    EXPECT_EQ(rows[kId]["esr_pct"], "-75.00");
}

// A provider commitment of 3,650 over 365 days, the bill loaded from 1 February: by the end of March 59 days of
// it are on the straight line (590.00). The provider's own spend (400) and a marketplace purchase (100) count;
// another currency and a month after do not. A commitment discount's lines in the same bill are unaffected.
TEST_F(CommitmentsReportTest, AProviderCommitmentIsDrawnByItsProvidersSpendWithTheMarketplaceApart) {
    connection_.Execute(R"(
INSERT INTO contract (contract_id, name, vendor, contract_type, start_date, end_date, total_value, currency,
                      payment_schedule, cloud_provider)
VALUES ('MACC', 'Azure commitment', 'Microsoft', 'cloud_commitment', '2026-01-01', '2026-12-31', 3650, 'USD',
        'prepaid', 'Microsoft');
INSERT INTO cost_line (source_file_id, source_row, ProviderName, PublisherName, ChargeCategory, BillingCurrency,
                       BilledCost, EffectiveCost, ChargePeriodStart)
VALUES (1, 1, 'Microsoft', 'Microsoft', 'Usage', 'USD', 250, 250, '2026-02-03'),
       (1, 2, 'Microsoft', 'Microsoft', 'Usage', 'USD', 150, 150, '2026-03-03'),
       (1, 3, 'Microsoft', 'Twilio SendGrid', 'Purchase', 'USD', 100, 100, '2026-03-01'),
       (1, 4, 'Microsoft', 'Microsoft', 'Usage', 'EUR', 70, 70, '2026-03-03'),
       (1, 5, 'Microsoft', 'Microsoft', 'Usage', 'USD', 999, 999, '2026-04-03'),
       (1, 6, 'AWS', 'AWS', 'Usage', 'USD', 500, 500, '2026-03-03');
)");
    Rows rows = Report("2026-03");
    auto& macc = rows["provider_commitment MACC"];
    EXPECT_EQ(macc["counted_from"], "2026-02-01");
    EXPECT_EQ(macc["used"], "400.00");
    EXPECT_EQ(macc["marketplace"], "100.00");
    EXPECT_EQ(macc["unused"], "3150.00");
    EXPECT_EQ(macc["straight_line_to_date"], "590.00");
    EXPECT_EQ(macc["utilization_pct"], "84.75"); // 500 / 590
    EXPECT_EQ(rows["marketplace MACC Twilio SendGrid"]["used"], "100.00");
    EXPECT_EQ(rows.count("total USD"), 0U) << "no commitment discount, no totals";
}

} // namespace
} // namespace crosswalk::report
