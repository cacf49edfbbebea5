// Vendor spend on a hand-built store: a provider's own services and a marketplace publisher it sells for, a
// contract spread over its days, licenses bought outside any contract, the ledger, and what is left out so
// that nothing counts twice (a cloud commitment, a prepaid contract the bill draws, an entitlement bought under
// a contract).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "crosswalk/model/migrator.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/store/connection.hpp"
#include "crosswalk/store/database.hpp"

namespace crosswalk::report {
namespace {

TEST(VendorSpendTest, EachSourceOnceUnderOneVendorName) {
    store::Database database = store::Database::OpenInMemory();
    store::Connection connection(database);
    model::Migrate(connection);
    connection.Execute(R"(
INSERT INTO cost_line (source_file_id, source_row, ProviderName, PublisherName, CommitmentDiscountId,
                       ChargePeriodStart, BillingCurrency, BilledCost, EffectiveCost) VALUES
    (1, 1, 'AWS', 'AWS', NULL, '2026-02-03', 'USD', 100, 100),
    (1, 2, 'Microsoft', 'Microsoft', NULL, '2026-02-03', 'USD', 50, 50),
    (1, 3, 'Microsoft', 'Twilio SendGrid', NULL, '2026-02-03', 'USD', 5, 5),
    (1, 4, 'Datadog', 'Datadog', 'CTR-DD', '2026-02-03', 'USD', 0, 12),
    (1, 5, 'AWS', 'AWS', NULL, '2026-03-03', 'USD', 999, 999);
INSERT INTO contract (contract_id, name, vendor, contract_type, start_date, end_date, total_value, currency,
                      payment_schedule, cloud_provider) VALUES
    ('CTR-ORA', 'Oracle support', 'Oracle Corporation', 'maintenance', '2026-01-01', '2026-12-31', 365, 'USD',
     'annual', NULL),
    ('CTR-EDP', 'AWS EDP', 'Amazon Web Services', 'cloud_commitment', '2025-01-01', '2027-12-31', 3000000, 'USD',
     'monthly', 'AWS'),
    ('CTR-DD', 'Datadog credits', 'Datadog, Inc.', 'saas', '2026-01-01', '2026-12-31', 120000, 'USD', 'prepaid', NULL);
INSERT INTO entitlement (entitlement_id, publisher, product, quantity, unit_cost, currency, purchase_date,
                         contract_id) VALUES
    ('E-1', 'Red Hat, Inc.', 'RHEL', 10, 20, 'USD', '2026-02-10', NULL),
    ('E-2', 'Oracle', 'Oracle Database', 2, 47500, 'USD', '2026-02-11', 'CTR-ORA');
INSERT INTO ledger_line (entry_id, posting_period, account, vendor, amount, currency) VALUES
    ('JE-1', '2026-02-01', '6410', 'Amazon Web Services, Inc.', 90, 'USD'),
    ('JE-2', '2026-02-01', '6150', 'Globant S.A.', 1000, 'USD'),
    ('JE-3', '2026-02-01', '6150', 'Globant', 500, 'USD');
)");
    const ReportTable table = VendorSpendReport(connection, {Period::Parse("2026-02"), std::nullopt, {}});
    EXPECT_EQ(table.title, "spend per vendor, period 2026-02");
    std::string text;
    for (const ReportRow& row : table.rows) {
        for (const char* name :
             {"vendor", "cloud", "marketplace", "licenses", "contracts", "ledger", "spend", "basis", "names"}) {
            text += row[table.ColumnIndex(name)].value_or("-") + (std::string(name) == "names" ? "\n" : "|");
        }
    }
    EXPECT_EQ(text, "Globant|-|-|-|-|1500.00|1500.00|ledger|Globant; Globant S.A.\n"
                    "Red Hat|-|-|200.00|-|-|200.00|licenses|Red Hat, Inc.\n"
                    "AWS|100.00|-|-|-|90.00|100.00|cloud|AWS; Amazon Web Services; Amazon Web Services, Inc.\n"
                    "Microsoft|50.00|-|-|-|-|50.00|cloud|Microsoft\n"
                    "Oracle|-|-|-|28.00|-|28.00|contracts|Oracle; Oracle Corporation\n"
                    "Twilio SendGrid|-|5.00|-|-|-|5.00|marketplace|Twilio SendGrid\n"
                    "Datadog|0.00|-|-|-|-|0.00|cloud|Datadog; Datadog, Inc.\n");
    const ReportTable year = VendorSpendReport(connection, {std::nullopt, 2026, {}});
    // The bill reaches March: the year to date, so the contract's January to March (90 of its 365 days).
    EXPECT_EQ(year.title, "spend per vendor, year 2026 to 2026-03 (the bill's latest month)");
    ASSERT_EQ(year.totals.size(), 1U);
    EXPECT_EQ(year.totals.front()[year.ColumnIndex("contracts")], "90.00");
    EXPECT_EQ(VendorSpendReport(connection, {std::nullopt, 2025, {}}).title, "spend per vendor, year 2025");
    EXPECT_THROW((void)VendorSpendReport(connection, {Period::Parse("2026-02"), 2026, {}}), Error);
}

} // namespace
} // namespace crosswalk::report
