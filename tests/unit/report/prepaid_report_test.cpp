// `report prepaid` on a hand-built store: a year of credits straight-lined by month, a 90-day term from the 15th
// straight-lined by day, draws and purchases that name the contract (a purchase before the term, a monthly
// line from the 1st of its first month), and what must not count (another currency, a later month, a draw
// before the term, a cloud spend commitment, a contract whose term is over, a line naming no contract).
#include <map>

#include <gtest/gtest.h>

#include "crosswalk/model/migrator.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/store/connection.hpp"
#include "crosswalk/store/database.hpp"

namespace crosswalk::report {
namespace {

// A column shows every value exactly with one scale: the draw of 90.005 gives drawn_to_date three decimals.
class PrepaidReportTest : public ::testing::Test {
protected:
    PrepaidReportTest() {
        model::Migrate(connection_);
        connection_.Execute(R"(
INSERT INTO contract (contract_id, name, vendor, contract_type, start_date, end_date, total_value, currency,
                      payment_schedule, cloud_provider)
VALUES ('YEAR', 'Monitoring credits', 'Datadog', 'saas', '2026-01-01', '2026-12-31', 1200, 'USD', 'prepaid', NULL),
       ('DAYS', 'Data credits', 'Snowflake', 'saas', '2026-01-15', '2026-04-14', 900, 'EUR', 'prepaid', NULL),
       ('MACC', 'Azure commitment', 'Microsoft', 'cloud_commitment', '2026-01-01', '2028-12-31', 9000, 'USD',
        'prepaid', 'Microsoft'),
       ('OVER', 'Old credits', 'Datadog', 'saas', '2025-01-01', '2025-12-31', 100, 'USD', 'prepaid', NULL),
       ('SEAT', 'Seats', 'Atlassian', 'license', '2026-01-01', '2026-12-31', 500, 'USD', 'annual', NULL);
INSERT INTO cost_line (source_file_id, source_row, ProviderName, ChargeCategory, CommitmentDiscountId,
                       BillingCurrency, BilledCost, EffectiveCost, ChargePeriodStart, ChargePeriodEnd)
VALUES (1, 1, 'Datadog', 'Purchase', 'YEAR', 'USD', 1200, 0, '2026-01-01', NULL),
       (1, 2, 'Datadog', 'Usage', 'YEAR', 'USD', 0, 90.005, '2026-01-01', NULL),
       (1, 3, 'Datadog', 'Usage', 'YEAR', 'USD', 0, 130, '2026-02-01', NULL),
       (1, 4, 'Datadog', 'Usage', 'YEAR', 'EUR', 0, 5, '2026-02-01', NULL),
       (1, 5, 'Datadog', 'Usage', 'YEAR', 'USD', 0, 300, '2026-03-01', NULL),
       (1, 6, 'Datadog', 'Usage', NULL, 'USD', 0, 7, '2026-02-01', NULL),
       (1, 7, 'Snowflake', 'Usage', 'DAYS', 'EUR', 0, 460, '2026-02-10', '2026-02-11'),
       (1, 8, 'Microsoft', 'Usage', 'MACC', 'USD', 40, 40, '2026-02-10', NULL),
       -- bought before the term, a monthly draw from the 1st of its first month, a draw before it started
       (1, 9, 'Snowflake', 'Purchase', 'DAYS', 'EUR', 900, 0, '2026-01-05', '2026-01-06'),
       (1, 10, 'Snowflake', 'Usage', 'DAYS', 'EUR', 0, 40, '2026-01-01', '2026-02-01'),
       (1, 11, 'Snowflake', 'Usage', 'DAYS', 'EUR', 0, 1000, '2026-01-01', '2026-01-02');
)");
    }

    std::map<std::string, std::map<std::string, std::string>> Report(const std::string& month) {
        const ReportTable table = PrepaidReport(connection_, PeriodOptions{Period::Parse(month)});
        std::map<std::string, std::map<std::string, std::string>> rows;
        for (const auto* lines : {&table.rows, &table.totals}) {
            for (const ReportRow& row : *lines) {
                auto& named = rows[*row[0] + (lines == &table.totals ? " " + row.back().value_or("") : "")];
                for (size_t c = 0; c < table.columns.size(); ++c) {
                    named[table.columns[c].name] = row[c].value_or("NULL");
                }
            }
        }
        return rows;
    }

    store::Database database_ = store::Database::OpenInMemory();
    store::Connection connection_{database_};
};

TEST_F(PrepaidReportTest, AYearOfCreditsIsStraightLinedByMonth) {
    auto rows = Report("2026-02");
    ASSERT_EQ(rows.size(), 4U) << "YEAR, DAYS and a totals row per currency";
    auto& year = rows.at("YEAR");
    EXPECT_EQ(year["term_elapsed"], "2 of 12 months");
    EXPECT_EQ(year["prepaid"], "1200.00");
    EXPECT_EQ(year["paid_to_date"], "1200.00");
    EXPECT_EQ(year["drawn"], "130.00");
    EXPECT_EQ(year["drawn_to_date"], "220.005"); // not the EUR line, not March, not the line naming nothing
    EXPECT_EQ(year["straight_line_to_date"], "200.00");
    EXPECT_EQ(year["vs_straight_line"], "20.005");
    EXPECT_EQ(year["drawn_pct"], "18.33");
    EXPECT_EQ(year["remaining"], "979.995");
    EXPECT_EQ(year["projected_at_term_end"], "1320.03"); // rounded to the cent: 220.005 * 12 / 2
    EXPECT_EQ(year["projected_unused"], "-120.03");      // an overage at this rate
    EXPECT_EQ(year["start_date"], "2026-01-01");
    EXPECT_EQ(rows.at("total USD")["drawn_to_date"], "220.005");
}

TEST_F(PrepaidReportTest, ATermOfPartMonthsIsStraightLinedByDay) {
    auto rows = Report("2026-02");
    auto& days = rows.at("DAYS");
    EXPECT_EQ(days["term_elapsed"], "45 of 90 days");
    EXPECT_EQ(days["straight_line_to_date"], "450.00");
    EXPECT_EQ(days["drawn_to_date"], "500.000");
    EXPECT_EQ(days["paid_to_date"], "900.00"); // bought on 5 January, before the term
    EXPECT_EQ(days["projected_at_term_end"], "1000.00");
    EXPECT_EQ(days["currency"], "EUR");
    // In May the term is over: it is no longer listed (April shows its final position). In January: the
    // monthly line from the 1st counts for a term from the 15th, the day before the term does not.
    EXPECT_FALSE(Report("2026-05").contains("DAYS"));
    EXPECT_EQ(Report("2026-04").at("DAYS")["term_elapsed"], "90 of 90 days");
    auto january = Report("2026-01").at("DAYS");
    EXPECT_EQ(january["term_elapsed"], "17 of 90 days");
    EXPECT_EQ(january["drawn"], "40.000");
    EXPECT_EQ(january["drawn_to_date"], "40.000");
}

} // namespace
} // namespace crosswalk::report
